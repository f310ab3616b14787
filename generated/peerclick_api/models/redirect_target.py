from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.campaign_paths import CampaignPaths
    from ..models.entity_ref import EntityRef


T = TypeVar("T", bound="RedirectTarget")


@_attrs_define
class RedirectTarget:
    """
    Attributes:
        destination (str): PATH observed; FLOW, URL, MY_TARGET guessed from the UI.
        path (CampaignPaths | Unset):
        flow (EntityRef | Unset):
        url (str | Unset):
    """

    destination: str
    path: CampaignPaths | Unset = UNSET
    flow: EntityRef | Unset = UNSET
    url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        destination = self.destination

        path: dict[str, Any] | Unset = UNSET
        if not isinstance(self.path, Unset):
            path = self.path.to_dict()

        flow: dict[str, Any] | Unset = UNSET
        if not isinstance(self.flow, Unset):
            flow = self.flow.to_dict()

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "destination": destination,
            }
        )
        if path is not UNSET:
            field_dict["path"] = path
        if flow is not UNSET:
            field_dict["flow"] = flow
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.campaign_paths import CampaignPaths  # noqa: PLC0415
        from ..models.entity_ref import EntityRef  # noqa: PLC0415

        d = dict(src_dict)
        destination = d.pop("destination")

        _path = d.pop("path", UNSET)
        path: CampaignPaths | Unset
        if isinstance(_path, Unset):
            path = UNSET
        else:
            path = CampaignPaths.from_dict(_path)

        _flow = d.pop("flow", UNSET)
        flow: EntityRef | Unset
        if isinstance(_flow, Unset):
            flow = UNSET
        else:
            flow = EntityRef.from_dict(_flow)

        url = d.pop("url", UNSET)

        redirect_target = cls(
            destination=destination,
            path=path,
            flow=flow,
            url=url,
        )

        redirect_target.additional_properties = d
        return redirect_target

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
