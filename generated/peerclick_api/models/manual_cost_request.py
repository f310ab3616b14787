from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ManualCostRequest")


@_attrs_define
class ManualCostRequest:
    """
    Attributes:
        campaign_id (int):
        from_ (datetime.datetime): Start, rounded to the hour.
        to (datetime.datetime): End, exclusive, rounded to the hour; at most 31 days after from.
        time_zone (str): IANA zone; must equal the traffic source's.
        cost (float): New total cost of the range (documented as a total).
        currency (str | Unset):
    """

    campaign_id: int
    from_: datetime.datetime
    to: datetime.datetime
    time_zone: str
    cost: float
    currency: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        campaign_id = self.campaign_id

        from_ = self.from_.isoformat()

        to = self.to.isoformat()

        time_zone = self.time_zone

        cost = self.cost

        currency = self.currency

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "campaignId": campaign_id,
                "from": from_,
                "to": to,
                "timeZone": time_zone,
                "cost": cost,
            }
        )
        if currency is not UNSET:
            field_dict["currency"] = currency

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        campaign_id = d.pop("campaignId")

        from_ = datetime.datetime.fromisoformat(d.pop("from"))

        to = datetime.datetime.fromisoformat(d.pop("to"))

        time_zone = d.pop("timeZone")

        cost = d.pop("cost")

        currency = d.pop("currency", UNSET)

        manual_cost_request = cls(
            campaign_id=campaign_id,
            from_=from_,
            to=to,
            time_zone=time_zone,
            cost=cost,
            currency=currency,
        )

        manual_cost_request.additional_properties = d
        return manual_cost_request

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
