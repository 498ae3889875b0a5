"""Catalogue items (СТЕ): created and updated by the importer through `catalog_item_upsert`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import transaction

from zakupki.catalog.models import CatalogItem, Category
from zakupki.catalog.okei import DEFAULT_OKEI, OKEI
from zakupki.catalog.search import (
    characteristics_text,
    postgres_vector,
    stem_text,
    uses_postgres_search,
)
from zakupki.core.errors import ValidationFailed

STE_ID = re.compile(r"^\d{1,32}$")
KPGZ = re.compile(r"^\d{2}(\.\d{2}){0,9}$")
OKPD2 = re.compile(r"^\d{2}(\.\d{1,3}){0,3}$")

Characteristic = dict[str, str]


@dataclass(frozen=True)
class ItemData:
    ste_id: str
    name: str
    category: str
    kpgz_code: str
    characteristics: list[Characteristic] = field(default_factory=list)
    okpd2_code: str = ""
    okei_code: str = DEFAULT_OKEI
    unit_name: str = ""


def _clean(data: ItemData) -> ItemData:
    errors: dict[str, str] = {}
    ste_id, name, category = data.ste_id.strip(), " ".join(data.name.split()), " ".join(data.category.split())
    kpgz, okpd2, okei = data.kpgz_code.strip(), data.okpd2_code.strip(), data.okei_code.strip()
    if not ste_id:
        errors["ste_id"] = "не указан ID СТЕ"
    elif not STE_ID.match(ste_id):
        errors["ste_id"] = f"неверный ID СТЕ «{ste_id}»: ожидаются цифры"
    if not name:
        errors["name"] = "не указано название СТЕ"
    elif len(name) > 1000:
        errors["name"] = "название СТЕ длиннее 1000 символов"
    if not category:
        errors["category"] = "не указана категория"
    elif len(category) > 500:
        errors["category"] = "название категории длиннее 500 символов"
    if not KPGZ.match(kpgz):
        errors["kpgz_code"] = f"неверный код КПГЗ «{kpgz}»" if kpgz else "не указан код КПГЗ"
    if okpd2 and not OKPD2.match(okpd2):
        errors["okpd2_code"] = f"неверный код ОКПД2 «{okpd2}»"
    if okei not in OKEI and not data.unit_name.strip():
        errors["okei_code"] = f"неизвестный код ОКЕИ «{okei}»: укажите наименование единицы"
    if errors:
        raise ValidationFailed(errors)
    unit_name = data.unit_name.strip() or OKEI[okei].name
    return ItemData(
        ste_id=ste_id,
        name=name,
        category=category,
        kpgz_code=kpgz,
        characteristics=data.characteristics,
        okpd2_code=okpd2,
        okei_code=okei,
        unit_name=unit_name,
    )


def catalog_item_refresh_search(*, item: CatalogItem) -> None:
    """Recomputes the search columns of one item from its name, category and characteristics."""
    category = item.category.name
    details = characteristics_text(item.characteristics)
    item.search_name_stems = stem_text([item.name])
    item.search_stems = stem_text([item.name, category, details])
    CatalogItem.objects.filter(pk=item.pk).update(
        search_name_stems=item.search_name_stems, search_stems=item.search_stems
    )
    if uses_postgres_search():
        CatalogItem.objects.filter(pk=item.pk).update(
            search_vector=postgres_vector(name=item.name, category=category, characteristics=details)
        )


def catalog_item_upsert(*, data: ItemData) -> tuple[CatalogItem, bool]:
    """Creates the СТЕ or updates it in place (the same `ste_id` imported again). Returns (item, created)."""
    clean = _clean(data)
    with transaction.atomic():
        category, _ = Category.objects.get_or_create(name=clean.category)
        values = {
            "name": clean.name,
            "category": category,
            "kpgz_code": clean.kpgz_code,
            "okpd2_code": clean.okpd2_code,
            "okei_code": clean.okei_code,
            "unit_name": clean.unit_name,
            "characteristics": clean.characteristics,
        }
        item = CatalogItem.objects.select_for_update().filter(ste_id=clean.ste_id).first()
        created = item is None
        if item is None:
            item = CatalogItem.objects.create(ste_id=clean.ste_id, **values)
        else:
            for name, value in values.items():
                setattr(item, name, value)
            item.save(update_fields=[*values, "updated_at"])
        catalog_item_refresh_search(item=item)
    return item, created
