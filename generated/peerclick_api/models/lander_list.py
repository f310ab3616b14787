from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.lander import Lander


T = TypeVar("T", bound="LanderList")


@_attrs_define
class LanderList:
    """List wrapper under the plural key landers.

    Attributes:
        description (str | Unset):  Example: Success.
        landers (list[Lander] | Unset):
    """

    description: str | Unset = UNSET
    landers: list[Lander] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        landers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.landers, Unset):
            landers = []
            for landers_item_data in self.landers:
                landers_item = landers_item_data.to_dict()
                landers.append(landers_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if description is not UNSET:
            field_dict["description"] = description
        if landers is not UNSET:
            field_dict["landers"] = landers

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.lander import Lander  # noqa: PLC0415

        d = dict(src_dict)
        description = d.pop("description", UNSET)

        _landers = d.pop("landers", UNSET)
        landers: list[Lander] | Unset = UNSET
        if _landers is not UNSET:
            landers = []
            for landers_item_data in _landers:
                landers_item = Lander.from_dict(landers_item_data)

                landers.append(landers_item)

        lander_list = cls(
            description=description,
            landers=landers,
        )

        lander_list.additional_properties = d
        return lander_list

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
