"""Shared steps of the complaint services: locking, status changes through the table, permissions,
text checks, and the signed document every step leaves in the complaint's file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from zakupki.accounts.models import Organization, User
from zakupki.core.errors import PermissionDenied
from zakupki.core.timeutil import format_ru_datetime, utc_offset_label
from zakupki.core.transitions import check_transition
from zakupki.documents.pdf import render_pdf
from zakupki.documents.services.signatures import document_sign
from zakupki.documents.services.storage import document_store
from zakupki.notifications.services import notification_send
from zakupki.oversight.enums import ComplaintStatus, StepKind
from zakupki.oversight.models import Complaint, ComplaintDocument
from zakupki.oversight.selectors import is_control_body_of
from zakupki.oversight.states import COMPLAINT_TRANSITIONS

PURPOSE_COMPLAINANT = "заявитель"
PURPOSE_CONTROL_BODY = "контрольный орган"
PURPOSE_CUSTOMER = "заказчик"
STEP_DOCUMENT_KIND = "complaint_step"
MSG_NOT_CONTROL_BODY = "Решения по жалобе принимает контрольный орган региона, в который она подана"

Section = tuple[str, Sequence[str], bool]
# A deadline is the last instant of its day; the worker wakes at the first instant past it, so a pass
# exactly at the deadline finds nothing due (and never leaves a row due behind it).
PAST_DEADLINE = dt.timedelta(microseconds=1)


def overdue_check_at(due_at: dt.datetime) -> dt.datetime:
    return due_at + PAST_DEADLINE


def complaint_link(complaint: Complaint) -> str:
    return f"/complaints/{complaint.pk}/"


def locked(complaint: Complaint) -> Complaint:
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("region", "customer", "complainant", "control_body")
        .get(pk=complaint.pk)
    )


def set_status(complaint: Complaint, after: ComplaintStatus, *, fields: list[str]) -> ComplaintStatus:
    before = ComplaintStatus(complaint.status)
    check_transition(COMPLAINT_TRANSITIONS, before, after, what="Жалоба")
    complaint.status = after
    complaint.save(update_fields=["status", "updated_at", *fields])
    return before


def require_control_body(user: User, complaint: Complaint) -> None:
    if not is_control_body_of(user, complaint.region_id):
        raise PermissionDenied(MSG_NOT_CONTROL_BODY)


def require_member(user: User, organization: Organization, message: str) -> None:
    if user.organization_id != organization.pk:
        raise PermissionDenied(message)


def clean_text(value: str | None, *, field: str, empty: str, limit: int, errors: dict[str, str]) -> str:
    """Stripped text, or an error in `errors` (empty, or longer than `limit`)."""
    text = (value or "").strip()
    if not text:
        errors[field] = empty
    elif len(text) > limit:
        errors[field] = f"Не длиннее {limit} символов"
    return text


def base_rows(complaint: Complaint) -> list[tuple[str, str]]:
    tz = complaint.region.timezone
    return [
        ("Жалоба", f"№ {complaint.number}, поступила {format_ru_datetime(complaint.filed_at, tz)}"),
        (
            "Закупка",
            f"{complaint.get_target_kind_display()} № {complaint.target_id}: {complaint.target_title}",
        ),
        ("Заказчик", f"{complaint.customer.name}, ИНН {complaint.customer.inn}"),
        ("Заявитель", f"{complaint.complainant.name}, ИНН {complaint.complainant.inn}"),
        ("Обжалуются", f"{complaint.get_subject_display()}; действия: {complaint.get_respondent_display()}"),
    ]


def sign_step(
    *,
    complaint: Complaint,
    step: StepKind,
    signer: User,
    purpose: str,
    organization: Organization,
    rows: list[tuple[str, str]],
    sections: Sequence[Section],
    now: dt.datetime,
) -> ComplaintDocument:
    """Renders the step to PDF, stores it and signs it with the signer's GOST key; the key must be
    active (document_sign refuses otherwise, and the whole step is rolled back)."""
    tz = complaint.region.timezone
    title = f"{step.label} № {complaint.number}"
    content = render_pdf(
        "oversight/step.html",
        {
            "title": title,
            "addressee": f"в {complaint.control_body.name}",
            "rows": rows,
            "sections": sections,
            "signer": f"{signer.full_name or signer.username} ({organization.name})",
            "signed_at": format_ru_datetime(now, tz),
            "tz_label": utc_offset_label(tz, now),
        },
    )
    document = document_store(
        content=content, title=title, kind=STEP_DOCUMENT_KIND, content_type="application/pdf", actor=signer
    )
    signature = document_sign(
        document=document, signer=signer, purpose=purpose, expected_organization=organization, now=now
    )
    return ComplaintDocument.objects.create(
        complaint=complaint, step=step, document=document, signature=signature, file_name=f"{step.value}.pdf"
    )


def notify(*, complaint: Complaint, kind: str, subject: str, body: str, to: list[Organization]) -> None:
    """In the caller's transaction: the notification exists if and only if the step was committed."""
    for organization in to:
        notification_send(
            kind=f"complaint.{kind}",
            subject=subject,
            body=body,
            link=complaint_link(complaint),
            organization=organization,
            dedupe_key=f"complaint:{complaint.pk}:{kind}:{organization.pk}",
        )
