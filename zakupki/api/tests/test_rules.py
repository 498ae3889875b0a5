"""Legal parameters in force and the production calendar."""

import datetime as dt

import pytest
from django.test import Client

from zakupki.api.tests import factories
from zakupki.api.tests.helpers import error, errors, get
from zakupki.rules.engine import rule_period
from zakupki.rules.services import rule_override_set


@pytest.mark.django_db
def test_key_rate_on_a_date_keeps_the_decimal_exact():
    in_force = rule_period("cbr.key_rate", on=dt.date(2026, 1, 15))

    response = get(Client(), "/rules/cbr.key_rate", on="2026-01-15")

    assert response.status_code == 200
    assert response.json() == {
        "key": "cbr.key_rate",
        "title": "Ключевая ставка Банка России",
        "type": "percent",
        "unit": "%",
        "value": "16",
        "text": f"16\u00a0% с {in_force.valid_from:%d.%m.%Y}",
        "valid_from": in_force.valid_from.isoformat(),
        "valid_until": None if in_force.valid_until is None else in_force.valid_until.isoformat(),
        "source": in_force.source,
        "tag": in_force.tag,
        "origin": "base",
        "region_code": None,
        "note": in_force.note,
    }


@pytest.mark.django_db
def test_money_is_a_string_with_two_decimals():
    response = get(Client(), "/rules/small_purchase.p4.contract_cap", on="2026-01-15")

    assert response.status_code == 200
    assert response.json()["value"] == "600000.00"
    assert response.json()["valid_from"] == "2022-01-01"


@pytest.mark.django_db
def test_a_regional_value_wins_for_that_region():
    moscow = factories.region("77")
    admin = factories.regional_admin(moscow)
    rule_override_set(
        region=moscow,
        key="accounts.customer_confirmation_working_days",
        value=5,
        effective_from=dt.date(2026, 1, 1),
        reason="Приказ Департамента № 1",
        actor=admin,
    )

    regional = get(
        Client(), "/rules/accounts.customer_confirmation_working_days", region="77", on="2026-01-15"
    )
    base = get(Client(), "/rules/accounts.customer_confirmation_working_days", on="2026-01-15")

    assert regional.json()["value"] == 5
    assert regional.json()["origin"] == "region"
    assert regional.json()["region_code"] == "77"
    assert regional.json()["source"] == "Приказ Департамента № 1"
    assert regional.json()["valid_until"] is None
    assert base.json()["value"] == 3
    assert base.json()["origin"] == "base"


@pytest.mark.django_db
def test_unknown_rule_is_404_in_the_error_format():
    response = get(Client(), "/rules/no.such.rule")

    assert response.status_code == 404
    assert response.json() == errors(error("Параметр «no.such.rule» не известен", "key", "rule_not_defined"))


@pytest.mark.django_db
def test_bad_date_in_the_query():
    response = get(Client(), "/rules/cbr.key_rate", on="15.01.2026")

    assert response.status_code == 422
    assert response.json() == errors(error("Неверный формат даты: ожидается ГГГГ-ММ-ДД", "on"))


@pytest.mark.django_db
def test_rules_list_every_parameter_with_its_history():
    response = get(Client(), "/rules")

    assert response.status_code == 200
    by_key = {item["key"]: item for item in response.json()}
    cap = by_key["small_purchase.p4.contract_cap"]
    assert [(p["valid_from"], p["valid_until"], p["value"]) for p in cap["periods"]] == [
        ("2014-01-01", "2019-07-01", "100000.00"),
        ("2019-07-01", "2022-01-01", "300000.00"),
        ("2022-01-01", None, "600000.00"),
    ]


def test_seventh_working_day_after_new_year_eve():
    response = get(Client(), "/calendar/working-days", start="2025-12-30", days=7)

    assert response.status_code == 200
    assert response.json() == {"start": "2025-12-30", "days": 7, "date": "2026-01-20"}


def test_working_day_questions():
    holiday = get(Client(), "/calendar/is-working-day", date="2026-01-07")
    monday = get(Client(), "/calendar/is-working-day", date="2026-01-12")

    assert holiday.json() == {"date": "2026-01-07", "is_working_day": False}
    assert monday.json() == {"date": "2026-01-12", "is_working_day": True}


def test_calendar_query_errors():
    response = get(Client(), "/calendar/working-days", start="2025-12-30", days="семь")
    negative = get(Client(), "/calendar/working-days", days=-1)

    assert response.status_code == 422
    assert response.json() == errors(error("Введите целое число", "days"))
    assert negative.json() == errors(
        error("Обязательное поле", "start"), error("Значение должно быть не меньше 0", "days")
    )
