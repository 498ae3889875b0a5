"""A supplier's offer list: columns ste_id, price, stock, regions, valid_from, valid_until (CSV or XLSX).

A row for a СТЕ the supplier already has an active offer on changes that offer; otherwise it publishes one.
`regions` lists region codes separated by commas, semicolons or spaces; dates are ДД.ММ.ГГГГ or ГГГГ-ММ-ДД."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from zakupki.accounts.models import User
from zakupki.catalog.enums import OfferStatus
from zakupki.catalog.importers.base import (
    ImportReport,
    Row,
    RowError,
    Write,
    cell_text,
    import_and_record,
    read_table,
)
from zakupki.catalog.models import CatalogItem, SupplierOffer
from zakupki.catalog.services.offers import offer_publish, offer_revise, supplier_of

REQUIRED = ("ste_id", "price", "stock", "regions", "valid_from", "valid_until")
_SEPARATORS = re.compile(r"[,;\s]+")


def parse_date(value: Any, *, what: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    raise RowError(f"неверная дата {what} «{text}»: ожидается ДД.ММ.ГГГГ")


def number_text(value: Any) -> str:
    """Excel numbers arrive as float: their shortest repr is what the person typed."""
    if isinstance(value, float):
        return repr(value)
    return cell_text(value)


def import_offers_file(
    *, path: Path, fmt: str, supplier_user: User, progress: Write | None = None
) -> ImportReport:
    supplier = supplier_of(supplier_user)
    table = read_table(path, fmt, required=REQUIRED)

    def handle(row: Row) -> bool:
        ste_id = cell_text(row.get("ste_id"))
        item = CatalogItem.objects.filter(ste_id=ste_id).first()
        if item is None:
            raise RowError(f"СТЕ «{ste_id}» нет в каталоге")
        terms: dict[str, Any] = {
            "price": number_text(row.get("price")),
            "stock": number_text(row.get("stock")),
            "region_codes": [code for code in _SEPARATORS.split(cell_text(row.get("regions"))) if code],
            "valid_from": parse_date(row.get("valid_from"), what="начала"),
            "valid_until": parse_date(row.get("valid_until"), what="окончания"),
        }
        existing = SupplierOffer.objects.filter(
            supplier=supplier, item=item, status=OfferStatus.ACTIVE
        ).first()
        if existing is not None:
            offer_revise(supplier_user=supplier_user, offer=existing, **terms)
            return False
        offer_publish(supplier_user=supplier_user, item=item, **terms)
        return True

    return import_and_record(
        kind="offers",
        path=path,
        fmt=fmt,
        table=table,
        handle=handle,
        progress=progress,
        actor=supplier_user,
        details={"supplier_inn": supplier.inn},
    )
