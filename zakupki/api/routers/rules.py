"""Legal parameters in force on a date (for a region), and the Russian production calendar."""

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router

from zakupki.accounts.selectors import region_get
from zakupki.api.encoding import rule_value_json
from zakupki.api.schemas.common import ERROR_CODES, ErrorOut
from zakupki.api.schemas.rules import (
    RuleOut,
    RuleParameterOut,
    RulePeriodOut,
    RuleQuery,
    WorkingDayOut,
    WorkingDayQuery,
    WorkingDaysOut,
    WorkingDaysQuery,
)
from zakupki.core.timeutil import local_date
from zakupki.rules.calendar import add_working_days, is_working_day
from zakupki.rules.engine import rule_parameters, rule_period
from zakupki.rules.registry import Parameter

router = Router(tags=["Правила и календарь"])


def _parameter_out(parameter: Parameter) -> RuleParameterOut:
    return RuleParameterOut(
        key=parameter.key,
        title=parameter.title,
        type=parameter.type.value,
        unit=parameter.unit,
        source=parameter.source,
        tag=parameter.tag,
        note=parameter.note,
        regional=parameter.regional,
        periods=[
            RulePeriodOut(
                valid_from=period.valid_from,
                valid_until=period.valid_until,
                value=rule_value_json(period.value, parameter.unit),
                source=period.source or parameter.source,
                tag=period.tag or parameter.tag,
            )
            for period in parameter.periods
        ],
    )


@router.get("/rules", response={200: list[RuleParameterOut], ERROR_CODES: ErrorOut})
def rules(request: HttpRequest) -> list[RuleParameterOut]:
    """Все параметры (лимиты, сроки, ставки) с историей значений."""
    return [_parameter_out(parameter) for parameter in rule_parameters()]


@router.get("/rules/{key}", response={200: RuleOut, ERROR_CODES: ErrorOut})
def rule(request: HttpRequest, key: str, query: Query[RuleQuery]) -> RuleOut:
    """Значение параметра на дату, с периодом действия и источником; с `region` — с учётом
    регионального значения. Неизвестный параметр — 404."""
    region = region_get(code=query.region) if query.region else None
    on = query.on or local_date(timezone.now(), region.timezone if region else settings.TIME_ZONE)
    found = rule_period(key, on=on, region=region)
    return RuleOut(
        key=found.key,
        title=found.title,
        type=found.type.value,
        unit=found.unit,
        value=rule_value_json(found.value, found.unit),
        text=found.describe(),
        valid_from=found.valid_from,
        valid_until=found.valid_until,
        source=found.source,
        tag=found.tag,
        origin=found.origin,
        region_code=found.region_code,
        note=found.note,
    )


@router.get("/calendar/working-days", response={200: WorkingDaysOut, ERROR_CODES: ErrorOut})
def working_days(request: HttpRequest, query: Query[WorkingDaysQuery]) -> WorkingDaysOut:
    """N-й рабочий день после даты (сама дата не считается; при days=0 — она же или следующий рабочий)."""
    due = add_working_days(query.start, query.days)
    return WorkingDaysOut(start=query.start, days=query.days, date=due)


@router.get("/calendar/is-working-day", response={200: WorkingDayOut, ERROR_CODES: ErrorOut})
def working_day(request: HttpRequest, query: Query[WorkingDayQuery]) -> WorkingDayOut:
    """Рабочий ли день по производственному календарю России."""
    return WorkingDayOut(date=query.date, is_working_day=is_working_day(query.date))
