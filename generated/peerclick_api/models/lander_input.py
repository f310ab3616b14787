from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.country import Country


T = TypeVar("T", bound="LanderInput")


@_attrs_define
class LanderInput:
    """Body to create or fully replace a lander.

    Attributes:
        name (str):
        url (str):  Example: https://lander.example.com/.
        workspace_id (int | Unset): Workspace; 1 seen. Example: 1.
        number_of_offers (int | Unset):
        country (Country | Unset):
        tags (list[str] | Unset):
    """

    name: str
    url: str
    workspace_id: int | Unset = UNSET
    number_of_offers: int | Unset = UNSET
    country: Country | Unset = UNSET
    tags: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        url = self.url

        workspace_id = self.workspace_id

        number_of_offers = self.number_of_offers

        country: dict[str, Any] | Unset = UNSET
        if not isinstance(self.country, Unset):
            country = self.country.to_dict()

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "url": url,
            }
        )
        if workspace_id is not UNSET:
            field_dict["workspaceId"] = workspace_id
        if number_of_offers is not UNSET:
            field_dict["numberOfOffers"] = number_of_offers
        if country is not UNSET:
            field_dict["country"] = country
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.country import Country  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        url = d.pop("url")

        workspace_id = d.pop("workspaceId", UNSET)

        number_of_offers = d.pop("numberOfOffers", UNSET)

        _country = d.pop("country", UNSET)
        country: Country | Unset
        if isinstance(_country, Unset):
            country = UNSET
        else:
            country = Country.from_dict(_country)

        tags = cast(list[str], d.pop("tags", UNSET))

        lander_input = cls(
            name=name,
            url=url,
            workspace_id=workspace_id,
            number_of_offers=number_of_offers,
            country=country,
            tags=tags,
        )

        lander_input.additional_properties = d
        return lander_input

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
