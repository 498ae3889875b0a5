"""Money is Decimal with exactly two places (kopecks); never float."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

KOPECK = Decimal("0.01")
NBSP = "\u00a0"


def to_money(value: Decimal | int | str) -> Decimal:
    """Parse a money amount; refuses floats, non-numbers and more than two decimals."""
    if isinstance(value, float):
        raise TypeError("money must not be float")
    try:
        amount = Decimal(str(value).replace(" ", "").replace(NBSP, "").replace(",", "."))
    except InvalidOperation as exc:
        raise ValueError("не число") from exc
    if not amount.is_finite():
        raise ValueError("не число")
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise ValueError("не более двух знаков после запятой")
    if amount.adjusted() > 15:  # beyond any DecimalField(max_digits=17) we store; «1e400» included
        raise ValueError("слишком большое число")
    return amount.quantize(KOPECK)


def round_money(value: Decimal) -> Decimal:
    return value.quantize(KOPECK, rounding=ROUND_HALF_UP)


def format_rub(value: Decimal | int | None, *, symbol: bool = True) -> str:
    """416724 -> «416 724,00 ₽» (thin groups with a no-break space, decimal comma)."""
    if value is None:
        return "—"
    amount = round_money(Decimal(value))
    sign = "−" if amount < 0 else ""
    integer, _, fraction = f"{abs(amount):.2f}".partition(".")
    groups: list[str] = []
    while integer:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    text = f"{sign}{NBSP.join(groups)},{fraction}"
    return f"{text}{NBSP}₽" if symbol else text
