"""Amounts in figures and in words, the way Russian contracts and claims write them:

    amount_in_words(Decimal("416724")) -> «416 724 (четыреста шестнадцать тысяч семьсот двадцать четыре) рубля 00 копеек»

Only the whole roubles are spelled out; kopecks stay in figures (two digits), as in 44-FZ documents.
num2words is used for the words of an int with its default (cardinal) mode: never `to='currency'`, which
reads a plain int as kopecks (see stack-notes).
"""

from __future__ import annotations

from decimal import Decimal

from num2words import num2words

from zakupki.core.money import NBSP, round_money

RUBLE_FORMS = ("рубль", "рубля", "рублей")
KOPECK_FORMS = ("копейка", "копейки", "копеек")


def plural_form(number: int, forms: tuple[str, str, str]) -> str:
    """The Russian noun form for a count: 1, 21, 101 → forms[0]; 2–4, 22–24 → forms[1];
    0, 5–20, 25–30, and every number ending in 11–14 → forms[2]."""
    if number < 0:
        raise ValueError("number must not be negative")
    last_two = number % 100
    last = number % 10
    if 11 <= last_two <= 14:
        return forms[2]
    if last == 1:
        return forms[0]
    if 2 <= last <= 4:
        return forms[1]
    return forms[2]


def group_digits(number: int) -> str:
    """1000000 → «1 000 000» with no-break spaces between groups of three."""
    if number < 0:
        raise ValueError("number must not be negative")
    return f"{number:,}".replace(",", NBSP)


def amount_in_words(amount: Decimal) -> str:
    """«416 724 (четыреста шестнадцать тысяч семьсот двадцать четыре) рубля 00 копеек».

    The amount is rounded to kopecks (ROUND_HALF_UP) first; floats and negative amounts are refused."""
    if isinstance(amount, float) or not isinstance(amount, Decimal | int) or isinstance(amount, bool):
        raise TypeError("amount must be Decimal (or int), not float")
    exact = Decimal(amount)
    if not exact.is_finite() or exact < 0:
        raise ValueError("сумма прописью: нужна неотрицательная конечная сумма")
    value = round_money(exact)
    kopecks_total = int(value * 100)
    rubles, kopecks = divmod(kopecks_total, 100)
    words = num2words(rubles, lang="ru")
    return (
        f"{group_digits(rubles)} ({words}) {plural_form(rubles, RUBLE_FORMS)} "
        f"{kopecks:02d} {plural_form(kopecks, KOPECK_FORMS)}"
    )
