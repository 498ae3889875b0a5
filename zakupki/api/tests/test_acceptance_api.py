"""Acceptance through the API as signed documents: the PDFs, the commission and its votes."""

import hashlib
from typing import Any

import pytest
from django.test import Client

from zakupki.api.tests.helpers import API, as_user, error, errors, get, post
from zakupki.contracts.models import AcceptanceApproval, AcceptanceCommission, AcceptancePaper
from zakupki.contracts.tests import factories as f
from zakupki.documents.services.signatures import signing_key_issue

pytestmark = pytest.mark.django_db


class Parties:
    """A concluded one-item contract (10 шт at 100 ₽) between a customer and a supplier with keys."""

    def __init__(self) -> None:
        self.customer = f.customer()
        self.supplier = f.supplier()
        self.buyer = f.member_of(self.customer, full_name="Иванова Анна")
        self.seller = f.member_of(self.supplier, full_name="Петров Пётр")
        for person in (self.buyer, self.seller):
            signing_key_issue(user=person, actor=None)
        self.contract = f.award(self.customer, self.supplier, "1000.00")
        self.client = Client()
        self.as_buyer = as_user(self.buyer)
        self.as_seller = as_user(self.seller)
        self.path = f"/contracts/{self.contract.pk}"
        post(self.client, self.path + "/sign", {}, self.as_seller)
        body = post(self.client, self.path + "/sign", {}, self.as_buyer).json()
        self.item_id = body["items"][0]["id"]

    def submit(self, quantity: str = "1") -> dict[str, Any]:
        response = post(
            self.client,
            self.path + "/acceptance",
            {"lines": [{"item_id": self.item_id, "quantity": quantity}]},
            self.as_seller,
        )
        assert response.status_code == 201, response.json()
        return response.json()["acceptance_documents"][-1]  # type: ignore[no-any-return]


def test_the_signed_pdfs_are_listed_and_downloadable():
    p = Parties()
    document = p.submit()
    base = f"{API}{p.path}/acceptance/{document['id']}/files"

    assert [(x["kind"], x["url"]) for x in document["files"]] == [("submission", f"{base}/submission")]
    assert [(s["signer_name"], s["purpose"]) for s in document["files"][0]["signatures"]] == [
        ("Петров Пётр", "поставщик")
    ]
    missing = get(p.client, f"{p.path}/acceptance/{document['id']}/files/decision", p.as_seller)
    assert missing.status_code == 404
    assert missing.json() == errors(error("Файл документа о приёмке ещё не сформирован", code="not_found"))

    body = post(
        p.client, f"{p.path}/acceptance/{document['id']}/decision", {"refuse_reason": "Брак"}, p.as_buyer
    ).json()
    files = body["acceptance_documents"][0]["files"]
    assert [(x["kind"], x["title"]) for x in files] == [
        ("submission", f"Документ о приёмке № {document['number']} (ред. 1)"),
        ("decision", f"Мотивированный отказ по документу о приёмке № {document['number']} (ред. 1)"),
    ]
    assert [(s["signer_name"], s["purpose"]) for s in files[1]["signatures"]] == [
        ("Иванова Анна", "заказчик")
    ]
    for entry in files:
        pdf = p.client.get(entry["url"], headers=p.as_seller)
        assert pdf.status_code == 200
        assert pdf["Content-Type"] == "application/pdf"
        assert hashlib.sha256(pdf.content).hexdigest() == entry["sha256"]
        assert pdf.content.startswith(b"%PDF")


def test_an_outsider_cannot_download_and_a_tampered_file_is_not_served():
    p = Parties()
    document = p.submit()
    url = f"{p.path}/acceptance/{document['id']}/files/submission"
    stranger = as_user(f.member_of(f.supplier()))

    assert get(p.client, url, stranger).status_code == 404
    paper = AcceptancePaper.objects.select_related("file").get()
    with paper.file.file.open("wb") as handle:
        handle.write(b"%PDF-1.7 forged")
    tampered = get(p.client, url, p.as_buyer)
    assert tampered.status_code == 409
    assert tampered.json()["errors"][0]["message"] == (
        f"Файл «Документ о приёмке № {document['number']} (ред. 1)» изменён после подписания: выдача невозможна"
    )


def test_submission_without_a_key_is_refused_with_a_clear_message():
    p = Parties()
    keyless = f.member_of(p.supplier)

    response = post(
        p.client,
        p.path + "/acceptance",
        {"lines": [{"item_id": p.item_id, "quantity": "1"}]},
        as_user(keyless),
    )

    assert response.status_code == 403
    assert response.json() == errors(
        error(
            "Для подписания документа о приёмке нужен действующий ключ электронной подписи: "
            "выпустите его на странице контракта",
            code="no_signing_key",
        )
    )
    assert AcceptancePaper.objects.count() == 0


def test_a_commission_votes_and_the_decision_records_it():
    p = Parties()
    members = [f.member_of(p.customer, full_name=f"Член {n}") for n in range(1, 6)]
    for member in members:
        signing_key_issue(user=member, actor=None)
    response = post(
        p.client,
        p.path + "/acceptance-commission",
        {"member_ids": [m.pk for m in members], "chair_id": members[0].pk},
        p.as_buyer,
    )
    assert response.status_code == 201, response.json()
    assert response.json()["acceptance_commission"]["members"][:2] == [
        {"user_id": members[0].pk, "name": "Член 1", "is_chair": True},
        {"user_id": members[1].pk, "name": "Член 2", "is_chair": False},
    ]
    document = p.submit()
    vote_path = f"{p.path}/acceptance/{document['id']}/vote"

    early = post(p.client, f"{p.path}/acceptance/{document['id']}/decision", {"full": True}, p.as_buyer)
    assert early.status_code == 409
    assert early.json()["errors"][0]["message"].endswith(
        "не проголосовали: Член 1, Член 2, Член 3, Член 4, Член 5"
    )
    for member in members[:4]:
        assert post(p.client, vote_path, {"verdict": "approve"}, as_user(member)).status_code == 200
    no_reason = post(p.client, vote_path, {"verdict": "dissent"}, as_user(members[4]))
    assert no_reason.status_code == 422
    assert no_reason.json() == errors(error("Укажите, с чем вы не согласны (особое мнение)", "reason"))
    body = post(
        p.client, vote_path, {"verdict": "dissent", "reason": "Нет паспорта"}, as_user(members[4])
    ).json()
    assert [
        (v["member_name"], v["verdict"], v["dissent_reason"])
        for v in body["acceptance_documents"][0]["votes"]
    ] == [
        ("Член 1", "approve", ""),
        ("Член 2", "approve", ""),
        ("Член 3", "approve", ""),
        ("Член 4", "approve", ""),
        ("Член 5", "dissent", "Нет паспорта"),
    ]
    decided = post(p.client, f"{p.path}/acceptance/{document['id']}/decision", {"full": True}, p.as_buyer)
    assert decided.status_code == 200, decided.json()
    signed = decided.json()["acceptance_documents"][0]["files"][0]["signatures"]
    assert [(s["signer_name"], s["purpose"]) for s in signed] == [("Петров Пётр", "поставщик")] + [
        (f"Член {n}", "член приёмочной комиссии") for n in range(1, 6)
    ]


def test_only_commission_members_vote_and_members_are_customer_employees():
    p = Parties()
    members = [f.member_of(p.customer) for _ in range(5)]
    foreign = post(
        p.client,
        p.path + "/acceptance-commission",
        {"member_ids": [*(m.pk for m in members[:4]), p.seller.pk], "chair_id": members[0].pk},
        p.as_buyer,
    )
    assert foreign.status_code == 422
    assert foreign.json() == errors(
        error(f"Не сотрудники заказчика по контракту: № {p.seller.pk}", "member_ids")
    )
    assert AcceptanceCommission.objects.count() == 0
    post(
        p.client,
        p.path + "/acceptance-commission",
        {"member_ids": [m.pk for m in members], "chair_id": members[0].pk},
        p.as_buyer,
    )
    document = p.submit()

    for headers in (p.as_seller, p.as_buyer):
        response = post(
            p.client, f"{p.path}/acceptance/{document['id']}/vote", {"verdict": "approve"}, headers
        )
        assert response.status_code == 403
        assert response.json()["errors"][0]["message"] == (
            "Голосовать по документу о приёмке может только член приёмочной комиссии по контракту"
        )
    assert AcceptanceApproval.objects.count() == 0
