import datetime as dt
from decimal import Decimal

import pytest

from zakupki.accounts.enums import OrganizationKind, UserRole
from zakupki.accounts.models import Region
from zakupki.contracts.enums import PurchaseBasis, SourceKind
from zakupki.contracts.models import Contract
from zakupki.contracts.services import ContractItemData, contract_create_from_award
from zakupki.core.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed
from zakupki.documents.events import EventType
from zakupki.documents.models import AuditEvent
from zakupki.documents.services.signatures import signature_verify
from zakupki.documents.services.verification import journal_verify
from zakupki.oversight.enums import ComplaintStatus, Decision, OrderStatus, StepKind
from zakupki.oversight.models import Complaint, ComplaintOrder
from zakupki.oversight.selectors import procedure_suspended
from zakupki.oversight.services.complaints import complaint_withdraw
from zakupki.oversight.services.orders import order_report_execution
from zakupki.oversight.services.review import complaint_accept, complaint_decide, complaint_return
from zakupki.oversight.tests.conftest import NOW, bid_both, file_terms, make_org, make_user
from zakupki.procedures.enums import SessionStatus
from zakupki.procedures.models import QuotationSession
from zakupki.worker.runner import run_pass

LATER = NOW + dt.timedelta(hours=1)


def snapshot(complaint: Complaint) -> tuple[object, ...]:
    c = Complaint.objects.get(pk=complaint.pk)
    return (c.status, c.accepted_at, c.decided_at, c.decision, c.suspends, c.documents.count())


def events(kind: EventType) -> int:
    return AuditEvent.objects.filter(event=kind).count()


def test_acceptance_with_suspension_is_signed_by_the_control_body(world):
    complaint = file_terms(world)
    complaint_accept(complaint=complaint, actor=world.inspector, suspend=True, now=LATER)
    c = Complaint.objects.get(pk=complaint.pk)
    assert (c.status, c.accepted_at, c.suspends, c.reviewed_by) == (
        ComplaintStatus.ACCEPTED,
        LATER,
        True,
        world.inspector,
    )
    step = c.documents.get(step=StepKind.ACCEPTANCE)
    assert step.signature is not None
    assert (step.signature.purpose, step.signature.organization) == ("контрольный орган", world.control_body)
    assert signature_verify(signature=step.signature).ok
    assert procedure_suspended(kind=SourceKind.QUOTATION_SESSION, target_id=world.session.pk)
    assert AuditEvent.objects.get(event=EventType.COMPLAINT_ACCEPTED).details["suspends"] is True


@pytest.mark.parametrize("who", ["customer", "supplier", "other_region", "citizen"])
def test_only_the_regions_control_body_reviews_and_nothing_changes_otherwise(world, who):
    complaint = file_terms(world)
    if who == "customer":
        actor = world.customer_user
    elif who == "supplier":
        actor = world.alpha_user
    elif who == "citizen":
        actor = make_user(None, UserRole.CITIZEN, key=False)
    else:
        spb = Region.objects.create(
            code="78", name="Санкт-Петербург", timezone="Europe/Moscow", joined_on=NOW.date()
        )
        actor = make_user(make_org(spb, OrganizationKind.CONTROL_BODY, "Комитет СПб"), UserRole.CONTROL_BODY)
    before = snapshot(complaint)
    message = "^Решения по жалобе принимает контрольный орган региона, в который она подана$"
    with pytest.raises(PermissionDenied, match=message):
        complaint_accept(complaint=complaint, actor=actor, suspend=True, now=LATER)
    with pytest.raises(PermissionDenied, match=message):
        complaint_return(complaint=complaint, actor=actor, reason="Причина", now=LATER)
    complaint_accept(complaint=complaint, actor=world.inspector, suspend=False, now=LATER)
    before = snapshot(complaint)
    with pytest.raises(PermissionDenied, match=message):
        complaint_decide(complaint=complaint, actor=actor, decision=Decision.JUSTIFIED, decision_text="Текст")
    assert snapshot(complaint) == before


def test_return_needs_a_reason_and_ends_the_complaint(world):
    complaint = file_terms(world)
    with pytest.raises(ValidationFailed) as caught:
        complaint_return(complaint=complaint, actor=world.inspector, reason="  ", now=LATER)
    assert caught.value.errors == {"reason": "Укажите причину возврата жалобы"}
    assert Complaint.objects.get(pk=complaint.pk).status == ComplaintStatus.FILED
    complaint_return(complaint=complaint, actor=world.inspector, reason="Жалоба не подписана", now=LATER)
    c = Complaint.objects.get(pk=complaint.pk)
    assert (c.status, c.return_reason, c.next_check_at) == (
        ComplaintStatus.RETURNED,
        "Жалоба не подписана",
        None,
    )
    assert c.documents.filter(step=StepKind.RETURN).count() == 1
    with pytest.raises(InvalidTransition):
        complaint_accept(complaint=c, actor=world.inspector, suspend=False, now=LATER)


def test_a_decision_needs_acceptance_a_valid_kind_and_reasons(world):
    complaint = file_terms(world)
    with pytest.raises(InvalidTransition, match="«Подана, ожидает решения о принятии» → «Рассмотрена"):
        complaint_decide(
            complaint=complaint, actor=world.inspector, decision=Decision.UNFOUNDED, decision_text="Т"
        )
    complaint_accept(complaint=complaint, actor=world.inspector, suspend=False, now=LATER)
    before = snapshot(complaint)
    with pytest.raises(ValidationFailed) as caught:
        complaint_decide(complaint=complaint, actor=world.inspector, decision="maybe", decision_text=" ")
    assert caught.value.errors == {
        "decision": "Выберите решение: обоснованная, частично обоснованная или необоснованная",
        "decision_text": "Изложите мотивировку решения",
    }
    with pytest.raises(ValidationFailed) as order_on_unfounded:
        complaint_decide(
            complaint=complaint,
            actor=world.inspector,
            decision=Decision.UNFOUNDED,
            decision_text="Доводы не подтвердились",
            order_text="Изменить извещение",
            order_due=dt.date(2026, 3, 20),
            now=LATER,
        )
    assert order_on_unfounded.value.errors == {
        "order_text": "Предписание выдаётся только по обоснованной или частично обоснованной жалобе"
    }
    with pytest.raises(ValidationFailed) as past_due:
        complaint_decide(
            complaint=complaint,
            actor=world.inspector,
            decision=Decision.JUSTIFIED,
            decision_text="Доводы подтвердились",
            order_text="Изменить извещение",
            order_due=dt.date(2026, 3, 2),
            now=LATER,
        )
    assert past_due.value.errors == {
        "order_due": "Срок исполнения предписания должен быть позже сегодняшнего дня"
    }
    assert snapshot(complaint) == before


def test_suspension_postpones_the_worker_close_and_the_decision_resumes_it(world):
    bid_both(world)
    complaint = file_terms(world)
    complaint_accept(complaint=complaint, actor=world.inspector, suspend=True, now=LATER)
    ends = world.session.ends_at
    # the worker reaches the session at its end: bidding is over, summing up waits for the decision
    run_pass(now=ends + dt.timedelta(seconds=1))
    s = QuotationSession.objects.get(pk=world.session.pk)
    assert (s.status, s.closed_at, s.winner_id, s.next_check_at, s.protocol_id) == (
        SessionStatus.PUBLISHED,
        None,
        None,
        None,
        None,
    )
    assert events(EventType.SESSION_FINISHED) == 0
    run_pass(now=ends + dt.timedelta(minutes=5))  # nothing due any more: idempotent
    assert QuotationSession.objects.get(pk=world.session.pk).status == SessionStatus.PUBLISHED
    decided_at = ends + dt.timedelta(days=1)
    complaint_decide(
        complaint=complaint,
        actor=world.inspector,
        decision=Decision.UNFOUNDED,
        decision_text="Срок поставки обоснован потребностью заказчика",
        now=decided_at,
    )
    s = QuotationSession.objects.get(pk=world.session.pk)
    assert (s.status, s.closed_at, s.winner_id, s.winning_price) == (
        SessionStatus.CONTRACT_OFFERED,
        decided_at,
        world.beta.pk,
        Decimal("34650.00"),
    )
    assert events(EventType.SESSION_FINISHED) == 1
    assert not procedure_suspended(kind=SourceKind.QUOTATION_SESSION, target_id=s.pk)
    assert journal_verify().ok


def test_without_suspension_the_session_closes_on_time(world):
    bid_both(world)
    complaint = file_terms(world)
    complaint_accept(complaint=complaint, actor=world.inspector, suspend=False, now=LATER)
    run_pass(now=world.session.ends_at)
    assert QuotationSession.objects.get(pk=world.session.pk).status == SessionStatus.CONTRACT_OFFERED


def test_withdrawal_lifts_the_suspension_only_when_no_other_complaint_holds_it(world):
    bid_both(world)
    first = file_terms(world)
    second = file_terms(world, by=world.beta_user)
    complaint_accept(complaint=first, actor=world.inspector, suspend=True, now=LATER)
    complaint_accept(complaint=second, actor=world.inspector, suspend=True, now=LATER)
    ends = world.session.ends_at
    run_pass(now=ends)
    with pytest.raises(PermissionDenied, match="^Отозвать жалобу может только заявитель$"):
        complaint_withdraw(complaint=first, actor=world.beta_user, now=ends)
    complaint_withdraw(complaint=first, actor=world.alpha_user, now=ends + dt.timedelta(hours=1))
    assert Complaint.objects.get(pk=first.pk).status == ComplaintStatus.WITHDRAWN
    assert QuotationSession.objects.get(pk=world.session.pk).status == SessionStatus.PUBLISHED
    complaint_withdraw(complaint=second, actor=world.beta_user, now=ends + dt.timedelta(hours=2))
    s = QuotationSession.objects.get(pk=world.session.pk)
    assert (s.status, s.closed_at) == (SessionStatus.CONTRACT_OFFERED, ends + dt.timedelta(hours=2))
    withdrawal = Complaint.objects.get(pk=second.pk).documents.get(step=StepKind.WITHDRAWAL)
    assert withdrawal.signature is not None
    assert withdrawal.signature.purpose == "заявитель"


def test_a_decided_complaint_cannot_be_withdrawn(world):
    complaint = file_terms(world)
    complaint_accept(complaint=complaint, actor=world.inspector, suspend=False, now=LATER)
    complaint_decide(
        complaint=complaint, actor=world.inspector, decision=Decision.UNFOUNDED, decision_text="Т", now=LATER
    )
    with pytest.raises(Conflict, match="^Жалобу в статусе «Рассмотрена, принято решение» отозвать нельзя$"):
        complaint_withdraw(complaint=complaint, actor=world.alpha_user, now=LATER)


def test_a_contract_is_not_created_while_the_procedure_is_suspended(world):
    complaint = file_terms(world)
    complaint_accept(complaint=complaint, actor=world.inspector, suspend=True, now=LATER)
    args = {
        "customer": world.customer,
        "supplier": world.beta,
        "items": [
            ContractItemData(name="Бумага", unit="пачка", quantity=Decimal(1), unit_price=Decimal("100.00"))
        ],
        "price": Decimal("100.00"),
        "basis": PurchaseBasis.P4,
        "source_kind": SourceKind.QUOTATION_SESSION,
        "source_id": world.session.pk,
        "subject": "Бумага",
        "actor": None,
    }
    with pytest.raises(Conflict, match="^Закупка приостановлена по жалобе"):
        contract_create_from_award(**args)
    assert Contract.objects.count() == 0


def test_a_need_is_not_awarded_while_suspended_and_is_after_the_decision(world):
    from zakupki.oversight.services.complaints import complaint_file
    from zakupki.purchases.enums import NeedStatus
    from zakupki.purchases.models import Need, NeedProposal
    from zakupki.purchases.services.needs import need_award

    now = dt.datetime.now(dt.UTC)
    need = Need.objects.create(
        customer=world.customer,
        title="Ремонт кровли",
        description="Ремонт мягкой кровли",
        max_price=Decimal("500000.00"),
        basis=PurchaseBasis.P4,
        deadline=now + dt.timedelta(hours=1),
        status=NeedStatus.PUBLISHED,
        created_by=world.customer_user,
        published_at=now - dt.timedelta(days=1),
    )
    complaint = complaint_file(
        actor=world.alpha_user,
        target_kind=SourceKind.NEED,
        target_id=need.pk,
        subject="terms",
        respondent="customer",
        grounds=["Описание потребности неполное"],
        remedy="Изменить описание",
    )
    complaint_accept(complaint=complaint, actor=world.inspector, suspend=True)
    proposal = NeedProposal.objects.create(
        need=need,
        supplier=world.beta,
        submitted_by=world.beta_user,
        price=Decimal("450000.00"),
        terms="30 дней",
        submitted_at=now,
    )
    Need.objects.filter(pk=need.pk).update(deadline=now - dt.timedelta(minutes=1))
    with pytest.raises(
        Conflict, match="^Закупка приостановлена по жалобе: выбрать предложение можно после решения$"
    ):
        need_award(need=need, proposal=proposal, actor=world.customer_user, reason="Лучшая цена")
    assert Need.objects.get(pk=need.pk).status == NeedStatus.PUBLISHED
    complaint_decide(
        complaint=complaint, actor=world.inspector, decision=Decision.UNFOUNDED, decision_text="Т"
    )
    award = need_award(need=need, proposal=proposal, actor=world.customer_user, reason="Лучшая цена")
    assert award.contract.source_id == need.pk


def test_an_order_is_signed_tracked_and_reported_by_the_customer(world):
    complaint = file_terms(world)
    complaint_accept(complaint=complaint, actor=world.inspector, suspend=False, now=LATER)
    complaint_decide(
        complaint=complaint,
        actor=world.inspector,
        decision=Decision.PARTLY_JUSTIFIED,
        decision_text="Довод о сроке поставки подтвердился",
        order_text="Продлить срок поставки до 5 рабочих дней",
        order_due=dt.date(2026, 3, 13),
        now=LATER,
    )
    order = ComplaintOrder.objects.get(complaint=complaint)
    due = dt.datetime(2026, 3, 13, 20, 59, 59, 999999, tzinfo=dt.UTC)
    assert (order.status, order.due_at, order.next_check_at, order.customer) == (
        OrderStatus.ISSUED,
        due,
        dt.datetime(2026, 3, 13, 21, 0, tzinfo=dt.UTC),  # the first instant past the deadline
        world.customer,
    )
    c = Complaint.objects.get(pk=complaint.pk)
    assert [d.step for d in c.documents.order_by("pk")] == [
        StepKind.COMPLAINT,
        StepKind.ACCEPTANCE,
        StepKind.DECISION,
        StepKind.ORDER,
    ]
    with pytest.raises(PermissionDenied, match="^Об исполнении предписания отчитывается заказчик"):
        order_report_execution(order=order, actor=world.alpha_user, report="Исполнено")
    with pytest.raises(ValidationFailed) as empty:
        order_report_execution(order=order, actor=world.customer_user, report="")
    assert empty.value.errors == {"report": "Опишите, как исполнено предписание"}
    reported_at = dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.UTC)
    order_report_execution(
        order=order, actor=world.customer_user, report="Извещение изменено", now=reported_at
    )
    order = ComplaintOrder.objects.get(pk=order.pk)
    assert (order.status, order.executed_at, order.next_check_at) == (OrderStatus.EXECUTED, reported_at, None)
    report = c.documents.get(step=StepKind.ORDER_REPORT)
    assert report.signature is not None
    assert (report.signature.purpose, report.signature.organization) == ("заказчик", world.customer)
    with pytest.raises(Conflict, match="^Об исполнении этого предписания уже отчитались$"):
        order_report_execution(order=order, actor=world.customer_user, report="Ещё раз")
    run_pass(now=due + dt.timedelta(days=1))
    assert events(EventType.COMPLAINT_ORDER_OVERDUE) == 0


def test_overdue_review_and_overdue_order_are_recorded_once_by_the_worker(world):
    from zakupki.notifications.models import Notification

    complaint = file_terms(world)
    review_due = Complaint.objects.get(pk=complaint.pk).review_due_at
    at_deadline = run_pass(now=review_due)
    assert [(e.name, e.handled, e.failed) for e in at_deadline.events if e.name.startswith("oversight.")] == [
        ("oversight.complaint_review_overdue", 0, 0),
        ("oversight.complaint_order_overdue", 0, 0),
    ]
    assert events(EventType.COMPLAINT_REVIEW_OVERDUE) == 0
    run_pass(now=review_due + dt.timedelta(seconds=1))
    run_pass(now=review_due + dt.timedelta(hours=1))
    assert events(EventType.COMPLAINT_REVIEW_OVERDUE) == 1
    c = Complaint.objects.get(pk=complaint.pk)
    assert (c.overdue_recorded_at, c.next_check_at) == (review_due + dt.timedelta(seconds=1), None)
    assert Notification.objects.filter(kind="complaint.review_overdue").count() == 1
    late = review_due + dt.timedelta(days=1)
    complaint_accept(complaint=c, actor=world.inspector, suspend=False, now=late)
    complaint_decide(
        complaint=c,
        actor=world.inspector,
        decision=Decision.JUSTIFIED,
        decision_text="Доводы подтвердились",
        order_text="Изменить извещение",
        order_due=dt.date(2026, 3, 13),
        now=late,
    )
    assert AuditEvent.objects.get(event=EventType.COMPLAINT_DECIDED).details["in_time"] is False
    order_due = ComplaintOrder.objects.get(complaint=c).due_at
    run_pass(now=order_due + dt.timedelta(seconds=1))
    run_pass(now=order_due + dt.timedelta(days=2))
    assert events(EventType.COMPLAINT_ORDER_OVERDUE) == 1
    assert sorted(
        Notification.objects.filter(kind="complaint.order_overdue").values_list(
            "recipient__organization__name", flat=True
        )
    ) == ["ГБОУ Школа № 1535", "Главное контрольное управление города Москвы"]
    assert journal_verify().ok


def test_a_suspension_pauses_the_winners_term_to_sign_and_the_decision_extends_it(world):
    from zakupki.oversight.enums import ComplaintSubject, Respondent
    from zakupki.oversight.services.complaints import complaint_file
    from zakupki.procedures.enums import OfferStatus
    from zakupki.procedures.models import ContractOffer, SupplierViolation

    bid_both(world)
    ends = world.session.ends_at
    run_pass(now=ends + dt.timedelta(seconds=1))
    offer = ContractOffer.objects.get(session=world.session, status=OfferStatus.OFFERED)
    due = offer.due_at
    filed_at = ends + dt.timedelta(hours=1)
    complaint = complaint_file(
        actor=world.alpha_user,
        target_kind=SourceKind.QUOTATION_SESSION,
        target_id=world.session.pk,
        subject=ComplaintSubject.RESULT,
        respondent=Respondent.COMMISSION,
        grounds=["Победитель не соответствует требованиям"],
        remedy="Отменить протокол",
        now=filed_at,
    )
    accepted_at = filed_at + dt.timedelta(hours=1)
    complaint_accept(complaint=complaint, actor=world.inspector, suspend=True, now=accepted_at)
    # the term passes while the winner cannot sign: no expiry, no violation, no ban
    run_pass(now=due + dt.timedelta(minutes=1))
    offer.refresh_from_db()
    assert (offer.status, offer.due_at, offer.next_check_at) == (OfferStatus.OFFERED, due, None)
    assert SupplierViolation.objects.count() == 0
    decided_at = due + dt.timedelta(days=1)
    complaint_decide(
        complaint=complaint,
        actor=world.inspector,
        decision=Decision.UNFOUNDED,
        decision_text="Победитель соответствует требованиям извещения",
        now=decided_at,
    )
    offer.refresh_from_db()
    extended = due + (decided_at - accepted_at)
    assert (offer.status, offer.due_at, offer.next_check_at) == (OfferStatus.OFFERED, extended, extended)
    # the extended term runs out like any other
    run_pass(now=extended + dt.timedelta(seconds=1))
    offer.refresh_from_db()
    assert offer.status == OfferStatus.EXPIRED
