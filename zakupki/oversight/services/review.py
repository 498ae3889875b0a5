"""The control body's steps: accept for review (optionally suspending the procedure) or return with a
reason; then the decision (justified, partly justified, unfounded) with an optional order to the
customer. Each step is signed by the control body's member."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from zakupki.accounts.models import User
from zakupki.core.errors import ValidationFailed
from zakupki.core.timeutil import end_of_local_day, format_ru_date, format_ru_datetime, local_date
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record
from zakupki.oversight.enums import K9_DECISIONS, ComplaintStatus, Decision, StepKind
from zakupki.oversight.models import Complaint, ComplaintOrder
from zakupki.oversight.services._common import (
    PURPOSE_CONTROL_BODY,
    base_rows,
    clean_text,
    locked,
    notify,
    overdue_check_at,
    require_control_body,
    set_status,
    sign_step,
)
from zakupki.oversight.services.resume import procedure_resume

REASON_MAX = 2000
DECISION_TEXT_MAX = 10000
ORDER_TEXT_MAX = 5000


def complaint_accept(
    *, complaint: Complaint, actor: User, suspend: bool, now: dt.datetime | None = None
) -> Complaint:
    """FILED → ACCEPTED. With `suspend`, the procedure may not be awarded nor its contract created
    until the decision (procedures, purchases and contracts ask `selectors.procedure_suspended`)."""
    now = now or timezone.now()
    require_control_body(actor, complaint)
    with transaction.atomic():
        current = locked(complaint)
        current.accepted_at, current.suspends, current.reviewed_by = now, suspend, actor
        set_status(current, ComplaintStatus.ACCEPTED, fields=["accepted_at", "suspends", "reviewed_by"])
        tz = current.region.timezone
        effect = (
            "Определение поставщика приостановлено в части заключения контракта до рассмотрения жалобы."
            if suspend
            else "Закупка не приостанавливается."
        )
        step = sign_step(
            complaint=current,
            step=StepKind.ACCEPTANCE,
            signer=actor,
            purpose=PURPOSE_CONTROL_BODY,
            organization=current.control_body,
            rows=[*base_rows(current), ("Рассмотрение — до", format_ru_datetime(current.review_due_at, tz))],
            sections=[("Жалоба принята к рассмотрению", [effect], False)],
            now=now,
        )
        audit_record(
            actor=actor,
            event=EventType.COMPLAINT_ACCEPTED,
            obj=current,
            details={"number": current.number, "suspends": suspend, "document": step.document.sha256},
        )
        notify(
            complaint=current,
            kind="accepted",
            subject=f"Жалоба № {current.number} принята к рассмотрению",
            body=f"{effect} Решение — до {format_ru_datetime(current.review_due_at, tz)}.",
            to=[current.complainant, current.customer],
        )
    return current


def complaint_return(
    *, complaint: Complaint, actor: User, reason: str, now: dt.datetime | None = None
) -> Complaint:
    """FILED → RETURNED with the reason (ч.11 ст.105: e.g. not signed, filed late, no standing)."""
    now = now or timezone.now()
    require_control_body(actor, complaint)
    errors: dict[str, str] = {}
    reason = clean_text(
        reason, field="reason", empty="Укажите причину возврата жалобы", limit=REASON_MAX, errors=errors
    )
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        current = locked(complaint)
        current.returned_at, current.return_reason = now, reason
        current.reviewed_by, current.next_check_at = actor, None
        set_status(
            current,
            ComplaintStatus.RETURNED,
            fields=["returned_at", "return_reason", "reviewed_by", "next_check_at"],
        )
        step = sign_step(
            complaint=current,
            step=StepKind.RETURN,
            signer=actor,
            purpose=PURPOSE_CONTROL_BODY,
            organization=current.control_body,
            rows=base_rows(current),
            sections=[("Жалоба возвращается заявителю", [reason], False)],
            now=now,
        )
        audit_record(
            actor=actor,
            event=EventType.COMPLAINT_RETURNED,
            obj=current,
            details={"number": current.number, "reason": reason, "document": step.document.sha256},
        )
        notify(
            complaint=current,
            kind="returned",
            subject=f"Жалоба № {current.number} возвращена",
            body=f"Причина возврата: {reason}",
            to=[current.complainant],
        )
    return current


def _clean_decision(
    complaint: Complaint,
    decision: str,
    text: str,
    order_text: str,
    order_due: dt.date | None,
    now: dt.datetime,
) -> tuple[str, str]:
    errors: dict[str, str] = {}
    if decision not in Decision.values:
        errors["decision"] = "Выберите решение: обоснованная, частично обоснованная или необоснованная"
    text = clean_text(
        text,
        field="decision_text",
        empty="Изложите мотивировку решения",
        limit=DECISION_TEXT_MAX,
        errors=errors,
    )
    order_text = (order_text or "").strip()
    if order_text or order_due is not None:
        if decision in Decision.values and Decision(decision) not in K9_DECISIONS:
            errors["order_text"] = (
                "Предписание выдаётся только по обоснованной или частично обоснованной жалобе"
            )
        elif not order_text:
            errors["order_text"] = "Изложите, что предписано заказчику"
        elif len(order_text) > ORDER_TEXT_MAX:
            errors["order_text"] = f"Не длиннее {ORDER_TEXT_MAX} символов"
        if order_due is None:
            errors["order_due"] = "Укажите срок исполнения предписания"
        elif order_due <= local_date(now, complaint.region.timezone):
            errors["order_due"] = "Срок исполнения предписания должен быть позже сегодняшнего дня"
    if errors:
        raise ValidationFailed(errors)
    return text, order_text


def complaint_decide(
    *,
    complaint: Complaint,
    actor: User,
    decision: str,
    decision_text: str,
    order_text: str = "",
    order_due: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Complaint:
    """ACCEPTED → DECIDED; the decision is public from now on. An order to the customer is due at the
    end of `order_due` in the region. A suspension the complaint caused is lifted (and a session whose
    bidding has ended is summed up now)."""
    now = now or timezone.now()
    require_control_body(actor, complaint)
    text, order = _clean_decision(complaint, decision, decision_text, order_text, order_due, now)
    with transaction.atomic():
        current = locked(complaint)
        current.decision, current.decision_text = decision, text
        current.decided_at, current.reviewed_by, current.next_check_at = now, actor, None
        set_status(
            current,
            ComplaintStatus.DECIDED,
            fields=["decision", "decision_text", "decided_at", "reviewed_by", "next_check_at"],
        )
        verdict = f"Признать жалобу {Decision(decision).label.lower()}."
        step = sign_step(
            complaint=current,
            step=StepKind.DECISION,
            signer=actor,
            purpose=PURPOSE_CONTROL_BODY,
            organization=current.control_body,
            rows=base_rows(current),
            sections=[
                ("Доводы жалобы", list(current.grounds), True),
                ("Мотивировка", [text], False),
                (
                    "Решение",
                    [verdict, f"Предписание: {order}" if order else "Предписание не выдаётся."],
                    False,
                ),
            ],
            now=now,
        )
        audit_record(
            actor=actor,
            event=EventType.COMPLAINT_DECIDED,
            obj=current,
            details={
                "number": current.number,
                "decision": decision,
                "order": bool(order),
                "in_time": now <= current.review_due_at,
                "document": step.document.sha256,
            },
        )
        if order and order_due is not None:
            _issue_order(current, actor, order, order_due, now)
        notify(
            complaint=current,
            kind="decided",
            subject=f"Решение по жалобе № {current.number}: {Decision(decision).label.lower()}",
            body=verdict + (f" Выдано предписание, срок — {format_ru_date(order_due)}." if order else ""),
            to=[current.complainant, current.customer],
        )
        procedure_resume(complaint=current, now=now)
    return current


def _issue_order(
    complaint: Complaint, actor: User, text: str, due: dt.date, now: dt.datetime
) -> ComplaintOrder:
    due_at = end_of_local_day(due, complaint.region.timezone)
    order = ComplaintOrder.objects.create(
        complaint=complaint,
        customer=complaint.customer,
        text=text,
        due_at=due_at,
        next_check_at=overdue_check_at(due_at),
    )
    step = sign_step(
        complaint=complaint,
        step=StepKind.ORDER,
        signer=actor,
        purpose=PURPOSE_CONTROL_BODY,
        organization=complaint.control_body,
        rows=[*base_rows(complaint), ("Исполнить до", format_ru_date(due))],
        sections=[("Заказчику предписывается", [text], False)],
        now=now,
    )
    audit_record(
        actor=actor,
        event=EventType.COMPLAINT_ORDER_ISSUED,
        obj=order,
        details={"complaint": complaint.number, "due_at": due_at, "document": step.document.sha256},
    )
    return order
