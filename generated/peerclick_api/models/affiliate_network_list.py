from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.affiliate_network import AffiliateNetwork


T = TypeVar("T", bound="AffiliateNetworkList")


@_attrs_define
class AffiliateNetworkList:
    """List wrapper under the plural key affiliateNetworks.

    Attributes:
        description (str | Unset):  Example: Success.
        affiliate_networks (list[AffiliateNetwork] | Unset):
    """

    description: str | Unset = UNSET
    affiliate_networks: list[AffiliateNetwork] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        affiliate_networks: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.affiliate_networks, Unset):
            affiliate_networks = []
            for affiliate_networks_item_data in self.affiliate_networks:
                affiliate_networks_item = affiliate_networks_item_data.to_dict()
                affiliate_networks.append(affiliate_networks_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if description is not UNSET:
            field_dict["description"] = description
        if affiliate_networks is not UNSET:
            field_dict["affiliateNetworks"] = affiliate_networks

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.affiliate_network import AffiliateNetwork  # noqa: PLC0415

        d = dict(src_dict)
        description = d.pop("description", UNSET)

        _affiliate_networks = d.pop("affiliateNetworks", UNSET)
        affiliate_networks: list[AffiliateNetwork] | Unset = UNSET
        if _affiliate_networks is not UNSET:
            affiliate_networks = []
            for affiliate_networks_item_data in _affiliate_networks:
                affiliate_networks_item = AffiliateNetwork.from_dict(
                    affiliate_networks_item_data
                )

                affiliate_networks.append(affiliate_networks_item)

        affiliate_network_list = cls(
            description=description,
            affiliate_networks=affiliate_networks,
        )

        affiliate_network_list.additional_properties = d
        return affiliate_network_list

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
