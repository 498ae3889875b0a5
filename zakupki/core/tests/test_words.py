from decimal import Decimal

import pytest

from zakupki.core.words import KOPECK_FORMS, RUBLE_FORMS, amount_in_words, group_digits, plural_form

NB = "\u00a0"


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("1", "1 (один) рубль 00 копеек"),
        ("2", "2 (два) рубля 00 копеек"),
        ("5", "5 (пять) рублей 00 копеек"),
        ("11", "11 (одиннадцать) рублей 00 копеек"),
        ("21", "21 (двадцать один) рубль 00 копеек"),
        ("416724", f"416{NB}724 (четыреста шестнадцать тысяч семьсот двадцать четыре) рубля 00 копеек"),
        ("0.01", "0 (ноль) рублей 01 копейка"),
        ("1000000", f"1{NB}000{NB}000 (один миллион) рублей 00 копеек"),
        ("112.02", "112 (сто двенадцать) рублей 02 копейки"),
        ("2887.50", f"2{NB}887 (две тысячи восемьсот восемьдесят семь) рублей 50 копеек"),
        ("460.91", "460 (четыреста шестьдесят) рублей 91 копейка"),
        ("0.115", "0 (ноль) рублей 12 копеек"),  # rounded to kopecks half-up first
    ],
)
def test_amount_in_words(amount, expected):
    assert amount_in_words(Decimal(amount)) == expected


@pytest.mark.parametrize(
    ("number", "form"),
    [
        (0, "рублей"),
        (1, "рубль"),
        (2, "рубля"),
        (4, "рубля"),
        (5, "рублей"),
        (11, "рублей"),
        (12, "рублей"),
        (14, "рублей"),
        (20, "рублей"),
        (21, "рубль"),
        (22, "рубля"),
        (101, "рубль"),
        (111, "рублей"),
        (1012, "рублей"),
        (1022, "рубля"),
    ],
)
def test_ruble_plural_forms(number, form):
    assert plural_form(number, RUBLE_FORMS) == form


def test_kopeck_plural_forms():
    assert [plural_form(n, KOPECK_FORMS) for n in (1, 3, 7, 13, 31, 44)] == [
        "копейка",
        "копейки",
        "копеек",
        "копеек",
        "копейка",
        "копейки",
    ]


def test_groups_use_a_no_break_space():
    assert group_digits(999) == "999"
    assert group_digits(1000) == f"1{NB}000"
    assert group_digits(12345678) == f"12{NB}345{NB}678"


def test_refuses_float_and_negative():
    with pytest.raises(TypeError):
        amount_in_words(1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="неотрицательн"):
        amount_in_words(Decimal("-1"))
    with pytest.raises(ValueError, match="неотрицательн"):
        amount_in_words(Decimal("NaN"))
