"""Deadlines as aware instants: the end of a local calendar day in the region's time zone.

The same instant is a different local date across Russia's eleven zones (2026-01-08 20:30 UTC is still
the 8th in Moscow but already the 9th in Vladivostok), so the count starts from the local date of the
event in the zone of whoever must meet the deadline.
"""

from __future__ import annotations

import datetime as dt

from zakupki.core.timeutil import end_of_local_day, local_date
from zakupki.rules.calendar import add_working_days, next_working_day
from zakupki.rules.calendar import is_working_day as _is_working_day


def working_deadline(*, start: dt.datetime, working_days: int, tz_name: str) -> dt.datetime:
    """End (23:59:59.999999 local, returned in UTC) of the n-th working day after the local date of
    `start`. With working_days=0: the end of that local day if it is a working day, else of the next one."""
    due = add_working_days(local_date(start, tz_name), working_days)
    return end_of_local_day(due, tz_name)


def calendar_deadline(
    *, start: dt.datetime, days: int, tz_name: str, roll_to_working_day: bool = False
) -> dt.datetime:
    """End of the local day `days` calendar days after the local date of `start` (e.g. the 10 days after
    which a unilateral refusal takes effect). `roll_to_working_day` moves a last day that is a day off to
    the next working day (ГК РФ ст.193) — for terms to perform an action, not for "takes effect" terms."""
    if days < 0:
        raise ValueError("days must be >= 0")
    due = local_date(start, tz_name) + dt.timedelta(days=days)
    if roll_to_working_day and not _is_working_day(due):
        due = next_working_day(due)
    return end_of_local_day(due, tz_name)
