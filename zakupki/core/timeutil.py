"""Aware time helpers: everything is stored in UTC and shown in the region's own time zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

# The eleven Russian time zones (UTC+2 … UTC+12) and the IANA zones that carry them.
RUSSIAN_TIME_ZONES: tuple[str, ...] = (
    "Europe/Kaliningrad",
    "Europe/Moscow",
    "Europe/Simferopol",
    "Europe/Kirov",
    "Europe/Volgograd",
    "Europe/Astrakhan",
    "Europe/Saratov",
    "Europe/Ulyanovsk",
    "Europe/Samara",
    "Asia/Yekaterinburg",
    "Asia/Omsk",
    "Asia/Novosibirsk",
    "Asia/Barnaul",
    "Asia/Tomsk",
    "Asia/Novokuznetsk",
    "Asia/Krasnoyarsk",
    "Asia/Irkutsk",
    "Asia/Chita",
    "Asia/Yakutsk",
    "Asia/Khandyga",
    "Asia/Vladivostok",
    "Asia/Ust-Nera",
    "Asia/Magadan",
    "Asia/Sakhalin",
    "Asia/Srednekolymsk",
    "Asia/Kamchatka",
    "Asia/Anadyr",
)

# Month names in the nominative, for month-by-month tables and charts («январь 2026»).
MONTHS_RU: tuple[str, ...] = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)


def now() -> dt.datetime:
    return timezone.now()


def utc_offset_label(tz_name: str, at: dt.datetime | None = None) -> str:
    """«UTC+3» for Europe/Moscow."""
    moment = at or now()
    offset = moment.astimezone(ZoneInfo(tz_name)).utcoffset() or dt.timedelta(0)
    hours = int(offset.total_seconds() // 3600)
    return f"UTC{hours:+d}"


def local_date(instant: dt.datetime, tz_name: str) -> dt.date:
    if timezone.is_naive(instant):
        raise ValueError("naive datetime")
    return instant.astimezone(ZoneInfo(tz_name)).date()


def end_of_local_day(day: dt.date, tz_name: str) -> dt.datetime:
    """The last instant of a calendar day in the region (a deadline «до конца дня»), as aware UTC."""
    start_next = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=ZoneInfo(tz_name))
    return (start_next - dt.timedelta(microseconds=1)).astimezone(dt.UTC)


def format_ru_date(value: dt.date | dt.datetime | None, tz_name: str | None = None) -> str:
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        value = value.astimezone(ZoneInfo(tz_name)) if tz_name else timezone.localtime(value)
        return value.date().strftime("%d.%m.%Y")
    return value.strftime("%d.%m.%Y")


def format_ru_datetime(value: dt.datetime | None, tz_name: str | None = None) -> str:
    if value is None:
        return "—"
    local = value.astimezone(ZoneInfo(tz_name)) if tz_name else timezone.localtime(value)
    return local.strftime("%d.%m.%Y %H:%M")
