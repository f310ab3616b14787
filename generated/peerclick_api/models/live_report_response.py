from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.report_row import ReportRow


T = TypeVar("T", bound="LiveReportResponse")


@_attrs_define
class LiveReportResponse:
    """
    Attributes:
        rows (list[ReportRow] | Unset):
        total_rows (int | Unset):
    """

    rows: list[ReportRow] | Unset = UNSET
    total_rows: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rows: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.rows, Unset):
            rows = []
            for rows_item_data in self.rows:
                rows_item = rows_item_data.to_dict()
                rows.append(rows_item)

        total_rows = self.total_rows

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if rows is not UNSET:
            field_dict["rows"] = rows
        if total_rows is not UNSET:
            field_dict["totalRows"] = total_rows

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.report_row import ReportRow  # noqa: PLC0415

        d = dict(src_dict)
        _rows = d.pop("rows", UNSET)
        rows: list[ReportRow] | Unset = UNSET
        if _rows is not UNSET:
            rows = []
            for rows_item_data in _rows:
                rows_item = ReportRow.from_dict(rows_item_data)

                rows.append(rows_item)

        total_rows = d.pop("totalRows", UNSET)

        live_report_response = cls(
            rows=rows,
            total_rows=total_rows,
        )

        live_report_response.additional_properties = d
        return live_report_response

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
