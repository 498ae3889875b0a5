"""Claims on the contract card and the dashboard's «Выставить требование»; termination PDFs."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from zakupki.contracts.models import ContractClaim, Stage
from zakupki.contracts.services import (
    contract_sign_customer,
    contract_sign_supplier,
    contract_unilateral_refusal,
)
from zakupki.contracts.tests import factories as f
from zakupki.documents.services.signatures import signing_key_issue

pytestmark = pytest.mark.django_db
NB = "\u00a0"
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)  # in the 16 % key-rate period


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timezone, "now", lambda: NOW)


class Parties:
    def __init__(self) -> None:
        self.customer = f.customer()
        self.supplier = f.supplier()
        self.buyer = f.member_of(self.customer)
        self.seller = f.member_of(self.supplier)
        signing_key_issue(user=self.buyer, actor=None)
        signing_key_issue(user=self.seller, actor=None)
        self.contract = f.award(self.customer, self.supplier, "300000.00")
        contract_sign_supplier(contract=self.contract, user=self.seller)
        contract_sign_customer(contract=self.contract, user=self.buyer)
        Stage.objects.filter(contract=self.contract).update(due_date=dt.date(2026, 2, 20))


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_dashboard_button_raises_the_claim_and_the_card_shows_it_to_both_sides():
    p = Parties()
    buyer = client_for(p.buyer)
    dashboard = buyer.get("/contracts/").content.decode()
    assert f"пеня поставщика 1{NB}600,00{NB}₽" in dashboard
    assert ">Выставить требование</button>" in dashboard

    response = buyer.post(
        f"/contracts/{p.contract.pk}/claims/raise/", {"stage_number": "1", "kind": "delay_penalty"}
    )

    assert response.status_code == 302
    claim = ContractClaim.objects.get()
    assert claim.amount == 1600
    dashboard = buyer.get("/contracts/").content.decode()
    assert "требование № 1 предъявлено" in dashboard
    card = client_for(p.seller).get(f"/contracts/{p.contract.pk}/").content.decode()
    assert (
        f"Требование № 1, этап 1: Пеня за просрочку исполнения обязательства (ч.7 ст.34 44-ФЗ) — <strong>1{NB}600,00{NB}₽</strong>"
        in card
    )
    assert f'href="/contracts/{p.contract.pk}/claims/{claim.pk}.pdf"' in card
    assert "Поставщик оплатил" not in card  # the supplier only reads
    pdf = client_for(p.seller).get(f"/contracts/{p.contract.pk}/claims/{claim.pk}.pdf")
    assert (pdf.status_code, pdf["Content-Type"], pdf.content[:4]) == (200, "application/pdf", b"%PDF")


def test_a_second_open_claim_is_refused_on_the_page_and_nothing_changes():
    p = Parties()
    buyer = client_for(p.buyer)
    data = {"stage_number": "1", "kind": "delay_penalty"}
    buyer.post(f"/contracts/{p.contract.pk}/claims/raise/", data)

    again = buyer.post(f"/contracts/{p.contract.pk}/claims/raise/", data)
    by_supplier = client_for(p.seller).post(f"/contracts/{p.contract.pk}/claims/raise/", data)
    outsider = client_for(f.member_of(f.customer())).post(f"/contracts/{p.contract.pk}/claims/raise/", data)

    assert again.status_code == 400
    assert "По этому этапу уже предъявлено требование этого вида, и оно не закрыто" in again.content.decode()
    assert by_supplier.status_code == 403
    assert outsider.status_code == 404
    assert ContractClaim.objects.count() == 1


def test_customer_marks_the_claim_paid_from_the_card():
    p = Parties()
    buyer = client_for(p.buyer)
    buyer.post(f"/contracts/{p.contract.pk}/claims/raise/", {"stage_number": "1", "kind": "delay_penalty"})
    claim = ContractClaim.objects.get()

    bad_date = buyer.post(f"/contracts/{p.contract.pk}/claims/paid/", {"claim": claim.pk, "paid_on": "вчера"})
    paid = buyer.post(
        f"/contracts/{p.contract.pk}/claims/paid/", {"claim": claim.pk, "paid_on": "2026-03-02"}
    )

    assert bad_date.status_code == 400
    assert "Укажите дату оплаты" in bad_date.content.decode()
    assert paid.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.paid_on) == ("paid", dt.date(2026, 3, 2))


def test_unilateral_refusal_decision_is_downloadable_from_the_card():
    p = Parties()
    contract_unilateral_refusal(contract=p.contract, user=p.buyer, reason="Просрочка поставки")
    paper = p.contract.termination_papers.get()

    card = client_for(p.seller).get(f"/contracts/{p.contract.pk}/").content.decode()
    pdf = client_for(p.seller).get(f"/contracts/{p.contract.pk}/termination/{paper.pk}.pdf")

    assert f"Решение об одностороннем отказе от исполнения контракта № {p.contract.number} (PDF)</a>" in card
    assert (pdf.status_code, pdf.content[:4]) == (200, b"%PDF")
