"""The subcontract block of the contract card: the supplier reports, both sides read, refusals are 400."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from zakupki.accounts.identifiers import make_inn
from zakupki.accounts.models import User
from zakupki.contracts.models import Contract, ContractSubcontract
from zakupki.contracts.tests import factories as f
from zakupki.contracts.tests.terms_givens import Parties, concluded

pytestmark = pytest.mark.django_db
NB = "\u00a0"
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
SUB_INN = make_inn("770900451")


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def given() -> tuple[Parties, Contract, str]:
    parties = Parties()
    contract = concluded(parties)  # 6000.00
    return parties, contract, f"/contracts/{contract.pk}/subcontracts/"


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


FORM = {
    "subcontractor_inn": SUB_INN,
    "subcontractor_name": "ООО «Малая типография»",
    "subcontractor_is_smp": "1",
    "amount": "1 800,00",
    "concluded_on": "2026-03-02",
}


def test_the_supplier_reports_a_subcontract_and_both_sides_see_it():
    p, contract, path = given()
    seller = client_for(p.seller)
    assert "Сообщить о договоре субподряда" in seller.get(f"/contracts/{contract.pk}/").content.decode()

    response = seller.post(path, FORM)

    assert response.status_code == 302
    sub = ContractSubcontract.objects.get()
    assert (sub.subcontractor_inn, sub.subcontractor_is_smp, str(sub.amount)) == (SUB_INN, True, "1800.00")
    card = client_for(p.buyer).get(f"/contracts/{contract.pk}/").content.decode()
    assert (
        f"ООО «Малая типография», ИНН {SUB_INN} — СМП/СОНКО: <strong>1{NB}800,00{NB}₽</strong>, договор от 02.03.2026"
        in card
    )
    assert "Сообщить о договоре субподряда" not in card  # the customer only reads


def test_refusals_are_400_with_the_reason_and_write_nothing():
    p, _, path = given()
    seller = client_for(p.seller)
    response = seller.post(path, {**FORM, "amount": "6000.01"})
    assert response.status_code == 400
    assert (
        f"Сумма договоров субподряда 6{NB}000,01{NB}₽ превысит цену контракта 6{NB}000,00{NB}₽"
        in response.content.decode()
    )
    response = seller.post(path, {**FORM, "concluded_on": ""})
    assert response.status_code == 400
    assert "Укажите дату договора субподряда" in response.content.decode()
    response = client_for(p.buyer).post(path, FORM)
    assert response.status_code == 403
    stranger = f.member_of(f.supplier())
    assert client_for(stranger).post(path, FORM).status_code == 404
    assert not ContractSubcontract.objects.exists()
