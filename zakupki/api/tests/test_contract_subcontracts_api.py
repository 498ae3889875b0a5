"""Subcontracts (ч.5 ст.30) through the API."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from zakupki.accounts.identifiers import make_inn
from zakupki.api.tests.helpers import as_user, error, errors, get, post
from zakupki.contracts.models import Contract, ContractSubcontract
from zakupki.contracts.tests.terms_givens import Parties, concluded

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
SUB_INN = make_inn("720300001")


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def given() -> tuple[Parties, Contract, Client, str]:
    parties = Parties()
    contract = concluded(parties)  # 6000.00
    return parties, contract, Client(), f"/contracts/{contract.pk}/subcontracts"


def payload(**fields: object) -> dict[str, object]:
    return {
        "subcontractor_inn": SUB_INN,
        "subcontractor_name": "ООО «Малое предприятие»",
        "subcontractor_is_smp": True,
        "amount": "400.00",
        "concluded_on": "2026-03-02",
        **fields,
    }


def test_the_supplier_reports_a_subcontract_and_the_customer_sees_it():
    p, _, client, path = given()
    response = post(client, path, payload(), as_user(p.seller))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (
        body["subcontractor_inn"],
        body["subcontractor_is_smp"],
        body["amount"],
        body["concluded_on"],
    ) == (
        SUB_INN,
        True,
        "400.00",
        "2026-03-02",
    )
    listed = get(client, path, as_user(p.buyer)).json()
    assert [(s["id"], s["amount"]) for s in listed] == [(body["id"], "400.00")]


def test_bad_input_is_a_field_error_and_the_customer_may_not_report():
    p, _, client, path = given()
    response = post(client, path, payload(amount="12,345"), as_user(p.seller))
    assert response.status_code == 422
    assert response.json() == errors(
        error("Сумма договора субподряда: не более двух знаков после запятой", field="amount")
    )
    response = post(client, path, payload(amount="6000.01"), as_user(p.seller))
    assert response.status_code == 422
    assert response.json() == errors(
        error(
            "Сумма договоров субподряда 6\u00a0000,01\u00a0₽ превысит цену контракта 6\u00a0000,00\u00a0₽",
            field="amount",
        )
    )
    response = post(client, path, payload(), as_user(p.buyer))
    assert response.status_code == 403
    assert response.json() == errors(
        error(
            "О договоре субподряда сообщает только сотрудник поставщика по контракту",
            code="forbidden",
        )
    )
    assert not ContractSubcontract.objects.exists()
