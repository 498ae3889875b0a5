"""The supplier portal's СТЕ file: «ID СТЕ», «Название СТЕ», «Категория», «Код КПГЗ», «Характеристики»
(JSON `[{"Name": ..., "Id": ..., "Value": ..., "Unit"?: ...}]`), as XLSX or as CSV with the same columns.
Optional columns: «Код ОКПД2», «Код ОКЕИ», «Единица измерения» (default: 796 «Штука»)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from zakupki.accounts.models import User
from zakupki.catalog.importers.base import (
    ImportReport,
    Row,
    RowError,
    Write,
    cell_text,
    import_and_record,
    read_table,
)
from zakupki.catalog.okei import DEFAULT_OKEI
from zakupki.catalog.services.items import Characteristic, ItemData, catalog_item_upsert

ID, NAME, CATEGORY, KPGZ, CHARACTERISTICS = (
    "ID СТЕ",
    "Название СТЕ",
    "Категория",
    "Код КПГЗ",
    "Характеристики",
)
OKPD2, OKEI_CODE, UNIT = "Код ОКПД2", "Код ОКЕИ", "Единица измерения"
REQUIRED = (ID, NAME, CATEGORY, KPGZ, CHARACTERISTICS)


def parse_characteristics(raw: Any) -> list[Characteristic]:
    """Portal JSON → [{"name", "value", "unit"}] (unit "" when the portal gives none)."""
    text = cell_text(raw)
    if not text:
        return []
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise RowError("неверный JSON характеристик") from exc
    if not isinstance(data, list):
        raise RowError("характеристики должны быть списком")
    result: list[Characteristic] = []
    for entry in data:
        # The portal leaves out "Value" where nothing was filled in (e.g. СТЕ 1159594): an empty value.
        if not isinstance(entry, dict) or not isinstance(entry.get("Name"), str):
            raise RowError("у характеристики нет поля Name")
        name = entry["Name"].strip()
        if not name:
            raise RowError("у характеристики пустое название")
        value, unit = entry.get("Value"), entry.get("Unit")
        result.append(
            {
                "name": name,
                "value": "" if value is None else str(value).strip(),
                "unit": "" if unit is None else str(unit).strip(),
            }
        )
    return result


def item_data_from_row(row: Row) -> ItemData:
    return ItemData(
        ste_id=cell_text(row.get(ID)),
        name=cell_text(row.get(NAME)),
        category=cell_text(row.get(CATEGORY)),
        kpgz_code=cell_text(row.get(KPGZ)),
        characteristics=parse_characteristics(row.get(CHARACTERISTICS)),
        okpd2_code=cell_text(row.get(OKPD2)),
        okei_code=cell_text(row.get(OKEI_CODE)) or DEFAULT_OKEI,
        unit_name=cell_text(row.get(UNIT)),
    )


def import_catalog_file(
    *, path: Path, fmt: str, progress: Write | None = None, actor: User | None = None
) -> ImportReport:
    """Imports (or updates, by «ID СТЕ») every good row; bad rows are reported and leave nothing behind.
    Raises BadFile when the file as a whole is unusable."""
    table = read_table(path, fmt, required=REQUIRED)

    def handle(row: Row) -> bool:
        _item, created = catalog_item_upsert(data=item_data_from_row(row))
        return created

    return import_and_record(
        kind="catalog",
        path=path,
        fmt=fmt,
        table=table,
        handle=handle,
        progress=progress,
        actor=actor,
    )
