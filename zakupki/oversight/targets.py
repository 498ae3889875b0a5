"""What a complaint is about: a quotation session or a purchase by need, read from their apps.

Read-only (dependency rule 2); kept out of selectors.py, which procedures imports for the suspension
check and which therefore must not import procedures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from zakupki.accounts.models import Organization
from zakupki.contracts.enums import SourceKind
from zakupki.core.errors import NotFound, ValidationFailed
from zakupki.oversight.models import TARGET_KINDS

MSG_TARGET_NOT_FOUND = "Закупка не найдена"


@dataclass(frozen=True)
class Target:
    kind: SourceKind
    id: int
    title: str
    customer: Organization
    bidding_ends_at: dt.datetime
    # the protocol / result: a session's summing-up, a need's award; None while there is none
    result_at: dt.datetime | None
    cancelled: bool
    participant_ids: frozenset[int]

    @property
    def label(self) -> str:
        prefix = (
            "Котировочная сессия" if self.kind == SourceKind.QUOTATION_SESSION else "Закупка по потребности"
        )
        return f"{prefix} № {self.id}"


def _session(target_id: int) -> Target:
    from zakupki.procedures.enums import SessionStatus
    from zakupki.procedures.models import Participant, QuotationSession

    session = (
        QuotationSession.objects.select_related("customer__region")
        .filter(pk=target_id, published_at__isnull=False)
        .first()
    )
    if session is None or session.ends_at is None:
        raise NotFound(MSG_TARGET_NOT_FOUND)
    return Target(
        kind=SourceKind.QUOTATION_SESSION,
        id=session.pk,
        title=session.title,
        customer=session.customer,
        bidding_ends_at=session.ends_at,
        result_at=session.closed_at,
        cancelled=session.status == SessionStatus.CANCELLED,
        participant_ids=frozenset(
            Participant.objects.filter(session=session).values_list("supplier_id", flat=True)
        ),
    )


def _need(target_id: int) -> Target:
    from zakupki.purchases.enums import NeedStatus
    from zakupki.purchases.models import Need, NeedAward, NeedProposal

    need = (
        Need.objects.select_related("customer__region")
        .filter(pk=target_id, published_at__isnull=False)
        .first()
    )
    if need is None:
        raise NotFound(MSG_TARGET_NOT_FOUND)
    award = NeedAward.objects.filter(need=need).first()
    return Target(
        kind=SourceKind.NEED,
        id=need.pk,
        title=need.title,
        customer=need.customer,
        bidding_ends_at=need.deadline,
        result_at=award.awarded_at if award else None,
        cancelled=need.status == NeedStatus.CANCELLED,
        participant_ids=frozenset(
            NeedProposal.objects.filter(need=need).values_list("supplier_id", flat=True)
        ),
    )


def complaint_target(*, kind: str, target_id: int) -> Target:
    if kind not in TARGET_KINDS:
        raise ValidationFailed(
            {"target_kind": "Обжаловать можно котировочную сессию или закупку по потребности"}
        )
    if kind == SourceKind.QUOTATION_SESSION:
        return _session(target_id)
    return _need(target_id)
