"""The order's execution: the customer reports it (signed); the worker records an overdue order and
an overdue review once each and notifies (time events in deadlines.py)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from zakupki.accounts.models import User
from zakupki.core.errors import Conflict, ValidationFailed
from zakupki.core.timeutil import format_ru_datetime
from zakupki.core.transitions import check_transition
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record
from zakupki.oversight.enums import OPEN_STATUSES, OrderStatus, StepKind
from zakupki.oversight.models import Complaint, ComplaintOrder
from zakupki.oversight.services._common import (
    PURPOSE_CUSTOMER,
    base_rows,
    clean_text,
    notify,
    overdue_check_at,
    require_member,
    sign_step,
)
from zakupki.oversight.states import ORDER_TRANSITIONS

REPORT_MAX = 5000
MSG_NOT_CUSTOMER = "Об исполнении предписания отчитывается заказчик, которому оно выдано"


def _locked_order(order: ComplaintOrder) -> ComplaintOrder:
    return (
        ComplaintOrder.objects.select_for_update(of=("self",))
        .select_related("complaint__region", "complaint__customer", "complaint__complainant")
        .select_related("complaint__control_body", "customer")
        .get(pk=order.pk)
    )


def order_report_execution(
    *, order: ComplaintOrder, actor: User, report: str, now: dt.datetime | None = None
) -> ComplaintOrder:
    """ISSUED → EXECUTED with the customer's signed report (also after the due date: late, but done)."""
    now = now or timezone.now()
    require_member(actor, order.customer, MSG_NOT_CUSTOMER)
    errors: dict[str, str] = {}
    report = clean_text(
        report, field="report", empty="Опишите, как исполнено предписание", limit=REPORT_MAX, errors=errors
    )
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        current = _locked_order(order)
        if current.status != OrderStatus.ISSUED:
            raise Conflict("Об исполнении этого предписания уже отчитались")
        check_transition(
            ORDER_TRANSITIONS, OrderStatus(current.status), OrderStatus.EXECUTED, what="Предписание"
        )
        current.status, current.executed_at, current.report_text = OrderStatus.EXECUTED, now, report
        current.reported_by, current.next_check_at = actor, None
        current.save(
            update_fields=[
                "status",
                "executed_at",
                "report_text",
                "reported_by",
                "next_check_at",
                "updated_at",
            ]
        )
        complaint = current.complaint
        step = sign_step(
            complaint=complaint,
            step=StepKind.ORDER_REPORT,
            signer=actor,
            purpose=PURPOSE_CUSTOMER,
            organization=current.customer,
            rows=base_rows(complaint),
            sections=[("Предписание", [current.text], False), ("Исполнение", [report], False)],
            now=now,
        )
        audit_record(
            actor=actor,
            event=EventType.COMPLAINT_ORDER_EXECUTED,
            obj=current,
            details={
                "complaint": complaint.number,
                "in_time": now <= current.due_at,
                "document": step.document.sha256,
            },
        )
        notify(
            complaint=complaint,
            kind="order_executed",
            subject=f"Предписание по жалобе № {complaint.number} исполнено",
            body=f"{current.customer.name} отчитался об исполнении предписания: {report}",
            to=[complaint.control_body],
        )
    return current


def complaint_time_event(*, complaint: Complaint, now: dt.datetime) -> None:
    """Worker handler (idempotent): an open complaint past its review deadline is recorded overdue once."""
    with transaction.atomic():
        current = (
            Complaint.objects.select_for_update(of=("self",))
            .select_related("region", "control_body", "complainant", "customer")
            .get(pk=complaint.pk)
        )
        if current.status not in OPEN_STATUSES or current.overdue_recorded_at is not None:
            current.next_check_at = None
            current.save(update_fields=["next_check_at"])
            return
        if now <= current.review_due_at:
            current.next_check_at = overdue_check_at(current.review_due_at)
            current.save(update_fields=["next_check_at"])
            return
        current.overdue_recorded_at, current.next_check_at = now, None
        current.save(update_fields=["overdue_recorded_at", "next_check_at", "updated_at"])
        audit_record(
            actor=None,
            event=EventType.COMPLAINT_REVIEW_OVERDUE,
            obj=current,
            details={"number": current.number, "review_due_at": current.review_due_at},
        )
        notify(
            complaint=current,
            kind="review_overdue",
            subject=f"Просрочен срок рассмотрения жалобы № {current.number}",
            body="Срок рассмотрения истёк "
            f"{format_ru_datetime(current.review_due_at, current.region.timezone)}; решение не принято.",
            to=[current.control_body],
        )


def order_time_event(*, order: ComplaintOrder, now: dt.datetime) -> None:
    """Worker handler (idempotent): an order not reported by its due time is recorded overdue once."""
    with transaction.atomic():
        current = _locked_order(order)
        if current.status != OrderStatus.ISSUED or current.overdue_recorded_at is not None:
            current.next_check_at = None
            current.save(update_fields=["next_check_at"])
            return
        if now <= current.due_at:
            current.next_check_at = overdue_check_at(current.due_at)
            current.save(update_fields=["next_check_at"])
            return
        current.overdue_recorded_at, current.next_check_at = now, None
        current.save(update_fields=["overdue_recorded_at", "next_check_at", "updated_at"])
        complaint = current.complaint
        audit_record(
            actor=None,
            event=EventType.COMPLAINT_ORDER_OVERDUE,
            obj=current,
            details={"complaint": complaint.number, "due_at": current.due_at},
        )
        notify(
            complaint=complaint,
            kind="order_overdue",
            subject=f"Просрочено исполнение предписания по жалобе № {complaint.number}",
            body=f"Срок исполнения истёк {format_ru_datetime(current.due_at, complaint.region.timezone)}.",
            to=[complaint.control_body, current.customer],
        )
