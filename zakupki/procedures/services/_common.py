"""Helpers shared by the session services (not part of the public API)."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.db import connection, transaction

from zakupki.core.errors import NotFound
from zakupki.core.rawsql import hot_cursor
from zakupki.core.timeutil import local_date
from zakupki.procedures import live
from zakupki.procedures.enums import OfferStatus, SessionStatus
from zakupki.procedures.models import ContractOffer, QuotationSession
from zakupki.procedures.states import check_offer_transition, check_session_transition


def locked_session(session: QuotationSession | int) -> QuotationSession:
    """The session row re-read under a row lock; call inside `transaction.atomic()`. Only the session row
    is locked (`of=self`), not the region and customer rows read with it, which every session shares."""
    pk = session if isinstance(session, int) else session.pk
    locked = (
        QuotationSession.objects.select_for_update(of=("self",))
        .select_related("region", "customer")
        .filter(pk=pk)
        .first()
    )
    if locked is None:
        raise NotFound("Котировочная сессия не найдена")
    return locked


def locked_offer(offer: ContractOffer | int) -> ContractOffer:
    pk = offer if isinstance(offer, int) else offer.pk
    locked = ContractOffer.objects.select_for_update().filter(pk=pk).first()
    if locked is None:
        raise NotFound("Предложение заключить контракт не найдено")
    return locked


def session_set_status(session: QuotationSession, after: SessionStatus, *, fields: list[str]) -> None:
    """The one entry point for a session's status change (architecture rule 7)."""
    check_session_transition(session.status, after)
    session.status = after
    session.save(update_fields=["status", "updated_at", *fields])


def offer_set_status(offer: ContractOffer, after: OfferStatus, *, fields: list[str]) -> None:
    check_offer_transition(offer.status, after)
    offer.status = after
    offer.save(update_fields=["status", *fields])


def session_local_date(session: QuotationSession, at: dt.datetime) -> dt.date:
    return local_date(at, session.region.timezone)


def notify_on_commit(session_id: int, *, notified: bool = False) -> None:
    """In-process listeners after commit; on PostgreSQL also NOTIFY, which the database delivers at commit
    to live pages in other processes (publish, bids, close, offers alike) — unless the caller's own
    statement already did (`notified`: a bid's session update carries it, one round trip fewer)."""
    if connection.vendor == "postgresql" and not notified:
        with hot_cursor(connection) as cursor:
            cursor.execute("SELECT pg_notify(%s, %s)", [live.channel_name(session_id), "changed"])
    transaction.on_commit(partial(live.notify_session_changed, session_id))
