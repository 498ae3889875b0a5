"""The stage plan of a draft contract: several stages with due dates and quantities per item."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from zakupki.contracts.enums import PurchaseBasis, SourceKind, StageStatus
from zakupki.contracts.models import Contract, Stage, StageItem
from zakupki.contracts.services import (
    ContractItemData,
    StagePlanData,
    contract_create_from_award,
    contract_sign_supplier,
    contract_stage_plan_set,
)
from zakupki.contracts.services.stage_plan import stage_plan_rows
from zakupki.contracts.stage_amounts import split_item_amount
from zakupki.contracts.tests import factories as f
from zakupki.contracts.tests.terms_givens import Parties, conclude, draft, items
from zakupki.core.errors import Conflict, PermissionDenied, ValidationFailed
from zakupki.core.timeutil import local_date
from zakupki.documents.models import AuditEvent

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


def today() -> dt.date:
    return local_date(timezone.now(), "Europe/Moscow")


def plan_state(contract: Contract) -> tuple[object, ...]:
    return (
        list(Stage.objects.filter(contract=contract).values_list("number", "due_date", "amount")),
        list(StageItem.objects.filter(stage__contract=contract).values_list("quantity", "amount")),
        AuditEvent.objects.count(),
    )


def two_stages(contract: Contract) -> list[StagePlanData]:
    paper, pens = items(contract)
    return [
        StagePlanData(
            due_date=today() + dt.timedelta(days=10), quantities={paper.pk: Decimal(4), pens.pk: Decimal(20)}
        ),
        StagePlanData(due_date=today() + dt.timedelta(days=40), quantities={paper.pk: Decimal(6)}),
    ]


def test_customer_sets_two_stages_which_replace_the_default_stage_at_conclusion():
    parties = Parties()
    contract = draft(parties)
    paper, pens = items(contract)
    stages = contract_stage_plan_set(contract=contract, user=parties.buyer, stages=two_stages(contract))
    assert [(s.number, s.due_date, s.amount, s.status) for s in stages] == [
        (1, today() + dt.timedelta(days=10), Decimal("3000.00"), StageStatus.PENDING),
        (2, today() + dt.timedelta(days=40), Decimal("3000.00"), StageStatus.PENDING),
    ]
    assert list(
        StageItem.objects.filter(stage__contract=contract)
        .order_by("stage__number", "contract_item__position")
        .values_list("stage__number", "contract_item_id", "quantity", "amount")
    ) == [
        (1, paper.pk, Decimal("4.000"), Decimal("2000.00")),
        (1, pens.pk, Decimal("20.000"), Decimal("1000.00")),
        (2, paper.pk, Decimal("6.000"), Decimal("3000.00")),
    ]
    # the contract text lists the stages
    rows = stage_plan_rows(contract)
    assert rows == [
        {
            "number": 1,
            "due_text": (today() + dt.timedelta(days=10)).strftime("%d.%m.%Y"),
            "amount_text": f"3{NBSP}000,00{NBSP}₽",
            "lines": ["Бумага офисная А4 — 4 пач", "Ручка шариковая — 20 шт"],
        },
        {
            "number": 2,
            "due_text": (today() + dt.timedelta(days=40)).strftime("%d.%m.%Y"),
            "amount_text": f"3{NBSP}000,00{NBSP}₽",
            "lines": ["Бумага офисная А4 — 6 пач"],
        },
    ]
    html = render_to_string(
        "contracts/contract.html",
        {
            "contract": contract,
            "customer": parties.customer,
            "supplier": parties.supplier,
            "items": [],
            "stages": rows,
        },
    )
    assert "Этапы исполнения" in html
    assert "Бумага офисная А4 — 6 пач" in html
    # conclusion keeps the plan instead of creating the default stage
    conclude(parties, contract)
    assert list(Stage.objects.filter(contract=contract).values_list("number", "amount")) == [
        (1, Decimal("3000.00")),
        (2, Decimal("3000.00")),
    ]
    assert contract.text_document is not None


def test_without_a_plan_the_single_default_stage_stays():
    parties = Parties()
    contract = conclude(parties, draft(parties))
    assert list(Stage.objects.filter(contract=contract).values_list("number", "amount")) == [
        (1, Decimal("6000.00"))
    ]
    assert stage_plan_rows(draft(parties)) == []


def test_kopecks_are_split_deterministically_and_stages_add_up_to_the_price():
    assert split_item_amount(
        amount=Decimal("100.01"), unit_price=Decimal("100.01"), quantities=[Decimal("0.5"), Decimal("0.5")]
    ) == [Decimal("50.01"), Decimal("50.00")]
    parties = Parties()
    contract = contract_create_from_award(
        customer=parties.customer,
        supplier=parties.supplier,
        items=[
            ContractItemData(name="Картридж", unit="шт", quantity=Decimal(3), unit_price=Decimal("33.33"))
        ],
        price=Decimal("99.99"),
        basis=PurchaseBasis.P4,
        source_kind=SourceKind.DIRECT_PURCHASE,
        source_id=880001,
        subject="Картриджи",
        actor=parties.buyer,
    )
    (item,) = contract.items.all()
    day = today()
    stages = contract_stage_plan_set(
        contract=contract,
        user=parties.buyer,
        stages=[
            StagePlanData(due_date=day, quantities={item.pk: Decimal("0.5")}),
            StagePlanData(due_date=day, quantities={item.pk: Decimal("1.5")}),
            StagePlanData(due_date=day + dt.timedelta(days=1), quantities={item.pk: Decimal(1)}),
        ],
    )
    assert [s.amount for s in stages] == [Decimal("16.67"), Decimal("50.00"), Decimal("33.32")]
    assert sum(s.amount for s in stages) == contract.price


def test_a_plan_that_does_not_add_up_is_refused_and_changes_nothing():
    parties = Parties()
    contract = draft(parties)
    contract_stage_plan_set(contract=contract, user=parties.buyer, stages=two_stages(contract))
    paper, pens = items(contract)
    before = plan_state(contract)
    with pytest.raises(ValidationFailed) as refused:
        contract_stage_plan_set(
            contract=contract,
            user=parties.buyer,
            stages=[
                StagePlanData(due_date=today(), quantities={paper.pk: Decimal(4), pens.pk: Decimal(20)}),
                StagePlanData(due_date=today(), quantities={paper.pk: Decimal(5)}),
            ],
        )
    assert refused.value.errors == {
        "stages": "Позиция «Бумага офисная А4»: по этапам 9 пач, а в контракте 10 пач"
    }
    assert plan_state(contract) == before


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        (-1, 5, "Этап 1: срок {first} уже прошёл"),
        (5, 4, "Этап 2: срок не может быть раньше срока этапа 1"),
    ],
)
def test_due_dates_must_not_be_past_or_decreasing(first, second, message):
    parties = Parties()
    contract = draft(parties)
    paper, pens = items(contract)
    first_day, second_day = today() + dt.timedelta(days=first), today() + dt.timedelta(days=second)
    before = plan_state(contract)
    with pytest.raises(ValidationFailed) as refused:
        contract_stage_plan_set(
            contract=contract,
            user=parties.buyer,
            stages=[
                StagePlanData(due_date=first_day, quantities={paper.pk: Decimal(5), pens.pk: Decimal(20)}),
                StagePlanData(due_date=second_day, quantities={paper.pk: Decimal(5)}),
            ],
        )
    assert refused.value.errors == {"stages": message.format(first=first_day.strftime("%d.%m.%Y"))}
    assert plan_state(contract) == before


def test_empty_stage_negative_quantity_and_empty_plan_are_refused():
    parties = Parties()
    contract = draft(parties)
    paper, pens = items(contract)
    with pytest.raises(ValidationFailed) as empty_stage:
        contract_stage_plan_set(
            contract=contract,
            user=parties.buyer,
            stages=[
                StagePlanData(due_date=today(), quantities={paper.pk: Decimal(10), pens.pk: Decimal(20)}),
                StagePlanData(due_date=today(), quantities={paper.pk: Decimal(0)}),
            ],
        )
    assert empty_stage.value.errors == {"stages": "Этап 2: укажите количество хотя бы по одной позиции"}
    with pytest.raises(ValidationFailed) as negative:
        contract_stage_plan_set(
            contract=contract,
            user=parties.buyer,
            stages=[
                StagePlanData(due_date=today(), quantities={paper.pk: Decimal(-1), pens.pk: Decimal(20)})
            ],
        )
    assert negative.value.errors == {
        "stages": "Этап 1, позиция «Бумага офисная А4»: количество не может быть отрицательным"
    }
    with pytest.raises(ValidationFailed) as nothing:
        contract_stage_plan_set(contract=contract, user=parties.buyer, stages=[])
    assert nothing.value.errors == {"stages": "Укажите хотя бы один этап"}
    assert plan_state(contract)[:2] == ([], [])


def test_only_the_customer_sets_the_plan_and_only_before_the_supplier_signs():
    parties = Parties()
    contract = draft(parties)
    with pytest.raises(PermissionDenied) as supplier_tries:
        contract_stage_plan_set(contract=contract, user=parties.seller, stages=two_stages(contract))
    assert (
        supplier_tries.value.message
        == "Этапы исполнения устанавливает только сотрудник заказчика по контракту"
    )
    with pytest.raises(PermissionDenied):
        contract_stage_plan_set(
            contract=contract, user=f.member_of(f.customer()), stages=two_stages(contract)
        )
    contract_sign_supplier(contract=contract, user=parties.seller)
    with pytest.raises(Conflict) as signed:
        contract_stage_plan_set(contract=contract, user=parties.buyer, stages=two_stages(contract))
    assert (
        signed.value.message == "Этапы можно изменить только в проекте контракта, до подписания поставщиком"
    )
    assert Stage.objects.filter(contract=contract).count() == 0


def test_stages_may_not_run_past_the_contracts_own_execution_date():
    parties = Parties()
    contract = draft(parties)
    last_day = today() + dt.timedelta(days=20)
    Contract.objects.filter(pk=contract.pk).update(execution_due_date=last_day)
    contract.refresh_from_db()
    paper, pens = items(contract)
    with pytest.raises(ValidationFailed) as refused:
        contract_stage_plan_set(
            contract=contract,
            user=parties.buyer,
            stages=[
                StagePlanData(due_date=today(), quantities={paper.pk: Decimal(5), pens.pk: Decimal(20)}),
                StagePlanData(due_date=last_day + dt.timedelta(days=1), quantities={paper.pk: Decimal(5)}),
            ],
        )
    assert refused.value.errors == {
        "stages": f"Этап 2: срок не может быть позже срока исполнения контракта {last_day.strftime('%d.%m.%Y')}"
    }
    assert Stage.objects.filter(contract=contract).count() == 0
