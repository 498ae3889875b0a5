"""Termination documents as signed PDFs, linked to the contract through TerminationPaper:
- «Решение об одностороннем отказе от исполнения контракта» (ч.12 ст.95), signed by the customer;
- «Соглашение о расторжении контракта», signed by both parties when the agreement is concluded;
- «Сведения о расторжении по решению суда», signed by the party's user who records the decision.

Called inside the termination services' transactions, after their locks are taken; the keys are checked
before the transaction (require_termination_keys), so a refusal leaves no file behind."""

from __future__ import annotations

import datetime as dt

from zakupki.accounts.models import Organization, User
from zakupki.accounts.roles import is_member_of
from zakupki.contracts.models import Contract, TerminationPaper
from zakupki.contracts.services.claim_papers import party, require_key
from zakupki.core.money import format_rub
from zakupki.core.timeutil import format_ru_datetime
from zakupki.core.words import amount_in_words
from zakupki.documents.events import EventType
from zakupki.documents.pdf import render_pdf
from zakupki.documents.services.audit import audit_record
from zakupki.documents.services.signatures import document_sign
from zakupki.documents.services.storage import document_store

TERMINATION_TEMPLATE = "contracts/termination.html"
MSG_NO_KEY_TERMINATION = (
    "Для подписания документа о расторжении контракта нужен действующий ключ электронной подписи: "
    "выпустите его на странице контракта"
)
MSG_NO_KEY_PROPOSER = (
    "У сотрудника, предложившего расторжение, нет действующего ключа электронной подписи: "
    "соглашение о расторжении не может быть подписано"
)


def require_termination_keys(users: list[tuple[User, str]], now: dt.datetime) -> None:
    for user, message in users:
        require_key(user, now, message)


def termination_title(kind: TerminationPaper.Kind, contract: Contract) -> str:
    return f"{kind.label} № {contract.number}"


def termination_context(
    *,
    contract: Contract,
    kind: TerminationPaper.Kind,
    reason: str,
    signers: list[User],
    now: dt.datetime,
    cure_days: int | None = None,
) -> dict[str, object]:
    tz = contract.customer.region.timezone
    return {
        "title": termination_title(kind, contract),
        "kind": kind.value,
        "heading": kind.label,
        "contract": contract,
        "customer": party(contract.customer),
        "supplier": party(contract.supplier),
        "price": format_rub(contract.price),
        "price_words": amount_in_words(contract.price),
        "reason": reason,
        "decided_at": format_ru_datetime(now, tz),
        "effective_at": format_ru_datetime(
            contract.termination_effective_at, contract.supplier.region.timezone
        )
        if contract.termination_effective_at
        else "",
        "cure_days": cure_days,
        "signers": [user.full_name or user.username for user in signers],
    }


def _side(user: User, contract: Contract) -> tuple[str, Organization]:
    if is_member_of(user, contract.customer):
        return "заказчик", contract.customer
    return "поставщик", contract.supplier


def termination_paper_create(
    *,
    contract: Contract,
    kind: TerminationPaper.Kind,
    context: dict[str, object],
    signers: list[User],
    now: dt.datetime,
) -> TerminationPaper:
    actor = signers[-1]
    file = document_store(
        content=render_pdf(TERMINATION_TEMPLATE, context),
        title=str(context["title"]),
        kind=f"termination_{kind.value}",
        content_type="application/pdf",
        actor=actor,
    )
    paper = TerminationPaper.objects.create(contract=contract, kind=kind, file=file, created_at=now)
    for user in signers:
        purpose, organization = _side(user, contract)
        paper.signatures.add(
            document_sign(
                document=file, signer=user, purpose=purpose, expected_organization=organization, now=now
            )
        )
    audit_record(
        actor=actor,
        event=EventType.CONTRACT_TERMINATION_PAPER_SIGNED,
        obj=paper,
        details={
            "contract": contract.number,
            "kind": kind.value,
            "document": file.sha256,
            "signers": [u.pk for u in signers],
        },
    )
    return paper
