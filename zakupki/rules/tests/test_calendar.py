from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zakupki.rules.calendar import (
    ProductionCalendar,
    add_working_days,
    default_calendar,
    is_working_day,
    next_working_day,
    working_days_between,
)
from zakupki.rules.calendar_overrides import load_calendar_overrides
from zakupki.rules.errors import RulesFileError
from zakupki.rules.paths import DATA_DIR

from .conftest import WriteYaml


def test_new_year_holidays_2026():
    # 31.12.2025 is a transferred day off, 1–9 January 2026 are days off, 10–11 January is a weekend.
    assert add_working_days(dt.date(2025, 12, 30), 1) == dt.date(2026, 1, 12)
    assert is_working_day(dt.date(2025, 12, 30)) is True
    assert is_working_day(dt.date(2025, 12, 31)) is False
    assert is_working_day(dt.date(2026, 1, 9)) is False
    assert working_days_between(dt.date(2025, 12, 30), dt.date(2026, 1, 12)) == 1


def test_transferred_working_saturday_2025():
    assert is_working_day(dt.date(2025, 11, 1)) is True
    assert is_working_day(dt.date(2025, 11, 3)) is False
    assert is_working_day(dt.date(2025, 11, 4)) is False
    assert add_working_days(dt.date(2025, 10, 31), 1) == dt.date(2025, 11, 1)
    assert add_working_days(dt.date(2025, 11, 1), 1) == dt.date(2025, 11, 5)


def test_247_working_days_in_2026():
    assert default_calendar().working_days_in_year(2026) == 247
    assert working_days_between(dt.date(2025, 12, 31), dt.date(2026, 12, 31)) == 247


def test_zero_working_days_is_the_day_itself_or_the_next_working_day():
    assert add_working_days(dt.date(2026, 1, 13), 0) == dt.date(2026, 1, 13)
    assert add_working_days(dt.date(2026, 1, 3), 0) == dt.date(2026, 1, 12)


def test_next_working_day_is_strictly_after():
    assert next_working_day(dt.date(2026, 1, 13)) == dt.date(2026, 1, 14)
    assert next_working_day(dt.date(2026, 1, 16)) == dt.date(2026, 1, 19)


def test_working_days_between_is_signed():
    assert working_days_between(dt.date(2026, 1, 19), dt.date(2026, 1, 12)) == -5
    assert working_days_between(dt.date(2026, 1, 12), dt.date(2026, 1, 12)) == 0


def test_negative_working_days_are_refused():
    with pytest.raises(ValueError, match="n must be >= 0"):
        add_working_days(dt.date(2026, 1, 12), -1)


def test_shipped_override_file_is_valid():
    overrides = load_calendar_overrides([DATA_DIR / "calendar_overrides.yaml"])

    assert dict(overrides.days_off) == {}
    assert dict(overrides.working_days) == {}


def test_override_file_flips_days(write_yaml: WriteYaml):
    path = write_yaml(
        "calendar_overrides.yaml",
        """
        days_off:
          - {date: 2026-01-12, decree: "Постановление № 1 (тест)"}
        working_days:
          - {date: 2026-01-10, decree: "Постановление № 2 (тест)"}
        """,
    )
    calendar = ProductionCalendar(load_calendar_overrides([path]))

    assert calendar.is_working_day(dt.date(2026, 1, 12)) is False
    assert calendar.is_working_day(dt.date(2026, 1, 10)) is True
    assert calendar.add_working_days(dt.date(2025, 12, 30), 1) == dt.date(2026, 1, 10)
    assert calendar.add_working_days(dt.date(2026, 1, 10), 1) == dt.date(2026, 1, 13)
    assert calendar.working_days_in_year(2026) == 247
    assert calendar.overrides.days_off[dt.date(2026, 1, 12)] == "Постановление № 1 (тест)"


def test_override_file_in_the_extra_dir_reaches_the_default_calendar(
    settings, fresh_rules, write_yaml: WriteYaml
):
    path = write_yaml("extra/calendar_overrides.yaml", 'days_off:\n  - {date: 2026-01-13, decree: "тест"}\n')
    settings.ZAKUPKI_RULES_EXTRA_DIR = str(path.parent)

    assert is_working_day(dt.date(2026, 1, 13)) is False
    assert add_working_days(dt.date(2026, 1, 12), 1) == dt.date(2026, 1, 14)


def test_override_date_in_both_lists_is_refused(write_yaml: WriteYaml):
    path = write_yaml(
        "calendar_overrides.yaml",
        'days_off:\n  - {date: 2026-01-12, decree: "a"}\nworking_days:\n  - {date: 2026-01-12, decree: "b"}\n',
    )

    with pytest.raises(RulesFileError) as caught:
        load_calendar_overrides([path])

    assert str(caught.value) == (
        f"Ошибка в файле правил «{path}»: дата 12.01.2026 указана и как выходной, и как рабочий день"
    )


def test_override_without_decree_is_refused(write_yaml: WriteYaml):
    path = write_yaml("calendar_overrides.yaml", 'days_off:\n  - {date: 2026-01-12, decree: ""}\n')

    with pytest.raises(RulesFileError) as caught:
        load_calendar_overrides([path])

    assert (
        str(caught.value)
        == f"Ошибка в файле правил «{path}»: days_off, 12.01.2026: не указаны реквизиты акта (decree)"
    )


def test_override_with_bad_date_is_refused(write_yaml: WriteYaml):
    path = write_yaml("calendar_overrides.yaml", 'working_days:\n  - {date: 2026-13-01, decree: "x"}\n')

    with pytest.raises(RulesFileError) as caught:
        load_calendar_overrides([path])

    assert str(caught.value) == (
        f"Ошибка в файле правил «{path}»: working_days, запись №1: неверная дата «2026-13-01», нужен формат ГГГГ-ММ-ДД"
    )


@settings(max_examples=200, deadline=None)
@given(
    day=st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2027, 12, 31)),
    n=st.integers(min_value=0, max_value=60),
)
def test_add_working_days_lands_on_a_working_day_n_working_days_later(day: dt.date, n: int):
    result = add_working_days(day, n)

    assert is_working_day(result)
    assert result >= day
    if n >= 1 or is_working_day(day):
        assert working_days_between(day, result) == n
    # Nothing in between is skipped: the day before the result is at most n - 1 working days away.
    if n >= 1:
        assert working_days_between(day, result - dt.timedelta(days=1)) == n - 1


def test_default_calendar_is_built_once_from_the_shipped_file():
    calendar = default_calendar()

    assert calendar is default_calendar()
    assert dict(calendar.overrides.days_off) == {}


def test_a_datetime_is_refused():
    with pytest.raises(TypeError):
        is_working_day(dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC))
