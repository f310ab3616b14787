from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.traffic_source import TrafficSource


T = TypeVar("T", bound="TrafficSourceList")


@_attrs_define
class TrafficSourceList:
    """List wrapper under the plural key trafficSources.

    Attributes:
        description (str | Unset):  Example: Success.
        traffic_sources (list[TrafficSource] | Unset):
    """

    description: str | Unset = UNSET
    traffic_sources: list[TrafficSource] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        traffic_sources: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.traffic_sources, Unset):
            traffic_sources = []
            for traffic_sources_item_data in self.traffic_sources:
                traffic_sources_item = traffic_sources_item_data.to_dict()
                traffic_sources.append(traffic_sources_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if description is not UNSET:
            field_dict["description"] = description
        if traffic_sources is not UNSET:
            field_dict["trafficSources"] = traffic_sources

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.traffic_source import TrafficSource  # noqa: PLC0415

        d = dict(src_dict)
        description = d.pop("description", UNSET)

        _traffic_sources = d.pop("trafficSources", UNSET)
        traffic_sources: list[TrafficSource] | Unset = UNSET
        if _traffic_sources is not UNSET:
            traffic_sources = []
            for traffic_sources_item_data in _traffic_sources:
                traffic_sources_item = TrafficSource.from_dict(
                    traffic_sources_item_data
                )

                traffic_sources.append(traffic_sources_item)

        traffic_source_list = cls(
            description=description,
            traffic_sources=traffic_sources,
        )

        traffic_source_list.additional_properties = d
        return traffic_source_list

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
