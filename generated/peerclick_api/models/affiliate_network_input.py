from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AffiliateNetworkInput")


@_attrs_define
class AffiliateNetworkInput:
    """Body to create or fully replace an affiliate network.

    Attributes:
        name (str):
        workspace_id (int | Unset): Workspace; 1 seen. Example: 1.
        offer_url_template (str | Unset):
        postback_url (str | Unset):
        tags (list[str] | Unset):
    """

    name: str
    workspace_id: int | Unset = UNSET
    offer_url_template: str | Unset = UNSET
    postback_url: str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        workspace_id = self.workspace_id

        offer_url_template = self.offer_url_template

        postback_url = self.postback_url

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if workspace_id is not UNSET:
            field_dict["workspaceId"] = workspace_id
        if offer_url_template is not UNSET:
            field_dict["offerUrlTemplate"] = offer_url_template
        if postback_url is not UNSET:
            field_dict["postbackUrl"] = postback_url
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        workspace_id = d.pop("workspaceId", UNSET)

        offer_url_template = d.pop("offerUrlTemplate", UNSET)

        postback_url = d.pop("postbackUrl", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        affiliate_network_input = cls(
            name=name,
            workspace_id=workspace_id,
            offer_url_template=offer_url_template,
            postback_url=postback_url,
            tags=tags,
        )

        affiliate_network_input.additional_properties = d
        return affiliate_network_input

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
