"""Lifecycles of a quotation session and of a contract offer (architecture rule 7).

Every status change goes through `session_transition` / `offer_transition`, which check these tables.
The diagram is in docs/lifecycles/quotation_session.md.
"""

from __future__ import annotations

from zakupki.core.transitions import check_transition
from zakupki.procedures.enums import OfferStatus as O
from zakupki.procedures.enums import SessionStatus as S

SESSION_TRANSITIONS: dict[S, frozenset[S]] = {
    S.DRAFT: frozenset({S.PUBLISHED, S.CANCELLED}),
    S.PUBLISHED: frozenset({S.FINISHED, S.FAILED, S.CANCELLED}),
    S.FINISHED: frozenset({S.CONTRACT_OFFERED}),
    # A refusal or a missed deadline offers the contract to the next participant: the session stays
    # CONTRACT_OFFERED (a self-transition) with a new ContractOffer row.
    S.CONTRACT_OFFERED: frozenset({S.CONTRACT_OFFERED, S.CONTRACT_CONCLUDED, S.NO_PARTICIPANT_LEFT}),
    S.FAILED: frozenset(),
    S.CANCELLED: frozenset(),
    S.CONTRACT_CONCLUDED: frozenset(),
    S.NO_PARTICIPANT_LEFT: frozenset(),
}

OFFER_TRANSITIONS: dict[O, frozenset[O]] = {
    O.OFFERED: frozenset({O.ACCEPTED, O.REFUSED, O.EXPIRED}),
    O.ACCEPTED: frozenset(),
    O.REFUSED: frozenset(),
    O.EXPIRED: frozenset(),
}


def check_session_transition(before: S | str, after: S) -> None:
    check_transition(SESSION_TRANSITIONS, S(before), after, what="Котировочная сессия")


def check_offer_transition(before: O | str, after: O) -> None:
    check_transition(OFFER_TRANSITIONS, O(before), after, what="Предложение заключить контракт")
