from __future__ import annotations

import datetime as dt

import pytest

from zakupki.rules.due_dates import calendar_deadline, working_deadline

MOSCOW = "Europe/Moscow"
VLADIVOSTOK = "Asia/Vladivostok"


def _utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, us: int = 0
) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, us, tzinfo=dt.UTC)


def test_same_instant_counts_from_different_local_dates():
    # 2026-01-08 20:30 UTC: 23:30 on the 8th in Moscow, 06:30 on the 9th in Vladivostok.
    start = _utc(2026, 1, 8, 20, 30)

    assert calendar_deadline(start=start, days=10, tz_name=MOSCOW) == _utc(2026, 1, 18, 20, 59, 59, 999999)
    assert calendar_deadline(start=start, days=10, tz_name=VLADIVOSTOK) == _utc(
        2026, 1, 19, 13, 59, 59, 999999
    )


def test_working_deadline_depends_on_the_time_zone():
    # Monday 2026-01-12 20:30 UTC is still Monday in Moscow but already Tuesday in Vladivostok.
    start = _utc(2026, 1, 12, 20, 30)

    moscow = working_deadline(start=start, working_days=5, tz_name=MOSCOW)
    vladivostok = working_deadline(start=start, working_days=5, tz_name=VLADIVOSTOK)

    assert moscow == _utc(2026, 1, 19, 20, 59, 59, 999999)  # end of Mon 19.01 in Moscow
    assert vladivostok == _utc(2026, 1, 20, 13, 59, 59, 999999)  # end of Tue 20.01 in Vladivostok
    assert moscow.tzinfo is not None


def test_working_deadline_over_the_new_year_holidays():
    start = _utc(2025, 12, 30, 9, 0)

    assert working_deadline(start=start, working_days=1, tz_name=MOSCOW) == _utc(
        2026, 1, 12, 20, 59, 59, 999999
    )


def test_zero_working_days_on_a_day_off_ends_with_the_next_working_day():
    start = _utc(2026, 1, 3, 9, 0)

    assert working_deadline(start=start, working_days=0, tz_name=MOSCOW) == _utc(
        2026, 1, 12, 20, 59, 59, 999999
    )


def test_calendar_deadline_can_roll_to_a_working_day():
    # 10 days after Thursday 2026-01-01 is Sunday 2026-01-11; ГК ст.193 moves it to Monday.
    start = _utc(2026, 1, 1, 9, 0)

    assert calendar_deadline(start=start, days=10, tz_name=MOSCOW) == _utc(2026, 1, 11, 20, 59, 59, 999999)
    assert calendar_deadline(start=start, days=10, tz_name=MOSCOW, roll_to_working_day=True) == _utc(
        2026, 1, 12, 20, 59, 59, 999999
    )


def test_naive_start_is_refused():
    with pytest.raises(ValueError, match="naive"):
        working_deadline(start=dt.datetime(2026, 1, 12, 9, 0), working_days=1, tz_name=MOSCOW)  # noqa: DTZ001
