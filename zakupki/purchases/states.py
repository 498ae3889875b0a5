"""Lifecycles of the purchases app (diagram: docs/lifecycles/need.md).

Guards that depend on the clock live in the services: «closed», «awarded» and «converted» need the
proposal deadline to have passed, whatever the worker has done (a published need whose deadline passed is
awarded directly, without waiting for the worker to close it)."""

from zakupki.purchases.enums import DirectPurchaseStatus as D
from zakupki.purchases.enums import NeedStatus as N

NEED_TRANSITIONS: dict[N, frozenset[N]] = {
    N.DRAFT: frozenset({N.PUBLISHED, N.CANCELLED}),
    N.PUBLISHED: frozenset({N.CLOSED, N.AWARDED, N.CONVERTED, N.CANCELLED}),
    N.CLOSED: frozenset({N.AWARDED, N.CONVERTED, N.CANCELLED}),
    N.AWARDED: frozenset(),
    N.CONVERTED: frozenset(),
    N.CANCELLED: frozenset(),
}

DIRECT_PURCHASE_TRANSITIONS: dict[D, frozenset[D]] = {
    D.PENDING: frozenset({D.CONTRACTED}),
    D.CONTRACTED: frozenset(),
}
