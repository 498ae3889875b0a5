"""Russian display conventions: «22.11.2026», «416 724,00 ₽», times in the region's zone."""

import datetime as dt
from decimal import Decimal

from django import template

from zakupki.core.money import format_rub
from zakupki.core.timeutil import format_ru_date, format_ru_datetime

register = template.Library()


@register.filter
def rub(value: Decimal | int | None) -> str:
    return format_rub(value)


@register.filter
def ru_date(value: dt.date | dt.datetime | None, tz_name: str | None = None) -> str:
    return format_ru_date(value, tz_name)


@register.filter
def ru_datetime(value: dt.datetime | None, tz_name: str | None = None) -> str:
    return format_ru_datetime(value, tz_name)
