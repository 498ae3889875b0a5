"""`manage.py rules_show KEY [--region CODE] [--on YYYY-MM-DD]`: the value in force and its history."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from zakupki.accounts.models import Region
from zakupki.rules.engine import rule_parameter, rule_period
from zakupki.rules.errors import RuleNotDefined
from zakupki.rules.formatting import format_value, ru_date
from zakupki.rules.models import RegionRuleOverride
from zakupki.rules.registry import TAG_LABELS, Span, effective_ends
from zakupki.rules.values import parse_value


def _date(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise CommandError(f"Неверная дата «{raw}»: нужен формат ГГГГ-ММ-ДД") from exc


def _span(start: dt.date, until: dt.date | None) -> str:
    return f"с {ru_date(start)}" + (f" до {ru_date(until)}" if until else "")


class Command(BaseCommand):
    help = "Показать значение параметра правил на дату (с учётом региона) и историю его значений"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("key", help="ключ параметра, например cbr.key_rate")
        parser.add_argument("--region", help="код региона, например 77")
        parser.add_argument("--on", help="дата ГГГГ-ММ-ДД; по умолчанию сегодня в часовом поясе региона")

    def handle(self, *args: Any, **options: Any) -> None:
        key: str = options["key"]
        region = None
        if options["region"]:
            region = Region.objects.filter(code=options["region"]).first()
            if region is None:
                raise CommandError(f"Регион с кодом «{options['region']}» не найден")
        if options["on"]:
            on = _date(options["on"])
        else:
            on = timezone.localdate(timezone=ZoneInfo(region.timezone) if region else None)
        try:
            parameter = rule_parameter(key)
        except RuleNotDefined as exc:
            raise CommandError(exc.message) from exc

        out = self.stdout.write
        out(f"{parameter.key} — {parameter.title}")
        out(f"Тип: {parameter.type.value}; единица: {parameter.unit or '—'}")
        out(f"Источник: {parameter.source} [{parameter.tag}: {TAG_LABELS[parameter.tag]}]")
        if parameter.note:
            out(f"Примечание: {parameter.note}")
        where = f" в регионе {region}" if region else ""
        try:
            answer = rule_period(key, on=on, region=region)
        except RuleNotDefined as exc:
            out(f"На {ru_date(on)}{where}: не определён ({exc.message})")
        else:
            origin = "региональное значение" if answer.origin == "region" else "базовое значение"
            out(
                f"На {ru_date(on)}{where}: {format_value(answer.value, answer.unit)} "
                f"({origin}, {_span(answer.valid_from, answer.valid_until)}; {answer.source} [{answer.tag}])"
            )
        out("История базовых значений:")
        if not parameter.periods:
            out("  нет (задаётся только регионами)")
        for period in parameter.periods:
            mark = "→" if period.covers(on) else " "
            value = format_value(period.value, parameter.unit)
            out(
                f" {mark} {_span(period.valid_from, period.valid_until)}: {value} [{period.tag}] {period.source}"
            )
        if region is not None:
            rows = list(RegionRuleOverride.objects.filter(region=region, key=key).order_by("effective_from"))
            ends = effective_ends([Span(row.effective_from, row.effective_until) for row in rows])
            out(f"Региональные значения ({region}):")
            if not rows:
                out("  нет")
            for row, end in zip(rows, ends, strict=True):
                shown = format_value(parse_value(parameter.type, row.value, from_file=False), parameter.unit)
                out(f"   {_span(row.effective_from, end)}: {shown} — {row.reason}")
