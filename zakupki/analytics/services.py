"""The writes of analytics: which methodology a region rates by, with its own thresholds; and the stored
customer figures the worker keeps (ADR 0010)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from zakupki.accounts.enums import UserRole
from zakupki.accounts.models import Organization, Region, User
from zakupki.analytics.bulk.stored import customer_figures_store
from zakupki.analytics.methodology import get_methodologies
from zakupki.analytics.models import CustomerChange, CustomerYearFigures, RegionMethodologyChoice
from zakupki.analytics.thresholds import parse_thresholds
from zakupki.core.errors import PermissionDenied, ValidationFailed
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record


def _checked_overrides(methodology_id: str, overrides: Any) -> dict[str, list[str]]:
    """Overrides as stored (boundaries as decimal strings), or ValidationFailed naming the indicator."""
    if not isinstance(overrides, dict):
        raise ValidationFailed({"overrides": "Границы баллов задаются словарём «показатель → три числа»"})
    indicators = {i.id: i for v in get_methodologies()[methodology_id].versions for i in v.indicators}
    result: dict[str, list[str]] = {}
    for ident, raw in overrides.items():
        indicator = indicators.get(ident)
        if indicator is None:
            raise ValidationFailed({"overrides": f"В методике нет показателя «{ident}»"})
        if indicator.informational:
            raise ValidationFailed({"overrides": f"Показатель «{ident}» справочный, баллов не получает"})
        parsed = parse_thresholds(raw, indicator.direction)
        if isinstance(parsed, str):
            raise ValidationFailed({"overrides": f"Показатель «{ident}»: {parsed}"})
        result[ident] = [str(b) for b in parsed]
    return result


def region_methodology_set(
    *, region: Region, methodology: str, overrides: Any, actor: User
) -> RegionMethodologyChoice:
    """Choose the region's methodology; `overrides` replaces the region's previous thresholds wholesale."""
    if not (
        actor.role == UserRole.PLATFORM_ADMIN
        or (actor.role == UserRole.REGIONAL_ADMIN and actor.region_id == region.pk)
    ):
        raise PermissionDenied("Методику выбирает администратор региона")
    if methodology not in get_methodologies():
        raise ValidationFailed({"methodology": f"Неизвестная методика «{methodology}»"})
    checked = _checked_overrides(methodology, overrides)
    with transaction.atomic():
        # Locks the region row so two admins saving at once apply one after the other, each audited.
        Region.objects.select_for_update().get(pk=region.pk)
        choice, created = RegionMethodologyChoice.objects.get_or_create(
            region=region,
            defaults={"methodology_id": methodology, "threshold_overrides": checked, "changed_by": actor},
        )
        previous = (
            None
            if created
            else {"methodology": choice.methodology_id, "overrides": choice.threshold_overrides}
        )
        if not created:
            choice.methodology_id = methodology
            choice.threshold_overrides = checked
            choice.changed_by = actor
            choice.save(update_fields=["methodology_id", "threshold_overrides", "changed_by", "updated_at"])
        audit_record(
            actor=actor,
            event=EventType.ANALYTICS_METHODOLOGY_SET,
            obj=choice,
            details={
                "region": region.code,
                "methodology": methodology,
                "overrides": checked,
                "previous": previous,
            },
        )
    return choice


def customer_figures_refresh(*, change: CustomerChange, now: dt.datetime) -> None:
    """The worker's answer to a changed customer (the `analytics.customer_changed` time event): store its
    figures again for every year it has stored, and for the current year of its region. `change` is
    locked by the runner, so no write of this customer can commit a newer version meanwhile.

    Not an audit event: the bundles are a derived copy of journaled facts (ADR 0010)."""
    customer = Organization.objects.select_related("region").get(pk=change.customer_id)
    this_year = now.astimezone(ZoneInfo(customer.region.timezone)).year
    years = set(CustomerYearFigures.objects.filter(customer=customer).values_list("year", flat=True))
    for year in sorted(years | {this_year}):
        customer_figures_store(regions=[customer.region], year=year, as_of=now, customers=[customer.pk])
    change.next_check_at = None
    change.save(update_fields=["next_check_at"])
