from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ColumnMapping")


@_attrs_define
class ColumnMapping:
    """
    Attributes:
        key (str | Unset):
        label (str | Unset):
        type_ (str | Unset):
        can_group_by (bool | Unset):
        can_be_restricted (bool | Unset):
    """

    key: str | Unset = UNSET
    label: str | Unset = UNSET
    type_: str | Unset = UNSET
    can_group_by: bool | Unset = UNSET
    can_be_restricted: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        label = self.label

        type_ = self.type_

        can_group_by = self.can_group_by

        can_be_restricted = self.can_be_restricted

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if key is not UNSET:
            field_dict["key"] = key
        if label is not UNSET:
            field_dict["label"] = label
        if type_ is not UNSET:
            field_dict["type"] = type_
        if can_group_by is not UNSET:
            field_dict["canGroupBy"] = can_group_by
        if can_be_restricted is not UNSET:
            field_dict["canBeRestricted"] = can_be_restricted

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key", UNSET)

        label = d.pop("label", UNSET)

        type_ = d.pop("type", UNSET)

        can_group_by = d.pop("canGroupBy", UNSET)

        can_be_restricted = d.pop("canBeRestricted", UNSET)

        column_mapping = cls(
            key=key,
            label=label,
            type_=type_,
            can_group_by=can_group_by,
            can_be_restricted=can_be_restricted,
        )

        column_mapping.additional_properties = d
        return column_mapping

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
