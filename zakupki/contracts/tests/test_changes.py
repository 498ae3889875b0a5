"""Contract changes by agreement, ст.95 ч.1 (docs/lifecycles/contract_change.md)."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from zakupki.contracts.change_states import ChangeKind, ChangeStatus
from zakupki.contracts.enums import ContractStatus
from zakupki.contracts.ledger import CapExceeded
from zakupki.contracts.models import (
    Contract,
    ContractChange,
    SmallPurchaseLedger,
    SmallPurchaseLedgerEntry,
    Stage,
    StageItem,
)
from zakupki.contracts.services import (
    AcceptanceLineData,
    StagePlanData,
    acceptance_submit,
    contract_change_decline,
    contract_change_propose,
    contract_change_sign_customer,
    contract_change_sign_supplier,
    contract_change_withdraw,
    contract_stage_plan_set,
    contract_terminate_by_court,
    contract_unilateral_refusal,
)
from zakupki.contracts.services.change_document import change_document_context
from zakupki.contracts.tests import factories as f
from zakupki.contracts.tests.terms_givens import Parties, conclude, concluded, draft, items
from zakupki.core.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed
from zakupki.core.timeutil import local_date
from zakupki.documents.models import AuditEvent, Document, Signature
from zakupki.documents.services.signatures import signature_verify, signing_key_issue

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


def rub(text: str) -> str:
    return text.replace(" ", NBSP)


def state(contract: Contract) -> tuple[object, ...]:
    """Everything a refused change must leave as it was."""
    contract.refresh_from_db()
    return (
        contract.price,
        list(contract.items.order_by("position").values_list("quantity", "unit_price", "amount")),
        list(
            StageItem.objects.filter(stage__contract=contract)
            .order_by("pk")
            .values_list("quantity", "amount")
        ),
        list(Stage.objects.filter(contract=contract).order_by("number").values_list("amount", flat=True)),
        list(ContractChange.objects.filter(contract=contract).values_list("status", flat=True)),
        list(SmallPurchaseLedger.objects.values_list("spent", flat=True)),
        AuditEvent.objects.count(),
        Document.objects.count(),
        Signature.objects.count(),
    )


def propose_paper(parties: Parties, contract: Contract, quantity: str) -> ContractChange:
    paper, _ = items(contract)
    return contract_change_propose(
        contract=contract,
        user=parties.buyer,
        kind=ChangeKind.QUANTITY,
        reason="Увеличилась потребность в бумаге",
        quantities={paper.pk: Decimal(quantity)},
    )


def both_sign(parties: Parties, change: ContractChange) -> ContractChange:
    contract_change_sign_supplier(change=change, user=parties.seller)
    return contract_change_sign_customer(change=change, user=parties.buyer)


# --- quantity change ----------------------------------------------------------------------------------


def test_quantity_increase_comes_into_force_after_both_signatures():
    # given a concluded contract of 10 packs × 500 ₽ and 20 pens × 50 ₽ (6 000 ₽)
    parties = Parties()
    contract = concluded(parties)
    paper, pens = items(contract)
    # when the customer proposes 11 packs (+10 %)
    change = propose_paper(parties, contract, "11")
    # then nothing has changed yet; the text is a stored PDF
    assert (change.number, change.status, change.price_before, change.price_after) == (
        1,
        ChangeStatus.PROPOSED,
        Decimal("6000.00"),
        Decimal("6500.00"),
    )
    assert change.document.content_type == "application/pdf"
    assert change.document.file.open("rb").read(5) == b"%PDF-"
    assert change.document.title == f"Дополнительное соглашение № 1 к контракту № {contract.number}"
    contract.refresh_from_db()
    assert contract.price == Decimal("6000.00")
    # when the supplier signs, then the customer
    contract_change_sign_supplier(change=change, user=parties.seller)
    change.refresh_from_db()
    assert change.status == ChangeStatus.SIGNED_BY_SUPPLIER
    contract_change_sign_customer(change=change, user=parties.buyer)
    # then the change is in force: item, stage, price and the small-volume ledger moved together
    change.refresh_from_db()
    contract.refresh_from_db()
    paper.refresh_from_db()
    assert change.status == ChangeStatus.IN_FORCE
    assert change.in_force_at is not None
    assert (paper.quantity, paper.unit_price, paper.amount) == (
        Decimal("11.000"),
        Decimal("500.00"),
        Decimal("5500.00"),
    )
    assert contract.price == Decimal("6500.00")
    stage = Stage.objects.get(contract=contract)
    assert stage.amount == Decimal("6500.00")
    assert sorted(stage.items.values_list("contract_item_id", "quantity", "amount")) == [
        (paper.pk, Decimal("11.000"), Decimal("5500.00")),
        (pens.pk, Decimal("20.000"), Decimal("1000.00")),
    ]
    assert SmallPurchaseLedgerEntry.objects.get(contract=contract).amount == Decimal("6500.00")
    assert SmallPurchaseLedger.objects.get(customer=parties.customer).spent == Decimal("6500.00")
    signatures = Signature.objects.filter(document=change.document).order_by("signed_at")
    assert [(s.purpose, s.organization_id) for s in signatures] == [
        ("поставщик", parties.supplier.pk),
        ("заказчик", parties.customer.pk),
    ]
    assert all(signature_verify(signature=s).ok for s in signatures)
    events = list(
        AuditEvent.objects.filter(object_type="contracts.contractchange", object_id=str(change.pk))
        .order_by("seq")
        .values_list("event", flat=True)
    )
    assert events == [
        "contract.change_proposed",
        "contract.change_signed_by_supplier",
        "contract.change_in_force",
    ]


def test_change_text_shows_items_before_and_after_and_the_price_in_words():
    parties = Parties()
    contract = concluded(parties)
    change = propose_paper(parties, contract, "9.5")
    context = change_document_context(change, list(change.lines.select_related("contract_item")))
    html = render_to_string("contracts/change.html", context)
    assert "Дополнительное соглашение № 1" in html
    assert context["lines"] == [
        {
            "position": 1,
            "name": "Бумага офисная А4",
            "unit": "пач",
            "quantity_before": "10",
            "quantity_after": "9,5",
            "unit_price_before": rub("500,00 ₽"),
            "unit_price_after": rub("500,00 ₽"),
            "amount_before": rub("5 000,00 ₽"),
            "amount_after": rub("4 750,00 ₽"),
        }
    ]
    assert context["price_after_text"] == rub("5 750,00 ₽")
    assert context["price_after_words"] == f"5{NBSP}750 (пять тысяч семьсот пятьдесят) рублей 00 копеек"
    assert f"5{NBSP}750 (пять тысяч семьсот пятьдесят) рублей 00 копеек" in html


def test_quantity_change_over_ten_percent_is_refused_and_changes_nothing():
    parties = Parties()
    contract = concluded(parties)
    before = state(contract)
    with pytest.raises(ValidationFailed) as refused:
        propose_paper(parties, contract, "11.001")
    assert refused.value.errors == {
        "quantities": (
            "Позиция «Бумага офисная А4»: количество можно изменить не более чем на 10 % от первоначального "
            "(10 пач); указано 11,001 пач, это больше допустимых 11 пач"
        )
    }
    with pytest.raises(ValidationFailed) as refused_down:
        propose_paper(parties, contract, "8.9")
    assert "это меньше допустимых 9 пач" in refused_down.value.errors["quantities"]
    assert state(contract) == before


def test_ten_percent_is_cumulative_over_changes_from_the_original_quantity():
    parties = Parties()
    contract = concluded(parties)
    both_sign(parties, propose_paper(parties, contract, "11"))
    before = state(contract)
    with pytest.raises(ValidationFailed) as refused:
        propose_paper(parties, contract, "11.5")
    assert "от первоначального (10 пач); указано 11,5 пач" in refused.value.errors["quantities"]
    assert state(contract) == before
    # going back down within the original ±10 % is fine
    change = both_sign(parties, propose_paper(parties, contract, "9"))
    assert (change.number, change.price_before, change.price_after) == (
        2,
        Decimal("6500.00"),
        Decimal("5500.00"),
    )


def test_quantity_cannot_go_below_what_is_already_delivered():
    parties = Parties()
    contract = concluded(parties)
    paper, _ = items(contract)
    stage = Stage.objects.get(contract=contract)
    acceptance_submit(
        stage=stage, user=parties.seller, lines=[AcceptanceLineData(item=paper, quantity=Decimal(10))]
    )
    before = state(contract)
    with pytest.raises(ValidationFailed) as refused:
        propose_paper(parties, contract, "9.5")
    assert refused.value.errors == {
        "quantities": (
            "Позиция «Бумага офисная А4»: уже передано к приёмке или принято 10 пач, нельзя уменьшить до 9,5 пач"
        )
    }
    assert state(contract) == before


def test_delivery_after_the_proposal_is_checked_again_when_the_customer_signs():
    parties = Parties()
    contract = concluded(parties)
    paper, _ = items(contract)
    change = propose_paper(parties, contract, "9")
    contract_change_sign_supplier(change=change, user=parties.seller)
    stage = Stage.objects.get(contract=contract)
    acceptance_submit(
        stage=stage, user=parties.seller, lines=[AcceptanceLineData(item=paper, quantity=Decimal(10))]
    )
    before = state(contract)
    with pytest.raises(ValidationFailed):
        contract_change_sign_customer(change=change, user=parties.buyer)
    assert state(contract) == before


# --- price reduction ----------------------------------------------------------------------------------


def test_price_reduction_lowers_unit_prices_and_the_contract_price():
    parties = Parties()
    contract = concluded(parties)
    paper, pens = items(contract)
    change = contract_change_propose(
        contract=contract,
        user=parties.buyer,
        kind=ChangeKind.PRICE_REDUCTION,
        reason="Поставщик согласился снизить цену",
        unit_prices={paper.pk: Decimal("450.55"), pens.pk: Decimal("50.00")},
    )
    assert list(change.lines.values_list("contract_item_id", flat=True)) == [paper.pk]
    both_sign(parties, change)
    contract.refresh_from_db()
    paper.refresh_from_db()
    assert (paper.quantity, paper.unit_price, paper.amount) == (
        Decimal("10.000"),
        Decimal("450.55"),
        Decimal("4505.50"),
    )
    assert contract.price == Decimal("5505.50")
    assert Stage.objects.get(contract=contract).amount == Decimal("5505.50")
    assert SmallPurchaseLedger.objects.get(customer=parties.customer).spent == Decimal("5505.50")


def test_a_reduction_that_raises_a_price_is_refused():
    parties = Parties()
    contract = concluded(parties)
    paper, pens = items(contract)
    before = state(contract)
    with pytest.raises(ValidationFailed) as refused:
        contract_change_propose(
            contract=contract,
            user=parties.buyer,
            kind=ChangeKind.PRICE_REDUCTION,
            reason="Снижение",
            unit_prices={paper.pk: Decimal("400.00"), pens.pk: Decimal("50.01")},
        )
    assert refused.value.errors == {
        "unit_prices": (
            f"Позиция «Ручка шариковая»: при снижении цены новая цена за единицу {rub('50,01 ₽')} "
            f"не может быть выше действующей {rub('50,00 ₽')}"
        )
    }
    with pytest.raises(ValidationFailed) as nothing_lower:
        contract_change_propose(
            contract=contract,
            user=parties.buyer,
            kind=ChangeKind.PRICE_REDUCTION,
            reason="Снижение",
            unit_prices={paper.pk: Decimal("500.00")},
        )
    assert nothing_lower.value.errors == {"unit_prices": "Ни одна цена за единицу не снижена"}
    assert state(contract) == before


# --- who may sign -------------------------------------------------------------------------------------


def test_only_the_supplier_side_with_an_active_key_may_sign_for_the_supplier():
    parties = Parties()
    contract = concluded(parties)
    change = propose_paper(parties, contract, "11")
    other_supplier_user = f.member_of(f.supplier())
    signing_key_issue(user=other_supplier_user, actor=None)
    keyless_colleague = f.member_of(parties.supplier)
    before = state(contract)
    with pytest.raises(PermissionDenied) as customer_tries:
        contract_change_sign_supplier(change=change, user=parties.buyer)
    assert customer_tries.value.message == (
        "Дополнительное соглашение от имени поставщика может подписать или отклонить только сотрудник поставщика"
    )
    with pytest.raises(PermissionDenied) as stranger_tries:
        contract_change_sign_supplier(change=change, user=other_supplier_user)
    assert stranger_tries.value.message == customer_tries.value.message
    with pytest.raises(PermissionDenied) as no_key:
        contract_change_sign_supplier(change=change, user=keyless_colleague)
    assert no_key.value.message == "У пользователя нет ключа электронной подписи"
    with pytest.raises(PermissionDenied) as supplier_as_customer:
        contract_change_sign_customer(change=change, user=parties.seller)
    assert supplier_as_customer.value.message == (
        "Дополнительное соглашение от имени заказчика может подписать только сотрудник заказчика"
    )
    assert state(contract) == before
    change.refresh_from_db()
    assert change.status == ChangeStatus.PROPOSED


def test_the_customer_cannot_sign_before_the_supplier():
    parties = Parties()
    contract = concluded(parties)
    change = propose_paper(parties, contract, "11")
    before = state(contract)
    with pytest.raises(InvalidTransition):
        contract_change_sign_customer(change=change, user=parties.buyer)
    assert state(contract) == before


# --- contract status and concurrency -------------------------------------------------------------------


def test_changes_of_a_terminated_contract_are_refused():
    parties = Parties()
    contract = concluded(parties)
    contract_terminate_by_court(contract=contract, user=parties.buyer, decision_ref="А40-1/2026")
    before = state(contract)
    with pytest.raises(Conflict) as refused:
        propose_paper(parties, contract, "11")
    assert refused.value.message == "Контракт в статусе «Расторгнут»: изменить его условия нельзя"
    assert state(contract) == before


def test_changes_of_a_draft_or_of_a_contract_under_unilateral_refusal_are_refused():
    parties = Parties()
    contract = draft(parties)
    with pytest.raises(Conflict) as in_draft:
        propose_paper(parties, contract, "11")
    assert in_draft.value.message == "Контракт в статусе «Проект контракта»: изменить его условия нельзя"
    conclude(parties, contract)
    contract_unilateral_refusal(contract=contract, user=parties.buyer, reason="Срыв сроков")
    with pytest.raises(Conflict) as pending:
        propose_paper(parties, contract, "11")
    assert pending.value.message == (
        "Контракт в статусе «Односторонний отказ: ожидает вступления в силу»: изменить его условия нельзя"
    )


def test_termination_between_the_signatures_stops_the_change():
    parties = Parties()
    contract = concluded(parties)
    change = propose_paper(parties, contract, "11")
    contract_change_sign_supplier(change=change, user=parties.seller)
    contract_terminate_by_court(contract=contract, user=parties.buyer, decision_ref="А40-2/2026")
    before = state(contract)
    with pytest.raises(Conflict):
        contract_change_sign_customer(change=change, user=parties.buyer)
    assert state(contract) == before


def test_one_open_change_at_a_time():
    parties = Parties()
    contract = concluded(parties)
    propose_paper(parties, contract, "11")
    before = state(contract)
    with pytest.raises(Conflict) as refused:
        propose_paper(parties, contract, "10.5")
    assert refused.value.message == (
        "По контракту уже есть дополнительное соглашение, ожидающее подписания: дождитесь его или отзовите"
    )
    assert state(contract) == before


def test_supplier_declines_and_customer_withdraws():
    parties = Parties()
    contract = concluded(parties)
    first = propose_paper(parties, contract, "11")
    contract_change_decline(change=first, user=parties.seller, reason="Нет товара")
    first.refresh_from_db()
    assert (first.status, first.close_reason, first.closed_by_id) == (
        ChangeStatus.DECLINED,
        "Нет товара",
        parties.seller.pk,
    )
    second = propose_paper(parties, contract, "10.5")
    contract_change_sign_supplier(change=second, user=parties.seller)
    with pytest.raises(PermissionDenied):
        contract_change_withdraw(change=second, user=parties.seller)
    with pytest.raises(InvalidTransition):
        contract_change_decline(change=second, user=parties.seller)
    contract_change_withdraw(change=second, user=parties.buyer, reason="Потребность отпала")
    second.refresh_from_db()
    assert second.status == ChangeStatus.WITHDRAWN
    contract.refresh_from_db()
    assert contract.price == Decimal("6000.00")
    third = both_sign(parties, propose_paper(parties, contract, "10.5"))
    assert third.number == 3
    with pytest.raises(InvalidTransition):
        contract_change_withdraw(change=third, user=parties.buyer)


# --- ledger -------------------------------------------------------------------------------------------


def test_an_increase_that_breaks_the_annual_cap_is_refused_with_the_remaining_amount():
    # given: the customer's п.4 ledger holds 1 999 600 ₽ of the 2 000 000 ₽ annual cap
    parties = Parties()
    contract = concluded(parties)  # 6 000 ₽
    seller2 = f.supplier()
    for _ in range(3):
        f.award(parties.customer, seller2, "597000.00")
    f.award(parties.customer, seller2, "202600.00")
    ledger = SmallPurchaseLedger.objects.get(customer=parties.customer)
    assert ledger.spent == Decimal("1999600.00")
    before = state(contract)
    # when: +10 % of paper would add 500 ₽
    with pytest.raises(CapExceeded) as refused:
        propose_paper(parties, contract, "11")
    # then
    assert refused.value.message == (
        f"Увеличение цены на {rub('500,00 ₽')} превышает годовой объём закупок по п. 4 ч. 1 ст. 93 44-ФЗ: "
        f"лимит {rub('2 000 000,00 ₽')}, использовано {rub('1 999 600,00 ₽')}, остаток {rub('400,00 ₽')}"
    )
    assert state(contract) == before
    # a decrease frees the ledger
    both_sign(parties, propose_paper(parties, contract, "9"))
    ledger.refresh_from_db()
    assert ledger.spent == Decimal("1999100.00")


def test_an_increase_that_breaks_the_contract_cap_is_refused():
    parties = Parties()
    contract = concluded(parties, paper="59900.00")  # 599 000 + 1 000 = 600 000 ₽, the п.4 contract cap
    before = state(contract)
    with pytest.raises(CapExceeded) as refused:
        propose_paper(parties, contract, "10.1")
    assert refused.value.message.startswith(f"Цена {rub('605 990,00 ₽')} превышает предельную цену контракта")
    assert state(contract) == before


# --- stages -------------------------------------------------------------------------------------------


def test_changes_reach_the_stages_of_a_multi_stage_contract():
    # given: paper 4 + 6 packs and pens 20 + 0 over two stages
    parties = Parties()
    contract = draft(parties)
    paper, pens = items(contract)
    today = local_date(timezone.now(), "Europe/Moscow")
    contract_stage_plan_set(
        contract=contract,
        user=parties.buyer,
        stages=[
            StagePlanData(due_date=today, quantities={paper.pk: Decimal(4), pens.pk: Decimal(20)}),
            StagePlanData(due_date=today, quantities={paper.pk: Decimal(6)}),
        ],
    )
    conclude(parties, contract)
    # when: paper +1 (to the last stage), then pens −2 (taken from the only stage with pens)
    both_sign(parties, propose_paper(parties, contract, "11"))
    change = contract_change_propose(
        contract=contract,
        user=parties.buyer,
        kind=ChangeKind.QUANTITY,
        reason="Ручек нужно меньше",
        quantities={pens.pk: Decimal(18)},
    )
    both_sign(parties, change)
    # then
    rows = list(
        StageItem.objects.filter(stage__contract=contract)
        .order_by("stage__number", "contract_item__position")
        .values_list("stage__number", "contract_item_id", "quantity", "amount")
    )
    assert rows == [
        (1, paper.pk, Decimal("4.000"), Decimal("2000.00")),
        (1, pens.pk, Decimal("18.000"), Decimal("900.00")),
        (2, paper.pk, Decimal("7.000"), Decimal("3500.00")),
    ]
    amounts = list(
        Stage.objects.filter(contract=contract).order_by("number").values_list("amount", flat=True)
    )
    assert amounts == [Decimal("2900.00"), Decimal("3500.00")]
    contract.refresh_from_db()
    assert contract.price == Decimal("6400.00") == sum(amounts)
    assert contract.status == ContractStatus.CONCLUDED
