"""Closing a session at its end: results, protocol PDF, the contract offered to the winner."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction

from zakupki.contracts.enums import SourceKind
from zakupki.core.errors import Conflict
from zakupki.core.money import format_rub
from zakupki.core.timeutil import format_ru_datetime, utc_offset_label
from zakupki.documents.events import EventType
from zakupki.documents.pdf import render_pdf
from zakupki.documents.services.audit import audit_record
from zakupki.documents.services.storage import document_store
from zakupki.oversight.selectors import procedure_suspended
from zakupki.procedures.enums import SessionStatus, SubjectKind
from zakupki.procedures.models import Participant, QuotationSession
from zakupki.procedures.services._common import locked_session, notify_on_commit, session_set_status
from zakupki.procedures.services.offers import offer_next_participant

PROTOCOL_KIND = "quotation_session_protocol"
PCT = Decimal("0.01")


def economy(start_price: Decimal, price: Decimal) -> tuple[Decimal, Decimal]:
    """Price reduction in ₽ and in % of the НМЦК (two decimals, half up): (НМЦК − price) / НМЦК × 100."""
    rub = start_price - price
    pct = (rub * 100 / start_price).quantize(PCT, rounding=ROUND_HALF_UP)
    return rub, pct


def session_ranking_rows(session: QuotationSession) -> list[dict[str, Any]]:
    """Each participant's best bid, lowest price first; equal prices: the earlier bid first."""
    participants = Participant.objects.filter(session=session).select_related("supplier")
    ordered = sorted(participants, key=lambda p: (p.best_price, p.best_seq))
    rows: list[dict[str, Any]] = []
    for rank, p in enumerate(ordered, start=1):
        placed_at = session.bids.filter(seq=p.best_seq).values_list("placed_at", flat=True).get()
        rows.append(
            {
                "rank": rank,
                "number": p.number,
                "supplier_id": p.supplier_id,
                "name": p.supplier.name,
                "inn": p.supplier.inn,
                "price": str(p.best_price),
                "seq": p.best_seq,
                "placed_at": placed_at.isoformat(),
            }
        )
    return rows


def _protocol_pdf(session: QuotationSession, now: dt.datetime) -> bytes:
    tz = session.region.timezone
    context = {
        "session": session,
        "customer": session.customer,
        "subject_kind": SubjectKind(session.subject_kind).label,
        "start_price": format_rub(session.start_price),
        "winning_price": format_rub(session.winning_price),
        "economy_rub": format_rub(session.economy_rub),
        "economy_pct": f"{session.economy_pct}".replace(".", ","),
        "published_at": format_ru_datetime(session.published_at, tz),
        "ends_at": format_ru_datetime(session.ends_at, tz),
        "closed_at": format_ru_datetime(now, tz),
        "tz_label": utc_offset_label(tz, now),
        "items": [
            {
                "position": i.position,
                "name": i.name,
                "unit": i.unit,
                "quantity": f"{i.quantity.normalize():f}".replace(".", ","),
                "unit_price": format_rub(i.unit_price),
                "catalog_ref": i.catalog_ref,
            }
            for i in session.items.order_by("position")
        ],
        "ranking": [
            {
                **row,
                "label": f"Участник {row['number']}",
                "price_text": format_rub(Decimal(row["price"])),
                "placed_at_text": format_ru_datetime(dt.datetime.fromisoformat(row["placed_at"]), tz),
            }
            for row in session.ranking
        ],
        "bids_count": session.bids_count,
    }
    return render_pdf("procedures/protocol.html", context)


def session_close(*, session: QuotationSession, now: dt.datetime) -> QuotationSession:
    """Sums up a session whose end has come; idempotent (a closed session is returned unchanged).

    With bids: FINISHED → ranking, winner, reduction, protocol PDF → the contract offered to rank 1
    (CONTRACT_OFFERED). Without bids: FAILED («не состоялась»)."""
    with transaction.atomic():
        session = locked_session(session)
        if session.status != SessionStatus.PUBLISHED:
            if session.next_check_at is not None:
                session.next_check_at = None
                session.save(update_fields=["next_check_at"])
            return session
        if session.ends_at is not None and now < session.ends_at:
            raise Conflict("Приём ценовых предложений ещё не завершён")
        if procedure_suspended(kind=SourceKind.QUOTATION_SESSION, target_id=session.pk):
            # Suspended by a complaint: bidding is over (by the clock) but summing up waits; the
            # decision or withdrawal closes it (oversight.services.resume.procedure_resume).
            session.next_check_at = None
            session.save(update_fields=["next_check_at"])
            return session
        session.closed_at, session.next_check_at = now, None
        if session.bids_count == 0:
            session_set_status(session, SessionStatus.FAILED, fields=["closed_at", "next_check_at"])
            audit_record(
                actor=None,
                event=EventType.SESSION_FAILED,
                obj=session,
                details={"reason": "нет ценовых предложений"},
            )
            notify_on_commit(session.pk)
            return session
        session.ranking = session_ranking_rows(session)
        first = session.ranking[0]
        session.winner_id = first["supplier_id"]
        session.winning_price = Decimal(first["price"])
        session.economy_rub, session.economy_pct = economy(session.start_price, session.winning_price)
        fields = [
            "closed_at",
            "next_check_at",
            "ranking",
            "winner",
            "winning_price",
            "economy_rub",
            "economy_pct",
        ]
        session_set_status(session, SessionStatus.FINISHED, fields=fields)
        document = document_store(
            content=_protocol_pdf(session, now),
            title=f"Протокол котировочной сессии № {session.pk}",
            kind=PROTOCOL_KIND,
            content_type="application/pdf",
            actor=None,
        )
        session.protocol = document
        session.save(update_fields=["protocol"])
        audit_record(
            actor=None,
            event=EventType.SESSION_FINISHED,
            obj=session,
            details={
                "winner": first["inn"],
                "price": session.winning_price,
                "economy_rub": session.economy_rub,
                "economy_pct": session.economy_pct,
                "participants": len(session.ranking),
                "bids": session.bids_count,
                "protocol": document.sha256,
            },
        )
        offer_next_participant(session=session, after_rank=0, at=now)
    return session
