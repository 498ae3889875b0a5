"""Purchases by need (закупка по потребности), domain.md §1.2.

The customer drafts a need (free-text description, maximum price, proposal deadline) and publishes it;
confirmed, unbanned suppliers propose a price until the deadline (one active proposal each, replaceable);
after the deadline the customer picks a proposal with a reason (→ contract) or converts the need into a
quotation session, or cancels it.

The deadline is read from the clock, never from the worker: a proposal after the deadline is refused even
if `need_close_due` has not run yet, and the award is open as soon as the deadline has passed.
Every write locks the need row first; the audit journal is always locked last (after the contract's
ledger), so these services cannot deadlock with concurrent purchases."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from zakupki.accounts.models import Organization, User
from zakupki.contracts.enums import PurchaseBasis, SourceKind
from zakupki.contracts.ledger import CapExceeded, check_contract_cap
from zakupki.contracts.services import ContractItemData, contract_create_from_award
from zakupki.core.errors import Conflict, ValidationFailed
from zakupki.core.money import format_rub
from zakupki.core.timeutil import format_ru_datetime, local_date
from zakupki.core.transitions import check_transition
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record
from zakupki.documents.services.storage import document_store
from zakupki.oversight.selectors import procedure_suspended
from zakupki.procedures.enums import SubjectKind
from zakupki.procedures.services import SessionItemData, session_create
from zakupki.purchases.enums import NeedStatus, ProposalStatus
from zakupki.purchases.models import Need, NeedAward, NeedProposal
from zakupki.purchases.services.common import (
    acting_customer,
    acting_supplier,
    check_customer_member,
    check_not_banned,
    clean_money,
)
from zakupki.purchases.states import NEED_TRANSITIONS

TITLE_MAX = 300
TEXT_MAX = 5000
REASON_MAX = 1000
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_TYPES = frozenset(
    {
        "application/pdf",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "image/jpeg",
        "image/png",
        "text/plain",
    }
)
CONTRACT_UNIT = "усл. ед."  # a need is one lot: the contract has one item for the whole price
PROPOSAL_DOCUMENT_KIND = "need_proposal"


@dataclass(frozen=True)
class Attachment:
    """A file as it came in through a page or the API."""

    name: str
    content_type: str
    content: bytes


def _locked(need: Need) -> Need:
    return Need.objects.select_for_update().select_related("customer", "customer__region").get(pk=need.pk)


def _move(need: Need, after: NeedStatus, *, fields: list[str]) -> NeedStatus:
    before = NeedStatus(need.status)
    check_transition(NEED_TRANSITIONS, before, after, what="Потребность")
    need.status = after
    need.save(update_fields=["status", "updated_at", *fields])
    return before


def _deadline_text(need: Need) -> str:
    return format_ru_datetime(need.deadline, need.customer.region.timezone)


def proposals_open(need: Need, now: dt.datetime) -> bool:
    """Whether suppliers may propose at `now`: by the status and the clock, not by the worker."""
    return need.status == NeedStatus.PUBLISHED and now < need.deadline


def proposals_closed(need: Need, now: dt.datetime) -> bool:
    """Whether the proposal window is over (the customer may choose or convert)."""
    return need.status == NeedStatus.CLOSED or (need.status == NeedStatus.PUBLISHED and now >= need.deadline)


def _clean_need(
    *, title: str, description: str, max_price: Decimal | int | str, deadline: dt.datetime
) -> tuple[str, str, Decimal]:
    errors: dict[str, str] = {}
    title = (title or "").strip()
    description = (description or "").strip()
    if not title:
        errors["title"] = "Укажите предмет закупки"
    elif len(title) > TITLE_MAX:
        errors["title"] = f"Предмет закупки — не длиннее {TITLE_MAX} символов"
    if not description:
        errors["description"] = "Опишите потребность: что нужно, в каком количестве, сроки и место поставки"
    elif len(description) > TEXT_MAX:
        errors["description"] = f"Описание — не длиннее {TEXT_MAX} символов"
    price = Decimal(0)
    try:
        price = clean_money(max_price, field="max_price", what="Максимальная цена")
    except ValidationFailed as exc:
        errors.update(exc.errors)
    if not isinstance(deadline, dt.datetime) or timezone.is_naive(deadline):
        errors["deadline"] = "Укажите дату и время окончания приёма предложений с часовым поясом"
    elif deadline <= timezone.now():
        errors["deadline"] = "Окончание приёма предложений должно быть в будущем"
    if errors:
        raise ValidationFailed(errors)
    return title, description, price


def _check_cap(customer: Organization, basis: PurchaseBasis, max_price: Decimal, now: dt.datetime) -> None:
    """A need above the per-contract cap could never end in a contract: refuse it before suppliers work."""
    try:
        check_contract_cap(
            customer=customer, basis=basis, amount=max_price, on=local_date(now, customer.region.timezone)
        )
    except CapExceeded as exc:
        raise ValidationFailed({"max_price": exc.message}) from exc


def need_create(
    *,
    actor: User,
    title: str,
    description: str,
    max_price: Decimal | int | str,
    deadline: dt.datetime,
    basis: PurchaseBasis = PurchaseBasis.P4,
) -> Need:
    """A draft need of the actor's customer organization."""
    customer = acting_customer(actor)
    title, description, price = _clean_need(
        title=title, description=description, max_price=max_price, deadline=deadline
    )
    basis = PurchaseBasis(basis)
    _check_cap(customer, basis, price, timezone.now())
    with transaction.atomic():
        need = Need.objects.create(
            customer=customer,
            title=title,
            description=description,
            max_price=price,
            basis=basis,
            deadline=deadline,
            status=NeedStatus.DRAFT,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            event=EventType.NEED_CREATED,
            obj=need,
            details={"title": title, "max_price": price, "deadline": deadline, "basis": basis.value},
        )
    return need


def need_publish(*, need: Need, actor: User) -> Need:
    check_customer_member(actor, need.customer)
    now = timezone.now()
    with transaction.atomic():
        locked = _locked(need)
        if locked.deadline <= now:
            raise ValidationFailed(
                {"deadline": "Срок приёма предложений уже прошёл: создайте потребность с новым сроком"}
            )
        _check_cap(locked.customer, PurchaseBasis(locked.basis), locked.max_price, now)
        locked.published_at = now
        locked.next_check_at = locked.deadline
        before = _move(locked, NeedStatus.PUBLISHED, fields=["published_at", "next_check_at"])
        audit_record(
            actor=actor,
            event=EventType.NEED_PUBLISHED,
            obj=locked,
            details={
                "from": before.value,
                "to": NeedStatus.PUBLISHED.value,
                "max_price": locked.max_price,
                "deadline": locked.deadline,
            },
        )
    return locked


def _clean_attachment(attachment: Attachment | None) -> None:
    if attachment is None:
        return
    if not attachment.content:
        raise ValidationFailed({"attachment": "Файл пустой"})
    if len(attachment.content) > ATTACHMENT_MAX_BYTES:
        raise ValidationFailed({"attachment": "Файл больше 10 МБ"})
    if attachment.content_type not in ATTACHMENT_TYPES:
        raise ValidationFailed({"attachment": "Допустимы файлы PDF, Word, Excel, JPEG, PNG и текст"})


def need_propose(
    *,
    need: Need,
    supplier_user: User,
    price: Decimal | int | str,
    terms: str,
    attachment: Attachment | None = None,
) -> NeedProposal:
    """Submits (or replaces) the supplier's proposal. Refused after the deadline by the clock."""
    supplier = acting_supplier(supplier_user)
    errors: dict[str, str] = {}
    amount = Decimal(0)
    try:
        amount = clean_money(price, field="price", what="Цена")
    except ValidationFailed as exc:
        errors.update(exc.errors)
    terms = (terms or "").strip()
    if not terms:
        errors["terms"] = "Опишите условия: что и в какие сроки поставляется"
    elif len(terms) > TEXT_MAX:
        errors["terms"] = f"Условия — не длиннее {TEXT_MAX} символов"
    try:
        _clean_attachment(attachment)
    except ValidationFailed as exc:
        errors.update(exc.errors)
    if errors:
        raise ValidationFailed(errors)
    now = timezone.now()
    with transaction.atomic():
        locked = _locked(need)
        if locked.status == NeedStatus.DRAFT:
            raise Conflict("Потребность ещё не опубликована")
        if not proposals_open(locked, now):
            raise Conflict(f"Приём предложений завершён {_deadline_text(locked)}", code="deadline_passed")
        check_not_banned(supplier=supplier, region=locked.customer.region, at=now)
        if amount > locked.max_price:
            raise ValidationFailed(
                {"price": f"Цена выше максимальной цены потребности {format_rub(locked.max_price)}"}
            )
        previous = (
            NeedProposal.objects.select_for_update()
            .filter(need=locked, supplier=supplier, status=ProposalStatus.ACTIVE)
            .first()
        )
        if previous is not None:
            previous.status = ProposalStatus.REPLACED
            previous.save(update_fields=["status"])
        document = None
        if attachment is not None:
            document = document_store(
                content=attachment.content,
                title=attachment.name[:500] or "Приложение к предложению",
                kind=PROPOSAL_DOCUMENT_KIND,
                content_type=attachment.content_type,
                actor=supplier_user,
            )
        proposal = NeedProposal.objects.create(
            need=locked,
            supplier=supplier,
            submitted_by=supplier_user,
            price=amount,
            terms=terms,
            attachment=document,
            status=ProposalStatus.ACTIVE,
            submitted_at=now,
        )
        audit_record(
            actor=supplier_user,
            event=EventType.NEED_PROPOSAL_SUBMITTED,
            obj=proposal,
            details={
                "need": locked.pk,
                "supplier": supplier.inn,
                "price": amount,
                "replaces": previous.pk if previous is not None else None,
                "attachment": document.sha256 if document is not None else None,
            },
        )
    return proposal


def need_award(*, need: Need, proposal: NeedProposal, actor: User, reason: str) -> NeedAward:
    """The customer picks a proposal after the deadline; the contract is created in the same transaction
    (its small-purchase caps are enforced there, and a refusal leaves the need as it was)."""
    customer = check_customer_member(actor, need.customer)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed({"reason": "Укажите обоснование выбора предложения"})
    if len(reason) > REASON_MAX:
        raise ValidationFailed({"reason": f"Обоснование — не длиннее {REASON_MAX} символов"})
    now = timezone.now()
    with transaction.atomic():
        locked = _locked(need)
        if locked.status == NeedStatus.PUBLISHED and now < locked.deadline:
            raise Conflict(
                f"Выбрать предложение можно после окончания приёма предложений {_deadline_text(locked)}"
            )
        check_transition(NEED_TRANSITIONS, NeedStatus(locked.status), NeedStatus.AWARDED, what="Потребность")
        chosen = (
            NeedProposal.objects.select_related("supplier")
            .filter(pk=proposal.pk, need=locked, status=ProposalStatus.ACTIVE)
            .first()
        )
        if chosen is None:
            raise ValidationFailed({"proposal": "Это предложение не действует по данной потребности"})
        if procedure_suspended(kind=SourceKind.NEED, target_id=locked.pk):
            raise Conflict("Закупка приостановлена по жалобе: выбрать предложение можно после решения")
        check_not_banned(supplier=chosen.supplier, region=customer.region, at=now)
        price = Decimal(chosen.price)
        contract = contract_create_from_award(
            customer=customer,
            supplier=chosen.supplier,
            items=[
                ContractItemData(name=locked.title, unit=CONTRACT_UNIT, quantity=Decimal(1), unit_price=price)
            ],
            price=price,
            basis=PurchaseBasis(locked.basis),
            source_kind=SourceKind.NEED,
            source_id=locked.pk,
            subject=locked.title,
            actor=actor,
            nmck=locked.max_price,
        )
        award = NeedAward.objects.create(
            need=locked, proposal=chosen, reason=reason, contract=contract, awarded_by=actor
        )
        locked.next_check_at = None
        locked.closed_at = locked.closed_at or locked.deadline
        before = _move(locked, NeedStatus.AWARDED, fields=["next_check_at", "closed_at"])
        audit_record(
            actor=actor,
            event=EventType.NEED_AWARDED,
            obj=locked,
            details={
                "from": before.value,
                "to": NeedStatus.AWARDED.value,
                "proposal": chosen.pk,
                "supplier": chosen.supplier.inn,
                "price": price,
                "reason": reason,
                "contract": contract.number,
            },
        )
    return award


def need_cancel(*, need: Need, actor: User, reason: str) -> Need:
    check_customer_member(actor, need.customer)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed({"reason": "Укажите причину отмены"})
    if len(reason) > REASON_MAX:
        raise ValidationFailed({"reason": f"Причина — не длиннее {REASON_MAX} символов"})
    with transaction.atomic():
        locked = _locked(need)
        locked.status_reason = reason
        locked.next_check_at = None
        before = _move(locked, NeedStatus.CANCELLED, fields=["status_reason", "next_check_at"])
        audit_record(
            actor=actor,
            event=EventType.NEED_CANCELLED,
            obj=locked,
            details={"from": before.value, "to": NeedStatus.CANCELLED.value, "reason": reason},
        )
    return locked


def need_convert_to_session(
    *,
    need: Need,
    actor: User,
    duration_hours: int,
    subject_kind: SubjectKind = SubjectKind.GOODS,
    smp_only: bool = False,
) -> Need:
    """Turns a need whose proposal window is over into a draft quotation session of the same customer:
    one lot (the need's title, «усл. ед.» × 1) with the need's maximum price as НМЦК, its description as
    the delivery terms, and its basis; `smp_only` opens it to SMP and SONKO only. The customer checks and
    publishes the session on its own page.
    A refusal of the session engine (duration not allowed in the region, …) leaves the need as it was."""
    check_customer_member(actor, need.customer)
    now = timezone.now()
    with transaction.atomic():
        locked = _locked(need)
        if locked.status == NeedStatus.PUBLISHED and now < locked.deadline:
            raise Conflict(
                "Перевести потребность в котировочную сессию можно после окончания приёма предложений "
                f"{_deadline_text(locked)}"
            )
        check_transition(
            NEED_TRANSITIONS, NeedStatus(locked.status), NeedStatus.CONVERTED, what="Потребность"
        )
        session = session_create(
            actor=actor,
            title=locked.title,
            items=[
                SessionItemData(
                    name=locked.title, unit=CONTRACT_UNIT, quantity=Decimal(1), unit_price=locked.max_price
                )
            ],
            duration_hours=duration_hours,
            delivery_terms=locked.description,
            start_price=locked.max_price,
            subject_kind=subject_kind,
            basis=PurchaseBasis(locked.basis),
            smp_only=smp_only,
        )
        locked.session_id = session.pk
        locked.next_check_at = None
        locked.closed_at = locked.closed_at or min(locked.deadline, now)
        before = _move(locked, NeedStatus.CONVERTED, fields=["session_id", "next_check_at", "closed_at"])
        audit_record(
            actor=actor,
            event=EventType.NEED_CONVERTED,
            obj=locked,
            details={"from": before.value, "to": NeedStatus.CONVERTED.value, "session": session.pk},
        )
    return locked


def need_close_due(*, need: Need, now: dt.datetime) -> None:
    """Worker time event: records the end of the proposal window once. Reads never wait for it."""
    if need.status != NeedStatus.PUBLISHED:
        need.next_check_at = None
        need.save(update_fields=["next_check_at"])
        return
    if now < need.deadline:
        need.next_check_at = need.deadline
        need.save(update_fields=["next_check_at"])
        return
    need.next_check_at = None
    need.closed_at = need.deadline
    before = _move(need, NeedStatus.CLOSED, fields=["next_check_at", "closed_at"])
    audit_record(
        actor=None,
        event=EventType.NEED_CLOSED,
        obj=need,
        details={
            "from": before.value,
            "to": NeedStatus.CLOSED.value,
            "deadline": need.deadline,
            "proposals": NeedProposal.objects.filter(need=need, status=ProposalStatus.ACTIVE).count(),
        },
    )
