"""The contract card's acceptance documents as signed PDFs, the commission and its votes."""

import hashlib

import pytest
from django.test import Client

from zakupki.contracts.models import (
    AcceptanceApproval,
    AcceptanceCommission,
    AcceptanceDocument,
    AcceptancePaper,
)
from zakupki.contracts.services import AcceptanceLineData, acceptance_submit
from zakupki.contracts.tests import factories as f
from zakupki.documents.services.signatures import signing_key_issue
from zakupki.web.tests.test_contracts_pages import Parties

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def submitted(p: Parties) -> AcceptanceDocument:
    p.conclude()
    item = p.contract.items.get()
    return acceptance_submit(
        stage=p.contract.stages.get(),
        user=p.seller,
        lines=[AcceptanceLineData(item=item, quantity=item.quantity)],
    )


def test_the_card_links_the_signed_pdfs_and_they_download():
    p = Parties()
    document = submitted(p)
    path = f"/contracts/{p.contract.pk}"
    client_for(p.buyer).post(
        path + "/decide/", {"document": document.pk, "decision": "refuse", "refuse_reason": "Брак"}
    )

    card = client_for(p.seller).get(path + "/").content.decode()

    submission_url = f"{path}/acceptance/{document.pk}/submission.pdf"
    decision_url = f"{path}/acceptance/{document.pk}/decision.pdf"
    assert f'<a href="{submission_url}">Документ о приёмке № {document.number} (ред. 1) (PDF)</a>' in card
    assert (
        f'<a href="{decision_url}">Мотивированный отказ по документу о приёмке № {document.number} (ред. 1) (PDF)</a>'
        in card
    )
    assert f"подписи: {p.seller.full_name} (поставщик, " in card
    assert f"подписи: {p.buyer.full_name} (заказчик, " in card
    for url in (submission_url, decision_url):
        pdf = client_for(p.seller).get(url)
        assert pdf.status_code == 200
        assert pdf["Content-Type"] == "application/pdf"
        assert hashlib.sha256(pdf.content).hexdigest() in set(
            AcceptancePaper.objects.values_list("file__sha256", flat=True)
        )
    assert client_for(f.member_of(f.supplier())).get(submission_url).status_code == 404


def test_submission_without_a_key_shows_the_reason_and_changes_nothing():
    p = Parties()
    p.conclude()
    item = p.contract.items.get()
    keyless = f.member_of(p.supplier)

    response = client_for(keyless).post(
        f"/contracts/{p.contract.pk}/submit/", {"stage_number": "1", f"qty_{item.pk}": "1"}
    )

    assert response.status_code == 400
    assert (
        "Для подписания документа о приёмке нужен действующий ключ электронной подписи: "
        "выпустите его на странице контракта"
    ) in response.content.decode()
    assert not AcceptanceDocument.objects.exists()


def test_the_customer_appoints_a_commission_and_members_vote_on_the_card():
    p = Parties()
    document = submitted(p)
    members = [f.member_of(p.customer, full_name=f"Член комиссии {n}") for n in range(1, 6)]
    for member in members:
        signing_key_issue(user=member, actor=None)
    path = f"/contracts/{p.contract.pk}"
    form = client_for(p.buyer).get(path + "/").content.decode()
    assert "Назначить приёмочную комиссию" in form

    too_few = client_for(p.buyer).post(
        path + "/appoint_commission/", {"members": [m.pk for m in members[:3]], "chair": members[0].pk}
    )
    assert too_few.status_code == 400
    assert "В приёмочную комиссию входят не менее 5 человек, выбрано 3" in too_few.content.decode()
    assert not AcceptanceCommission.objects.exists()

    appointed = client_for(p.buyer).post(
        path + "/appoint_commission/", {"members": [m.pk for m in members], "chair": members[0].pk}
    )
    assert appointed.status_code == 302
    card = client_for(members[1]).get(path + "/").content.decode()
    assert "<li>Член комиссии 1 — председатель</li>" in card
    assert "Подписать как член приёмочной комиссии" in card

    refused = client_for(members[1]).post(
        path + "/vote/", {"document": document.pk, "verdict": "dissent", "reason": ""}
    )
    assert refused.status_code == 400
    assert "Укажите, с чем вы не согласны (особое мнение)" in refused.content.decode()
    assert (
        client_for(members[1])
        .post(path + "/vote/", {"document": document.pk, "verdict": "dissent", "reason": "Нет сертификата"})
        .status_code
        == 302
    )
    after = client_for(members[1]).get(path + "/").content.decode()
    assert "<li>Член комиссии 2: Не согласен (особое мнение) — Нет сертификата</li>" in after
    assert "Подписать как член приёмочной комиссии" not in after
    outsider = client_for(p.buyer).post(path + "/vote/", {"document": document.pk, "verdict": "approve"})
    assert outsider.status_code == 400
    assert (
        "Голосовать по документу о приёмке может только член приёмочной комиссии по контракту"
        in outsider.content.decode()
    )
    assert AcceptanceApproval.objects.count() == 1
