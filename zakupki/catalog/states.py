"""Offer lifecycle: an active offer may be withdrawn; a withdrawn one stays withdrawn (publish a new one)."""

from zakupki.catalog.enums import OfferStatus as S

OFFER_TRANSITIONS: dict[S, frozenset[S]] = {
    S.ACTIVE: frozenset({S.WITHDRAWN}),
    S.WITHDRAWN: frozenset(),
}
