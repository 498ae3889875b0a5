"""Russian production calendar: working days from the `holidays` package plus our patch file.

`holidays.country_holidays("RU")` knows public holidays and the Government's transfers of days off
(2025-12-31, 2026-01-09) and of working Saturdays (`weekend_workdays`, e.g. 2025-11-01). The patch file
`data/calendar_overrides.yaml` wins over the package, so a late decree needs no dependency upgrade.

Counting convention (the way 44-FZ terms run, ГК РФ ст.191: a term starts the day after its event):
- `add_working_days(d, n)`, n >= 1: the n-th working day strictly after d; d itself never counts;
- `add_working_days(d, 0)`: d if it is a working day, else the next working day;
- `working_days_between(a, b)`: working days in (a, b] — after a, up to and including b; negative if b < a.
So `working_days_between(d, add_working_days(d, n)) == n` for every n >= 1 (and for n = 0 on a working d).
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays

from zakupki.rules.calendar_overrides import (
    CalendarOverrides,
    configured_override_paths,
    load_calendar_overrides,
)

ONE_DAY = dt.timedelta(days=1)
# Longest run of consecutive days off we accept before suspecting broken data (New Year: ~12 days).
MAX_DAYS_OFF_RUN = 60


class ProductionCalendar:
    def __init__(self, overrides: CalendarOverrides | None = None) -> None:
        self.overrides = overrides or CalendarOverrides()
        self._years: dict[int, frozenset[dt.date]] = {}

    def _days_off(self, year: int) -> frozenset[dt.date]:
        """All non-working days of a year, computed once per year."""
        cached = self._years.get(year)
        if cached is not None:
            return cached
        public = holidays.country_holidays("RU", years=year)
        transferred_workdays = {day for day in public.weekend_workdays if day.year == year}
        weekend = {int(weekday) for weekday in public.weekend}
        days_off: set[dt.date] = set()
        day = dt.date(year, 1, 1)
        while day.year == year:
            if day in self.overrides.working_days:
                off = False
            elif day in self.overrides.days_off or day in public:
                off = True
            else:
                off = day.weekday() in weekend and day not in transferred_workdays
            if off:
                days_off.add(day)
            day += ONE_DAY
        frozen = frozenset(days_off)
        self._years[year] = frozen
        return frozen

    def is_working_day(self, day: dt.date) -> bool:
        if isinstance(day, dt.datetime):
            # A datetime never equals a date, so it would always look like a working day.
            raise TypeError("pass the local date, not a datetime")
        return day not in self._days_off(day.year)

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after `day`."""
        candidate = day + ONE_DAY
        for _ in range(MAX_DAYS_OFF_RUN):
            if self.is_working_day(candidate):
                return candidate
            candidate += ONE_DAY
        raise RuntimeError(f"no working day within {MAX_DAYS_OFF_RUN} days after {day}")

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        if n < 0:
            raise ValueError("n must be >= 0")
        if n == 0:
            return day if self.is_working_day(day) else self.next_working_day(day)
        result = day
        for _ in range(n):
            result = self.next_working_day(result)
        return result

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start + ONE_DAY
        while day <= end:
            if self.is_working_day(day):
                count += 1
            day += ONE_DAY
        return count

    def working_days_in_year(self, year: int) -> int:
        return (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1 - len(self._days_off(year))


@cache
def default_calendar() -> ProductionCalendar:
    """The process-wide calendar with the configured patch files (loaded once, checked at start-up)."""
    return ProductionCalendar(load_calendar_overrides(configured_override_paths()))


def reset_default_calendar() -> None:
    default_calendar.cache_clear()


def is_working_day(day: dt.date) -> bool:
    return default_calendar().is_working_day(day)


def next_working_day(day: dt.date) -> dt.date:
    """The first working day strictly after `day`."""
    return default_calendar().next_working_day(day)


def add_working_days(day: dt.date, n: int) -> dt.date:
    """The n-th working day after `day` (counting starts the next day); n = 0: `day` or the next working day."""
    return default_calendar().add_working_days(day, n)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end`."""
    return default_calendar().working_days_between(start, end)
