from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ErrorDetail")


@_attrs_define
class ErrorDetail:
    """Voluum-style nested error object.

    Attributes:
        code (str | Unset): Machine code, e.g. BAD_REQUEST, BAD_CREDENTIALS, NOT_FOUND.
        description (str | Unset):
        messages (list[Any] | Unset): Extra messages; item shape unknown.
        web_request_id (str | Unset):
        time (str | Unset):
    """

    code: str | Unset = UNSET
    description: str | Unset = UNSET
    messages: list[Any] | Unset = UNSET
    web_request_id: str | Unset = UNSET
    time: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        description = self.description

        messages: list[Any] | Unset = UNSET
        if not isinstance(self.messages, Unset):
            messages = self.messages

        web_request_id = self.web_request_id

        time = self.time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if description is not UNSET:
            field_dict["description"] = description
        if messages is not UNSET:
            field_dict["messages"] = messages
        if web_request_id is not UNSET:
            field_dict["webRequestId"] = web_request_id
        if time is not UNSET:
            field_dict["time"] = time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code", UNSET)

        description = d.pop("description", UNSET)

        messages = cast(list[Any], d.pop("messages", UNSET))

        web_request_id = d.pop("webRequestId", UNSET)

        time = d.pop("time", UNSET)

        error_detail = cls(
            code=code,
            description=description,
            messages=messages,
            web_request_id=web_request_id,
            time=time,
        )

        error_detail.additional_properties = d
        return error_detail

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
