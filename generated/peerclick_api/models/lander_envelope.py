from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.lander import Lander


T = TypeVar("T", bound="LanderEnvelope")


@_attrs_define
class LanderEnvelope:
    """{"description": "Success", "lander": {...}}

    Attributes:
        description (str | Unset):  Example: Success.
        status (int | Unset):  Example: 200.
        lander (Lander | Unset): A lander as the API returns it. A landing page shown before the offer; clicks count
            through its click URL.
    """

    description: str | Unset = UNSET
    status: int | Unset = UNSET
    lander: Lander | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        status = self.status

        lander: dict[str, Any] | Unset = UNSET
        if not isinstance(self.lander, Unset):
            lander = self.lander.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if description is not UNSET:
            field_dict["description"] = description
        if status is not UNSET:
            field_dict["status"] = status
        if lander is not UNSET:
            field_dict["lander"] = lander

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.lander import Lander  # noqa: PLC0415

        d = dict(src_dict)
        description = d.pop("description", UNSET)

        status = d.pop("status", UNSET)

        _lander = d.pop("lander", UNSET)
        lander: Lander | Unset
        if isinstance(_lander, Unset):
            lander = UNSET
        else:
            lander = Lander.from_dict(_lander)

        lander_envelope = cls(
            description=description,
            status=status,
            lander=lander,
        )

        lander_envelope.additional_properties = d
        return lander_envelope

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
