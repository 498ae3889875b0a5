"""Figures of the signals statistics: «нет данных» where there is nothing to count, never 0."""

from __future__ import annotations

from decimal import Decimal

from django import template

from zakupki.web.charts import NO_DATA, format_percent

register = template.Library()


@register.filter
def days(value: Decimal | None) -> str:
    return NO_DATA if value is None else f"{value:.1f}".replace(".", ",")


@register.filter
def percent(value: Decimal | None) -> str:
    return format_percent(value)
