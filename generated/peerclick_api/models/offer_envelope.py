from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.offer import Offer


T = TypeVar("T", bound="OfferEnvelope")


@_attrs_define
class OfferEnvelope:
    """{"description": "Success", "offer": {...}}

    Attributes:
        description (str | Unset):  Example: Success.
        status (int | Unset):  Example: 200.
        offer (Offer | Unset): An offer as the API returns it. An offer is the advertiser page a visitor ends on.
    """

    description: str | Unset = UNSET
    status: int | Unset = UNSET
    offer: Offer | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        status = self.status

        offer: dict[str, Any] | Unset = UNSET
        if not isinstance(self.offer, Unset):
            offer = self.offer.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if description is not UNSET:
            field_dict["description"] = description
        if status is not UNSET:
            field_dict["status"] = status
        if offer is not UNSET:
            field_dict["offer"] = offer

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.offer import Offer  # noqa: PLC0415

        d = dict(src_dict)
        description = d.pop("description", UNSET)

        status = d.pop("status", UNSET)

        _offer = d.pop("offer", UNSET)
        offer: Offer | Unset
        if isinstance(_offer, Unset):
            offer = UNSET
        else:
            offer = Offer.from_dict(_offer)

        offer_envelope = cls(
            description=description,
            status=status,
            offer=offer,
        )

        offer_envelope.additional_properties = d
        return offer_envelope

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
