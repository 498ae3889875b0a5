"""Contract pages: the list by status, the card with its forms and refusals, the dashboard and claims."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from zakupki.contracts.models import AcceptanceDocument, Contract, Stage
from zakupki.contracts.services import contract_sign_customer, contract_sign_supplier
from zakupki.contracts.tests import factories as f
from zakupki.core.timeutil import local_date
from zakupki.documents.models import SigningKey
from zakupki.documents.services.signatures import signing_key_issue

pytestmark = pytest.mark.django_db
NB = "\u00a0"


class Parties:
    def __init__(self, price: str = "300000.00") -> None:
        self.customer = f.customer()
        self.supplier = f.supplier()
        self.buyer = f.member_of(self.customer)
        self.seller = f.member_of(self.supplier)
        self.contract = f.award(self.customer, self.supplier, price)

    def conclude(self) -> Contract:
        signing_key_issue(user=self.buyer, actor=None)
        signing_key_issue(user=self.seller, actor=None)
        contract_sign_supplier(contract=self.contract, user=self.seller)
        return contract_sign_customer(contract=self.contract, user=self.buyer)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_list_groups_by_status_with_counts():
    p = Parties()
    p.conclude()
    f.award(p.customer, p.supplier, "500.00")

    html = client_for(p.buyer).get("/contracts/").content.decode()

    assert "Контракты по статусам (2)" in html
    assert "Проект контракта — 1" in html
    assert "Заключён — 1" in html
    assert f"300{NB}000,00{NB}₽" in html


def test_outsider_gets_404():
    p = Parties()
    outsider = f.member_of(f.supplier())

    assert client_for(outsider).get(f"/contracts/{p.contract.pk}/").status_code == 404
    assert client_for(outsider).post(f"/contracts/{p.contract.pk}/sign/").status_code == 404


def test_signing_key_block_issues_a_key_then_signing_works():
    p = Parties()
    client = client_for(p.seller)
    card = client.get(f"/contracts/{p.contract.pk}/").content.decode()
    assert "У вас нет действующего ключа электронной подписи" in card

    response = client.post(f"/contracts/{p.contract.pk}/signing_key/")
    assert response.status_code == 302
    assert SigningKey.objects.filter(user=p.seller, revoked_at__isnull=True).count() == 1

    assert client.post(f"/contracts/{p.contract.pk}/sign/").status_code == 302
    assert Contract.objects.get(pk=p.contract.pk).status == "signed_by_supplier"


def test_refusal_is_shown_with_400_and_nothing_changes():
    p = Parties()
    p.conclude()
    item = p.contract.items.get()

    response = client_for(p.seller).post(
        f"/contracts/{p.contract.pk}/submit/", {"stage_number": "1", f"qty_{item.pk}": "2"}
    )

    assert response.status_code == 400
    assert (
        "Нельзя передать к приёмке больше, чем предусмотрено контрактом: по позиции "
        "«Бумага офисная А4» осталось 1 шт, указано 2 шт"
    ) in response.content.decode()
    assert not AcceptanceDocument.objects.exists()


def test_submit_and_accept_through_the_card():
    p = Parties()
    p.conclude()
    item = p.contract.items.get()
    path = f"/contracts/{p.contract.pk}"

    assert (
        client_for(p.seller).post(path + "/submit/", {"stage_number": "1", f"qty_{item.pk}": "1"}).status_code
        == 302
    )
    document = AcceptanceDocument.objects.get()
    dashboard = client_for(p.buyer).get("/contracts/").content.decode()
    assert f"документ № {document.number} (ред. 1) на 300{NB}000,00{NB}₽: решение до" in dashboard

    response = client_for(p.buyer).post(path + "/decide/", {"document": document.pk, "decision": "full"})
    assert response.status_code == 302
    assert AcceptanceDocument.objects.get().status == "accepted"


def test_customer_dashboard_claims_penalty_for_an_overdue_stage(monkeypatch):
    p = Parties("300000.00")
    p.conclude()
    # A fixed "now" inside the 16 % key-rate period (from 22.12.2025), so the figure does not move with
    # the calendar.
    frozen = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: frozen)
    today = local_date(timezone.now(), p.customer.region.timezone)
    due = today - dt.timedelta(days=10)
    Stage.objects.filter(contract=p.contract).update(due_date=due)

    html = client_for(p.buyer).get("/contracts/").content.decode()

    assert "Требования к предъявлению" in html
    # 300 000,00 × 1/300 × 16 % × 10 days = 1 600,00 ₽
    assert f"этап 1:\n    пеня поставщика 1{NB}600,00{NB}₽" in html
    assert "<details><summary>Расчёт</summary>" in html
    assert f"Ц − В: 300{NB}000,00{NB}₽" in html
    assert f"300{NB}000,00{NB}₽ × 1/300 × 16{NB}% × 10 = 1{NB}600,00{NB}₽" in html
    assert f"срок истёк {due.strftime('%d.%m.%Y')}" in html

    supplier_html = client_for(p.seller).get("/contracts/").content.decode()
    assert "Требования к предъявлению" not in supplier_html
    assert f"срок истёк {due.strftime('%d.%m.%Y')}" in supplier_html


def test_termination_by_agreement_is_proposed_by_one_side_and_accepted_by_the_other():
    p = Parties()
    p.conclude()
    path = f"/contracts/{p.contract.pk}"

    proposed = client_for(p.seller).post(
        path + "/propose_termination/", {"reason": "Товар снят с производства"}
    )
    own_view = client_for(p.seller).get(path + "/").content.decode()
    other_view = client_for(p.buyer).get(path + "/").content.decode()
    own_accept = client_for(p.seller).post(path + "/accept_termination/")

    assert proposed.status_code == 302
    assert "ждём ответа другой стороны" in own_view
    assert "Другая сторона предлагает расторгнуть контракт по соглашению" in other_view
    assert own_accept.status_code == 400
    assert (
        "Ответить на предложение о расторжении может только другая сторона контракта"
        in own_accept.content.decode()
    )
    assert Contract.objects.get().status == "concluded"

    accepted = client_for(p.buyer).post(path + "/accept_termination/")

    contract = Contract.objects.get()
    assert accepted.status_code == 302
    assert (contract.status, contract.termination_kind, contract.termination_reason) == (
        "terminated",
        "agreement",
        "Товар снят с производства",
    )
