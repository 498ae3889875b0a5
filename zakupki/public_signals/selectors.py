"""Reads of the signals domain, and who may see what: a signal before publication (or a rejected one)
is seen only by its author and the moderators of its region; an answer before moderation only by the
responsible organization and those moderators. To anybody else they do not exist."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus, UserRole
from zakupki.accounts.models import Organization, Region
from zakupki.accounts.roles import is_member_of, role_of
from zakupki.contracts.models import Contract
from zakupki.core.errors import NotFound, ValidationFailed
from zakupki.core.timeutil import local_date
from zakupki.procedures.enums import SessionStatus
from zakupki.procedures.models import QuotationSession
from zakupki.public_signals.enums import AnswerStatus, DeadlineState, SignalStatus
from zakupki.public_signals.models import Municipality, Signal, SignalAnswer, SignalPhoto
from zakupki.public_signals.states import AWAITING_ANSWER, PUBLIC_STATUSES
from zakupki.rules.engine import rule_value

MSG_SIGNAL_NOT_FOUND = "Сообщение не найдено"


def is_moderator_of(user: Any, region: Region) -> bool:
    return role_of(user) == UserRole.MODERATOR and user.region_id == region.pk


def is_author(user: Any, signal: Signal) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.pk == signal.author_id


def is_responsible(user: Any, signal: Signal) -> bool:
    return signal.organization is not None and is_member_of(user, signal.organization)


def signal_is_visible(*, signal: Signal, viewer: Any) -> bool:
    if signal.status in PUBLIC_STATUSES:
        return True
    return is_author(viewer, signal) or is_moderator_of(viewer, signal.region)


def signal_visible_to(*, signal_id: int, viewer: Any) -> Signal:
    signal = (
        Signal.objects.select_related(
            "region", "municipality", "organization", "author", "session", "contract__customer"
        )
        .filter(pk=signal_id)
        .first()
    )
    if signal is None or not signal_is_visible(signal=signal, viewer=viewer):
        raise NotFound(MSG_SIGNAL_NOT_FOUND)
    return signal


def signal_answers_visible(*, signal: Signal, viewer: Any) -> list[SignalAnswer]:
    """Published answers for everybody who sees the signal; the others for the organization that wrote
    them and the region's moderators."""
    answers = SignalAnswer.objects.filter(signal=signal).select_related("organization").order_by("pk")
    if is_moderator_of(viewer, signal.region):
        return list(answers)
    if bool(getattr(viewer, "is_authenticated", False)) and viewer.organization_id is not None:
        return list(
            answers.filter(Q(status=AnswerStatus.PUBLISHED) | Q(organization_id=viewer.organization_id))
        )
    return list(answers.filter(status=AnswerStatus.PUBLISHED))


def signal_photo_visible(*, signal_id: int, photo_id: int, viewer: Any) -> SignalPhoto:
    signal = signal_visible_to(signal_id=signal_id, viewer=viewer)
    photo = SignalPhoto.objects.select_related("document").filter(signal=signal, pk=photo_id).first()
    if photo is None:
        raise NotFound("Фотография не найдена")
    return photo


def signals_public(
    *,
    region: Region | None = None,
    municipality: Municipality | None = None,
    category: str = "",
    status: str = "",
    organization: Organization | None = None,
) -> QuerySet[Signal]:
    signals = Signal.objects.filter(status__in=PUBLIC_STATUSES)
    if region is not None:
        signals = signals.filter(region=region)
    if municipality is not None:
        signals = signals.filter(municipality=municipality)
    if category:
        signals = signals.filter(category=category)
    if status:
        signals = signals.filter(status=status)
    if organization is not None:
        signals = signals.filter(organization=organization)
    return signals.select_related("region", "municipality", "organization").order_by("-published_at", "-pk")


def signals_of_author(*, author: Any) -> QuerySet[Signal]:
    return Signal.objects.filter(author=author).select_related("municipality", "organization").order_by("-pk")


def signals_of_organization(*, organization: Organization) -> QuerySet[Signal]:
    return (
        Signal.objects.filter(organization=organization, status__in=PUBLIC_STATUSES)
        .select_related("municipality", "region")
        .order_by("answer_due_at", "pk")
    )


def moderation_queue(*, moderator: Any) -> tuple[QuerySet[Signal], QuerySet[SignalAnswer]]:
    """Signals to publish or reject and answers to publish or reject, oldest first."""
    if role_of(moderator) != UserRole.MODERATOR or moderator.region_id is None:
        return Signal.objects.none(), SignalAnswer.objects.none()
    region_id: int = moderator.region_id
    signals = Signal.objects.filter(region_id=region_id, status=SignalStatus.SUBMITTED)
    answers = SignalAnswer.objects.filter(signal__region_id=region_id, status=AnswerStatus.PENDING)
    return (
        signals.select_related("municipality", "author", "session", "contract").order_by("pk"),
        answers.select_related("signal__municipality", "organization").order_by("pk"),
    )


def municipalities_of(*, region: Region) -> QuerySet[Municipality]:
    return Municipality.objects.filter(region=region).order_by("name")


def signal_deadline_state(*, signal: Signal, now: dt.datetime) -> DeadlineState:
    """Where the awaited answer stands, whatever the worker has done."""
    if signal.status not in AWAITING_ANSWER or signal.answer_due_at is None:
        return DeadlineState.NONE
    if signal.legal_due_at is not None and now > signal.legal_due_at:
        return DeadlineState.OVERDUE_LEGAL
    if now > signal.answer_due_at:
        return DeadlineState.OVERDUE
    soon_days = int(
        rule_value("signal.due_soon_days", on=local_date(now, signal.region.timezone), region=signal.region)
    )
    if now >= signal.answer_due_at - dt.timedelta(days=soon_days):
        return DeadlineState.DUE_SOON
    return DeadlineState.ON_TIME


def signal_input_links(
    *, municipality_id: int | None, session_id: int | None, contract_number: str
) -> tuple[Municipality | None, QuotationSession | None, Contract | None]:
    """What the submission form's numbers refer to; unknown numbers are refused next to their field."""
    errors: dict[str, str] = {}
    municipality = None
    if municipality_id is not None:
        municipality = Municipality.objects.select_related("region").filter(pk=municipality_id).first()
        if municipality is None:
            errors["municipality"] = "Выберите муниципальное образование из списка"
    session = None
    if session_id is not None:
        session = QuotationSession.objects.filter(pk=session_id).exclude(status=SessionStatus.DRAFT).first()
        if session is None:
            errors["session"] = f"Закупка № {session_id} не найдена"
    contract = None
    if contract_number.strip():
        contract = (
            Contract.objects.select_related("customer")
            .filter(registry_number=contract_number.strip())
            .first()
        )
        if contract is None:
            errors["contract"] = f"Контракт с реестровым номером {contract_number.strip()} не найден"
    if errors:
        raise ValidationFailed(errors)
    return municipality, session, contract


def municipality_get(*, municipality_id: int) -> Municipality:
    found = Municipality.objects.select_related("region").filter(pk=municipality_id).first()
    if found is None:
        raise NotFound("Муниципальное образование не найдено", field="municipality")
    return found


def responsible_candidates(*, signal: Signal) -> QuerySet[Organization]:
    """Whom a moderator may route the signal to: the confirmed customers of its region."""
    return Organization.objects.filter(
        region_id=signal.region_id, kind=OrganizationKind.CUSTOMER, status=OrganizationStatus.CONFIRMED
    ).order_by("short_name", "name")
