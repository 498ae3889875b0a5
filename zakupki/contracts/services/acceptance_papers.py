"""The acceptance document and the customer's decision as signed PDFs (ч.13 ст.94).

The supplier's structured document is rendered to PDF, stored content-addressed and signed by the
submitting supplier user. The customer's decision is a PDF of its own, signed by the customer, rather
than the customer's second signature over the supplier's file: §3.2 has the customer either sign the
acceptance document or place a motivated refusal, and a partial acceptance, the refusal's reason and the
commission's votes are facts the supplier's bytes cannot carry. The decision PDF repeats the supplier
document's SHA-256, so it is bound to exactly what was delivered. Commission members sign the supplier's
file itself (ч.6 ст.94: they sign before the customer), see services/commission.py.

Called inside the acceptance services' transactions, after their locks are taken."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from zakupki.accounts.models import Organization, User
from zakupki.contracts.enums import AcceptanceStatus
from zakupki.contracts.models import AcceptanceDocument, AcceptancePaper
from zakupki.contracts.services._common import quantity_text
from zakupki.core.errors import PermissionDenied
from zakupki.core.money import format_rub
from zakupki.core.timeutil import format_ru_datetime
from zakupki.core.words import amount_in_words
from zakupki.documents.models import SigningKey
from zakupki.documents.pdf import render_pdf
from zakupki.documents.services.signatures import document_sign
from zakupki.documents.services.storage import document_store

PURPOSE_SUPPLIER = "поставщик"
PURPOSE_CUSTOMER = "заказчик"
PURPOSE_COMMISSION = "член приёмочной комиссии"
MSG_NO_KEY = (
    "Для подписания документа о приёмке нужен действующий ключ электронной подписи: "
    "выпустите его на странице контракта"
)


def require_signing_key(user: User, now: dt.datetime) -> None:
    """Checked before a PDF is rendered and stored, so a refusal leaves no file behind."""
    usable = SigningKey.objects.filter(
        user=user, revoked_at__isnull=True, valid_from__lte=now, valid_until__gt=now
    ).exists()
    if not usable:
        raise PermissionDenied(MSG_NO_KEY, code="no_signing_key")


def _party(org: Organization) -> str:
    kpp = f", КПП {org.kpp}" if org.kpp else ""
    return f"{org.name}, ИНН {org.inn}{kpp}"


def _common_context(acceptance: AcceptanceDocument) -> dict[str, object]:
    stage = acceptance.stage
    contract = stage.contract
    return {
        "acceptance": acceptance,
        "contract": contract,
        "stage": stage,
        "customer": _party(contract.customer),
        "supplier": _party(contract.supplier),
        "tz": contract.customer.region.timezone,
    }


def _lines(acceptance: AcceptanceDocument) -> list[dict[str, object]]:
    return [
        {
            "position": line.contract_item.position,
            "name": line.contract_item.name,
            "unit": line.contract_item.unit,
            "quantity": quantity_text(line.quantity),
            "unit_price": format_rub(line.unit_price),
            "amount": format_rub(line.amount),
            "accepted_quantity": quantity_text(line.accepted_quantity),
            "accepted_amount": format_rub(line.accepted_amount),
        }
        for line in acceptance.lines.select_related("contract_item").order_by("contract_item__position")
    ]


def _store_and_sign(
    *,
    acceptance: AcceptanceDocument,
    kind: AcceptancePaper.Kind,
    content: bytes,
    title: str,
    user: User,
    purpose: str,
    organization: Organization,
    now: dt.datetime,
) -> AcceptancePaper:
    previous = None
    if acceptance.replaces_id is not None:
        earlier = AcceptancePaper.objects.filter(acceptance_id=acceptance.replaces_id, kind=kind).first()
        previous = earlier.file if earlier is not None else None
    file = document_store(
        content=content,
        title=title,
        kind=f"acceptance_{kind}",
        content_type="application/pdf",
        actor=user,
        previous=previous,
    )
    signature = document_sign(
        document=file, signer=user, purpose=purpose, expected_organization=organization, now=now
    )
    return AcceptancePaper.objects.create(
        acceptance=acceptance, kind=kind, file=file, signature=signature, created_at=now
    )


SUBMISSION_TEMPLATE = "contracts/acceptance_document.html"
DECISION_TEMPLATE = "contracts/acceptance_decision.html"


def submission_context(*, acceptance: AcceptanceDocument, user: User) -> dict[str, object]:
    contract = acceptance.stage.contract
    return {
        **_common_context(acceptance),
        "lines": _lines(acceptance),
        "total": format_rub(acceptance.total),
        "total_words": amount_in_words(acceptance.total),
        "submitted_at": format_ru_datetime(acceptance.submitted_at, contract.customer.region.timezone),
        "replaces": acceptance.replaces,
        "signer": user.full_name or user.username,
    }


def submission_paper_create(
    *, acceptance: AcceptanceDocument, user: User, now: dt.datetime
) -> AcceptancePaper:
    """The supplier's document as a PDF signed by the submitting supplier user."""
    return _store_and_sign(
        acceptance=acceptance,
        kind=AcceptancePaper.Kind.SUBMISSION,
        content=render_pdf(SUBMISSION_TEMPLATE, submission_context(acceptance=acceptance, user=user)),
        title=f"Документ о приёмке № {acceptance.number} (ред. {acceptance.version})",
        user=user,
        purpose=PURPOSE_SUPPLIER,
        organization=acceptance.stage.contract.supplier,
        now=now,
    )


def decision_title(acceptance: AcceptanceDocument) -> str:
    if acceptance.status == AcceptanceStatus.REFUSED:
        return (
            f"Мотивированный отказ по документу о приёмке № {acceptance.number} (ред. {acceptance.version})"
        )
    return f"Документ о приёмке № {acceptance.number} (ред. {acceptance.version}): решение заказчика"


def decision_context(*, acceptance: AcceptanceDocument, user: User, now: dt.datetime) -> dict[str, object]:
    tz = acceptance.stage.contract.customer.region.timezone
    submission = AcceptancePaper.objects.select_related("file").get(
        acceptance=acceptance, kind=AcceptancePaper.Kind.SUBMISSION
    )
    votes = [
        {
            "member": vote.member.full_name or vote.member.username,
            "verdict": vote.get_verdict_display(),
            "reason": vote.dissent_reason,
            "voted_at": format_ru_datetime(vote.voted_at, tz),
        }
        for vote in acceptance.approvals.select_related("member").order_by("voted_at", "pk")
    ]
    return {
        **_common_context(acceptance),
        "title": decision_title(acceptance),
        "refused": acceptance.status == AcceptanceStatus.REFUSED,
        "status_label": AcceptanceStatus(acceptance.status).label,
        "lines": _lines(acceptance),
        "total": format_rub(acceptance.total),
        "accepted": format_rub(acceptance.accepted_amount),
        "accepted_words": amount_in_words(acceptance.accepted_amount or Decimal(0)),
        "submission_sha256": submission.file.sha256,
        "decided_at": format_ru_datetime(now, tz),
        "payment_due_at": format_ru_datetime(acceptance.payment_due_at, tz),
        "votes": votes,
        "signer": user.full_name or user.username,
    }


def decision_paper_create(*, acceptance: AcceptanceDocument, user: User, now: dt.datetime) -> AcceptancePaper:
    """The customer's decision — «Документ о приёмке» (full or partial) or «Мотивированный отказ» —
    with the votes of the commission, if any, signed by the deciding customer user."""
    return _store_and_sign(
        acceptance=acceptance,
        kind=AcceptancePaper.Kind.DECISION,
        content=render_pdf(DECISION_TEMPLATE, decision_context(acceptance=acceptance, user=user, now=now)),
        title=decision_title(acceptance),
        user=user,
        purpose=PURPOSE_CUSTOMER,
        organization=acceptance.stage.contract.customer,
        now=now,
    )
