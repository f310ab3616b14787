from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SessionStatus")


@_attrs_define
class SessionStatus:
    """
    Attributes:
        alive (bool | Unset):
        expiration_timestamp (datetime.datetime | Unset):
        inaugural (bool | Unset):
        time (int | Unset):
    """

    alive: bool | Unset = UNSET
    expiration_timestamp: datetime.datetime | Unset = UNSET
    inaugural: bool | Unset = UNSET
    time: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alive = self.alive

        expiration_timestamp: str | Unset = UNSET
        if not isinstance(self.expiration_timestamp, Unset):
            expiration_timestamp = self.expiration_timestamp.isoformat()

        inaugural = self.inaugural

        time = self.time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if alive is not UNSET:
            field_dict["alive"] = alive
        if expiration_timestamp is not UNSET:
            field_dict["expirationTimestamp"] = expiration_timestamp
        if inaugural is not UNSET:
            field_dict["inaugural"] = inaugural
        if time is not UNSET:
            field_dict["time"] = time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        alive = d.pop("alive", UNSET)

        _expiration_timestamp = d.pop("expirationTimestamp", UNSET)
        expiration_timestamp: datetime.datetime | Unset
        if isinstance(_expiration_timestamp, Unset):
            expiration_timestamp = UNSET
        else:
            expiration_timestamp = datetime.datetime.fromisoformat(
                _expiration_timestamp
            )

        inaugural = d.pop("inaugural", UNSET)

        time = d.pop("time", UNSET)

        session_status = cls(
            alive=alive,
            expiration_timestamp=expiration_timestamp,
            inaugural=inaugural,
            time=time,
        )

        session_status.additional_properties = d
        return session_status

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
