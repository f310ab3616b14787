from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.country import Country


T = TypeVar("T", bound="Lander")


@_attrs_define
class Lander:
    """A lander as the API returns it. A landing page shown before the offer; clicks count through its click URL.

    Attributes:
        id (int):  Example: 1.
        name (str | Unset):
        workspace_id (int | Unset): Workspace; 1 seen. Example: 1.
        url (str | Unset):  Example: https://lander.example.com/.
        number_of_offers (int | Unset):
        country (Country | Unset):
        tags (list[str] | Unset):
        name_postfix (str | Unset):
        deleted (bool | Unset):
        created_time (datetime.datetime | Unset):
        updated_time (datetime.datetime | Unset):
    """

    id: int
    name: str | Unset = UNSET
    workspace_id: int | Unset = UNSET
    url: str | Unset = UNSET
    number_of_offers: int | Unset = UNSET
    country: Country | Unset = UNSET
    tags: list[str] | Unset = UNSET
    name_postfix: str | Unset = UNSET
    deleted: bool | Unset = UNSET
    created_time: datetime.datetime | Unset = UNSET
    updated_time: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        workspace_id = self.workspace_id

        url = self.url

        number_of_offers = self.number_of_offers

        country: dict[str, Any] | Unset = UNSET
        if not isinstance(self.country, Unset):
            country = self.country.to_dict()

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        name_postfix = self.name_postfix

        deleted = self.deleted

        created_time: str | Unset = UNSET
        if not isinstance(self.created_time, Unset):
            created_time = self.created_time.isoformat()

        updated_time: str | Unset = UNSET
        if not isinstance(self.updated_time, Unset):
            updated_time = self.updated_time.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if workspace_id is not UNSET:
            field_dict["workspaceId"] = workspace_id
        if url is not UNSET:
            field_dict["url"] = url
        if number_of_offers is not UNSET:
            field_dict["numberOfOffers"] = number_of_offers
        if country is not UNSET:
            field_dict["country"] = country
        if tags is not UNSET:
            field_dict["tags"] = tags
        if name_postfix is not UNSET:
            field_dict["namePostfix"] = name_postfix
        if deleted is not UNSET:
            field_dict["deleted"] = deleted
        if created_time is not UNSET:
            field_dict["createdTime"] = created_time
        if updated_time is not UNSET:
            field_dict["updatedTime"] = updated_time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.country import Country  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name", UNSET)

        workspace_id = d.pop("workspaceId", UNSET)

        url = d.pop("url", UNSET)

        number_of_offers = d.pop("numberOfOffers", UNSET)

        _country = d.pop("country", UNSET)
        country: Country | Unset
        if isinstance(_country, Unset):
            country = UNSET
        else:
            country = Country.from_dict(_country)

        tags = cast(list[str], d.pop("tags", UNSET))

        name_postfix = d.pop("namePostfix", UNSET)

        deleted = d.pop("deleted", UNSET)

        _created_time = d.pop("createdTime", UNSET)
        created_time: datetime.datetime | Unset
        if isinstance(_created_time, Unset):
            created_time = UNSET
        else:
            created_time = datetime.datetime.fromisoformat(_created_time)

        _updated_time = d.pop("updatedTime", UNSET)
        updated_time: datetime.datetime | Unset
        if isinstance(_updated_time, Unset):
            updated_time = UNSET
        else:
            updated_time = datetime.datetime.fromisoformat(_updated_time)

        lander = cls(
            id=id,
            name=name,
            workspace_id=workspace_id,
            url=url,
            number_of_offers=number_of_offers,
            country=country,
            tags=tags,
            name_postfix=name_postfix,
            deleted=deleted,
            created_time=created_time,
            updated_time=updated_time,
        )

        lander.additional_properties = d
        return lander

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
