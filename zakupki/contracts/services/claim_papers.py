"""«Требование об уплате неустойки (пени, штрафа)» as a PDF signed by the customer's user.

The PDF carries the calculator's working term by term and the amount in figures and in words, so the
supplier can redo the sum by hand. Rendered, stored and signed inside claim_raise's transaction."""

from __future__ import annotations

import datetime as dt

from zakupki.accounts.models import Organization, User
from zakupki.contracts.claims import Calculation
from zakupki.contracts.models import Stage
from zakupki.core.errors import PermissionDenied
from zakupki.core.money import format_rub
from zakupki.core.timeutil import format_ru_datetime
from zakupki.core.words import amount_in_words
from zakupki.documents.models import Document, Signature, SigningKey
from zakupki.documents.pdf import render_pdf
from zakupki.documents.services.signatures import document_sign
from zakupki.documents.services.storage import document_store
from zakupki.rules.formatting import ru_date

CLAIM_TEMPLATE = "contracts/claim.html"
PURPOSE_CUSTOMER = "заказчик"
MSG_NO_KEY_CLAIM = (
    "Для подписания требования об уплате неустойки нужен действующий ключ электронной подписи: "
    "выпустите его на странице контракта"
)


def require_key(user: User, now: dt.datetime, message: str) -> None:
    """Checked before a PDF is rendered and stored, so a refusal leaves no file behind."""
    usable = SigningKey.objects.filter(
        user=user, revoked_at__isnull=True, valid_from__lte=now, valid_until__gt=now
    ).exists()
    if not usable:
        raise PermissionDenied(message, code="no_signing_key")


def party(org: Organization) -> str:
    kpp = f", КПП {org.kpp}" if org.kpp else ""
    return f"{org.name}, ИНН {org.inn}{kpp}"


def claim_title(number: int, contract_number: str) -> str:
    return f"Требование об уплате неустойки (пени, штрафа) № {number} по контракту № {contract_number}"


def claim_context(
    *,
    stage: Stage,
    number: int,
    kind_label: str,
    breach: str,
    calculations: list[Calculation],
    user: User,
    now: dt.datetime,
) -> dict[str, object]:
    contract = stage.contract
    tz = contract.customer.region.timezone
    result = calculations[-1].result
    return {
        "title": claim_title(number, contract.number),
        "number": number,
        "contract": contract,
        "stage": stage,
        "customer": party(contract.customer),
        "supplier": party(contract.supplier),
        "kind": kind_label,
        "breach": breach,
        "calculations": [
            {
                "title": c.title,
                "basis": c.basis,
                "terms": [{"label": t.label, "value": t.value, "note": t.note} for t in c.terms],
                "result": format_rub(c.result),
            }
            for c in calculations
        ],
        "amount": format_rub(result),
        "amount_words": amount_in_words(result),
        "calculated_on": ru_date(calculations[0].on),
        "raised_at": format_ru_datetime(now, tz),
        "signer": user.full_name or user.username,
    }


def claim_paper_create(
    *, context: dict[str, object], contract_org: Organization, user: User, now: dt.datetime
) -> tuple[Document, Signature]:
    file = document_store(
        content=render_pdf(CLAIM_TEMPLATE, context),
        title=str(context["title"]),
        kind="contract_claim",
        content_type="application/pdf",
        actor=user,
    )
    signature = document_sign(
        document=file, signer=user, purpose=PURPOSE_CUSTOMER, expected_organization=contract_org, now=now
    )
    return file, signature
