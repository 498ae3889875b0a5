"""How the analytics pages print a typed table cell: the same kinds the XLSX export formats."""

from __future__ import annotations

from django import template

from zakupki.analytics.dashboard_tables import cell_text
from zakupki.analytics.export import Table, TableCell

register = template.Library()


@register.filter
def cell(value: TableCell, kind: str) -> str:
    return cell_text(value, kind)


@register.filter
def cells(row: tuple[TableCell, ...], table: Table) -> list[str]:
    """A table row as printed text, each cell by its column's kind."""
    return [cell_text(value, column.kind) for value, column in zip(row, table.columns, strict=True)]
