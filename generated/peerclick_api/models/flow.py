from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.country import Country
    from ..models.flow_conditional_paths_groups_item import (
        FlowConditionalPathsGroupsItem,
    )
    from ..models.path import Path


T = TypeVar("T", bound="Flow")


@_attrs_define
class Flow:
    """A flow as the API returns it. A reusable destination that campaigns point to.

    Attributes:
        id (int):  Example: 1.
        name (str | Unset):
        workspace_id (int | Unset): Workspace; 1 seen. Example: 1.
        countries (list[Country] | Unset):
        default_paths (list[Path] | Unset):
        conditional_paths_groups (list[FlowConditionalPathsGroupsItem] | Unset): Rule groups; shape by analogy.
        default_offer_redirect_mode (str | Unset):
        deleted (bool | Unset):
        created_time (datetime.datetime | Unset):
        updated_time (datetime.datetime | Unset):
    """

    id: int
    name: str | Unset = UNSET
    workspace_id: int | Unset = UNSET
    countries: list[Country] | Unset = UNSET
    default_paths: list[Path] | Unset = UNSET
    conditional_paths_groups: list[FlowConditionalPathsGroupsItem] | Unset = UNSET
    default_offer_redirect_mode: str | Unset = UNSET
    deleted: bool | Unset = UNSET
    created_time: datetime.datetime | Unset = UNSET
    updated_time: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        workspace_id = self.workspace_id

        countries: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.countries, Unset):
            countries = []
            for countries_item_data in self.countries:
                countries_item = countries_item_data.to_dict()
                countries.append(countries_item)

        default_paths: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.default_paths, Unset):
            default_paths = []
            for default_paths_item_data in self.default_paths:
                default_paths_item = default_paths_item_data.to_dict()
                default_paths.append(default_paths_item)

        conditional_paths_groups: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.conditional_paths_groups, Unset):
            conditional_paths_groups = []
            for conditional_paths_groups_item_data in self.conditional_paths_groups:
                conditional_paths_groups_item = (
                    conditional_paths_groups_item_data.to_dict()
                )
                conditional_paths_groups.append(conditional_paths_groups_item)

        default_offer_redirect_mode = self.default_offer_redirect_mode

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
        if countries is not UNSET:
            field_dict["countries"] = countries
        if default_paths is not UNSET:
            field_dict["defaultPaths"] = default_paths
        if conditional_paths_groups is not UNSET:
            field_dict["conditionalPathsGroups"] = conditional_paths_groups
        if default_offer_redirect_mode is not UNSET:
            field_dict["defaultOfferRedirectMode"] = default_offer_redirect_mode
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
        from ..models.flow_conditional_paths_groups_item import (
            FlowConditionalPathsGroupsItem,  # noqa: PLC0415
        )
        from ..models.path import Path  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name", UNSET)

        workspace_id = d.pop("workspaceId", UNSET)

        _countries = d.pop("countries", UNSET)
        countries: list[Country] | Unset = UNSET
        if _countries is not UNSET:
            countries = []
            for countries_item_data in _countries:
                countries_item = Country.from_dict(countries_item_data)

                countries.append(countries_item)

        _default_paths = d.pop("defaultPaths", UNSET)
        default_paths: list[Path] | Unset = UNSET
        if _default_paths is not UNSET:
            default_paths = []
            for default_paths_item_data in _default_paths:
                default_paths_item = Path.from_dict(default_paths_item_data)

                default_paths.append(default_paths_item)

        _conditional_paths_groups = d.pop("conditionalPathsGroups", UNSET)
        conditional_paths_groups: list[FlowConditionalPathsGroupsItem] | Unset = UNSET
        if _conditional_paths_groups is not UNSET:
            conditional_paths_groups = []
            for conditional_paths_groups_item_data in _conditional_paths_groups:
                conditional_paths_groups_item = (
                    FlowConditionalPathsGroupsItem.from_dict(
                        conditional_paths_groups_item_data
                    )
                )

                conditional_paths_groups.append(conditional_paths_groups_item)

        default_offer_redirect_mode = d.pop("defaultOfferRedirectMode", UNSET)

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

        flow = cls(
            id=id,
            name=name,
            workspace_id=workspace_id,
            countries=countries,
            default_paths=default_paths,
            conditional_paths_groups=conditional_paths_groups,
            default_offer_redirect_mode=default_offer_redirect_mode,
            deleted=deleted,
            created_time=created_time,
            updated_time=updated_time,
        )

        flow.additional_properties = d
        return flow

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
