"""/api/v1/analytics/regions/{code}/…: the dashboard, the rating and the drill-down, on the 2025 world of
conftest (the figures are worked out in test_dashboard and test_rating)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from zakupki.analytics.tests.conftest import AS_OF, World

BASE = "/api/v1/analytics/regions"


@pytest.fixture(autouse=True)
def _frozen_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timezone, "now", lambda: AS_OF)


def test_dashboard_answers_the_years_figures_with_their_sources(world: World) -> None:
    response = Client().get(f"{BASE}/72/dashboard?year=2025")

    assert response.status_code == 200
    body = response.json()
    assert body["region"] == {"code": "72", "name": "Тюменская область"}
    assert (body["year"], body["no_data"], body["message"]) == (2025, False, None)
    assert (body["count"], body["amount"], body["per_day"], body["days"]) == (5, "5800.00", "0.01", 365)
    assert body["sources"] == {"platform": 4, "eis": 1, "label": "площадка — 4, ЕИС — 1"}
    assert (body["platform_amount"], body["eis_amount"]) == ("3900.00", "1900.00")
    assert body["monthly"][4] == {
        "month": 5,
        "name": "май",
        "count": 1,
        "amount": "1900.00",
        "days": 31,
        "per_day": "0.03",
    }
    assert len(body["daily"]) == 365
    assert body["daily"][124] == {"date": "2025-05-05", "count": 1, "amount": "1900.00"}
    weighted = body["shares"][0]
    assert (weighted["key"], weighted["figure"]["value"], weighted["figure"]["numerator"]) == (
        "savings_weighted",
        "13.11",
        "800.00",
    )
    assert weighted["sources"]["label"] == "площадка — 3, ЕИС — 1"
    assert [s["figure"]["value"] for s in body["shares"]] == ["13.11", "8.75", "56.90", "20.00", "20.00"]
    assert body["supplier_regions"] == [
        {
            "name": "Тюменская область",
            "code": "72",
            "suppliers": 4,
            "contracts": 4,
            "amount": "3900.00",
            "regions": 1,
        },
        {
            "name": "регион 77",
            "code": "77",
            "suppliers": 1,
            "contracts": 1,
            "amount": "1900.00",
            "regions": 1,
        },
    ]
    assert body["suppliers"] == 5


def test_dashboard_without_data_says_no_data_not_zeros(world: World) -> None:
    body = Client().get(f"{BASE}/72/dashboard?year=2023").json()

    assert body["no_data"] is True
    assert body["message"] == "нет данных: за 2023 год по региону нет ни одного заключённого контракта"
    assert (body["count"], body["amount"], body["shares"], body["daily"]) == (None, None, [], [])


@pytest.mark.parametrize(
    ("url", "status", "error"),
    [
        (
            "/72/dashboard?year=abc",
            422,
            {"field": "year", "code": "invalid", "message": "Год — четыре цифры, например 2025"},
        ),
        (
            "/72/dashboard?year=2030",
            422,
            {"field": "year", "code": "invalid", "message": "Год — от 2014 до 2026"},
        ),
        (
            "/99/dashboard",
            404,
            {
                "field": "region",
                "code": "not_found",
                "message": "Регион с кодом «99» не подключён к платформе",
            },
        ),
        (
            "/72/rating?year=2025&methodology=irkutsk",
            422,
            {
                "field": "methodology",
                "code": "invalid",
                "message": "Неизвестная методика «irkutsk»; есть: common, tyumen",
            },
        ),
        (
            "/72/rating?year=2020&methodology=common",
            422,
            {"field": "year", "code": "invalid", "message": "Методика «common» не действовала в 2020 году"},
        ),
        (
            "/72/rating?year=2025&sort=x",
            422,
            {"field": "sort", "code": "invalid", "message": "Нельзя сортировать по «x»"},
        ),
        (
            "/72/rating/999999?year=2025&methodology=common",
            404,
            {
                "field": "customer_id",
                "code": "not_found",
                "message": "Заказчик № 999999 не участвует в рейтинге региона 72 за 2025 год",
            },
        ),
    ],
)
def test_bad_parameters_are_field_errors(world: World, url: str, status: int, error: dict[str, str]) -> None:
    response = Client().get(BASE + url)

    assert response.status_code == status
    assert response.json() == {"errors": [error]}


def test_rating_lists_points_and_rp_sorted_as_asked(world: World) -> None:
    response = Client().get(f"{BASE}/72/rating?year=2025&methodology=common&sort=total&dir=asc")

    assert response.status_code == 200
    body = response.json()
    assert body["methodology"]["id"] == "common"
    assert (body["methodology"]["effective_from"], body["methodology"]["weighted"]) == ("2022-01-01", False)
    assert [(r["place"], r["customer"]["id"], r["total"]) for r in body["rows"]] == [
        (2, world.clinic.pk, 9),
        (1, world.school.pk, 10),
    ]
    clinic = body["rows"][0]
    # К7 has no СГОЗ in these givens (no payment plans): «нет данных», like the clinic's competition.
    assert clinic["no_data"] == ["competition_avg_bids", "single_bid_share", "failed_share", "k7_smp_share"]
    competition = next(i for i in clinic["indicators"] if i["id"] == "competition_avg_bids")
    assert (competition["points"], competition["figure"]["value"], competition["thresholds"]) == (
        None,
        None,
        ["4", "3", "2"],
    )
    assert competition["figure"]["no_data_reason"] == "нет котировочных сессий, завершённых за период"


def test_rating_of_a_year_without_data_is_no_data(world: World) -> None:
    body = Client().get(f"{BASE}/72/rating?year=2023&methodology=common").json()

    assert (body["no_data"], body["methodology"], body["rows"]) == (True, None, [])
    assert (
        body["message"]
        == "нет данных: за 2023 год в регионе нет контрактов, котировочных сессий и данных ЕИС"
    )


def test_drill_down_lists_the_counted_contracts_with_platform_ids(world: World) -> None:
    response = Client().get(f"{BASE}/72/rating/{world.school.pk}?year=2025&methodology=common")

    assert response.status_code == 200
    body = response.json()
    assert (body["rows_total"], body["row"]["place"], body["row"]["total"]) == (2, 1, 10)
    savings = body["row"]["indicators"][0]
    assert savings["figure"] == {
        "value": "13.33",
        "unit": "%",
        "numerator": "800.00",
        "denominator": "6000.00",
        "label": "средневзвешенная экономия: Σ(НМЦК − цена) / ΣНМЦК",
        "no_data_reason": None,
        "counted": [
            {
                "source": "platform",
                "kind": "contract",
                "ref": world.c1.registry_number,
                "contract_id": world.c1.pk,
            },
            {
                "source": "platform",
                "kind": "contract",
                "ref": world.c2.registry_number,
                "contract_id": world.c2.pk,
            },
            {"source": "eis", "kind": "contract", "ref": "2720000000125000001", "contract_id": None},
        ],
    }
    assert (savings["points"], savings["thresholds"], savings["direction"]) == (
        3,
        ["10", "5", "2"],
        "higher_better",
    )
