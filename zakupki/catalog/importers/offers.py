"""A supplier's offer list: columns ste_id, price, stock, regions, valid_from, valid_until (CSV or XLSX).

A row for a СТЕ the supplier already has an active offer on changes that offer; otherwise it publishes one.
`regions` lists region codes separated by commas, semicolons or spaces; dates are ДД.ММ.ГГГГ or ГГГГ-ММ-ДД."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from django.db import transaction

from zakupki.accounts.models import User
from zakupki.catalog.enums import OfferStatus
from zakupki.catalog.importers.base import (
    ImportReport,
    Progress,
    Row,
    RowError,
    Write,
    cell_text,
    read_table,
    run_rows,
)
from zakupki.catalog.models import CatalogImport, CatalogItem, SupplierOffer
from zakupki.catalog.services.offers import offer_publish, offer_revise, supplier_of
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record

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
    report = ImportReport()

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

    with transaction.atomic():
        run_rows(table, handle, progress=Progress(progress, table.total), report=report)
        record = CatalogImport.objects.create(
            kind="offers", source=path.name, imported=report.imported, skipped=len(report.skipped)
        )
        audit_record(
            actor=supplier_user,
            event=EventType.CATALOG_IMPORTED,
            obj=record,
            details={
                "file": path.name,
                "format": fmt,
                "supplier_inn": supplier.inn,
                "imported": report.imported,
                "created": report.created,
                "updated": report.updated,
                "skipped": len(report.skipped),
            },
        )
    return report
