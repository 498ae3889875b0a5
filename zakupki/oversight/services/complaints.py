"""A complaint is filed by a supplier within the window the rules set, and may be withdrawn by it
until the decision. Both steps are signed by the complainant (documents.services.signatures)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus, UserRole
from zakupki.accounts.models import Organization, User
from zakupki.core.errors import Conflict, PermissionDenied, ValidationFailed
from zakupki.core.timeutil import format_ru_datetime, local_date
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record
from zakupki.documents.services.storage import document_store
from zakupki.oversight.enums import OPEN_STATUSES, ComplaintStatus, ComplaintSubject, Respondent, StepKind
from zakupki.oversight.models import Complaint, ComplaintDocument
from zakupki.oversight.selectors import region_control_body
from zakupki.oversight.services._common import (
    PURPOSE_COMPLAINANT,
    base_rows,
    clean_text,
    locked,
    notify,
    overdue_check_at,
    require_member,
    set_status,
    sign_step,
)
from zakupki.oversight.services.resume import procedure_resume
from zakupki.oversight.targets import Target, complaint_target
from zakupki.rules.due_dates import calendar_deadline, working_deadline
from zakupki.rules.engine import rule_value

GROUND_MAX = 5000
GROUNDS_MAX = 20
REMEDY_MAX = 2000
ATTACHMENTS_MAX = 10
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_TYPES = frozenset(
    {
        "application/pdf",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "image/jpeg",
        "image/png",
        "text/plain",
    }
)
ATTACHMENT_KIND = "complaint_attachment"
MSG_NOT_SUPPLIER = "Жалобу подаёт участник закупки — сотрудник подтверждённой организации-поставщика"
MSG_NOT_COMPLAINANT = "Отозвать жалобу может только заявитель"


@dataclass(frozen=True)
class Attachment:
    """A file as it came in through a page or the API."""

    name: str
    content_type: str
    content: bytes


def _complainant(actor: User) -> Organization:
    org = actor.organization
    if (
        actor.role != UserRole.SUPPLIER
        or org is None
        or org.kind != OrganizationKind.SUPPLIER
        or org.status != OrganizationStatus.CONFIRMED
    ):
        raise PermissionDenied(MSG_NOT_SUPPLIER)
    return org


def _rule_int(key: str, target: Target, now: dt.datetime) -> int:
    region = target.customer.region
    return int(rule_value(key, on=local_date(now, region.timezone), region=region))


def _check_window(
    target: Target, subject: ComplaintSubject, complainant: Organization, now: dt.datetime
) -> None:
    """ч.3–4 ст.105: the terms until the end of bidding; the result within N days of the protocol."""
    tz = target.customer.region.timezone
    if target.cancelled:
        raise ValidationFailed({"target": "Закупка отменена: обжаловать её нельзя"})
    if subject == ComplaintSubject.TERMS:
        hours = _rule_int("complaint.terms_window_hours_before_end", target, now)
        closes = target.bidding_ends_at - dt.timedelta(hours=hours)
        if now >= closes:
            raise ValidationFailed(
                {
                    "subject": "Жалоба на положения извещения подаётся до окончания приёма предложений "
                    f"({format_ru_datetime(closes, tz)}); срок истёк"
                }
            )
        return
    if target.result_at is None:
        raise ValidationFailed({"subject": "Итоги закупки ещё не подведены: обжаловать протокол пока нельзя"})
    days = _rule_int("complaint.result_window_days", target, now)
    closes = calendar_deadline(start=target.result_at, days=days, tz_name=tz, roll_to_working_day=True)
    if now > closes:
        raise ValidationFailed(
            {
                "subject": f"Жалоба на протокол подаётся не позднее {days} дней с даты протокола "
                f"(до {format_ru_datetime(closes, tz)}); срок истёк"
            }
        )
    if complainant.pk not in target.participant_ids:
        raise PermissionDenied("Обжаловать результаты закупки может только её участник")


def _clean(
    *, subject: str, respondent: str, grounds: list[str], remedy: str, attachments: list[Attachment]
) -> tuple[list[str], str]:
    errors: dict[str, str] = {}
    if subject not in ComplaintSubject.values:
        errors["subject"] = "Укажите, что обжалуется: положения извещения или протокол"
    if respondent not in Respondent.values:
        errors["respondent"] = "Укажите, на чьи действия подаётся жалоба: заказчика, комиссии или оператора"
    cleaned = [text.strip() for text in grounds if text and text.strip()]
    if not cleaned:
        errors["grounds"] = "Изложите хотя бы один довод жалобы"
    elif len(cleaned) > GROUNDS_MAX:
        errors["grounds"] = f"Не более {GROUNDS_MAX} доводов"
    elif any(len(text) > GROUND_MAX for text in cleaned):
        errors["grounds"] = f"Каждый довод — не длиннее {GROUND_MAX} символов"
    remedy_text = clean_text(
        remedy, field="remedy", empty="Укажите требование заявителя", limit=REMEDY_MAX, errors=errors
    )
    if len(attachments) > ATTACHMENTS_MAX:
        errors["attachments"] = f"Не более {ATTACHMENTS_MAX} приложений"
    for file in attachments:
        if not file.name.strip():
            errors["attachments"] = "У приложения нет имени файла"
        elif not file.content:
            errors["attachments"] = f"Файл «{file.name}» пустой"
        elif len(file.content) > ATTACHMENT_MAX_BYTES:
            errors["attachments"] = f"Файл «{file.name}» больше 10 МБ"
        elif file.content_type not in ATTACHMENT_TYPES:
            errors["attachments"] = f"Файл «{file.name}»: допустимы PDF, Word, JPEG, PNG и текст"
    if errors:
        raise ValidationFailed(errors)
    return cleaned, remedy_text


def complaint_file(
    *,
    actor: User,
    target_kind: str,
    target_id: int,
    subject: str,
    respondent: str,
    grounds: list[str],
    remedy: str,
    attachments: list[Attachment] | None = None,
    now: dt.datetime | None = None,
) -> Complaint:
    """Files and signs a complaint; the decision is due within complaint.review_working_days working
    days of receipt in the region's calendar. Refused (nothing stored) outside the window."""
    now = now or timezone.now()
    files = list(attachments or [])
    complainant = _complainant(actor)
    cleaned, remedy_text = _clean(
        subject=subject, respondent=respondent, grounds=grounds, remedy=remedy, attachments=files
    )
    target = complaint_target(kind=target_kind, target_id=target_id)
    _check_window(target, ComplaintSubject(subject), complainant, now)
    region = target.customer.region
    control_body = region_control_body(region)
    if control_body is None:
        raise Conflict("В регионе заказчика нет контрольного органа, который рассматривает жалобы")
    review_days = _rule_int("complaint.review_working_days", target, now)
    with transaction.atomic():
        complaint = Complaint.objects.create(
            region=region,
            control_body=control_body,
            target_kind=target.kind,
            target_id=target.id,
            target_title=target.title[:500],
            subject=subject,
            customer=target.customer,
            complainant=complainant,
            respondent=respondent,
            grounds=cleaned,
            remedy=remedy_text,
            filed_at=now,
            filed_by=actor,
            review_due_at=working_deadline(start=now, working_days=review_days, tz_name=region.timezone),
        )
        complaint.number = f"Ж-{region.code}-{local_date(now, region.timezone).year}-{complaint.pk:06d}"
        complaint.next_check_at = overdue_check_at(complaint.review_due_at)
        complaint.save(update_fields=["number", "next_check_at"])
        stored = []
        for file in files:
            document = document_store(
                content=file.content,
                title=file.name.strip(),
                kind=ATTACHMENT_KIND,
                content_type=file.content_type,
                actor=actor,
            )
            ComplaintDocument.objects.create(
                complaint=complaint, step=StepKind.ATTACHMENT, document=document, file_name=file.name.strip()
            )
            stored.append(f"{file.name.strip()} (SHA-256 {document.sha256})")
        sections = [
            ("Доводы жалобы", cleaned, True),
            ("Требование заявителя", [remedy_text], False),
            ("Приложения", stored or ["нет"], bool(stored)),
        ]
        step = sign_step(
            complaint=complaint,
            step=StepKind.COMPLAINT,
            signer=actor,
            purpose=PURPOSE_COMPLAINANT,
            organization=complainant,
            rows=base_rows(complaint),
            sections=sections,
            now=now,
        )
        audit_record(
            actor=actor,
            event=EventType.COMPLAINT_FILED,
            obj=complaint,
            details={
                "number": complaint.number,
                "target": f"{target.kind}:{target.id}",
                "subject": subject,
                "respondent": respondent,
                "complainant": complainant.inn,
                "customer": target.customer.inn,
                "grounds": len(cleaned),
                "attachments": len(files),
                "review_due_at": complaint.review_due_at,
                "document": step.document.sha256,
            },
        )
        notify(
            complaint=complaint,
            kind="filed",
            subject=f"Поступила жалоба № {complaint.number}",
            body=f"Жалоба {complainant.name} на закупку «{target.title}». Решение о принятии к рассмотрению "
            f"и решение по существу — до {format_ru_datetime(complaint.review_due_at, region.timezone)}.",
            to=[control_body, target.customer],
        )
    return complaint


def complaint_withdraw(*, complaint: Complaint, actor: User, now: dt.datetime | None = None) -> Complaint:
    """The complainant withdraws before the decision; a suspension it caused is lifted."""
    now = now or timezone.now()
    require_member(actor, complaint.complainant, MSG_NOT_COMPLAINANT)
    with transaction.atomic():
        current = locked(complaint)
        if current.status not in OPEN_STATUSES:
            raise Conflict(f"Жалобу в статусе «{current.get_status_display()}» отозвать нельзя")
        current.withdrawn_at, current.next_check_at = now, None
        set_status(current, ComplaintStatus.WITHDRAWN, fields=["withdrawn_at", "next_check_at"])
        step = sign_step(
            complaint=current,
            step=StepKind.WITHDRAWAL,
            signer=actor,
            purpose=PURPOSE_COMPLAINANT,
            organization=current.complainant,
            rows=base_rows(current),
            sections=[("Заявление", ["Заявитель отзывает жалобу до принятия решения по ней."], False)],
            now=now,
        )
        audit_record(
            actor=actor,
            event=EventType.COMPLAINT_WITHDRAWN,
            obj=current,
            details={"number": current.number, "document": step.document.sha256},
        )
        notify(
            complaint=current,
            kind="withdrawn",
            subject=f"Жалоба № {current.number} отозвана заявителем",
            body=f"Заявитель {current.complainant.name} отозвал жалобу на закупку «{current.target_title}».",
            to=[current.control_body, current.customer],
        )
        procedure_resume(complaint=current, now=now)
    return current
