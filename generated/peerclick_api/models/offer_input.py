from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.country import Country
    from ..models.entity_ref import EntityRef
    from ..models.money import Money


T = TypeVar("T", bound="OfferInput")


@_attrs_define
class OfferInput:
    """Body to create or fully replace an offer.

    Attributes:
        name (str): Custom part of the name; the display name adds network and country.
        url (str): Offer URL with macros such as {clickid}. Example: https://offer.example.com/?cid={clickid}.
        country (Country):
        affiliate_network (EntityRef):
        payout (Money): Payout of an offer.
        workspace_id (int | Unset): Workspace; 1 seen. Example: 1.
        tags (list[str] | Unset):
    """

    name: str
    url: str
    country: Country
    affiliate_network: EntityRef
    payout: Money
    workspace_id: int | Unset = UNSET
    tags: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        url = self.url

        country = self.country.to_dict()

        affiliate_network = self.affiliate_network.to_dict()

        payout = self.payout.to_dict()

        workspace_id = self.workspace_id

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "url": url,
                "country": country,
                "affiliateNetwork": affiliate_network,
                "payout": payout,
            }
        )
        if workspace_id is not UNSET:
            field_dict["workspaceId"] = workspace_id
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.country import Country  # noqa: PLC0415
        from ..models.entity_ref import EntityRef  # noqa: PLC0415
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        url = d.pop("url")

        country = Country.from_dict(d.pop("country"))

        affiliate_network = EntityRef.from_dict(d.pop("affiliateNetwork"))

        payout = Money.from_dict(d.pop("payout"))

        workspace_id = d.pop("workspaceId", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        offer_input = cls(
            name=name,
            url=url,
            country=country,
            affiliate_network=affiliate_network,
            payout=payout,
            workspace_id=workspace_id,
            tags=tags,
        )

        offer_input.additional_properties = d
        return offer_input

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
