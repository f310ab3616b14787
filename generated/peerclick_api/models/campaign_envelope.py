from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.campaign import Campaign


T = TypeVar("T", bound="CampaignEnvelope")


@_attrs_define
class CampaignEnvelope:
    """{"description": "Success", "campaign": {...}}

    Attributes:
        description (str | Unset):  Example: Success.
        status (int | Unset):  Example: 200.
        campaign (Campaign | Unset): A campaign as the API returns it. Traffic goes to a campaign's tracking URL and is
            routed by its redirect target.
    """

    description: str | Unset = UNSET
    status: int | Unset = UNSET
    campaign: Campaign | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        status = self.status

        campaign: dict[str, Any] | Unset = UNSET
        if not isinstance(self.campaign, Unset):
            campaign = self.campaign.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if description is not UNSET:
            field_dict["description"] = description
        if status is not UNSET:
            field_dict["status"] = status
        if campaign is not UNSET:
            field_dict["campaign"] = campaign

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.campaign import Campaign  # noqa: PLC0415

        d = dict(src_dict)
        description = d.pop("description", UNSET)

        status = d.pop("status", UNSET)

        _campaign = d.pop("campaign", UNSET)
        campaign: Campaign | Unset
        if isinstance(_campaign, Unset):
            campaign = UNSET
        else:
            campaign = Campaign.from_dict(_campaign)

        campaign_envelope = cls(
            description=description,
            status=status,
            campaign=campaign,
        )

        campaign_envelope.additional_properties = d
        return campaign_envelope

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
