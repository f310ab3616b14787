from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConversionUploadResult")


@_attrs_define
class ConversionUploadResult:
    """
    Attributes:
        number_of_rows (int | Unset):  Example: 1.
        description (str | Unset):  Example: Success.
    """

    number_of_rows: int | Unset = UNSET
    description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        number_of_rows = self.number_of_rows

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if number_of_rows is not UNSET:
            field_dict["numberOfRows"] = number_of_rows
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        number_of_rows = d.pop("numberOfRows", UNSET)

        description = d.pop("description", UNSET)

        conversion_upload_result = cls(
            number_of_rows=number_of_rows,
            description=description,
        )

        conversion_upload_result.additional_properties = d
        return conversion_upload_result

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
