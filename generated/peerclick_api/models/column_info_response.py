from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.column_mapping import ColumnMapping


T = TypeVar("T", bound="ColumnInfoResponse")


@_attrs_define
class ColumnInfoResponse:
    """
    Attributes:
        column_mappings (list[ColumnMapping] | Unset):
    """

    column_mappings: list[ColumnMapping] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        column_mappings: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.column_mappings, Unset):
            column_mappings = []
            for column_mappings_item_data in self.column_mappings:
                column_mappings_item = column_mappings_item_data.to_dict()
                column_mappings.append(column_mappings_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if column_mappings is not UNSET:
            field_dict["columnMappings"] = column_mappings

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.column_mapping import ColumnMapping  # noqa: PLC0415

        d = dict(src_dict)
        _column_mappings = d.pop("columnMappings", UNSET)
        column_mappings: list[ColumnMapping] | Unset = UNSET
        if _column_mappings is not UNSET:
            column_mappings = []
            for column_mappings_item_data in _column_mappings:
                column_mappings_item = ColumnMapping.from_dict(
                    column_mappings_item_data
                )

                column_mappings.append(column_mappings_item)

        column_info_response = cls(
            column_mappings=column_mappings,
        )

        column_info_response.additional_properties = d
        return column_info_response

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
