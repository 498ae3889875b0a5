import random
from decimal import Decimal

import pytest

from zakupki.accounts.demo import catalog as demo
from zakupki.accounts.enums import OrganizationStatus
from zakupki.catalog.models import CatalogItem, SupplierOffer
from zakupki.catalog.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def sellers():
    suppliers = [f.organization(region_code=code) for code in ("77", "50", "16")]
    for supplier in suppliers:
        f.member_of(supplier)
    pending = f.organization(status=OrganizationStatus.PENDING)
    f.member_of(pending)
    return [*suppliers, pending]


def offers_snapshot():
    return [
        (o.item.ste_id, o.supplier.inn, o.price, o.stock, sorted(r.code for r in o.delivery_regions.all()))
        for o in SupplierOffer.objects.select_related("item", "supplier").order_by(
            "item__ste_id", "supplier__inn"
        )
    ]


def test_demo_catalog_from_the_shipped_sample_is_deterministic(sellers, monkeypatch, tmp_path):
    monkeypatch.setattr(demo, "PORTAL_XLSX", tmp_path / "absent.xlsx")
    regions = [f.region(code) for code in ("77", "50", "16")]

    summary = demo.load_demo_catalog(suppliers=sellers, regions=regions, rng=random.Random(2026))
    first = offers_snapshot()
    SupplierOffer.objects.all().delete()
    again = demo.load_demo_catalog(suppliers=sellers, regions=regions, rng=random.Random(2026))

    assert (summary.source, summary.items) == ("portal_sample.csv", 33)
    assert CatalogItem.objects.count() == 33
    assert summary.offers == len(first) == again.offers
    assert offers_snapshot() == first
    pending_inn = sellers[-1].inn
    assert all(inn != pending_inn for _, inn, *_ in first)
    assert all(Decimal("100") < price < Decimal("60000") and price % 10 == 9 for _, _, price, *_ in first)
    ball = [row for row in first if row[0] == "1153097"]
    assert ball
    assert all(Decimal("2030") <= price <= Decimal("3000") for _, _, price, *_ in ball)


def test_demo_catalog_prefers_the_real_portal_file(sellers, portal_xlsx):
    summary = demo.load_demo_catalog(suppliers=sellers, regions=[f.region("77")], rng=random.Random(1))

    assert (summary.source, summary.items) == ("cte_test.xlsx", 99)
    assert summary.offers > 99


def test_rerun_skips_offers_that_exist(sellers, monkeypatch, tmp_path):
    monkeypatch.setattr(demo, "PORTAL_XLSX", tmp_path / "absent.xlsx")
    regions = [f.region("77")]
    demo.load_demo_catalog(suppliers=sellers, regions=regions, rng=random.Random(7))
    count = SupplierOffer.objects.count()

    again = demo.load_demo_catalog(suppliers=sellers, regions=regions, rng=random.Random(7))

    assert again.offers == 0
    assert SupplierOffer.objects.count() == count
