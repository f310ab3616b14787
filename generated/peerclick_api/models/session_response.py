from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SessionResponse")


@_attrs_define
class SessionResponse:
    """
    Attributes:
        token (str): Opaque token for the api-token header. Example: 0123456789abcdef0123456789abcdef.
        expiration_timestamp (datetime.datetime | Unset):  Example: 2030-01-01T00:00:00Z.
        inaugural (bool | Unset):
    """

    token: str
    expiration_timestamp: datetime.datetime | Unset = UNSET
    inaugural: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        token = self.token

        expiration_timestamp: str | Unset = UNSET
        if not isinstance(self.expiration_timestamp, Unset):
            expiration_timestamp = self.expiration_timestamp.isoformat()

        inaugural = self.inaugural

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "token": token,
            }
        )
        if expiration_timestamp is not UNSET:
            field_dict["expirationTimestamp"] = expiration_timestamp
        if inaugural is not UNSET:
            field_dict["inaugural"] = inaugural

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        token = d.pop("token")

        _expiration_timestamp = d.pop("expirationTimestamp", UNSET)
        expiration_timestamp: datetime.datetime | Unset
        if isinstance(_expiration_timestamp, Unset):
            expiration_timestamp = UNSET
        else:
            expiration_timestamp = datetime.datetime.fromisoformat(
                _expiration_timestamp
            )

        inaugural = d.pop("inaugural", UNSET)

        session_response = cls(
            token=token,
            expiration_timestamp=expiration_timestamp,
            inaugural=inaugural,
        )

        session_response.additional_properties = d
        return session_response

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
