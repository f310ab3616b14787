from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.weighted_ref import WeightedRef


T = TypeVar("T", bound="Path")


@_attrs_define
class Path:
    """A weighted route to offers, optionally through landers.

    Attributes:
        name (str | Unset):
        active (bool | Unset):
        weight (int | Unset): Relative weight (100 seen).
        direct (int | Unset): 1 = direct linking (no lander), 0 = through landers.
        offers (list[WeightedRef] | Unset):
        landers (list[WeightedRef] | Unset):
    """

    name: str | Unset = UNSET
    active: bool | Unset = UNSET
    weight: int | Unset = UNSET
    direct: int | Unset = UNSET
    offers: list[WeightedRef] | Unset = UNSET
    landers: list[WeightedRef] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        active = self.active

        weight = self.weight

        direct = self.direct

        offers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.offers, Unset):
            offers = []
            for offers_item_data in self.offers:
                offers_item = offers_item_data.to_dict()
                offers.append(offers_item)

        landers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.landers, Unset):
            landers = []
            for landers_item_data in self.landers:
                landers_item = landers_item_data.to_dict()
                landers.append(landers_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if active is not UNSET:
            field_dict["active"] = active
        if weight is not UNSET:
            field_dict["weight"] = weight
        if direct is not UNSET:
            field_dict["direct"] = direct
        if offers is not UNSET:
            field_dict["offers"] = offers
        if landers is not UNSET:
            field_dict["landers"] = landers

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.weighted_ref import WeightedRef  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        active = d.pop("active", UNSET)

        weight = d.pop("weight", UNSET)

        direct = d.pop("direct", UNSET)

        _offers = d.pop("offers", UNSET)
        offers: list[WeightedRef] | Unset = UNSET
        if _offers is not UNSET:
            offers = []
            for offers_item_data in _offers:
                offers_item = WeightedRef.from_dict(offers_item_data)

                offers.append(offers_item)

        _landers = d.pop("landers", UNSET)
        landers: list[WeightedRef] | Unset = UNSET
        if _landers is not UNSET:
            landers = []
            for landers_item_data in _landers:
                landers_item = WeightedRef.from_dict(landers_item_data)

                landers.append(landers_item)

        path = cls(
            name=name,
            active=active,
            weight=weight,
            direct=direct,
            offers=offers,
            landers=landers,
        )

        path.additional_properties = d
        return path

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
