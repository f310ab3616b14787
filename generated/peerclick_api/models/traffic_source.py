from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.traffic_source_parameters_item import TrafficSourceParametersItem


T = TypeVar("T", bound="TrafficSource")


@_attrs_define
class TrafficSource:
    """A traffic source as the API returns it. A traffic channel that sends visitors to campaigns.

    Attributes:
        id (int):  Example: 1.
        name (str | Unset):
        workspace_id (int | Unset): Workspace; 1 seen. Example: 1.
        for_affiliates (bool | Unset):
        postback_url (str | Unset): Postback with {externalid}.
        pixel_redirect_url (str | Unset):
        parameters (list[TrafficSourceParametersItem] | Unset): Tokens token1..N: param={source macro}.
        tags (list[str] | Unset):
        deleted (bool | Unset):
        created_time (datetime.datetime | Unset):
        updated_time (datetime.datetime | Unset):
    """

    id: int
    name: str | Unset = UNSET
    workspace_id: int | Unset = UNSET
    for_affiliates: bool | Unset = UNSET
    postback_url: str | Unset = UNSET
    pixel_redirect_url: str | Unset = UNSET
    parameters: list[TrafficSourceParametersItem] | Unset = UNSET
    tags: list[str] | Unset = UNSET
    deleted: bool | Unset = UNSET
    created_time: datetime.datetime | Unset = UNSET
    updated_time: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        workspace_id = self.workspace_id

        for_affiliates = self.for_affiliates

        postback_url = self.postback_url

        pixel_redirect_url = self.pixel_redirect_url

        parameters: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = []
            for parameters_item_data in self.parameters:
                parameters_item = parameters_item_data.to_dict()
                parameters.append(parameters_item)

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

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
        if for_affiliates is not UNSET:
            field_dict["forAffiliates"] = for_affiliates
        if postback_url is not UNSET:
            field_dict["postbackUrl"] = postback_url
        if pixel_redirect_url is not UNSET:
            field_dict["pixelRedirectUrl"] = pixel_redirect_url
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if tags is not UNSET:
            field_dict["tags"] = tags
        if deleted is not UNSET:
            field_dict["deleted"] = deleted
        if created_time is not UNSET:
            field_dict["createdTime"] = created_time
        if updated_time is not UNSET:
            field_dict["updatedTime"] = updated_time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.traffic_source_parameters_item import TrafficSourceParametersItem  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name", UNSET)

        workspace_id = d.pop("workspaceId", UNSET)

        for_affiliates = d.pop("forAffiliates", UNSET)

        postback_url = d.pop("postbackUrl", UNSET)

        pixel_redirect_url = d.pop("pixelRedirectUrl", UNSET)

        _parameters = d.pop("parameters", UNSET)
        parameters: list[TrafficSourceParametersItem] | Unset = UNSET
        if _parameters is not UNSET:
            parameters = []
            for parameters_item_data in _parameters:
                parameters_item = TrafficSourceParametersItem.from_dict(
                    parameters_item_data
                )

                parameters.append(parameters_item)

        tags = cast(list[str], d.pop("tags", UNSET))

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

        traffic_source = cls(
            id=id,
            name=name,
            workspace_id=workspace_id,
            for_affiliates=for_affiliates,
            postback_url=postback_url,
            pixel_redirect_url=pixel_redirect_url,
            parameters=parameters,
            tags=tags,
            deleted=deleted,
            created_time=created_time,
            updated_time=updated_time,
        )

        traffic_source.additional_properties = d
        return traffic_source

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
