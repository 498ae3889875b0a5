"""Price offers and bidding bots.

Race safety (architecture rule 8): every accepted bid is decided under the session's row lock
(`select_for_update`) inside one transaction: read the best price, check the step rule, insert the bid,
move best_price/best_bid/bids_count, resolve the bots, audit. Bids of one session are additionally
serialised inside the process by a striped lock, so a burst of requests queues in Python rather than as
many waiters on one PostgreSQL row lock (docs stack-notes: a hot row loses half its throughput with 50
waiters). `(session, price)` is unique in the database as a last line of defence.

Cost (docs/performance.md): an accepted bid is the locking read of the session row (that row only), one
read of the bidder's and the leader's participant rows, one participant write, the bid, the session
update, NOTIFY and the journal append, which comes last so the journal's head row is held for the
shortest time; the bots' query runs only when the session has active bots. An offer that the step rule
would refuse whatever happens while it waits is refused before the gate and the lock
(`_refuse_hopeless`): one unlocked read, no transaction.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.db import connection, transaction
from django.utils import timezone

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus
from zakupki.accounts.models import Organization, User
from zakupki.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from zakupki.core.money import KOPECK, format_rub, to_money
from zakupki.core.rawsql import RowShape, for_update, hot_cursor, prep
from zakupki.core.timeutil import format_ru_datetime
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record
from zakupki.oversight.selectors import supplier_active_ban
from zakupki.procedures import live
from zakupki.procedures.autobid import Bot, autobid_steps_supported, resolve_autobids
from zakupki.procedures.eligibility import SMP_ONLY_REFUSAL, smp_eligible
from zakupki.procedures.enums import SessionStatus
from zakupki.procedures.models import AutoBid, Bid, Participant, QuotationSession
from zakupki.procedures.services._common import locked_session, notify_on_commit


class FairGate:
    """A lock that serves its waiters in arrival order. `threading.Lock` lets whichever thread wakes first
    take it, so under a burst on one hot session some bidders waited seconds while later ones went
    through (p99 2 s at p50 0.3 s in the fifth run's first measurement); here the holder hands the gate
    straight to the oldest waiter."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._waiters: deque[threading.Lock] = deque()
        self._held = False

    def acquire(self, timeout: float) -> bool:
        with self._mutex:
            if not self._held:
                self._held = True
                return True
            ticket = threading.Lock()
            ticket.acquire()
            self._waiters.append(ticket)
        if ticket.acquire(timeout=timeout):
            return True  # released by the holder: the gate is ours
        with self._mutex:
            if ticket in self._waiters:
                self._waiters.remove(ticket)
                return False
        return True  # handed over just as the wait timed out: the gate is ours all the same

    def release(self) -> None:
        with self._mutex:
            if self._waiters:
                self._waiters.popleft().release()  # `_held` stays True: ownership passes on
            else:
                self._held = False


_STRIPES = tuple(FairGate() for _ in range(64))
GATE_TIMEOUT_SECONDS = 30
MAX_PRICE = Decimal(10) ** 13  # DecimalField(max_digits=15, decimal_places=2)


@contextmanager
def _session_gate(session_id: int) -> Iterator[None]:
    """Serialises the bids of one session within this process (see the module docstring)."""
    lock = _STRIPES[session_id % len(_STRIPES)]
    if not lock.acquire(timeout=GATE_TIMEOUT_SECONDS):
        raise Conflict("Слишком много одновременных предложений, повторите попытку")
    try:
        yield
    finally:
        lock.release()


def parse_price(raw: object) -> Decimal:
    """The boundary parser for a price typed by a person or sent to the API: «416 724,50», "416724.5".
    Refuses non-numbers, more than two decimals, zero and negative amounts with a Russian message."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise ValidationFailed({"price": "Укажите цену"})
    if isinstance(raw, float | bool) or not isinstance(raw, str | int | Decimal):
        raise ValidationFailed({"price": "Цена должна быть числом"})
    try:
        value = to_money(raw)
    except ArithmeticError as exc:  # decimal.InvalidOperation from to_money on e.g. "1e400"
        raise ValidationFailed({"price": "Цена должна быть числом"}) from exc
    except ValueError as exc:
        message = (
            "Цена: не более двух знаков после запятой" if "знаков" in str(exc) else "Цена должна быть числом"
        )
        raise ValidationFailed({"price": message}) from exc
    return _checked_price(value)


def _checked_price(value: Decimal, *, field: str = "price", what: str = "Цена") -> Decimal:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValidationFailed({field: f"{what} должна быть числом"})
    if value != value.quantize(KOPECK):
        raise ValidationFailed({field: f"{what}: не более двух знаков после запятой"})
    if value <= 0:
        raise ValidationFailed({field: f"{what} должна быть больше нуля"})
    if value >= MAX_PRICE:
        raise ValidationFailed({field: f"{what} слишком велика"})
    return value.quantize(KOPECK)


def _bidding_supplier(user: User, session: QuotationSession, at: dt.datetime) -> Organization:
    org = user.organization if getattr(user, "is_authenticated", False) else None
    if org is None or org.kind != OrganizationKind.SUPPLIER or org.status != OrganizationStatus.CONFIRMED:
        raise PermissionDenied("Подавать ценовые предложения могут только подтверждённые поставщики")
    if session.smp_only and not smp_eligible(org):
        raise PermissionDenied(SMP_ONLY_REFUSAL)
    ban = supplier_active_ban(supplier=org, region=session.region, at=at)
    if ban is not None:
        until = format_ru_datetime(ban.ends_at, session.region.timezone)
        raise PermissionDenied(f"Поставщик заблокирован до {until}: {ban.reason}")
    return org


def _check_open(session: QuotationSession, at: dt.datetime) -> None:
    if session.status != SessionStatus.PUBLISHED:
        raise Conflict("Котировочная сессия не принимает ценовые предложения")
    # The stored end instant decides, whatever the worker is doing (architecture rule 9).
    if session.ends_at is None or at >= session.ends_at:
        raise Conflict("Приём ценовых предложений завершён")


def _steps(session: QuotationSession) -> tuple[Decimal, Decimal]:
    """The steps fixed at publication (a published session always has them)."""
    if session.step_min is None or session.step_max is None:
        raise Conflict("Котировочная сессия не принимает ценовые предложения")
    return session.step_min, session.step_max


def _check_step(
    session: QuotationSession, supplier: Organization, price: Decimal, *, leader_id: int | None
) -> None:
    step_min, step_max = _steps(session)
    if session.best_bid_id is not None and session.best_price is not None:
        if leader_id == supplier.pk:
            raise ValidationFailed({"price": "Ваше предложение уже лучшее: снижать собственную цену нельзя"})
        reference = session.best_price
        if price == reference:
            raise ValidationFailed(
                {"price": f"Цена равна текущей лучшей цене {format_rub(reference)}: предложите цену ниже"}
            )
        if price > reference:
            raise ValidationFailed(
                {"price": f"Цена должна быть ниже текущей лучшей цены {format_rub(reference)}"}
            )
    else:
        reference = session.start_price
        if price >= reference:
            raise ValidationFailed({"price": f"Цена должна быть ниже НМЦК {format_rub(reference)}"})
    decrement = reference - price
    if decrement < step_min:
        raise ValidationFailed(
            {
                "price": f"Снижение меньше минимального шага {format_rub(step_min)}: "
                f"предложите не более {format_rub(reference - step_min)}"
            }
        )
    if decrement > step_max:
        raise ValidationFailed(
            {
                "price": f"Снижение больше максимального шага {format_rub(step_max)}: "
                f"предложите не менее {format_rub(reference - step_max)}"
            }
        )


@dataclass(frozen=True)
class _Seat:
    """A supplier's participant row in a session: enough to update it without reading it again."""

    pk: int
    number: int


@dataclass
class _Audit:
    """A journal event waiting for the end of the bidding transaction (see `_record_audits`)."""

    actor: User | None
    details: dict[str, Any]


_SESSION = RowShape(QuotationSession, "s")


def _locked_for_bid(session: QuotationSession) -> QuotationSession:
    """The session row alone under its lock. The region and customer rows never change while bids run,
    so the caller's copies are reused when it has them: a join would double the statement's columns and
    buy nothing. Raw SQL, like the other statements of an accepted bid: building them through the ORM
    cost more CPU than the database spends on the whole transaction (zakupki.core.rawsql)."""
    with hot_cursor(connection) as cursor:
        cursor.execute(
            f"SELECT {_SESSION.columns(connection)} FROM {_SESSION.table} s WHERE s.id = %s"  # noqa: S608 - column names only
            + for_update(connection),
            [session.pk],
        )
        row = cursor.fetchone()
    if row is None:
        raise NotFound("Котировочная сессия не найдена")
    locked = _SESSION.build(row, 0, connection)
    if QuotationSession.region.is_cached(session):
        locked.region = session.region
    if QuotationSession.customer.is_cached(session):
        locked.customer = session.customer
    return locked


def _is_hopeless(session: QuotationSession, price: Decimal, at: dt.datetime) -> bool:
    """Whether `price` will be refused by the step rule whatever happens before its turn: the session is
    open and the offer is less than a minimum step below the best price (the НМЦК while nobody has bid).
    The best price only ever falls (nothing but an accepted bid writes it, and `_check_step` accepts only
    lower prices) and the steps and the end are fixed at publication, so such an offer would be refused
    just the same after the gate and the lock, by a message naming the state it finds there."""
    if session.status != SessionStatus.PUBLISHED or session.ends_at is None or at >= session.ends_at:
        return False  # a closed session's refusal is left to the locked path and its own message
    if session.step_min is None:
        return False
    reference = session.start_price
    if session.best_bid_id is not None and session.best_price is not None:
        reference = session.best_price
    return price > reference - session.step_min


def _refuse_hopeless(
    session: QuotationSession, supplier: Organization, price: Decimal, at: dt.datetime
) -> None:
    """Refuses a hopeless offer (see `_is_hopeless`) before the gate and the transaction: under a burst
    on one session most offers are late, and they used to queue for the gate and the row lock only to be
    refused (docs/performance.md, fifth run). The caller's copy of the session decides whether to look
    (no cost for an offer that may succeed); the refusal itself comes from one unlocked read of the row
    as it is now, with the leader's supplier through `best_bid`, so the message is the one the locked
    path gives for that state and a caller's stale copy cannot show an old price. Refusing changes
    nothing, as the locked path's refusal rolls back."""
    if not _is_hopeless(session, price, at):
        return
    with hot_cursor(connection) as cursor:
        cursor.execute(
            f"SELECT {_SESSION.columns(connection)}, b.supplier_id FROM {_SESSION.table} s "  # noqa: S608 - column names only
            "LEFT JOIN procedures_bid b ON b.id = s.best_bid_id WHERE s.id = %s",
            [session.pk],
        )
        row = cursor.fetchone()
    if row is None:
        return  # the locked path says it is not found
    current = _SESSION.build(row, 0, connection)
    if _is_hopeless(current, price, at):  # still open (it can only have closed since)
        _check_step(current, supplier, price, leader_id=row[_SESSION.width])


def _bidder_and_leader(session: QuotationSession, supplier: Organization) -> tuple[_Seat | None, int | None]:
    """The bidder's participant row and the leader's supplier id, read after the session lock in one
    statement of their own. Not joined into the locking statement: under READ COMMITTED a statement that
    waited for the lock re-reads only the locked row, and would see the other tables as they were before
    the bid it waited for. The leader holds the last bid (accepted prices only decrease), so it is the
    participant whose best bid is the session's `last_seq`."""
    if session.last_seq == 0:
        return None, None
    with hot_cursor(connection) as cursor:
        cursor.execute(
            "SELECT id, number, supplier_id, best_seq FROM procedures_participant "
            "WHERE session_id = %s AND (supplier_id = %s OR best_seq = %s)",
            [session.pk, supplier.pk, session.last_seq],
        )
        rows = cursor.fetchall()
    seat, leader_id = None, None
    for pk, number, supplier_id, best_seq in rows:
        if supplier_id == supplier.pk:
            seat = _Seat(pk, number)
        if best_seq == session.last_seq:
            leader_id = supplier_id
    return seat, leader_id


def _seat_of(session: QuotationSession, supplier: Organization) -> _Seat | None:
    row = Participant.objects.filter(session=session, supplier=supplier).values_list("pk", "number").first()
    return _Seat(*row) if row is not None else None


_BID_COLUMNS = (
    "session_id",
    "seq",
    "participant_id",
    "supplier_id",
    "price",
    "placed_at",
    "is_auto",
    "placed_by_id",
)
_PARTICIPANT_COLUMNS = ("session_id", "supplier_id", "number", "first_bid_at", "best_price", "best_seq")


def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))}) RETURNING id"  # noqa: S608 - constant column names
    )


_INSERT_BID = _insert_sql("procedures_bid", _BID_COLUMNS)
_INSERT_PARTICIPANT = _insert_sql("procedures_participant", _PARTICIPANT_COLUMNS)

_Row = TypeVar("_Row", Bid, Participant)


# A returning participant's new best, sent with the bid's INSERT on PostgreSQL (a data-modifying WITH runs
# to completion whether or not the INSERT reads it): one round trip fewer per accepted bid. SQLite has no
# data-modifying WITH, so there it stays a statement of its own.
_UPDATE_SEAT = "UPDATE procedures_participant SET best_price = %s, best_seq = %s WHERE id = %s"
_INSERT_BID_UPDATING_SEAT = f"WITH seat AS ({_UPDATE_SEAT}) {_INSERT_BID}"


def _insert(obj: _Row, sql: str, columns: tuple[str, ...], *, first: Sequence[Any] = ()) -> _Row:
    """`obj.save(force_insert=True)` as one precomposed statement (both databases support RETURNING);
    `first`: the parameters of a WITH clause that `sql` begins with."""
    model = type(obj)
    with hot_cursor(connection) as cursor:
        values: list[Any] = [prep(model, name, getattr(obj, name), connection) for name in columns]
        cursor.execute(sql, [*first, *values])
        row = cursor.fetchone()
    obj.pk = row[0]
    obj._state.adding, obj._state.db = False, connection.alias
    return obj


def _accept(
    session: QuotationSession,
    *,
    supplier: Organization,
    seat: _Seat | None,
    price: Decimal,
    at: dt.datetime,
    user: User | None,
    is_auto: bool,
    audits: list[_Audit],
) -> Bid:
    """Records an accepted bid under the session lock (the caller saves the session afterwards) and queues
    its journal event in `audits`."""
    seq = session.last_seq + 1
    if seat is None:
        session.participants_count += 1
        participant = _insert(
            Participant(
                session=session,
                supplier=supplier,
                number=session.participants_count,
                first_bid_at=at,
                best_price=price,
                best_seq=seq,
            ),
            _INSERT_PARTICIPANT,
            _PARTICIPANT_COLUMNS,
        )
        seat = _Seat(participant.pk, participant.number)
        insert_bid, first = _INSERT_BID, []
    else:
        seat_update = [prep(Participant, "best_price", price, connection), seq, seat.pk]
        if connection.vendor == "postgresql":
            insert_bid, first = _INSERT_BID_UPDATING_SEAT, seat_update
        else:
            with hot_cursor(connection) as cursor:
                cursor.execute(_UPDATE_SEAT, seat_update)
            insert_bid, first = _INSERT_BID, []
    bid = _insert(
        Bid(
            session=session,
            seq=seq,
            participant_id=seat.pk,
            supplier=supplier,
            price=price,
            placed_at=at,
            is_auto=is_auto,
            placed_by=user,
        ),
        insert_bid,
        _BID_COLUMNS,
        first=first,
    )
    session.last_seq = seq
    session.bids_count += 1
    session.best_price = price
    session.best_bid = bid
    audits.append(
        _Audit(
            actor=user,
            details={
                "seq": seq,
                "participant": seat.number,
                "supplier": supplier.inn,
                "price": price,
                "auto": is_auto,
            },
        )
    )
    return bid


def _record_audits(session: QuotationSession, audits: list[_Audit]) -> None:
    """Appends the bids' events, in order, as the transaction's last statements: the journal's head row is
    locked from the first append to the commit, so appending last keeps every other writer's wait short."""
    for audit in audits:
        audit_record(actor=audit.actor, event=EventType.BID_PLACED, obj=session, details=audit.details)


def _run_autobids(session: QuotationSession, at: dt.datetime, audits: list[_Audit]) -> list[Bid]:
    """The bots' answer to the current best price, computed at once (zakupki.procedures.autobid)."""
    if session.autobids_active == 0:
        return []
    step_min, step_max = _steps(session)
    if not autobid_steps_supported(step_min=step_min, step_max=step_max):
        return []
    autobids = list(
        AutoBid.objects.filter(session=session, active=True).select_related("supplier").order_by("pk")
    )
    bots: list[Bot] = []
    suppliers: dict[int, Organization] = {}
    for autobid in autobids:
        if supplier_active_ban(supplier=autobid.supplier, region=session.region, at=at) is not None:
            continue  # a banned supplier's bot stays silent
        if session.smp_only and not smp_eligible(autobid.supplier):
            continue  # nor does the bot of a supplier that has lost its SMP status since it was set
        bots.append(Bot(autobid.supplier_id, autobid.floor_price, (autobid.priority_at, autobid.pk)))
        suppliers[autobid.supplier_id] = autobid.supplier
    if not bots:
        return []
    leader_id = session.best_bid.supplier_id if session.best_bid is not None else None
    rows = resolve_autobids(
        best=session.best_price if session.best_price is not None else session.start_price,
        leader_id=leader_id,
        step_min=step_min,
        step_max=step_max,
        bots=bots,
    )
    return [
        _accept(
            session,
            supplier=suppliers[row.supplier_id],
            seat=_seat_of(session, suppliers[row.supplier_id]),
            price=row.price,
            at=at,
            user=None,
            is_auto=True,
            audits=audits,
        )
        for row in rows
    ]


_SESSION_BIDDING_FIELDS = (
    "updated_at",
    "best_price",
    "best_bid_id",
    "bids_count",
    "participants_count",
    "last_seq",
)
_UPDATE_SESSION = (
    f"UPDATE procedures_quotationsession SET {', '.join(f'{name} = %s' for name in _SESSION_BIDDING_FIELDS)} "  # noqa: S608 - constant column names
    "WHERE id = %s"
)
_UPDATE_SESSION_NOTIFY = f"{_UPDATE_SESSION} RETURNING pg_notify(%s, %s)"


def _finish_bidding_change(session: QuotationSession, audits: list[_Audit]) -> None:
    """`session.save(update_fields=[...bidding fields])` as one precomposed statement, then the live
    notification and the journal. On PostgreSQL the update itself sends the NOTIFY (`RETURNING
    pg_notify(…)`; the database delivers it at commit either way): one round trip fewer per accepted bid."""
    session.updated_at = timezone.now()  # what auto_now does on save
    values = [
        prep(QuotationSession, name, getattr(session, name), connection) for name in _SESSION_BIDDING_FIELDS
    ]
    notified = connection.vendor == "postgresql"
    with hot_cursor(connection) as cursor:
        if notified:
            cursor.execute(
                _UPDATE_SESSION_NOTIFY, [*values, session.pk, live.channel_name(session.pk), "changed"]
            )
        else:
            cursor.execute(_UPDATE_SESSION, [*values, session.pk])
    notify_on_commit(session.pk, notified=notified)
    _record_audits(session, audits)


def bid_place(
    *, session: QuotationSession, supplier_user: User, price: Decimal, now: dt.datetime | None = None
) -> Bid:
    """Accepts a price offer of the user's supplier, or raises with a Russian message and changes nothing.

    The price must be at least `step_min` and at most `step_max` below the current best price (the НМЦК
    while nobody has bid); equal to the best is refused; the leader may not undercut itself. After the
    bid, the other suppliers' bots answer at once. Returns the supplier's own bid (bots' answers, if any,
    are later rows of the log)."""
    moment = now or timezone.now()
    price = _checked_price(price)
    supplier = _bidding_supplier(supplier_user, session, moment)
    _refuse_hopeless(session, supplier, price, moment)
    audits: list[_Audit] = []
    with _session_gate(session.pk), transaction.atomic():
        locked = _locked_for_bid(session)
        _check_open(locked, moment)
        seat, leader_id = _bidder_and_leader(locked, supplier)
        _check_step(locked, supplier, price, leader_id=leader_id)
        bid = _accept(
            locked,
            supplier=supplier,
            seat=seat,
            price=price,
            at=moment,
            user=supplier_user,
            is_auto=False,
            audits=audits,
        )
        _run_autobids(locked, moment, audits)
        _finish_bidding_change(locked, audits)
    return bid


def autobid_set(
    *, session: QuotationSession, supplier_user: User, floor_price: Decimal, now: dt.datetime | None = None
) -> AutoBid:
    """Turns the supplier's bot on (or changes its floor) and lets the bots answer the current best price
    at once. The floor is never shown to other participants."""
    moment = now or timezone.now()
    floor_price = _checked_price(floor_price, field="floor_price", what="Минимальная цена")
    supplier = _bidding_supplier(supplier_user, session, moment)
    with _session_gate(session.pk), transaction.atomic():
        locked = locked_session(session)
        _check_open(locked, moment)
        step_min, step_max = _steps(locked)
        if not autobid_steps_supported(step_min=step_min, step_max=step_max):
            raise Conflict("Автоставки недоступны: максимальный шаг меньше двух минимальных")
        if floor_price >= locked.start_price:
            raise ValidationFailed({"floor_price": "Минимальная цена должна быть ниже НМЦК"})
        autobid = AutoBid.objects.filter(session=locked, supplier=supplier).first()
        if autobid is None or not autobid.active:
            locked.autobids_active += 1
            locked.save(update_fields=["autobids_active", "updated_at"])
        if autobid is None:
            autobid = AutoBid.objects.create(
                session=locked,
                supplier=supplier,
                floor_price=floor_price,
                priority_at=moment,
                set_by=supplier_user,
            )
        else:
            if not autobid.active or autobid.floor_price != floor_price:
                autobid.priority_at = moment
            autobid.floor_price, autobid.active, autobid.set_by = floor_price, True, supplier_user
            autobid.save(update_fields=["floor_price", "active", "set_by", "priority_at"])
        audit_record(
            actor=supplier_user,
            event=EventType.AUTOBID_SET,
            obj=locked,
            details={"supplier": supplier.inn, "floor_price": floor_price},
        )
        audits: list[_Audit] = []
        if _run_autobids(locked, moment, audits):
            _finish_bidding_change(locked, audits)
    return autobid


def autobid_cancel(
    *, session: QuotationSession, supplier_user: User, now: dt.datetime | None = None
) -> AutoBid:
    moment = now or timezone.now()
    supplier = _bidding_supplier(supplier_user, session, moment)
    with _session_gate(session.pk), transaction.atomic():
        locked = locked_session(session)
        autobid = AutoBid.objects.filter(session=locked, supplier=supplier, active=True).first()
        if autobid is None:
            raise Conflict("Автоставка не включена")
        autobid.active = False
        autobid.save(update_fields=["active"])
        locked.autobids_active -= 1
        locked.save(update_fields=["autobids_active", "updated_at"])
        audit_record(
            actor=supplier_user,
            event=EventType.AUTOBID_CANCELLED,
            obj=locked,
            details={"supplier": supplier.inn},
        )
    return autobid
