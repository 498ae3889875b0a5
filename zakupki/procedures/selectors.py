"""Reads of the procedures domain for pages, API and live updates.

Anonymity: while a session is running nobody — other suppliers, the customer, the public — sees who is
behind «Участник N». Names and ИНН appear only once the session is summed up (the protocol exists).
`session_public_view` is the only selector the bidding pages and API should show to people;
`session_bid_log` is the full log for the protocol, the control body and tests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from zakupki.accounts.models import Organization, Region
from zakupki.core.errors import NotFound
from zakupki.core.rawsql import RowShape, hot_cursor
from zakupki.documents.services.storage import document_read_verified
from zakupki.procedures.enums import OfferStatus, SessionStatus
from zakupki.procedures.models import AutoBid, Bid, ContractOffer, Participant, QuotationSession

REVEALED_STATUSES = frozenset(
    {
        SessionStatus.FINISHED,
        SessionStatus.CONTRACT_OFFERED,
        SessionStatus.CONTRACT_CONCLUDED,
        SessionStatus.NO_PARTICIPANT_LEFT,
    }
)


@dataclass(frozen=True)
class LadderEntry:
    seq: int
    label: str  # «Участник N»
    price: Decimal
    placed_at: dt.datetime
    is_own: bool
    is_auto: bool | None  # shown for the viewer's own bids only
    supplier_name: str | None = None  # only once results are published
    supplier_inn: str | None = None


@dataclass(frozen=True)
class SessionPublicView:
    id: int
    title: str
    status: str
    status_label: str
    customer_name: str
    region_timezone: str
    start_price: Decimal
    step_min: Decimal | None
    step_max: Decimal | None
    best_price: Decimal | None
    bids_count: int
    participants_count: int
    published_at: dt.datetime | None
    ends_at: dt.datetime | None
    is_open: bool  # bidding accepted right now (status and the stored end, not the worker)
    seconds_left: int
    # The range a new bid must fall in (highest allowed, lowest allowed); None when closed.
    next_price_max: Decimal | None
    next_price_min: Decimal | None
    ladder: list[LadderEntry]  # latest first
    revealed: bool
    my_number: int | None = None
    my_rank: int | None = None
    my_best_price: Decimal | None = None
    my_is_leader: bool = False
    my_autobid_floor: Decimal | None = None
    winner_name: str | None = None
    winning_price: Decimal | None = None
    economy_rub: Decimal | None = None
    economy_pct: Decimal | None = None
    protocol_id: int | None = None
    ranking: list[dict[str, Any]] = field(default_factory=list)  # after the end only


_SESSION = RowShape(QuotationSession, "s")
_CUSTOMER = RowShape(Organization, "c")
_REGION = RowShape(Region, "r")


def session_get(*, pk: int) -> QuotationSession:
    """The session with its customer and region. Raw SQL: every bid request reads it first, and building
    this 60-column join through the ORM cost several times what the database spends on it
    (zakupki.core.rawsql)."""
    with hot_cursor(connection) as cursor:
        cursor.execute(
            f"SELECT {_SESSION.columns(connection)}, {_CUSTOMER.columns(connection)}, "  # noqa: S608 - column names only
            f"{_REGION.columns(connection)} FROM {_SESSION.table} s "
            f"JOIN {_CUSTOMER.table} c ON c.id = s.customer_id JOIN {_REGION.table} r ON r.id = s.region_id "
            "WHERE s.id = %s",
            [pk],
        )
        row = cursor.fetchone()
    if row is None:
        raise NotFound("Котировочная сессия не найдена")
    session = _SESSION.build(row, 0, connection)
    session.customer = _CUSTOMER.build(row, _SESSION.width, connection)
    session.region = _REGION.build(row, _SESSION.width + _CUSTOMER.width, connection)
    return session


def session_is_open(*, session: QuotationSession, now: dt.datetime | None = None) -> bool:
    moment = now or timezone.now()
    return (
        session.status == SessionStatus.PUBLISHED and session.ends_at is not None and moment < session.ends_at
    )


def sessions_open(
    *, region: Region | None = None, now: dt.datetime | None = None
) -> QuerySet[QuotationSession]:
    """Sessions accepting bids right now, ending soonest first."""
    moment = now or timezone.now()
    rows = QuotationSession.objects.filter(status=SessionStatus.PUBLISHED, ends_at__gt=moment)
    if region is not None:
        rows = rows.filter(region=region)
    return rows.select_related("customer", "region").order_by("ends_at", "pk")


def sessions_of_customer(*, customer: Organization) -> QuerySet[QuotationSession]:
    return QuotationSession.objects.filter(customer=customer).order_by("-pk")


def session_live_ranking(*, session: QuotationSession) -> list[Participant]:
    """Participants by their best bid (lower first; equal prices: the earlier bid first). Contains the
    supplier: for the protocol and staff, not for people during bidding."""
    return sorted(
        Participant.objects.filter(session=session).select_related("supplier"),
        key=lambda p: (p.best_price, p.best_seq),
    )


def session_bid_log(*, session: QuotationSession) -> QuerySet[Bid]:
    """The full bid log in order. Not anonymous: do not show it to people while the session runs."""
    return Bid.objects.filter(session=session).select_related("participant", "supplier").order_by("seq")


def offers_for_supplier(*, supplier: Organization) -> QuerySet[ContractOffer]:
    return (
        ContractOffer.objects.filter(participant__supplier=supplier, status=OfferStatus.OFFERED)
        .select_related("session", "session__customer")
        .order_by("due_at")
    )


def session_current_offer(*, session: QuotationSession) -> ContractOffer | None:
    return session.offers.filter(status=OfferStatus.OFFERED).select_related("participant").first()


_PARTICIPANT = RowShape(Participant, "p")


def _position(session: QuotationSession, supplier_id: int | None) -> tuple[Participant | None, int | None]:
    """The viewer's participant row and its rank (by best price, then the earlier best bid), counted by
    the database in one statement: this runs after every bid, and reading every participant to sort them
    through the ORM cost more than the rest of the answer (zakupki.core.rawsql)."""
    if supplier_id is None:
        return None, None
    with hot_cursor(connection) as cursor:
        cursor.execute(
            f"SELECT {_PARTICIPANT.columns(connection)}, (SELECT COUNT(*) FROM {_PARTICIPANT.table} q "  # noqa: S608 - column names only
            "WHERE q.session_id = p.session_id AND (q.best_price < p.best_price "
            "OR (q.best_price = p.best_price AND q.best_seq < p.best_seq))) "
            f"FROM {_PARTICIPANT.table} p WHERE p.session_id = %s AND p.supplier_id = %s",
            [session.pk, supplier_id],
        )
        row = cursor.fetchone()
    if row is None:
        return None, None
    return _PARTICIPANT.build(row, 0, connection), int(row[-1]) + 1


def session_public_view(
    *,
    session: QuotationSession,
    viewer: Any,
    now: dt.datetime | None = None,
    ladder_limit: int = 50,
    fresh: bool = True,
) -> SessionPublicView:
    """What a person may see of a session: anonymous «Участник N» ladder while it runs, plus the viewer's
    own number, rank, best price and bot floor when the viewer's organization takes part. `fresh=False`
    when `session` is the row the caller has just committed (the answer to a bid): no second read."""
    moment = now or timezone.now()
    if fresh:
        session = session_get(pk=session.pk)  # pages call this right after a live notification
    revealed = session.status in REVEALED_STATUSES
    viewer_org_id = (
        getattr(viewer, "organization_id", None) if getattr(viewer, "is_authenticated", False) else None
    )
    is_open = session_is_open(session=session, now=moment)

    mine, my_rank = _position(session, viewer_org_id)

    # No ladder asked (the answer to a bid): no query. Even an empty slice is compiled, which costs a bid
    # request more CPU than the rest of its answer.
    bids = (
        list(
            Bid.objects.filter(session=session)
            .select_related("participant", "supplier")
            .order_by("-seq")[:ladder_limit]
        )
        if ladder_limit > 0
        else []
    )
    ladder = [
        LadderEntry(
            seq=b.seq,
            label=b.participant.label,
            price=b.price,
            placed_at=b.placed_at,
            is_own=viewer_org_id is not None and b.supplier_id == viewer_org_id,
            is_auto=b.is_auto
            if (viewer_org_id is not None and b.supplier_id == viewer_org_id) or revealed
            else None,
            supplier_name=b.supplier.name if revealed else None,
            supplier_inn=b.supplier.inn if revealed else None,
        )
        for b in bids
    ]
    reference = session.best_price if session.best_price is not None else session.start_price
    floor = None
    if (mine is not None or viewer_org_id is not None) and session.autobids_active:
        floor = (
            AutoBid.objects.filter(session=session, supplier_id=viewer_org_id, active=True)
            .values_list("floor_price", flat=True)
            .first()
        )
    seconds_left = 0
    if is_open and session.ends_at is not None:
        seconds_left = max(int((session.ends_at - moment).total_seconds()), 0)
    return SessionPublicView(
        id=session.pk,
        title=session.title,
        status=session.status,
        status_label=SessionStatus(session.status).label,
        customer_name=session.customer.display_name,
        region_timezone=session.region.timezone,
        start_price=session.start_price,
        step_min=session.step_min,
        step_max=session.step_max,
        best_price=session.best_price,
        bids_count=session.bids_count,
        participants_count=session.participants_count,
        published_at=session.published_at,
        ends_at=session.ends_at,
        is_open=is_open,
        seconds_left=seconds_left,
        next_price_max=reference - session.step_min if is_open and session.step_min is not None else None,
        next_price_min=(
            max(reference - session.step_max, Decimal("0.01"))
            if is_open and session.step_max is not None
            else None
        ),
        ladder=ladder,
        revealed=revealed,
        my_number=mine.number if mine is not None else None,
        my_rank=my_rank,
        my_best_price=mine.best_price if mine is not None else None,
        my_is_leader=my_rank == 1,
        my_autobid_floor=floor,
        winner_name=session.winner.name if revealed and session.winner is not None else None,
        winning_price=session.winning_price if revealed else None,
        economy_rub=session.economy_rub if revealed else None,
        economy_pct=session.economy_pct if revealed else None,
        protocol_id=session.protocol_id if revealed else None,
        ranking=list(session.ranking) if revealed else [],
    )


def session_protocol_pdf(*, session: QuotationSession) -> tuple[str, bytes]:
    """The protocol's file name and verified bytes; NotFound until the session is summed up."""
    if session.protocol is None:
        raise NotFound("Протокол ещё не сформирован: сессия не завершена")
    return f"protocol-session-{session.pk}.pdf", document_read_verified(document=session.protocol)
