import datetime as dt
from decimal import Decimal

import pytest

from zakupki.catalog import search, selectors
from zakupki.catalog.enums import OfferStatus
from zakupki.catalog.models import CatalogItem
from zakupki.catalog.search import stem_text, stems
from zakupki.catalog.selectors import catalog_search
from zakupki.catalog.tests import factories as f
from zakupki.core.errors import ValidationFailed

ON = dt.date(2026, 2, 1)


def test_stems_fold_russian_word_forms_and_drop_stop_words():
    assert stems("Мячи футбольные") == ["мяч", "футбольн"]
    assert stems("картридж для лазерного принтера") == ["картридж", "лазерн", "принтер"]
    assert stems("Картриджи лазерные") == ["картридж", "лазерн"]
    assert stems("Ёлочные игрушки") == stems("елочные игрушки")


def test_stem_text_is_space_delimited_without_repeats():
    assert stem_text(["мяч футбольный MIKASA", "Мячи футбольные"]) == " мяч футбольн mikasa "
    assert stem_text([""]) == ""


@pytest.fixture
def catalogue(db):
    f.item()  # мяч футбольный MIKASA REGATEADOR5-G
    f.item(
        ste_id="1153130",
        name="мяч волейбольный Gala Pro-Line 10 FIVB",
        category="Мячи волейбольные",
        kpgz_code="01.08.01.14.03.01",
    )
    f.item(
        ste_id="900100",
        name="Картридж для лазерного принтера HP 85A",
        category="Картриджи",
        kpgz_code="01.21.01.02",
    )
    f.item(
        ste_id="900101", name="Картридж струйный Canon PG-440", category="Картриджи", kpgz_code="01.21.01.02"
    )
    f.item(
        ste_id="900102", name="Бумага для принтера «Снегурочка» А4", category="Бумага", kpgz_code="01.21.02"
    )


def names(page):
    return [hit.item.name for hit in page.hits]


@pytest.fixture(params=["stems"])
def fallback(request, monkeypatch):
    """The SQLite way (stems), forced on whatever database the suite runs: it must work everywhere."""
    monkeypatch.setattr(selectors, "uses_postgres_search", lambda: False)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("мячи футбольные", ["мяч футбольный MIKASA REGATEADOR5-G"]),
        ("картриджи лазерные", ["Картридж для лазерного принтера HP 85A"]),
        ("картриджи", ["Картридж для лазерного принтера HP 85A", "Картридж струйный Canon PG-440"]),
        ("мячом mikasa", ["мяч футбольный MIKASA REGATEADOR5-G"]),
        ("принтеров", ["Бумага для принтера «Снегурочка» А4", "Картридж для лазерного принтера HP 85A"]),
        ("мячи теннисные", []),
    ],
)
def test_stem_fallback_search_finds_word_forms(catalogue, fallback, query, expected):
    assert names(catalog_search(query=query, on=ON)) == expected


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("мячи футбольные", ["мяч футбольный MIKASA REGATEADOR5-G"]),
        ("картриджи лазерные", ["Картридж для лазерного принтера HP 85A"]),
        ("картриджи", ["Картридж для лазерного принтера HP 85A", "Картридж струйный Canon PG-440"]),
        ("мячом mikasa", ["мяч футбольный MIKASA REGATEADOR5-G"]),
        ("мячи теннисные", []),
    ],
)
def test_postgres_full_text_search_finds_word_forms(catalogue, query, expected):
    assert search.uses_postgres_search()
    assert CatalogItem.objects.filter(search_vector__isnull=True).count() == 0

    assert names(catalog_search(query=query, on=ON)) == expected


@pytest.mark.postgres
def test_postgres_ranks_name_matches_above_category_matches(catalogue):
    f.item(ste_id="900103", name="Тонер чёрный", category="Картриджи лазерные", kpgz_code="01.21.01.02")

    page = catalog_search(query="картриджи лазерные", on=ON)

    assert names(page) == ["Картридж для лазерного принтера HP 85A", "Тонер чёрный"]


def test_relevance_puts_name_matches_first(catalogue, fallback):
    f.item(ste_id="900103", name="Тонер чёрный", category="Картриджи лазерные", kpgz_code="01.21.01.02")

    page = catalog_search(query="картриджи лазерные", on=ON)

    assert names(page) == ["Картридж для лазерного принтера HP 85A", "Тонер чёрный"]


def test_reimport_with_a_new_name_updates_the_search(catalogue):
    f.item(ste_id="900101", name="Тонер-картридж Canon", category="Картриджи", kpgz_code="01.21.01.02")

    assert names(catalog_search(query="струйный", on=ON)) == []
    assert names(catalog_search(query="тонеры", on=ON)) == ["Тонер-картридж Canon"]


# --- filters, prices, sorting, pages --------------------------------------------------------------------


@pytest.fixture
def priced(catalogue):
    """Two suppliers; prices of what one can buy on ON."""
    a, b = f.organization(), f.organization(region_code="16")
    laser = CatalogItem.objects.get(ste_id="900100")
    inkjet = CatalogItem.objects.get(ste_id="900101")
    paper = CatalogItem.objects.get(ste_id="900102")
    ball = CatalogItem.objects.get(ste_id="1153097")
    f.offer(of=laser, supplier=a, price="5400.00", regions=("77", "50"))
    f.offer(of=laser, supplier=b, price="4990.00", regions=("16",))
    f.offer(of=inkjet, supplier=a, price="1890.00", regions=("77",))
    f.offer(of=paper, supplier=a, price="349.90", regions=("77", "16"))
    # Not buyable: withdrawn, expired, out of stock — never counted.
    f.offer(of=paper, supplier=b, price="100.00", status=OfferStatus.WITHDRAWN)
    f.offer(of=ball, supplier=a, price="10.00", valid_until=dt.date(2026, 1, 31))
    f.offer(of=ball, supplier=b, price="20.00", stock="0")


def hits(page):
    return [(hit.item.ste_id, hit.best_price, hit.offers_count) for hit in page.hits]


def test_best_price_counts_only_buyable_offers(priced):
    page = catalog_search(sort="price_asc", on=ON)

    assert hits(page) == [
        ("900102", Decimal("349.90"), 1),
        ("900101", Decimal("1890.00"), 1),
        ("900100", Decimal("4990.00"), 2),
        ("1153130", None, 0),
        ("1153097", None, 0),
    ]
    assert page.hits[0].best_price_text == "349,90\u00a0₽"


def test_region_filter_keeps_items_delivered_there_with_their_local_price(priced):
    page = catalog_search(region=f.region("16"), sort="price_desc", on=ON)

    assert hits(page) == [("900100", Decimal("4990.00"), 1), ("900102", Decimal("349.90"), 1)]


def test_price_range_and_category(priced):
    cartridges = CatalogItem.objects.get(ste_id="900100").category_id

    assert hits(catalog_search(price_min=Decimal("300"), price_max=Decimal("2000"), on=ON)) == [
        ("900102", Decimal("349.90"), 1),
        ("900101", Decimal("1890.00"), 1),
    ]
    assert [h[0] for h in hits(catalog_search(category_id=cartridges, sort="price_asc", on=ON))] == [
        "900101",
        "900100",
    ]


def test_query_with_price_sort(priced, fallback):
    page = catalog_search(query="принтера", sort="price_desc", on=ON)

    assert hits(page) == [("900100", Decimal("4990.00"), 2), ("900102", Decimal("349.90"), 1)]


def test_pages(priced):
    first = catalog_search(sort="name", per_page=2, page=1, on=ON)
    last = catalog_search(sort="name", per_page=2, page=3, on=ON)
    beyond = catalog_search(sort="name", per_page=2, page=9, on=ON)

    assert names(first) == ["Бумага для принтера «Снегурочка» А4", "Картридж для лазерного принтера HP 85A"]
    assert (first.number, first.num_pages, first.total, first.has_previous, first.has_next) == (
        1,
        3,
        5,
        False,
        True,
    )
    assert names(last) == ["мяч футбольный MIKASA REGATEADOR5-G"]
    assert (last.has_previous, last.has_next) == (True, False)
    assert beyond.number == 3


@pytest.mark.parametrize(
    ("kwargs", "errors"),
    [
        ({"sort": "cheap"}, {"sort": "Неизвестный порядок сортировки"}),
        (
            {"price_min": Decimal(10), "price_max": Decimal(5)},
            {"price_max": "Максимальная цена меньше минимальной"},
        ),
        ({"price_min": Decimal(-1)}, {"price_min": "Цена не может быть отрицательной"}),
        ({"per_page": 500}, {"per_page": "На странице от 1 до 100 позиций"}),
        ({"page": 0}, {"page": "Номер страницы начинается с 1"}),
        ({"query": "я" * 201}, {"q": "Запрос длиннее 200 символов"}),
    ],
)
def test_bad_search_input_is_refused(db, kwargs, errors):
    with pytest.raises(ValidationFailed) as caught:
        catalog_search(**kwargs)

    assert caught.value.errors == errors


@pytest.mark.postgres
def test_postgres_has_the_gin_index_and_uses_it(db):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'catalog_item_search_vector_gin'")
        (definition,) = cursor.fetchone()

    assert "USING gin (search_vector)" in definition
