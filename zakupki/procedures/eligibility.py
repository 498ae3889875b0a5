"""Who may take part in a session «только для СМП и СОНКО»: read by the bid path and by the session page."""

from __future__ import annotations

from zakupki.accounts.models import Organization

SMP_ONLY_REFUSAL = (
    "Закупка проводится только среди субъектов малого предпринимательства и социально ориентированных "
    "некоммерческих организаций; ваша организация не отмечена как СМП или СОНКО"
)


def smp_eligible(supplier: Organization) -> bool:
    """The supplier's status as of now (a bid, a bot's answer), not as of the session's publication."""
    return supplier.is_smp or supplier.is_sonko
