"""Contracts through the API: signing, acceptance, payment; refusals answer exactly and change nothing."""

from decimal import Decimal

import pytest
from django.test import Client

from zakupki.api.tests.helpers import as_user, error, errors, get, post
from zakupki.contracts.enums import ContractStatus
from zakupki.contracts.models import AcceptanceDocument, Contract, Payment
from zakupki.contracts.tests import factories as f
from zakupki.documents.models import SigningKey

pytestmark = pytest.mark.django_db


class Parties:
    def __init__(self) -> None:
        self.customer = f.customer()
        self.supplier = f.supplier()
        self.buyer = f.member_of(self.customer)
        self.seller = f.member_of(self.supplier)
        self.contract = f.award(self.customer, self.supplier, "1000.00")
        self.client = Client()
        self.as_buyer = as_user(self.buyer)
        self.as_seller = as_user(self.seller)


def _issue_keys(p: Parties) -> None:
    for headers in (p.as_buyer, p.as_seller):
        response = post(p.client, "/me/signing-key", {}, headers)
        assert response.status_code == 201, response.json()


def test_happy_path_sign_accept_pay():
    p = Parties()
    _issue_keys(p)
    assert SigningKey.objects.filter(user=p.seller, revoked_at__isnull=True).count() == 1
    path = f"/contracts/{p.contract.pk}"

    listed = get(p.client, "/contracts", p.as_seller).json()
    assert [(c["id"], c["status"], c["my_side"]) for c in listed] == [(p.contract.pk, "draft", "supplier")]

    assert post(p.client, path + "/sign", {}, p.as_seller).json()["status"] == "signed_by_supplier"
    body = post(p.client, path + "/sign", {}, p.as_buyer).json()
    assert body["status"] == "concluded"
    assert body["registry_number"]
    assert [(s["number"], s["status"], s["amount"]) for s in body["stages"]] == [(1, "pending", "1000.00")]
    item_id = body["items"][0]["id"]

    response = post(
        p.client, path + "/acceptance", {"lines": [{"item_id": item_id, "quantity": "1"}]}, p.as_seller
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "executing"
    document_id = body["acceptance_documents"][0]["id"]
    assert body["acceptance_documents"][0]["total"] == "1000.00"

    body = post(p.client, f"{path}/acceptance/{document_id}/decision", {"full": True}, p.as_buyer).json()
    assert body["acceptance_documents"][0]["status"] == "accepted"
    assert body["stages"][0]["status"] == "accepted"

    response = post(
        p.client,
        f"{path}/acceptance/{document_id}/payments",
        {"amount": "1000.00", "paid_on": "2026-11-23"},
        p.as_buyer,
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "executed"
    assert body["stages"][0]["status"] == "paid"
    assert body["acceptance_documents"][0]["payments"][0]["amount"] == "1000.00"


def test_outsider_gets_404_and_sees_nothing():
    p = Parties()
    stranger = f.member_of(f.supplier())
    headers = as_user(stranger)

    response = get(p.client, f"/contracts/{p.contract.pk}", headers)
    assert response.status_code == 404
    assert response.json() == errors(error("Контракт не найден", code="not_found"))
    assert post(p.client, f"/contracts/{p.contract.pk}/sign", {}, headers).status_code == 404
    assert get(p.client, "/contracts", headers).json() == []
    assert Contract.objects.get(pk=p.contract.pk).status == ContractStatus.DRAFT


def test_customer_cannot_sign_first():
    p = Parties()
    _issue_keys(p)

    response = post(p.client, f"/contracts/{p.contract.pk}/sign", {}, p.as_buyer)

    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "invalid_transition"
    contract = Contract.objects.get(pk=p.contract.pk)
    assert (contract.status, contract.customer_signed_at, contract.registry_number) == ("draft", None, None)


def _concluded_with_document(p: Parties) -> tuple[str, int]:
    _issue_keys(p)
    path = f"/contracts/{p.contract.pk}"
    post(p.client, path + "/sign", {}, p.as_seller)
    item_id = post(p.client, path + "/sign", {}, p.as_buyer).json()["items"][0]["id"]
    body = post(
        p.client, path + "/acceptance", {"lines": [{"item_id": item_id, "quantity": "1"}]}, p.as_seller
    ).json()
    return path, body["acceptance_documents"][0]["id"]


def test_supplier_cannot_decide_acceptance():
    p = Parties()
    path, document_id = _concluded_with_document(p)

    response = post(p.client, f"{path}/acceptance/{document_id}/decision", {"full": True}, p.as_seller)

    assert response.status_code == 403
    assert response.json() == errors(
        error("Решение о приёмке может принять только сотрудник заказчика по контракту", code="forbidden")
    )
    assert AcceptanceDocument.objects.get(pk=document_id).status == "submitted"


def test_payment_over_unpaid_is_refused():
    p = Parties()
    path, document_id = _concluded_with_document(p)
    post(p.client, f"{path}/acceptance/{document_id}/decision", {"full": True}, p.as_buyer)

    response = post(
        p.client,
        f"{path}/acceptance/{document_id}/payments",
        {"amount": "1500.00", "paid_on": "2026-11-23"},
        p.as_buyer,
    )

    assert response.status_code == 409
    assert response.json() == errors(
        error(
            "Сумма оплаты 1\u00a0500,00\u00a0₽ больше неоплаченной суммы принятого 1\u00a0000,00\u00a0₽",
            field="amount",
            code="conflict",
        )
    )
    assert not Payment.objects.exists()
    assert AcceptanceDocument.objects.get(pk=document_id).paid_amount == Decimal("0.00")


def test_refusal_without_reason_is_refused():
    p = Parties()
    path, document_id = _concluded_with_document(p)

    response = post(
        p.client, f"{path}/acceptance/{document_id}/decision", {"refuse_reason": "  "}, p.as_buyer
    )

    assert response.status_code == 422
    assert response.json() == errors(
        error(
            "Укажите одно решение: принять полностью, принять частично или отказать с указанием причины",
            field="decision",
        )
    )
    assert AcceptanceDocument.objects.get(pk=document_id).status == "submitted"


def test_termination_by_agreement_through_the_api_needs_the_other_side():
    p = Parties()
    _issue_keys(p)
    contract_path = f"/contracts/{p.contract.pk}"
    post(p.client, contract_path + "/sign", {}, p.as_seller)
    post(p.client, contract_path + "/sign", {}, p.as_buyer)
    path = contract_path + "/terminate/agreement"

    proposed = post(p.client, path, {"reason": "Потребность отпала"}, p.as_buyer)
    own = post(p.client, path + "/accept", {}, p.as_buyer)
    accepted = post(p.client, path + "/accept", {}, p.as_seller)
    contract = p.contract

    assert proposed.status_code == 201
    assert own.status_code == 403
    assert own.json() == {
        "errors": [
            {
                "field": None,
                "code": "forbidden",
                "message": "Ответить на предложение о расторжении может только другая сторона контракта",
            }
        ]
    }
    assert accepted.status_code == 200
    contract.refresh_from_db()
    assert (contract.status, contract.termination_kind) == ("terminated", "agreement")
