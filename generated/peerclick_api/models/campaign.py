from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.cost_model import CostModel
    from ..models.country import Country
    from ..models.redirect_target import RedirectTarget


T = TypeVar("T", bound="Campaign")


@_attrs_define
class Campaign:
    """A campaign as the API returns it. Traffic goes to a campaign's tracking URL and is routed by its redirect target.

    Attributes:
        id (int):  Example: 1.
        name (str | Unset): Custom part of the name; the UI adds the country.
        workspace_id (int | Unset): Workspace; 1 seen. Example: 1.
        traffic_source (int | Unset): Traffic source id (a bare integer). Example: 1.
        cost_model (CostModel | Unset):
        country (Country | Unset):
        domain (str | Unset): Tracking domain host name. Example: example.gopeerclick.com.
        tags (list[str] | Unset):
        redirect_target (RedirectTarget | Unset):
        notes (str | Unset):
        url (str | Unset): Full tracking URL with the source's parameter template.
        deleted (bool | Unset):
        created_time (datetime.datetime | Unset):
        updated_time (datetime.datetime | Unset):
    """

    id: int
    name: str | Unset = UNSET
    workspace_id: int | Unset = UNSET
    traffic_source: int | Unset = UNSET
    cost_model: CostModel | Unset = UNSET
    country: Country | Unset = UNSET
    domain: str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    redirect_target: RedirectTarget | Unset = UNSET
    notes: str | Unset = UNSET
    url: str | Unset = UNSET
    deleted: bool | Unset = UNSET
    created_time: datetime.datetime | Unset = UNSET
    updated_time: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        workspace_id = self.workspace_id

        traffic_source = self.traffic_source

        cost_model: dict[str, Any] | Unset = UNSET
        if not isinstance(self.cost_model, Unset):
            cost_model = self.cost_model.to_dict()

        country: dict[str, Any] | Unset = UNSET
        if not isinstance(self.country, Unset):
            country = self.country.to_dict()

        domain = self.domain

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        redirect_target: dict[str, Any] | Unset = UNSET
        if not isinstance(self.redirect_target, Unset):
            redirect_target = self.redirect_target.to_dict()

        notes = self.notes

        url = self.url

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
        if traffic_source is not UNSET:
            field_dict["trafficSource"] = traffic_source
        if cost_model is not UNSET:
            field_dict["costModel"] = cost_model
        if country is not UNSET:
            field_dict["country"] = country
        if domain is not UNSET:
            field_dict["domain"] = domain
        if tags is not UNSET:
            field_dict["tags"] = tags
        if redirect_target is not UNSET:
            field_dict["redirectTarget"] = redirect_target
        if notes is not UNSET:
            field_dict["notes"] = notes
        if url is not UNSET:
            field_dict["url"] = url
        if deleted is not UNSET:
            field_dict["deleted"] = deleted
        if created_time is not UNSET:
            field_dict["createdTime"] = created_time
        if updated_time is not UNSET:
            field_dict["updatedTime"] = updated_time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cost_model import CostModel  # noqa: PLC0415
        from ..models.country import Country  # noqa: PLC0415
        from ..models.redirect_target import RedirectTarget  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name", UNSET)

        workspace_id = d.pop("workspaceId", UNSET)

        traffic_source = d.pop("trafficSource", UNSET)

        _cost_model = d.pop("costModel", UNSET)
        cost_model: CostModel | Unset
        if isinstance(_cost_model, Unset):
            cost_model = UNSET
        else:
            cost_model = CostModel.from_dict(_cost_model)

        _country = d.pop("country", UNSET)
        country: Country | Unset
        if isinstance(_country, Unset):
            country = UNSET
        else:
            country = Country.from_dict(_country)

        domain = d.pop("domain", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        _redirect_target = d.pop("redirectTarget", UNSET)
        redirect_target: RedirectTarget | Unset
        if isinstance(_redirect_target, Unset):
            redirect_target = UNSET
        else:
            redirect_target = RedirectTarget.from_dict(_redirect_target)

        notes = d.pop("notes", UNSET)

        url = d.pop("url", UNSET)

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

        campaign = cls(
            id=id,
            name=name,
            workspace_id=workspace_id,
            traffic_source=traffic_source,
            cost_model=cost_model,
            country=country,
            domain=domain,
            tags=tags,
            redirect_target=redirect_target,
            notes=notes,
            url=url,
            deleted=deleted,
            created_time=created_time,
            updated_time=updated_time,
        )

        campaign.additional_properties = d
        return campaign

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
