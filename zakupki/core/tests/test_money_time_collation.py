import datetime as dt
from decimal import Decimal

import pytest

from zakupki.core.collation import russian_sort_key
from zakupki.core.money import format_rub, to_money
from zakupki.core.timeutil import end_of_local_day, format_ru_date, format_ru_datetime, utc_offset_label


def test_money_is_formatted_the_russian_way():
    assert format_rub(Decimal("416724")) == "416\u00a0724,00\u00a0₽"
    assert format_rub(Decimal("1234567.5")) == "1\u00a0234\u00a0567,50\u00a0₽"
    assert format_rub(Decimal("0.05")) == "0,05\u00a0₽"
    assert format_rub(Decimal("-1000")) == "−1\u00a0000,00\u00a0₽"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("416724", Decimal("416724.00")), ("416 724,5", Decimal("416724.50")), ("0.01", Decimal("0.01"))],
)
def test_to_money_parses(raw, expected):
    assert to_money(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"), [("abc", "не число"), ("1.001", "не более двух знаков после запятой")]
)
def test_to_money_refuses(raw, message):
    with pytest.raises(ValueError, match=message):
        to_money(raw)


def test_to_money_refuses_float():
    with pytest.raises(TypeError):
        to_money(0.1)  # type: ignore[arg-type]


def test_dates_and_times_in_the_region_zone():
    instant = dt.datetime(2026, 11, 22, 21, 30, tzinfo=dt.UTC)
    assert format_ru_date(dt.date(2026, 11, 22)) == "22.11.2026"
    assert format_ru_datetime(instant, "Europe/Moscow") == "23.11.2026 00:30"
    assert format_ru_datetime(instant, "Asia/Vladivostok") == "23.11.2026 07:30"
    assert format_ru_date(instant, "Europe/Kaliningrad") == "22.11.2026"


def test_end_of_local_day_is_stored_in_utc():
    assert end_of_local_day(dt.date(2026, 1, 12), "Asia/Vladivostok") == dt.datetime(
        2026, 1, 12, 13, 59, 59, 999999, tzinfo=dt.UTC
    )


def test_utc_offset_labels_of_the_extreme_zones():
    at = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    assert utc_offset_label("Europe/Kaliningrad", at) == "UTC+2"
    assert utc_offset_label("Asia/Kamchatka", at) == "UTC+12"


def test_russian_sort_order():
    names = ["Яма", "ёж", "Еда", "Жук", "Абрикос", "Zeta", "1-я школа", "ель"]
    assert sorted(names, key=russian_sort_key) == [
        "1-я школа",
        "Абрикос",
        "Еда",
        "ёж",
        "ель",
        "Жук",
        "Яма",
        "Zeta",
    ]
