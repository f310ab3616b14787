from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.campaign_paths_rules_item import CampaignPathsRulesItem
    from ..models.path import Path


T = TypeVar("T", bound="CampaignPaths")


@_attrs_define
class CampaignPaths:
    """
    Attributes:
        default_paths (list[Path] | Unset):
        rules (list[CampaignPathsRulesItem] | Unset): Rule paths evaluated before the defaults; shape unknown.
    """

    default_paths: list[Path] | Unset = UNSET
    rules: list[CampaignPathsRulesItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        default_paths: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.default_paths, Unset):
            default_paths = []
            for default_paths_item_data in self.default_paths:
                default_paths_item = default_paths_item_data.to_dict()
                default_paths.append(default_paths_item)

        rules: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.rules, Unset):
            rules = []
            for rules_item_data in self.rules:
                rules_item = rules_item_data.to_dict()
                rules.append(rules_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if default_paths is not UNSET:
            field_dict["defaultPaths"] = default_paths
        if rules is not UNSET:
            field_dict["rules"] = rules

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.campaign_paths_rules_item import CampaignPathsRulesItem  # noqa: PLC0415
        from ..models.path import Path  # noqa: PLC0415

        d = dict(src_dict)
        _default_paths = d.pop("defaultPaths", UNSET)
        default_paths: list[Path] | Unset = UNSET
        if _default_paths is not UNSET:
            default_paths = []
            for default_paths_item_data in _default_paths:
                default_paths_item = Path.from_dict(default_paths_item_data)

                default_paths.append(default_paths_item)

        _rules = d.pop("rules", UNSET)
        rules: list[CampaignPathsRulesItem] | Unset = UNSET
        if _rules is not UNSET:
            rules = []
            for rules_item_data in _rules:
                rules_item = CampaignPathsRulesItem.from_dict(rules_item_data)

                rules.append(rules_item)

        campaign_paths = cls(
            default_paths=default_paths,
            rules=rules,
        )

        campaign_paths.additional_properties = d
        return campaign_paths

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
