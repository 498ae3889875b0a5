"""Claims and termination documents through the API."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from zakupki.api.tests.helpers import API, as_user, error, errors, get, post
from zakupki.contracts.models import ContractClaim, Stage
from zakupki.contracts.services import contract_sign_customer, contract_sign_supplier
from zakupki.contracts.tests import factories as f
from zakupki.documents.services.signatures import signing_key_issue

pytestmark = pytest.mark.django_db
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
        self.contract = f.award(self.customer, self.supplier, "1000.00")
        contract_sign_supplier(contract=self.contract, user=self.seller)
        contract_sign_customer(contract=self.contract, user=self.buyer)
        Stage.objects.filter(contract=self.contract).update(due_date=dt.date(2026, 2, 20))
        self.client = Client()
        self.as_buyer = as_user(self.buyer)
        self.as_seller = as_user(self.seller)


def test_customer_raises_a_claim_and_the_supplier_sees_it_and_downloads_the_pdf():
    p = Parties()
    path = f"/contracts/{p.contract.pk}/claims"

    response = post(p.client, path, {"stage_number": 1, "kind": "delay_penalty"}, p.as_buyer)

    assert response.status_code == 201, response.json()
    body = response.json()
    # 1 000,00 × 1/300 × 16 % × 10 = 5,333… → 5,33
    assert (body["number"], body["amount"], body["status"], body["calculated_on"]) == (
        1,
        "5.33",
        "raised",
        "2026-03-02",
    )
    assert body["working"].endswith("Итого: 5,33\u00a0₽ — 5 (пять) рублей 33 копейки")
    assert [(s["signer_id"], s["purpose"]) for s in body["signatures"]] == [(p.buyer.pk, "заказчик")]
    listed = get(p.client, path, p.as_seller).json()
    assert [(c["id"], c["amount"]) for c in listed] == [(body["id"], "5.33")]
    pdf = p.client.get(body["pdf_url"], headers=p.as_seller)
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_refusals_answer_in_russian_and_change_nothing():
    p = Parties()
    path = f"/contracts/{p.contract.pk}/claims"

    by_supplier = post(p.client, path, {"stage_number": 1, "kind": "delay_penalty"}, p.as_seller)
    wrong_kind = post(p.client, path, {"stage_number": 1, "kind": "bonus"}, p.as_buyer)
    outsider = post(
        p.client, path, {"stage_number": 1, "kind": "delay_penalty"}, as_user(f.member_of(f.customer()))
    )

    assert by_supplier.status_code == 403
    assert by_supplier.json() == errors(
        error(
            "Требование об уплате неустойки может предъявить только сотрудник заказчика по контракту",
            code="forbidden",
        )
    )
    assert wrong_kind.status_code == 422
    assert wrong_kind.json() == errors(
        error("Выберите вид неустойки: пеня за просрочку или штраф", field="kind")
    )
    assert outsider.status_code == 404
    assert ContractClaim.objects.count() == 0


def test_paid_writeoff_and_withdraw_endpoints():
    p = Parties()
    claim = post(
        p.client,
        f"/contracts/{p.contract.pk}/claims",
        {"stage_number": 1, "kind": "delay_penalty"},
        p.as_buyer,
    ).json()

    not_fulfilled = post(p.client, f"/claims/{claim['id']}/writeoff", {}, p.as_buyer)
    by_supplier = post(p.client, f"/claims/{claim['id']}/paid", {"paid_on": "2026-03-02"}, p.as_seller)
    paid = post(p.client, f"/claims/{claim['id']}/paid", {"paid_on": "2026-03-02"}, p.as_buyer)
    withdraw_after = post(p.client, f"/claims/{claim['id']}/withdraw", {"reason": "Ошибка"}, p.as_buyer)

    assert not_fulfilled.status_code == 409
    assert by_supplier.status_code == 403
    assert (paid.status_code, paid.json()["status"], paid.json()["paid_on"]) == (200, "paid", "2026-03-02")
    assert withdraw_after.status_code == 409


def test_termination_documents_are_listed_and_downloadable():
    p = Parties()
    path = f"/contracts/{p.contract.pk}"
    assert (
        post(p.client, path + "/terminate/court", {"decision_ref": "А40-1/2026"}, p.as_buyer).status_code
        == 200
    )

    papers = get(p.client, path + "/termination-documents", p.as_seller).json()

    assert [(d["kind"], d["title"]) for d in papers] == [
        ("court", f"Сведения о расторжении по решению суда № {p.contract.number}")
    ]
    assert [(s["signer_id"], s["purpose"]) for s in papers[0]["signatures"]] == [(p.buyer.pk, "заказчик")]
    assert papers[0]["pdf_url"] == f"{API}{path}/termination-documents/{papers[0]['id']}/pdf"
    pdf = p.client.get(papers[0]["pdf_url"], headers=p.as_seller)
    assert (pdf.status_code, pdf.content[:4]) == (200, b"%PDF")
