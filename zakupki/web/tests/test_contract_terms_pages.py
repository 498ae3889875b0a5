"""The contract-terms page: stage plan, supplementary agreements, signing deadlines on the card and the
dashboards. Refusals answer 400 on the page and change nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from zakupki.contracts.change_states import ChangeStatus
from zakupki.contracts.models import Contract, ContractChange, Stage
from zakupki.contracts.tests import factories as f
from zakupki.contracts.tests.terms_givens import Parties, conclude, draft, items
from zakupki.core.timeutil import local_date
from zakupki.documents.models import AuditEvent

pytestmark = pytest.mark.django_db
NB = "\u00a0"
CREATED = dt.datetime(2026, 11, 2, 7, 0, tzinfo=dt.UTC)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_customer_plans_two_stages_on_the_page():
    parties = Parties()
    contract = draft(parties)
    paper, pens = items(contract)
    day = (local_date(timezone.now(), "Europe/Moscow") + dt.timedelta(days=5)).isoformat()
    buyer = client_for(parties.buyer)
    page = buyer.get(f"/contracts/{contract.pk}/terms/").content.decode()
    assert "Задать этапы (до подписания поставщиком)" in page
    response = buyer.post(
        f"/contracts/{contract.pk}/terms/plan/",
        {
            "due_1": day,
            f"qty_1_{paper.pk}": "4",
            f"qty_1_{pens.pk}": "20",
            "due_2": day,
            f"qty_2_{paper.pk}": "6",
        },
    )
    assert response.status_code == 302
    assert list(
        Stage.objects.filter(contract=contract).order_by("number").values_list("amount", flat=True)
    ) == [
        Decimal("3000.00"),
        Decimal("3000.00"),
    ]
    # the supplier sees the plan but not the form
    page = client_for(parties.seller).get(f"/contracts/{contract.pk}/terms/").content.decode()
    assert "Бумага офисная А4 — 6 пач" in page
    assert "Задать этапы" not in page


def test_plan_that_does_not_add_up_is_shown_with_400_and_changes_nothing():
    parties = Parties()
    contract = draft(parties)
    paper, pens = items(contract)
    day = local_date(timezone.now(), "Europe/Moscow").isoformat()
    events = AuditEvent.objects.count()
    response = client_for(parties.buyer).post(
        f"/contracts/{contract.pk}/terms/plan/",
        {"due_1": day, f"qty_1_{paper.pk}": "10", f"qty_1_{pens.pk}": "19"},
    )
    assert response.status_code == 400
    assert "Позиция «Ручка шариковая»: по этапам 19 шт, а в контракте 20 шт" in response.content.decode()
    assert (Stage.objects.filter(contract=contract).count(), AuditEvent.objects.count()) == (0, events)


def test_change_proposed_signed_and_in_force_through_the_pages():
    parties = Parties()
    contract = conclude(parties, draft(parties))
    paper, _ = items(contract)
    buyer, seller = client_for(parties.buyer), client_for(parties.seller)
    response = buyer.post(
        f"/contracts/{contract.pk}/terms/propose/",
        {"kind": "quantity", "reason": "Потребность выросла", f"qty_{paper.pk}": "11"},
    )
    assert response.status_code == 302
    change = ContractChange.objects.get(contract=contract)
    pdf = seller.get(f"/contracts/{contract.pk}/changes/{change.pk}.pdf")
    assert (pdf.status_code, pdf["Content-Type"], pdf.content[:5]) == (200, "application/pdf", b"%PDF-")
    assert seller.post(f"/contracts/{contract.pk}/terms/sign/", {"change": change.pk}).status_code == 302
    assert buyer.post(f"/contracts/{contract.pk}/terms/sign/", {"change": change.pk}).status_code == 302
    change.refresh_from_db()
    contract.refresh_from_db()
    assert (change.status, contract.price) == (ChangeStatus.IN_FORCE, Decimal("6500.00"))
    card = buyer.get(f"/contracts/{contract.pk}/").content.decode()
    assert (
        f"Дополнительное соглашение № 1 (изменение количества (не более 10 %) с пропорциональным изменением цены): Вступило в силу; цена 6{NB}000,00{NB}₽ → 6{NB}500,00{NB}₽"
        in card
    )


def test_over_ten_percent_and_wrong_signer_are_refused_on_the_page():
    parties = Parties()
    contract = conclude(parties, draft(parties))
    paper, _ = items(contract)
    buyer = client_for(parties.buyer)
    response = buyer.post(
        f"/contracts/{contract.pk}/terms/propose/",
        {"kind": "quantity", "reason": "Больше", f"qty_{paper.pk}": "11,5"},
    )
    assert response.status_code == 400
    assert "это больше допустимых 11 пач" in response.content.decode()
    assert ContractChange.objects.count() == 0
    buyer.post(
        f"/contracts/{contract.pk}/terms/propose/",
        {"kind": "quantity", "reason": "Больше", f"qty_{paper.pk}": "11"},
    )
    change = ContractChange.objects.get()
    refused = buyer.post(f"/contracts/{contract.pk}/terms/sign/", {"change": change.pk})
    assert refused.status_code == 400
    assert "переход «Направлено поставщику» → «Вступило в силу» недопустим" in refused.content.decode()
    outsider = client_for(f.member_of(f.supplier()))
    assert outsider.post(f"/contracts/{contract.pk}/terms/sign/", {"change": change.pk}).status_code == 404
    assert outsider.get(f"/contracts/{contract.pk}/changes/{change.pk}.pdf").status_code == 404
    change.refresh_from_db()
    assert change.status == ChangeStatus.PROPOSED


def test_signing_overdue_shows_on_the_card_and_both_dashboards():
    parties = Parties()
    contract = draft(parties)
    Contract.objects.filter(pk=contract.pk).update(created_at=CREATED)
    card = client_for(parties.seller).get(f"/contracts/{contract.pk}/").content.decode()
    assert "Ожидается подпись: поставщик, срок до 10.11.2026 23:59" in card
    assert "срок подписания истёк" in card
    dashboard = client_for(parties.buyer).get("/contracts/").content.decode()
    assert (
        f"№ {contract.number}</a>: подписывает поставщик, срок 10.11.2026 23:59 — <strong>просрочено</strong>"
        in dashboard
    )
    admin = client_for(f.regional_admin(parties.customer.region))
    region_page = admin.get("/region/contracts/").content.decode()
    assert f"№ {contract.number}</a>, ГБОУ Школа № 1234: подписывает поставщик" in region_page
