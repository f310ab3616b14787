from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.affiliate_network import AffiliateNetwork


T = TypeVar("T", bound="AffiliateNetworkEnvelope")


@_attrs_define
class AffiliateNetworkEnvelope:
    """{"description": "Success", "affiliateNetwork": {...}}

    Attributes:
        description (str | Unset):  Example: Success.
        status (int | Unset):  Example: 200.
        affiliate_network (AffiliateNetwork | Unset): An affiliate network as the API returns it. An offer source: the
            network whose offers you promote.
    """

    description: str | Unset = UNSET
    status: int | Unset = UNSET
    affiliate_network: AffiliateNetwork | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        status = self.status

        affiliate_network: dict[str, Any] | Unset = UNSET
        if not isinstance(self.affiliate_network, Unset):
            affiliate_network = self.affiliate_network.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if description is not UNSET:
            field_dict["description"] = description
        if status is not UNSET:
            field_dict["status"] = status
        if affiliate_network is not UNSET:
            field_dict["affiliateNetwork"] = affiliate_network

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.affiliate_network import AffiliateNetwork  # noqa: PLC0415

        d = dict(src_dict)
        description = d.pop("description", UNSET)

        status = d.pop("status", UNSET)

        _affiliate_network = d.pop("affiliateNetwork", UNSET)
        affiliate_network: AffiliateNetwork | Unset
        if isinstance(_affiliate_network, Unset):
            affiliate_network = UNSET
        else:
            affiliate_network = AffiliateNetwork.from_dict(_affiliate_network)

        affiliate_network_envelope = cls(
            description=description,
            status=status,
            affiliate_network=affiliate_network,
        )

        affiliate_network_envelope.additional_properties = d
        return affiliate_network_envelope

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
