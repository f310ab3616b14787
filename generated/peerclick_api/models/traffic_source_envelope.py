from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.traffic_source import TrafficSource


T = TypeVar("T", bound="TrafficSourceEnvelope")


@_attrs_define
class TrafficSourceEnvelope:
    """{"description": "Success", "trafficSource": {...}}

    Attributes:
        description (str | Unset):  Example: Success.
        status (int | Unset):  Example: 200.
        traffic_source (TrafficSource | Unset): A traffic source as the API returns it. A traffic channel that sends
            visitors to campaigns.
    """

    description: str | Unset = UNSET
    status: int | Unset = UNSET
    traffic_source: TrafficSource | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        status = self.status

        traffic_source: dict[str, Any] | Unset = UNSET
        if not isinstance(self.traffic_source, Unset):
            traffic_source = self.traffic_source.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if description is not UNSET:
            field_dict["description"] = description
        if status is not UNSET:
            field_dict["status"] = status
        if traffic_source is not UNSET:
            field_dict["trafficSource"] = traffic_source

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.traffic_source import TrafficSource  # noqa: PLC0415

        d = dict(src_dict)
        description = d.pop("description", UNSET)

        status = d.pop("status", UNSET)

        _traffic_source = d.pop("trafficSource", UNSET)
        traffic_source: TrafficSource | Unset
        if isinstance(_traffic_source, Unset):
            traffic_source = UNSET
        else:
            traffic_source = TrafficSource.from_dict(_traffic_source)

        traffic_source_envelope = cls(
            description=description,
            status=status,
            traffic_source=traffic_source,
        )

        traffic_source_envelope.additional_properties = d
        return traffic_source_envelope

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
