"""Contract terms through the API: stage plan, supplementary agreements, signing deadlines."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from zakupki.api.tests.helpers import as_user, error, errors, get, post
from zakupki.contracts.models import Contract, ContractChange, Stage
from zakupki.contracts.tests import factories as f
from zakupki.contracts.tests.terms_givens import Parties, conclude, draft, items
from zakupki.core.timeutil import local_date
from zakupki.documents.models import AuditEvent

pytestmark = pytest.mark.django_db


class Api:
    def __init__(self) -> None:
        self.parties = Parties()
        self.client = Client()
        self.buyer = as_user(self.parties.buyer)
        self.seller = as_user(self.parties.seller)


def test_stage_plan_then_a_quantity_change_signed_by_both_sides():
    api = Api()
    contract = draft(api.parties)
    paper, pens = items(contract)
    path = f"/contracts/{contract.pk}"
    # the draft shows the supplier's signing deadline
    terms = get(api.client, path + "/terms", api.seller).json()
    assert (terms["signing"]["side"], terms["signing"]["overdue"], terms["stages"]) == ("supplier", False, [])
    listed = get(api.client, "/contracts/signing-deadlines", api.buyer).json()
    assert [(row["contract_id"], row["side"]) for row in listed] == [(contract.pk, "supplier")]
    # two stages
    day = local_date(timezone.now(), "Europe/Moscow") + dt.timedelta(days=7)
    plan = {
        "stages": [
            {
                "due_date": day.isoformat(),
                "quantities": [
                    {"item_id": paper.pk, "quantity": "4"},
                    {"item_id": pens.pk, "quantity": "20"},
                ],
            },
            {"due_date": day.isoformat(), "quantities": [{"item_id": paper.pk, "quantity": "6"}]},
        ]
    }
    response = post(api.client, path + "/stage-plan", plan, api.buyer)
    assert response.status_code == 200, response.json()
    assert [(s["number"], s["amount"]) for s in response.json()["stages"]] == [(1, "3000.00"), (2, "3000.00")]
    conclude(api.parties, contract)
    # a change: paper 10 -> 11
    proposal = {
        "kind": "quantity",
        "reason": "Потребность выросла",
        "lines": [{"item_id": paper.pk, "quantity": "11"}],
    }
    response = post(api.client, path + "/changes", proposal, api.buyer)
    assert response.status_code == 201, response.json()
    change = response.json()
    assert (change["number"], change["status"], change["price_before"], change["price_after"]) == (
        1,
        "proposed",
        "6000.00",
        "6500.00",
    )
    assert change["lines"] == [
        {
            "item_id": paper.pk,
            "name": "Бумага офисная А4",
            "quantity_before": "10",
            "quantity_after": "11",
            "unit_price_before": "500.00",
            "unit_price_after": "500.00",
            "amount_before": "5000.00",
            "amount_after": "5500.00",
        }
    ]
    sign = f"{path}/changes/{change['id']}/sign"
    assert post(api.client, sign, {}, api.seller).json()["status"] == "signed_by_supplier"
    assert post(api.client, sign, {}, api.buyer).json()["status"] == "in_force"
    terms = get(api.client, path + "/terms", api.buyer).json()
    assert terms["price"] == "6500.00"
    assert terms["signing"] is None
    assert [(s["number"], s["amount"]) for s in terms["stages"]] == [(1, "3000.00"), (2, "3500.00")]


def test_over_ten_percent_answers_422_with_the_field_and_changes_nothing():
    api = Api()
    contract = conclude(api.parties, draft(api.parties))
    paper, _ = items(contract)
    events = AuditEvent.objects.count()
    response = post(
        api.client,
        f"/contracts/{contract.pk}/changes",
        {"kind": "quantity", "reason": "Больше бумаги", "lines": [{"item_id": paper.pk, "quantity": "12"}]},
        api.buyer,
    )
    assert response.status_code == 422
    assert response.json() == errors(
        error(
            "Позиция «Бумага офисная А4»: количество можно изменить не более чем на 10 % от первоначального "
            "(10 пач); указано 12 пач, это больше допустимых 11 пач",
            field="quantities",
        )
    )
    assert (ContractChange.objects.count(), AuditEvent.objects.count()) == (0, events)
    contract.refresh_from_db()
    assert contract.price == Decimal("6000.00")


def test_signature_by_the_wrong_side_and_outsiders_are_refused():
    api = Api()
    contract = conclude(api.parties, draft(api.parties))
    paper, _ = items(contract)
    change = post(
        api.client,
        f"/contracts/{contract.pk}/changes",
        {"kind": "quantity", "reason": "Больше бумаги", "lines": [{"item_id": paper.pk, "quantity": "11"}]},
        api.buyer,
    ).json()
    sign = f"/contracts/{contract.pk}/changes/{change['id']}/sign"
    response = post(api.client, sign, {}, api.buyer)  # the customer cannot sign first
    assert response.status_code == 409
    outsider = as_user(f.member_of(f.supplier()))
    assert post(api.client, sign, {}, outsider).status_code == 404
    supplier_proposes = post(
        api.client,
        f"/contracts/{contract.pk}/changes",
        {"kind": "quantity", "reason": "x", "lines": [{"item_id": paper.pk, "quantity": "11"}]},
        api.seller,
    )
    assert supplier_proposes.status_code == 403
    assert supplier_proposes.json() == errors(
        error("Предложить изменение контракта может только сотрудник заказчика", code="forbidden")
    )


def test_stage_plan_that_does_not_add_up_answers_422():
    api = Api()
    contract = draft(api.parties)
    paper, pens = items(contract)
    day = local_date(timezone.now(), "Europe/Moscow").isoformat()
    response = post(
        api.client,
        f"/contracts/{contract.pk}/stage-plan",
        {
            "stages": [
                {
                    "due_date": day,
                    "quantities": [
                        {"item_id": paper.pk, "quantity": "9"},
                        {"item_id": pens.pk, "quantity": "20"},
                    ],
                }
            ]
        },
        api.buyer,
    )
    assert response.status_code == 422
    assert response.json() == errors(
        error("Позиция «Бумага офисная А4»: по этапам 9 пач, а в контракте 10 пач", field="stages")
    )
    assert Stage.objects.filter(contract=contract).count() == 0
    assert Contract.objects.get(pk=contract.pk).status == "draft"
