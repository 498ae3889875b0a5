"""Writes of the rules app: a region's own value of a parameter."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from zakupki.accounts.models import Region, User
from zakupki.accounts.roles import is_regional_admin_of
from zakupki.core.errors import PermissionDenied, ValidationFailed
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record
from zakupki.rules.formatting import ru_date
from zakupki.rules.loader import get_registry
from zakupki.rules.models import RegionRuleOverride
from zakupki.rules.registry import Span, overlap_reason
from zakupki.rules.values import RuleValue, ValueRejected, dump_value, parse_value


def _is_date(value: Any) -> bool:
    # A datetime is a date subclass, but an override starts on a calendar day, not at an instant.
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _validated(
    *, key: str, value: Any, effective_from: Any, effective_until: Any, reason: str
) -> tuple[RuleValue, dict[str, str]]:
    """The typed value and every shape error at once, so that a form can show them all together."""
    errors: dict[str, str] = {}
    typed: RuleValue = ""
    parameter = get_registry().get(key)
    if parameter is None:
        errors["key"] = f"Неизвестный параметр «{key}»"
    elif not parameter.regional:
        errors["key"] = (
            f"Параметр «{parameter.title}» установлен федеральным законом: регион не может его изменить"
        )
    else:
        try:
            typed = parse_value(parameter.type, value, from_file=False)
        except ValueRejected as exc:
            errors["value"] = f"Значение не подходит для параметра «{parameter.title}»: {exc}"
    if not _is_date(effective_from):
        errors["effective_from"] = "Укажите дату начала действия"
    if effective_until is not None and not _is_date(effective_until):
        errors["effective_until"] = "Дата окончания должна быть датой"
    elif effective_until is not None and _is_date(effective_from) and effective_until <= effective_from:
        errors["effective_until"] = (
            f"Дата окончания {ru_date(effective_until)} должна быть позже даты начала {ru_date(effective_from)}"
        )
    if not reason or not reason.strip():
        errors["reason"] = "Укажите основание: реквизиты регионального акта или решения"
    return typed, errors


def rule_override_set(
    *,
    region: Region,
    key: str,
    value: Any,
    effective_from: dt.date,
    effective_until: dt.date | None = None,
    reason: str,
    actor: User,
) -> RegionRuleOverride:
    """Give `region` its own value of `key` from `effective_from` (to `effective_until`, exclusive).

    An open-ended value ends where the region's next value of the key begins, exactly as in the data
    files; two values starting the same day, or a written end running past a later start, overlap and
    are refused."""
    if not is_regional_admin_of(actor, region):
        raise PermissionDenied(
            "Региональные значения параметров может задавать только администратор этого региона "
            "или администратор платформы"
        )
    typed, errors = _validated(
        key=key, value=value, effective_from=effective_from, effective_until=effective_until, reason=reason
    )
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        # Lock the region row: two admins saving overlapping values at once would each see no overlap.
        Region.objects.select_for_update().filter(pk=region.pk).first()
        existing = list(RegionRuleOverride.objects.filter(region=region, key=key))
        spans = [Span(row.effective_from, row.effective_until) for row in existing]
        conflict = overlap_reason([*spans, Span(effective_from, effective_until)])
        if conflict is not None:
            raise ValidationFailed(
                {"effective_from": f"Пересекается с уже заданным значением региона: {conflict}"}
            )
        override = RegionRuleOverride.objects.create(
            region=region,
            key=key,
            value=dump_value(typed),
            effective_from=effective_from,
            effective_until=effective_until,
            reason=reason.strip(),
            created_by=actor,
        )
        audit_record(
            actor=actor,
            event=EventType.RULE_OVERRIDE_SET,
            obj=override,
            details={
                "region": region.code,
                "key": key,
                "value": dump_value(typed),
                "effective_from": effective_from,
                "effective_until": effective_until,
                "reason": override.reason,
            },
        )
    return override
