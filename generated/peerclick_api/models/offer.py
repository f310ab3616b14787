from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.country import Country
    from ..models.entity_ref import EntityRef
    from ..models.money import Money


T = TypeVar("T", bound="Offer")


@_attrs_define
class Offer:
    """An offer as the API returns it. An offer is the advertiser page a visitor ends on.

    Attributes:
        id (int):  Example: 1.
        name (str | Unset): Custom part of the name; the display name adds network and country.
        workspace_id (int | Unset): Workspace; 1 seen. Example: 1.
        url (str | Unset): Offer URL with macros such as {clickid}. Example: https://offer.example.com/?cid={clickid}.
        country (Country | Unset):
        affiliate_network (EntityRef | Unset):
        payout (Money | Unset): Payout of an offer.
        tags (list[str] | Unset):
        name_postfix (str | Unset): The custom part of the name, as sent in name.
        deleted (bool | Unset):
        created_time (datetime.datetime | Unset):
        updated_time (datetime.datetime | Unset):
    """

    id: int
    name: str | Unset = UNSET
    workspace_id: int | Unset = UNSET
    url: str | Unset = UNSET
    country: Country | Unset = UNSET
    affiliate_network: EntityRef | Unset = UNSET
    payout: Money | Unset = UNSET
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

        country: dict[str, Any] | Unset = UNSET
        if not isinstance(self.country, Unset):
            country = self.country.to_dict()

        affiliate_network: dict[str, Any] | Unset = UNSET
        if not isinstance(self.affiliate_network, Unset):
            affiliate_network = self.affiliate_network.to_dict()

        payout: dict[str, Any] | Unset = UNSET
        if not isinstance(self.payout, Unset):
            payout = self.payout.to_dict()

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
        if country is not UNSET:
            field_dict["country"] = country
        if affiliate_network is not UNSET:
            field_dict["affiliateNetwork"] = affiliate_network
        if payout is not UNSET:
            field_dict["payout"] = payout
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
        from ..models.entity_ref import EntityRef  # noqa: PLC0415
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name", UNSET)

        workspace_id = d.pop("workspaceId", UNSET)

        url = d.pop("url", UNSET)

        _country = d.pop("country", UNSET)
        country: Country | Unset
        if isinstance(_country, Unset):
            country = UNSET
        else:
            country = Country.from_dict(_country)

        _affiliate_network = d.pop("affiliateNetwork", UNSET)
        affiliate_network: EntityRef | Unset
        if isinstance(_affiliate_network, Unset):
            affiliate_network = UNSET
        else:
            affiliate_network = EntityRef.from_dict(_affiliate_network)

        _payout = d.pop("payout", UNSET)
        payout: Money | Unset
        if isinstance(_payout, Unset):
            payout = UNSET
        else:
            payout = Money.from_dict(_payout)

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

        offer = cls(
            id=id,
            name=name,
            workspace_id=workspace_id,
            url=url,
            country=country,
            affiliate_network=affiliate_network,
            payout=payout,
            tags=tags,
            name_postfix=name_postfix,
            deleted=deleted,
            created_time=created_time,
            updated_time=updated_time,
        )

        offer.additional_properties = d
        return offer

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
