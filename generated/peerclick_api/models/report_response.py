from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.column_mapping import ColumnMapping
    from ..models.report_row import ReportRow
    from ..models.report_totals import ReportTotals


T = TypeVar("T", bound="ReportResponse")


@_attrs_define
class ReportResponse:
    """
    Attributes:
        description (str | Unset):  Example: Success.
        total_rows (int | Unset): Rows in the whole result; page while larger than rows received. Example: 1.
        limit (int | Unset):
        offset (int | Unset):
        truncated (bool | Unset):
        messages (list[Any] | Unset):
        totals (ReportTotals | Unset): Metric name to total.
        rows (list[ReportRow] | Unset):
        column_mappings (list[ColumnMapping] | Unset):
    """

    description: str | Unset = UNSET
    total_rows: int | Unset = UNSET
    limit: int | Unset = UNSET
    offset: int | Unset = UNSET
    truncated: bool | Unset = UNSET
    messages: list[Any] | Unset = UNSET
    totals: ReportTotals | Unset = UNSET
    rows: list[ReportRow] | Unset = UNSET
    column_mappings: list[ColumnMapping] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        total_rows = self.total_rows

        limit = self.limit

        offset = self.offset

        truncated = self.truncated

        messages: list[Any] | Unset = UNSET
        if not isinstance(self.messages, Unset):
            messages = self.messages

        totals: dict[str, Any] | Unset = UNSET
        if not isinstance(self.totals, Unset):
            totals = self.totals.to_dict()

        rows: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.rows, Unset):
            rows = []
            for rows_item_data in self.rows:
                rows_item = rows_item_data.to_dict()
                rows.append(rows_item)

        column_mappings: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.column_mappings, Unset):
            column_mappings = []
            for column_mappings_item_data in self.column_mappings:
                column_mappings_item = column_mappings_item_data.to_dict()
                column_mappings.append(column_mappings_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if description is not UNSET:
            field_dict["description"] = description
        if total_rows is not UNSET:
            field_dict["totalRows"] = total_rows
        if limit is not UNSET:
            field_dict["limit"] = limit
        if offset is not UNSET:
            field_dict["offset"] = offset
        if truncated is not UNSET:
            field_dict["truncated"] = truncated
        if messages is not UNSET:
            field_dict["messages"] = messages
        if totals is not UNSET:
            field_dict["totals"] = totals
        if rows is not UNSET:
            field_dict["rows"] = rows
        if column_mappings is not UNSET:
            field_dict["columnMappings"] = column_mappings

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.column_mapping import ColumnMapping  # noqa: PLC0415
        from ..models.report_row import ReportRow  # noqa: PLC0415
        from ..models.report_totals import ReportTotals  # noqa: PLC0415

        d = dict(src_dict)
        description = d.pop("description", UNSET)

        total_rows = d.pop("totalRows", UNSET)

        limit = d.pop("limit", UNSET)

        offset = d.pop("offset", UNSET)

        truncated = d.pop("truncated", UNSET)

        messages = cast(list[Any], d.pop("messages", UNSET))

        _totals = d.pop("totals", UNSET)
        totals: ReportTotals | Unset
        if isinstance(_totals, Unset):
            totals = UNSET
        else:
            totals = ReportTotals.from_dict(_totals)

        _rows = d.pop("rows", UNSET)
        rows: list[ReportRow] | Unset = UNSET
        if _rows is not UNSET:
            rows = []
            for rows_item_data in _rows:
                rows_item = ReportRow.from_dict(rows_item_data)

                rows.append(rows_item)

        _column_mappings = d.pop("columnMappings", UNSET)
        column_mappings: list[ColumnMapping] | Unset = UNSET
        if _column_mappings is not UNSET:
            column_mappings = []
            for column_mappings_item_data in _column_mappings:
                column_mappings_item = ColumnMapping.from_dict(
                    column_mappings_item_data
                )

                column_mappings.append(column_mappings_item)

        report_response = cls(
            description=description,
            total_rows=total_rows,
            limit=limit,
            offset=offset,
            truncated=truncated,
            messages=messages,
            totals=totals,
            rows=rows,
            column_mappings=column_mappings,
        )

        report_response.additional_properties = d
        return report_response

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
