"""Demo catalogue: the real СТЕ of the Moscow supplier portal, and deterministic offers of demo suppliers.

Items come from `<repo>/../shared/data/portal/cte_test.xlsx` when that folder is there, else from the
fixture `zakupki/catalog/fixtures/portal_sample.csv` (33 of the same real rows). Offers go through the
catalogue services, so the audit journal records them like any supplier's.

Call it after the organizations exist, e.g. at the end of `load_plan`:
    load_demo_catalog(suppliers=confirmed_suppliers, regions=regions, rng=random.Random(DEMO_SEED))
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus
from zakupki.accounts.models import Organization, Region, User
from zakupki.catalog.importers.base import CSV, XLSX
from zakupki.catalog.importers.portal import import_catalog_file
from zakupki.catalog.models import CatalogItem
from zakupki.catalog.selectors import region_today
from zakupki.catalog.services.offers import offer_publish
from zakupki.core.errors import DomainError

REPO_ROOT = Path(__file__).resolve().parents[3]
PORTAL_XLSX = REPO_ROOT / ".." / "shared" / "data" / "portal" / "cte_test.xlsx"
SAMPLE_CSV = REPO_ROOT / "zakupki" / "catalog" / "fixtures" / "portal_sample.csv"

# Typical retail prices in roubles by portal category; offers vary around them.
BASE_PRICES: dict[str, int] = {
    "Мячи футбольные": 2_400,
    "Мячи волейбольные": 3_100,
    "Расходные материалы, комплектующие для прочего бытового оборудования": 1_300,
    "Фильтр для пылесоса": 650,
    "Пылесос": 9_800,
    "Принадлежности для шитья и рукоделия металлические": 320,
    "Иглы для швейных машин": 280,
    "Оверлоки": 19_500,
    "Швейная машина": 16_900,
    "Утюги электрические бытовые": 3_200,
    "Перфораторы": 11_500,
    "Дрели ручные электрические": 5_400,
    "Шуруповерты": 6_200,
    "Инструмент электрический и моторизованный прочий": 38_000,
}
DEFAULT_PRICE = 1_500


@dataclass(frozen=True)
class DemoCatalogSummary:
    source: str
    items: int
    offers: int


def demo_catalog_source() -> tuple[Path, str]:
    if PORTAL_XLSX.is_file():
        return PORTAL_XLSX, XLSX
    return SAMPLE_CSV, CSV


def _price(rng: random.Random, category: str) -> Decimal:
    base = BASE_PRICES.get(category, DEFAULT_PRICE)
    tens = round(base * rng.uniform(0.85, 1.25) / 10)
    return Decimal(tens * 10 - 1).quantize(Decimal("0.01"))  # «2 489,00 ₽»


def _sellers(suppliers: Sequence[Organization]) -> list[tuple[Organization, User]]:
    result = []
    for supplier in suppliers:
        if supplier.kind != OrganizationKind.SUPPLIER or supplier.status != OrganizationStatus.CONFIRMED:
            continue
        member = User.objects.filter(organization=supplier, is_active=True).order_by("pk").first()
        if member is not None:
            result.append((supplier, member))
    return result


def load_demo_catalog(
    *, suppliers: Sequence[Organization], regions: Sequence[Region], rng: random.Random
) -> DemoCatalogSummary:
    """Same suppliers, regions and seed → the same offers. Rerunning updates items and skips offers a
    supplier already has."""
    path, fmt = demo_catalog_source()
    report = import_catalog_file(path=path, fmt=fmt)
    sellers = _sellers(sorted(suppliers, key=lambda org: org.pk))
    region_list = sorted(regions, key=lambda region: region.code)
    offers = 0
    if not sellers or not region_list:
        return DemoCatalogSummary(source=path.name, items=report.imported, offers=0)
    with transaction.atomic():
        for item in CatalogItem.objects.select_related("category").order_by("ste_id"):
            for supplier, member in rng.sample(sellers, k=min(len(sellers), rng.randint(1, 3))):
                today = region_today(supplier.region)
                delivery = {supplier.region.code} | {
                    region.code for region in rng.sample(region_list, k=rng.randint(0, len(region_list)))
                }
                try:
                    offer_publish(
                        supplier_user=member,
                        item=item,
                        price=_price(rng, item.category.name),
                        stock=rng.choice((0, 5, 12, 20, 40, 75, 150)),
                        region_codes=sorted(delivery),
                        valid_from=today - dt.timedelta(days=rng.randint(0, 60)),
                        valid_until=today + dt.timedelta(days=rng.choice((30, 90, 180, 365))),
                    )
                except DomainError:
                    continue  # the supplier already offers this item (a rerun)
                offers += 1
    return DemoCatalogSummary(source=path.name, items=report.imported, offers=offers)
