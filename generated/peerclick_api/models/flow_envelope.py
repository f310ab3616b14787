from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.flow import Flow


T = TypeVar("T", bound="FlowEnvelope")


@_attrs_define
class FlowEnvelope:
    """{"description": "Success", "flow": {...}}

    Attributes:
        description (str | Unset):  Example: Success.
        status (int | Unset):  Example: 200.
        flow (Flow | Unset): A flow as the API returns it. A reusable destination that campaigns point to.
    """

    description: str | Unset = UNSET
    status: int | Unset = UNSET
    flow: Flow | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        status = self.status

        flow: dict[str, Any] | Unset = UNSET
        if not isinstance(self.flow, Unset):
            flow = self.flow.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if description is not UNSET:
            field_dict["description"] = description
        if status is not UNSET:
            field_dict["status"] = status
        if flow is not UNSET:
            field_dict["flow"] = flow

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.flow import Flow  # noqa: PLC0415

        d = dict(src_dict)
        description = d.pop("description", UNSET)

        status = d.pop("status", UNSET)

        _flow = d.pop("flow", UNSET)
        flow: Flow | Unset
        if isinstance(_flow, Unset):
            flow = UNSET
        else:
            flow = Flow.from_dict(_flow)

        flow_envelope = cls(
            description=description,
            status=status,
            flow=flow,
        )

        flow_envelope.additional_properties = d
        return flow_envelope

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
