from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_detail import ErrorDetail


T = TypeVar("T", bound="Error")


@_attrs_define
class Error:
    """Tolerant union of PeerClick's `description` error bodies and Voluum's `error` object.

    Attributes:
        description (str | Unset): Human-readable message (PeerClick style).
        status (int | str | Unset): Symbolic (UNAUTHORIZED) or numeric status.
        error (ErrorDetail | Unset): Voluum-style nested error object.
        type_name (str | Unset):
        type_code (list[int] | Unset):
    """

    description: str | Unset = UNSET
    status: int | str | Unset = UNSET
    error: ErrorDetail | Unset = UNSET
    type_name: str | Unset = UNSET
    type_code: list[int] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        status: int | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        else:
            status = self.status

        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        type_name = self.type_name

        type_code: list[int] | Unset = UNSET
        if not isinstance(self.type_code, Unset):
            type_code = self.type_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if description is not UNSET:
            field_dict["description"] = description
        if status is not UNSET:
            field_dict["status"] = status
        if error is not UNSET:
            field_dict["error"] = error
        if type_name is not UNSET:
            field_dict["typeName"] = type_name
        if type_code is not UNSET:
            field_dict["typeCode"] = type_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_detail import ErrorDetail  # noqa: PLC0415

        d = dict(src_dict)
        description = d.pop("description", UNSET)

        def _parse_status(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        _error = d.pop("error", UNSET)
        error: ErrorDetail | Unset
        if isinstance(_error, Unset):
            error = UNSET
        else:
            error = ErrorDetail.from_dict(_error)

        type_name = d.pop("typeName", UNSET)

        type_code = cast(list[int], d.pop("typeCode", UNSET))

        error = cls(
            description=description,
            status=status,
            error=error,
            type_name=type_name,
            type_code=type_code,
        )

        error.additional_properties = d
        return error

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
