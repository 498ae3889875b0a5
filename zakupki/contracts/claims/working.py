"""The shown working of a claim calculation: each term a contract manager needs to redo it by hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from zakupki.core.money import KOPECK, format_rub, round_money
from zakupki.core.words import amount_in_words
from zakupki.rules.formatting import format_value, ru_date

__all__ = [
    "Calculation",
    "ClaimError",
    "Term",
    "check_money",
    "format_percent",
    "format_rub",
    "ru_date",
]


class ClaimError(ValueError):
    """The inputs do not allow a calculation; the message is a Russian reason for the user."""


@dataclass(frozen=True)
class Term:
    """One line of the working: «Цена контракта (Ц): 1 000 000,00 ₽»."""

    label: str
    value: str
    note: str = ""

    def text(self) -> str:
        line = f"{self.label}: {self.value}"
        return f"{line} ({self.note})" if self.note else line


@dataclass(frozen=True)
class Calculation:
    """A result in kopecks with the working that leads to it.

    `exact` is the value before the one rounding to kopecks (ROUND_HALF_UP) that happens at the end."""

    title: str
    basis: str
    on: dt.date
    result: Decimal
    exact: Decimal
    terms: tuple[Term, ...]

    def text(self) -> str:
        lines = [f"{self.title} ({self.basis})", *(term.text() for term in self.terms)]
        if self.exact != self.result:
            lines.append(
                f"До округления: {format_exact(self.exact)} (округлено до копеек, половина копейки — вверх)"
            )
        lines.append(f"Итого: {format_rub(self.result)} — {amount_in_words(self.result)}")
        return "\n".join(lines)


def format_percent(value: Decimal) -> str:
    """Decimal("16.5") -> «16,5 %» (no-break space)."""
    return format_value(value, "%")


def format_exact(value: Decimal) -> str:
    """An unrounded amount to six places, trailing zeros dropped below kopecks: «2 777,777778 ₽»."""
    shown = value.quantize(Decimal("0.000001"))
    text = format(shown, "f").rstrip("0")
    integer, _, fraction = text.partition(".")
    fraction = fraction.ljust(2, "0")
    return f"{format_value(Decimal(integer))},{fraction}\u00a0₽"


def check_money(value: Decimal, what: str) -> Decimal:
    """Refuse floats, non-finite, negative amounts and fractions of a kopeck in an input amount."""
    if isinstance(value, float | bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"{what}: нужна сумма Decimal, а не {type(value).__name__}")
    amount = Decimal(value)
    if not amount.is_finite():
        raise ClaimError(f"{what}: нужна конечная сумма")
    if amount < 0:
        raise ClaimError(f"{what}: сумма не может быть отрицательной")
    if amount != amount.quantize(KOPECK):
        raise ClaimError(f"{what}: не более двух знаков после запятой (копейки)")
    return amount


def finish(*, title: str, basis: str, on: dt.date, exact: Decimal, terms: list[Term]) -> Calculation:
    """The one place a claim amount is rounded: to kopecks, ROUND_HALF_UP."""
    return Calculation(
        title=title, basis=basis, on=on, result=round_money(exact), exact=exact, terms=tuple(terms)
    )
