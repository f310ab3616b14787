from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.cost_model import CostModel
    from ..models.country import Country
    from ..models.redirect_target import RedirectTarget


T = TypeVar("T", bound="CampaignInput")


@_attrs_define
class CampaignInput:
    """Body to create or fully replace a campaign.

    Attributes:
        name (str): Custom part of the name; the UI adds the country.
        traffic_source (int): Traffic source id (a bare integer). Example: 1.
        cost_model (CostModel):
        country (Country):
        domain (str): Tracking domain host name. Example: example.gopeerclick.com.
        redirect_target (RedirectTarget):
        workspace_id (int | Unset): Workspace; 1 seen. Example: 1.
        tags (list[str] | Unset):
        notes (str | Unset):
    """

    name: str
    traffic_source: int
    cost_model: CostModel
    country: Country
    domain: str
    redirect_target: RedirectTarget
    workspace_id: int | Unset = UNSET
    tags: list[str] | Unset = UNSET
    notes: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        traffic_source = self.traffic_source

        cost_model = self.cost_model.to_dict()

        country = self.country.to_dict()

        domain = self.domain

        redirect_target = self.redirect_target.to_dict()

        workspace_id = self.workspace_id

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        notes = self.notes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "trafficSource": traffic_source,
                "costModel": cost_model,
                "country": country,
                "domain": domain,
                "redirectTarget": redirect_target,
            }
        )
        if workspace_id is not UNSET:
            field_dict["workspaceId"] = workspace_id
        if tags is not UNSET:
            field_dict["tags"] = tags
        if notes is not UNSET:
            field_dict["notes"] = notes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cost_model import CostModel  # noqa: PLC0415
        from ..models.country import Country  # noqa: PLC0415
        from ..models.redirect_target import RedirectTarget  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        traffic_source = d.pop("trafficSource")

        cost_model = CostModel.from_dict(d.pop("costModel"))

        country = Country.from_dict(d.pop("country"))

        domain = d.pop("domain")

        redirect_target = RedirectTarget.from_dict(d.pop("redirectTarget"))

        workspace_id = d.pop("workspaceId", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        notes = d.pop("notes", UNSET)

        campaign_input = cls(
            name=name,
            traffic_source=traffic_source,
            cost_model=cost_model,
            country=country,
            domain=domain,
            redirect_target=redirect_target,
            workspace_id=workspace_id,
            tags=tags,
            notes=notes,
        )

        campaign_input.additional_properties = d
        return campaign_input

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
