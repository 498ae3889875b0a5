"""Contract lifecycle: conclusion, acceptance, payment, termination (docs/lifecycles/contract.md)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from zakupki.accounts.models import User
from zakupki.contracts.deadlines import CONTRACT_DUE
from zakupki.contracts.enums import (
    AcceptanceStatus,
    ContractStatus,
    PurchaseBasis,
    SourceKind,
    StageStatus,
    TerminationKind,
)
from zakupki.contracts.models import (
    AcceptanceDocument,
    Contract,
    ContractItem,
    Payment,
    RnpReferral,
    Stage,
)
from zakupki.contracts.selectors import (
    acceptance_payment_is_overdue,
    contract_effective_status,
    payments_overdue,
)
from zakupki.contracts.services import (
    AcceptanceLineData,
    ContractItemData,
    acceptance_correct,
    acceptance_decide,
    acceptance_submit,
    contract_create_from_award,
    contract_cure_breach,
    contract_sign_customer,
    contract_sign_supplier,
    contract_terminate_by_agreement,
    contract_terminate_by_court,
    contract_unilateral_refusal,
    payment_record,
)
from zakupki.contracts.tests import factories as f
from zakupki.core.errors import Conflict, PermissionDenied, ValidationFailed
from zakupki.core.timeutil import local_date
from zakupki.documents.models import AuditEvent, Document, Signature
from zakupki.documents.services.signatures import signature_verify, signing_key_issue
from zakupki.rules.due_dates import calendar_deadline, working_deadline
from zakupki.worker.registry import TimeEvent, check_event
from zakupki.worker.runner import PassResult
from zakupki.worker.runner import run_pass as worker_pass

pytestmark = pytest.mark.django_db
MSK = "Europe/Moscow"
NBSP = "\u00a0"
TODAY = dt.date(2026, 11, 23)
CONTRACT_DUE_EVENT = check_event(TimeEvent(*CONTRACT_DUE))


def run_pass(*, now: dt.datetime) -> PassResult:
    """The worker's real pass over the contracts event (see zakupki/contracts/deadlines.py on discovery)."""
    return worker_pass(now=now, events=[CONTRACT_DUE_EVENT])


class Parties:
    def __init__(self) -> None:
        self.customer = f.customer()
        self.supplier = f.supplier()
        self.buyer = f.member_of(self.customer)
        self.seller = f.member_of(self.supplier)
        signing_key_issue(user=self.buyer, actor=None)
        signing_key_issue(user=self.seller, actor=None)


def draft(parties: Parties) -> Contract:
    return contract_create_from_award(
        customer=parties.customer,
        supplier=parties.supplier,
        items=[
            ContractItemData(
                name="Бумага офисная А4", unit="пач", quantity=Decimal(10), unit_price=Decimal("500.00")
            ),
            ContractItemData(
                name="Ручка шариковая", unit="шт", quantity=Decimal(20), unit_price=Decimal("50.00")
            ),
        ],
        price=Decimal("6000.00"),
        basis=PurchaseBasis.P4,
        source_kind=SourceKind.QUOTATION_SESSION,
        source_id=900001,
        subject="Поставка канцелярских товаров",
        actor=parties.buyer,
    )


def concluded(parties: Parties) -> Contract:
    contract = draft(parties)
    contract_sign_supplier(contract=contract, user=parties.seller)
    return contract_sign_customer(contract=contract, user=parties.buyer)


def items(contract: Contract) -> tuple[ContractItem, ContractItem]:
    paper, pens = contract.items.order_by("position")
    return paper, pens


def stage_of(contract: Contract) -> Stage:
    return Stage.objects.get(contract=contract)


def snapshot(contract: Contract) -> tuple[object, ...]:
    contract.refresh_from_db()
    return (
        contract.status,
        contract.next_check_at,
        contract.termination_kind,
        list(Stage.objects.filter(contract=contract).values_list("status", flat=True)),
        list(
            AcceptanceDocument.objects.filter(stage__contract=contract)
            .order_by("pk")
            .values_list("status", "accepted_amount", "paid_amount")
        ),
        Payment.objects.count(),
        AuditEvent.objects.count(),
        Document.objects.count(),
    )


def events_of(obj: object) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))  # type: ignore[attr-defined]
        .order_by("seq")
        .values_list("event", flat=True)
    )


# --- happy path -------------------------------------------------------------------------------------


def test_contract_goes_from_draft_to_executed_through_partial_refused_corrected_acceptance():
    # given
    parties = Parties()
    contract = draft(parties)
    now = timezone.now()
    # when: the supplier signs, then the customer
    contract_sign_supplier(contract=contract, user=parties.seller)
    contract.refresh_from_db()
    assert contract.status == ContractStatus.SIGNED_BY_SUPPLIER
    assert contract.text_document is not None
    contract_sign_customer(contract=contract, user=parties.buyer)
    # then: concluded, numbered, the PDF signed by both parties, one default stage
    contract.refresh_from_db()
    year = local_date(contract.concluded_at or now, MSK).year
    assert contract.status == ContractStatus.CONCLUDED
    assert contract.registry_number == f"77-{year}-000001"
    document = contract.text_document
    assert document is not None
    assert document.content_type == "application/pdf"
    signatures = Signature.objects.filter(document=document).order_by("signed_at")
    assert [(s.purpose, s.organization_id) for s in signatures] == [
        ("поставщик", parties.supplier.pk),
        ("заказчик", parties.customer.pk),
    ]
    assert all(signature_verify(signature=s).ok for s in signatures)
    stage = stage_of(contract)
    assert (stage.number, stage.amount, stage.status) == (1, Decimal("6000.00"), StageStatus.PENDING)
    assert stage.due_date == local_date(contract.concluded_at or now, MSK) + dt.timedelta(days=30)
    assert sorted(stage.items.values_list("quantity", "amount")) == [
        (Decimal("10.000"), Decimal("5000.00")),
        (Decimal("20.000"), Decimal("1000.00")),
    ]
    paper, pens = items(contract)

    # when: everything is delivered, the customer accepts all paper and 5 pens
    first = acceptance_submit(
        stage=stage,
        user=parties.seller,
        lines=[
            AcceptanceLineData(item=paper, quantity=Decimal(10)),
            AcceptanceLineData(item=pens, quantity=Decimal(20)),
        ],
    )
    assert first.total == Decimal("6000.00")
    assert first.decision_due_at == working_deadline(start=first.submitted_at, working_days=20, tz_name=MSK)
    contract.refresh_from_db()
    assert contract.status == ContractStatus.EXECUTING
    first = acceptance_decide(
        document=first,
        user=parties.buyer,
        accepted_lines={paper.pk: Decimal(10), pens.pk: Decimal(5)},
        refuse_reason="15 ручек с браком",
    )
    # then
    assert first.status == AcceptanceStatus.PARTIALLY_ACCEPTED
    assert first.accepted_amount == Decimal("5250.00")
    assert first.payment_due_at == working_deadline(
        start=first.decided_at or now, working_days=7, tz_name=MSK
    )
    assert stage_of(contract).status == StageStatus.PARTIALLY_ACCEPTED

    # when: the 15 pens come again, are refused, and a corrected document is accepted
    second = acceptance_submit(
        stage=stage, user=parties.seller, lines=[AcceptanceLineData(item=pens, quantity=Decimal(15))]
    )
    second = acceptance_decide(document=second, user=parties.buyer, refuse_reason="Не приложена накладная")
    assert second.status == AcceptanceStatus.REFUSED
    assert second.refusal_reason == "Не приложена накладная"
    assert stage_of(contract).status == StageStatus.PARTIALLY_ACCEPTED
    corrected = acceptance_correct(
        document=second, user=parties.seller, lines=[AcceptanceLineData(item=pens, quantity=Decimal(15))]
    )
    second.refresh_from_db()
    assert second.status == AcceptanceStatus.REPLACED
    assert (corrected.number, corrected.version, corrected.replaces_id) == (second.number, 2, second.pk)
    corrected = acceptance_decide(document=corrected, user=parties.buyer, full=True)
    assert corrected.status == AcceptanceStatus.ACCEPTED
    assert corrected.accepted_amount == Decimal("750.00")
    assert stage_of(contract).status == StageStatus.ACCEPTED

    # when: both accepted documents are paid
    payment_record(document=first, user=parties.buyer, amount=Decimal("5250.00"), paid_on=now.date())
    contract.refresh_from_db()
    assert contract.status == ContractStatus.EXECUTING
    payment_record(document=corrected, user=parties.buyer, amount=Decimal("750.00"), paid_on=now.date())
    # then
    contract.refresh_from_db()
    assert stage_of(contract).status == StageStatus.PAID
    assert contract.status == ContractStatus.EXECUTED
    assert events_of(contract) == [
        "contract.created",
        "contract.signed_by_supplier",
        "contract.concluded",
        "contract.executing",
        "contract.executed",
    ]
    assert events_of(first) == ["contract.acceptance_submitted", "contract.acceptance_decided"]
    assert payments_overdue(now=now + dt.timedelta(days=60)).count() == 0


def test_registry_numbers_follow_each_other_in_the_region_and_year():
    parties = Parties()
    first = concluded(parties)
    second = contract_create_from_award(
        customer=parties.customer,
        supplier=parties.supplier,
        items=[
            ContractItemData(name="Скрепки", unit="уп", quantity=Decimal(1), unit_price=Decimal("100.00"))
        ],
        price=Decimal("100.00"),
        basis=PurchaseBasis.P4,
        source_kind=SourceKind.QUOTATION_SESSION,
        source_id=900002,
        subject="Скрепки",
        actor=None,
    )
    contract_sign_supplier(contract=second, user=parties.seller)
    second = contract_sign_customer(contract=second, user=parties.buyer)
    year = local_date(timezone.now(), MSK).year
    assert (first.registry_number, second.registry_number) == (f"77-{year}-000001", f"77-{year}-000002")


def test_stage_due_date_comes_from_the_contract_when_given():
    parties = Parties()
    contract = draft(parties)
    Contract.objects.filter(pk=contract.pk).update(execution_due_date=dt.date(2027, 3, 1))
    contract_sign_supplier(contract=contract, user=parties.seller)
    contract_sign_customer(contract=contract, user=parties.buyer)
    assert stage_of(contract).due_date == dt.date(2027, 3, 1)


def test_overdue_payment_is_flagged_at_read_time():
    # given: an accepted document, unpaid
    parties = Parties()
    contract = concluded(parties)
    paper, pens = items(contract)
    document = acceptance_submit(
        stage=stage_of(contract),
        user=parties.seller,
        lines=[AcceptanceLineData(item=paper, quantity=Decimal(10))],
    )
    document = acceptance_decide(document=document, user=parties.buyer, full=True)
    due = document.payment_due_at
    assert due is not None
    # then
    assert not acceptance_payment_is_overdue(document=document, now=due)
    assert acceptance_payment_is_overdue(document=document, now=due + dt.timedelta(seconds=1))
    assert list(payments_overdue(now=due + dt.timedelta(seconds=1))) == [document]
    assert list(payments_overdue(now=due)) == []
    # when: a part is paid, it is still overdue; paid in full, it is not
    payment_record(document=document, user=parties.buyer, amount=Decimal("4000.00"), paid_on=TODAY)
    assert list(payments_overdue(now=due + dt.timedelta(seconds=1))) == [document]
    payment_record(document=document, user=parties.buyer, amount=Decimal("1000.00"), paid_on=TODAY)
    assert list(payments_overdue(now=due + dt.timedelta(seconds=1))) == []


# --- bad input: refused with a clear message, nothing changed --------------------------------------------


@pytest.mark.parametrize("who", ["customer", "other_supplier"])
def test_someone_outside_the_supplier_cannot_sign_for_it(who: str):
    parties = Parties()
    contract = draft(parties)
    intruder: User = parties.buyer if who == "customer" else f.member_of(f.supplier())
    if who == "other_supplier":
        signing_key_issue(user=intruder, actor=None)
    before = snapshot(contract)
    with pytest.raises(PermissionDenied) as exc:
        contract_sign_supplier(contract=contract, user=intruder)
    assert exc.value.message == "Подписать контракт от имени поставщика может только сотрудник поставщика"
    assert snapshot(contract) == before
    assert Signature.objects.count() == 0


def test_the_supplier_cannot_sign_for_the_customer():
    parties = Parties()
    contract = draft(parties)
    contract_sign_supplier(contract=contract, user=parties.seller)
    before = snapshot(contract)
    with pytest.raises(PermissionDenied) as exc:
        contract_sign_customer(contract=contract, user=parties.seller)
    assert exc.value.message == "Подписать контракт от имени заказчика может только сотрудник заказчика"
    assert snapshot(contract) == before
    contract.refresh_from_db()
    assert contract.registry_number is None


def test_a_member_without_a_signing_key_cannot_sign_and_nothing_is_stored():
    parties = Parties()
    contract = draft(parties)
    keyless = f.member_of(parties.supplier)
    before = snapshot(contract)
    with pytest.raises(PermissionDenied) as exc:
        contract_sign_supplier(contract=contract, user=keyless)
    assert exc.value.message == "У пользователя нет ключа электронной подписи"
    assert snapshot(contract) == before


def test_customer_cannot_sign_before_the_supplier():
    parties = Parties()
    contract = draft(parties)
    before = snapshot(contract)
    with pytest.raises(Conflict) as exc:
        contract_sign_customer(contract=contract, user=parties.buyer)
    assert exc.value.message == "Контракт: переход «Проект контракта» → «Заключён» недопустим"
    assert snapshot(contract) == before


def test_acceptance_of_more_than_was_ordered_is_refused():
    parties = Parties()
    contract = concluded(parties)
    paper, _ = items(contract)
    before = snapshot(contract)
    with pytest.raises(ValidationFailed) as exc:
        acceptance_submit(
            stage=stage_of(contract),
            user=parties.seller,
            lines=[AcceptanceLineData(item=paper, quantity=Decimal(11))],
        )
    assert exc.value.message == (
        "Нельзя передать к приёмке больше, чем предусмотрено контрактом: "
        "по позиции «Бумага офисная А4» осталось 10 пач, указано 11 пач"
    )
    assert snapshot(contract) == before


def test_acceptance_counts_what_is_already_accepted_or_under_review():
    parties = Parties()
    contract = concluded(parties)
    paper, _ = items(contract)
    stage = stage_of(contract)
    acceptance_submit(
        stage=stage, user=parties.seller, lines=[AcceptanceLineData(item=paper, quantity=Decimal(7))]
    )
    before = snapshot(contract)
    with pytest.raises(ValidationFailed) as exc:
        acceptance_submit(
            stage=stage, user=parties.seller, lines=[AcceptanceLineData(item=paper, quantity=Decimal("3.5"))]
        )
    assert exc.value.message.endswith("по позиции «Бумага офисная А4» осталось 3 пач, указано 3,5 пач")
    assert snapshot(contract) == before


def test_the_customer_cannot_submit_an_acceptance_document():
    parties = Parties()
    contract = concluded(parties)
    paper, _ = items(contract)
    before = snapshot(contract)
    with pytest.raises(PermissionDenied) as exc:
        acceptance_submit(
            stage=stage_of(contract),
            user=parties.buyer,
            lines=[AcceptanceLineData(item=paper, quantity=Decimal(1))],
        )
    assert exc.value.message == "Документ о приёмке может разместить только сотрудник поставщика по контракту"
    assert snapshot(contract) == before


def test_the_supplier_cannot_decide_on_acceptance_and_a_decision_is_taken_once():
    parties = Parties()
    contract = concluded(parties)
    paper, _ = items(contract)
    document = acceptance_submit(
        stage=stage_of(contract),
        user=parties.seller,
        lines=[AcceptanceLineData(item=paper, quantity=Decimal(1))],
    )
    before = snapshot(contract)
    with pytest.raises(PermissionDenied) as denied:
        acceptance_decide(document=document, user=parties.seller, full=True)
    assert denied.value.message == "Решение о приёмке может принять только сотрудник заказчика по контракту"
    assert snapshot(contract) == before
    acceptance_decide(document=document, user=parties.buyer, full=True)
    decided = snapshot(contract)
    with pytest.raises(Conflict) as again:
        acceptance_decide(document=document, user=parties.buyer, refuse_reason="Передумали")
    assert again.value.message == "Решение по этому документу о приёмке уже принято"
    assert snapshot(contract) == decided


def test_a_payment_above_what_was_accepted_is_refused():
    parties = Parties()
    contract = concluded(parties)
    paper, pens = items(contract)
    document = acceptance_submit(
        stage=stage_of(contract),
        user=parties.seller,
        lines=[
            AcceptanceLineData(item=paper, quantity=Decimal(10)),
            AcceptanceLineData(item=pens, quantity=Decimal(20)),
        ],
    )
    document = acceptance_decide(document=document, user=parties.buyer, accepted_lines={paper.pk: Decimal(4)})
    assert document.accepted_amount == Decimal("2000.00")
    payment_record(document=document, user=parties.buyer, amount=Decimal("1500.00"), paid_on=TODAY)
    before = snapshot(contract)
    with pytest.raises(Conflict) as exc:
        payment_record(document=document, user=parties.buyer, amount=Decimal("500.01"), paid_on=TODAY)
    assert exc.value.message == (
        f"Сумма оплаты 500,01{NBSP}₽ больше неоплаченной суммы принятого 500,00{NBSP}₽"
    )
    assert snapshot(contract) == before


def test_a_payment_against_a_refused_document_is_refused():
    parties = Parties()
    contract = concluded(parties)
    paper, _ = items(contract)
    document = acceptance_submit(
        stage=stage_of(contract),
        user=parties.seller,
        lines=[AcceptanceLineData(item=paper, quantity=Decimal(1))],
    )
    document = acceptance_decide(document=document, user=parties.buyer, refuse_reason="Брак")
    before = snapshot(contract)
    with pytest.raises(Conflict) as exc:
        payment_record(document=document, user=parties.buyer, amount=Decimal("1.00"), paid_on=TODAY)
    assert exc.value.message == "Оплата регистрируется только по принятому документу о приёмке"
    assert snapshot(contract) == before


def test_acceptance_after_termination_by_agreement_is_refused():
    parties = Parties()
    contract = concluded(parties)
    paper, _ = items(contract)
    document = acceptance_submit(
        stage=stage_of(contract),
        user=parties.seller,
        lines=[AcceptanceLineData(item=paper, quantity=Decimal(1))],
    )
    contract_terminate_by_agreement(
        contract=contract, customer_user=parties.buyer, supplier_user=parties.seller
    )
    contract.refresh_from_db()
    assert (contract.status, contract.termination_kind) == (
        ContractStatus.TERMINATED,
        TerminationKind.AGREEMENT,
    )
    before = snapshot(contract)
    with pytest.raises(Conflict) as decided:
        acceptance_decide(document=document, user=parties.buyer, full=True)
    assert decided.value.message == "Контракт расторгнут: приёмка по нему невозможна"
    with pytest.raises(Conflict) as submitted:
        acceptance_submit(
            stage=stage_of(contract),
            user=parties.seller,
            lines=[AcceptanceLineData(item=paper, quantity=Decimal(1))],
        )
    assert submitted.value.message == "Контракт расторгнут: приёмка по нему невозможна"
    assert snapshot(contract) == before


def test_termination_by_court_and_then_nothing_more():
    parties = Parties()
    contract = concluded(parties)
    contract_terminate_by_court(contract=contract, user=parties.seller, decision_ref="А40-12345/2026")
    contract.refresh_from_db()
    assert (contract.status, contract.termination_kind, contract.termination_reason) == (
        ContractStatus.TERMINATED,
        TerminationKind.COURT,
        "А40-12345/2026",
    )
    before = snapshot(contract)
    with pytest.raises(Conflict) as exc:
        contract_unilateral_refusal(contract=contract, user=parties.buyer, reason="Просрочка")
    assert exc.value.message == "Контракт уже расторгнут"
    assert snapshot(contract) == before


# --- unilateral refusal ------------------------------------------------------------------------------------


def refused(parties: Parties, now: dt.datetime) -> Contract:
    contract = concluded(parties)
    return contract_unilateral_refusal(
        contract=contract, user=parties.buyer, reason="Просрочка поставки по этапу 1", now=now
    )


def test_unilateral_refusal_is_cancelled_when_the_breach_is_cured_within_ten_days():
    # given
    parties = Parties()
    now = timezone.now()
    contract = refused(parties, now)
    effective_at = calendar_deadline(start=now, days=10, tz_name=MSK)
    assert contract.status == ContractStatus.TERMINATION_PENDING
    assert contract.termination_effective_at == effective_at
    assert contract.next_check_at == effective_at
    # when: the supplier delivers and the customer cancels the decision on day 9
    contract = contract_cure_breach(contract=contract, user=parties.buyer, now=now + dt.timedelta(days=9))
    # then
    assert contract.status == ContractStatus.CONCLUDED
    assert (contract.termination_effective_at, contract.next_check_at, contract.termination_kind) == (
        None,
        None,
        "",
    )
    run_pass(now=effective_at + dt.timedelta(days=1))
    contract.refresh_from_db()
    assert contract_effective_status(contract=contract, now=effective_at + dt.timedelta(days=1)) == (
        ContractStatus.CONCLUDED
    )
    assert contract.status == ContractStatus.CONCLUDED
    assert not RnpReferral.objects.exists()
    assert events_of(contract)[-2:] == ["contract.unilateral_refusal", "contract.refusal_cancelled"]


def test_a_refusal_that_took_effect_cannot_be_cancelled():
    parties = Parties()
    now = timezone.now()
    contract = refused(parties, now)
    late = (contract.termination_effective_at or now) + dt.timedelta(seconds=1)
    before = snapshot(contract)
    with pytest.raises(Conflict) as exc:
        contract_cure_breach(contract=contract, user=parties.buyer, now=late)
    assert exc.value.message.startswith("Решение об одностороннем отказе вступило в силу ")
    assert exc.value.message.endswith(": отменить его нельзя")
    assert snapshot(contract) == before


def test_unilateral_refusal_is_terminated_at_read_time_before_the_worker_runs():
    parties = Parties()
    now = timezone.now()
    contract = refused(parties, now)
    effective_at = contract.termination_effective_at
    assert effective_at is not None
    paper, _ = items(contract)
    # then: pending before the instant, terminated from it on, with the row still pending
    assert contract_effective_status(contract=contract, now=effective_at - dt.timedelta(seconds=1)) == (
        ContractStatus.TERMINATION_PENDING
    )
    assert contract_effective_status(contract=contract, now=effective_at) == ContractStatus.TERMINATED
    contract.refresh_from_db()
    assert contract.status == ContractStatus.TERMINATION_PENDING
    # and: acceptance is refused from that instant even though the worker has not run
    before = snapshot(contract)
    with pytest.raises(Conflict) as exc:
        acceptance_submit(
            stage=stage_of(contract),
            user=parties.seller,
            lines=[AcceptanceLineData(item=paper, quantity=Decimal(1))],
            now=effective_at + dt.timedelta(minutes=1),
        )
    assert exc.value.message == "Контракт расторгнут: приёмка по нему невозможна"
    assert snapshot(contract) == before


def test_the_worker_terminates_a_unilateral_refusal_once_and_refers_the_supplier_to_the_rnp():
    parties = Parties()
    now = timezone.now()
    contract = refused(parties, now)
    effective_at = contract.termination_effective_at
    assert effective_at is not None
    # when: a pass before the instant does nothing
    run_pass(now=effective_at - dt.timedelta(seconds=1))
    contract.refresh_from_db()
    assert contract.status == ContractStatus.TERMINATION_PENDING
    # when: passes after it
    first = run_pass(now=effective_at + dt.timedelta(hours=1))
    second = run_pass(now=effective_at + dt.timedelta(hours=2))
    # then
    contract.refresh_from_db()
    assert (contract.status, contract.terminated_at, contract.next_check_at) == (
        ContractStatus.TERMINATED,
        effective_at,
        None,
    )
    assert [(e.name, e.handled) for e in first.events if e.name == "contracts.contract_due"] == [
        ("contracts.contract_due", 1)
    ]
    assert [(e.name, e.handled) for e in second.events if e.name == "contracts.contract_due"] == [
        ("contracts.contract_due", 0)
    ]
    referral = RnpReferral.objects.get()
    assert (referral.contract_id, referral.supplier_id) == (contract.pk, parties.supplier.pk)
    assert (
        referral.reason
        == "Односторонний отказ заказчика от исполнения контракта: Просрочка поставки по этапу 1"
    )
    assert events_of(contract).count("contract.terminated") == 1


def test_only_the_customer_takes_a_unilateral_refusal():
    parties = Parties()
    contract = concluded(parties)
    before = snapshot(contract)
    with pytest.raises(PermissionDenied) as exc:
        contract_unilateral_refusal(contract=contract, user=parties.seller, reason="Неоплата")
    assert exc.value.message == "Это решение может принять только сотрудник заказчика по контракту"
    assert snapshot(contract) == before


def test_a_delivery_while_a_refusal_is_pending_keeps_the_refusal_pending():
    # given: a refusal on a concluded contract (nothing delivered yet)
    parties = Parties()
    now = timezone.now()
    contract = refused(parties, now)
    paper, _ = items(contract)
    # when: the supplier delivers within the 10 days
    acceptance_submit(
        stage=stage_of(contract),
        user=parties.seller,
        lines=[AcceptanceLineData(item=paper, quantity=Decimal(10))],
        now=now + dt.timedelta(days=2),
    )
    # then: the decision stands until the customer cancels it; cancelling returns to execution
    contract.refresh_from_db()
    assert contract.status == ContractStatus.TERMINATION_PENDING
    contract = contract_cure_breach(contract=contract, user=parties.buyer, now=now + dt.timedelta(days=3))
    assert contract.status == ContractStatus.EXECUTING
