"""Organization confirmation lifecycle: customers wait for the regional admin; suppliers are active at once."""

from zakupki.accounts.enums import OrganizationStatus as S

ORGANIZATION_TRANSITIONS: dict[S, frozenset[S]] = {
    S.PENDING: frozenset({S.CONFIRMED, S.REJECTED}),
    S.REJECTED: frozenset({S.CONFIRMED}),
    S.CONFIRMED: frozenset(),
}
