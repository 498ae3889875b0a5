"""Creating, publishing and cancelling quotation sessions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from zakupki.accounts.enums import OrganizationKind
from zakupki.accounts.models import User
from zakupki.accounts.roles import is_member_of
from zakupki.contracts.enums import PurchaseBasis
from zakupki.core.errors import Conflict, PermissionDenied, ValidationFailed
from zakupki.core.money import KOPECK, format_rub, round_money
from zakupki.core.timeutil import local_date
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record
from zakupki.procedures.enums import SessionStatus, SubjectKind
from zakupki.procedures.models import QuotationSession, SessionItem
from zakupki.procedures.services._common import (
    locked_session,
    notify_on_commit,
    session_local_date,
    session_set_status,
)
from zakupki.rules.engine import rule_value
from zakupki.rules.errors import RuleNotDefined

QUANTITY_PLACES = Decimal("0.001")


@dataclass(frozen=True)
class SessionItemData:
    """One line of what is bought: a snapshot, with the СТЕ id in `catalog_ref` when there is one."""

    name: str
    unit: str
    quantity: Decimal
    unit_price: Decimal
    catalog_ref: str = ""


def _hours_text(allowed: tuple[int, ...]) -> str:
    values = [str(h) for h in allowed]
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} или {values[-1]}"


def allowed_durations(*, region: Any, on: dt.date) -> tuple[int, ...]:
    return tuple(int(h) for h in rule_value("quotation_session.durations_hours", on=on, region=region))


def _check_duration(duration_hours: int, *, region: Any, on: dt.date) -> str | None:
    allowed = allowed_durations(region=region, on=on)
    if duration_hours not in allowed:
        return f"Продолжительность сессии может быть только {_hours_text(allowed)} ч"
    return None


def _decimal_places_ok(value: Decimal, places: Decimal) -> bool:
    return value.is_finite() and value == value.quantize(places)


def items_total(items: list[SessionItemData]) -> Decimal:
    return sum((round_money(i.quantity * i.unit_price) for i in items), Decimal("0.00"))


def session_create(
    *,
    actor: User,
    title: str,
    items: list[SessionItemData],
    duration_hours: int,
    delivery_terms: str,
    start_price: Decimal | None = None,
    subject_kind: SubjectKind = SubjectKind.GOODS,
    basis: PurchaseBasis = PurchaseBasis.P4,
    smp_only: bool = False,
) -> QuotationSession:
    """A draft session of the actor's customer. НМЦК = Σ quantity × unit price (each line rounded to the
    kopeck); a given `start_price` must equal it. `smp_only`: only SMP and SONKO may bid."""
    org = actor.organization
    if org is None or org.kind != OrganizationKind.CUSTOMER:
        raise PermissionDenied("Создавать котировочные сессии могут только сотрудники заказчика")
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Укажите предмет закупки"
    if not items:
        errors["items"] = "Добавьте хотя бы одну позицию"
    for n, item in enumerate(items, start=1):
        if not item.name.strip():
            errors[f"items.{n}.name"] = f"Позиция {n}: укажите наименование"
        if not item.unit.strip():
            errors[f"items.{n}.unit"] = f"Позиция {n}: укажите единицу измерения"
        if not _decimal_places_ok(item.quantity, QUANTITY_PLACES) or item.quantity <= 0:
            errors[f"items.{n}.quantity"] = (
                f"Позиция {n}: количество должно быть больше нуля, не более трёх знаков после запятой"
            )
        if not _decimal_places_ok(item.unit_price, KOPECK) or item.unit_price <= 0:
            errors[f"items.{n}.unit_price"] = (
                f"Позиция {n}: цена за единицу должна быть больше нуля, не более двух знаков после запятой"
            )
    today = local_date(timezone.now(), org.region.timezone)
    duration_error = _check_duration(duration_hours, region=org.region, on=today)
    if duration_error:
        errors["duration_hours"] = duration_error
    total = items_total(items) if not errors else Decimal("0.00")
    if start_price is not None and not errors and start_price != total:
        errors["start_price"] = f"НМЦК {format_rub(start_price)} не равна сумме позиций {format_rub(total)}"
    if not errors and total <= 0:
        errors["start_price"] = "НМЦК должна быть больше нуля"
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        session = QuotationSession.objects.create(
            customer=org,
            region=org.region,
            created_by=actor,
            title=title.strip(),
            delivery_terms=delivery_terms.strip(),
            subject_kind=subject_kind,
            basis=basis,
            start_price=total,
            duration_hours=duration_hours,
            smp_only=smp_only,
        )
        SessionItem.objects.bulk_create(
            SessionItem(
                session=session,
                position=n,
                name=item.name.strip(),
                unit=item.unit.strip(),
                quantity=item.quantity,
                unit_price=item.unit_price,
                catalog_ref=item.catalog_ref.strip(),
            )
            for n, item in enumerate(items, start=1)
        )
        audit_record(
            actor=actor,
            event=EventType.SESSION_CREATED,
            obj=session,
            details={
                "customer": org.inn,
                "title": session.title,
                "start_price": total,
                "duration_hours": duration_hours,
                "items": len(items),
                "smp_only": smp_only,
            },
        )
    return session


def _region_limit(session: QuotationSession, on: dt.date) -> Decimal | None:
    key = (
        "quotation_session.max_value_goods"
        if session.subject_kind == SubjectKind.GOODS
        else "quotation_session.max_value_works"
    )
    try:
        return Decimal(rule_value(key, on=on, region=session.region))
    except RuleNotDefined:
        return None  # no regional limit


def session_publish(
    *, session: QuotationSession, actor: User, now: dt.datetime | None = None
) -> QuotationSession:
    """Opens bidding for `duration_hours` from now. Only a member of a confirmed customer; the duration must
    be one the region allows, the НМЦК within the per-contract cap of the basis and the regional limit."""
    moment = now or timezone.now()
    with transaction.atomic():
        session = locked_session(session)
        if not is_member_of(actor, session.customer) or not session.customer.can_publish_purchases:
            raise PermissionDenied("Публиковать закупки может только сотрудник подтверждённого заказчика")
        if session.status != SessionStatus.DRAFT:
            raise Conflict("Опубликовать можно только черновик котировочной сессии")
        on = session_local_date(session, moment)
        errors: dict[str, str] = {}
        duration_error = _check_duration(session.duration_hours, region=session.region, on=on)
        if duration_error:
            errors["duration_hours"] = duration_error
        basis = PurchaseBasis(session.basis)
        cap = Decimal(rule_value(f"small_purchase.{basis.value}.contract_cap", on=on, region=session.region))
        if session.start_price > cap:
            errors["start_price"] = (
                f"НМЦК {format_rub(session.start_price)} превышает предельную цену контракта "
                f"{format_rub(cap)} по {basis.label}"
            )
        limit = _region_limit(session, on)
        if limit is not None and session.start_price > limit:
            errors.setdefault(
                "start_price",
                f"НМЦК {format_rub(session.start_price)} превышает предельную сумму котировочной сессии "
                f"в регионе {format_rub(limit)} ({SubjectKind(session.subject_kind).label.lower()})",
            )
        if errors:
            raise ValidationFailed(errors)
        min_pct = Decimal(rule_value("quotation_session.step_min_pct", on=on, region=session.region))
        max_pct = Decimal(rule_value("quotation_session.step_max_pct", on=on, region=session.region))
        session.step_min = max(round_money(session.start_price * min_pct / 100), KOPECK)
        session.step_max = max(round_money(session.start_price * max_pct / 100), session.step_min)
        session.published_at = moment
        session.ends_at = moment + dt.timedelta(hours=session.duration_hours)
        session.next_check_at = session.ends_at
        session_set_status(
            session,
            SessionStatus.PUBLISHED,
            fields=["step_min", "step_max", "published_at", "ends_at", "next_check_at"],
        )
        audit_record(
            actor=actor,
            event=EventType.SESSION_PUBLISHED,
            obj=session,
            details={
                "start_price": session.start_price,
                "ends_at": session.ends_at,
                "step_min": session.step_min,
                "step_max": session.step_max,
            },
        )
        notify_on_commit(session.pk)
    return session


def session_cancel(*, session: QuotationSession, actor: User, reason: str) -> QuotationSession:
    """The customer withdraws a draft, or a published session that nobody has bid on yet."""
    if not reason.strip():
        raise ValidationFailed({"reason": "Укажите причину отмены"})
    with transaction.atomic():
        session = locked_session(session)
        if not is_member_of(actor, session.customer):
            raise PermissionDenied("Отменить сессию может только сотрудник заказчика")
        if session.status == SessionStatus.PUBLISHED and session.bids_count > 0:
            raise Conflict("Сессию с поданными ценовыми предложениями отменить нельзя")
        session.cancel_reason = reason.strip()
        session.next_check_at = None
        session_set_status(session, SessionStatus.CANCELLED, fields=["cancel_reason", "next_check_at"])
        audit_record(
            actor=actor,
            event=EventType.SESSION_CANCELLED,
            obj=session,
            details={"reason": session.cancel_reason},
        )
        notify_on_commit(session.pk)
    return session
