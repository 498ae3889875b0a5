from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from zakupki.core.money import round_money
from zakupki.procedures.pricing import PricedLine, lines_at_price

D = Decimal


def test_inexact_last_item_is_split_into_two_lines():
    items = [PricedLine("Стул", "шт", D("7"), D("20.00"))]
    assert lines_at_price(items=items, start_price=D("140.00"), price=D("100.00")) == [
        PricedLine("Стул", "шт", D("6"), D("14.28")),
        PricedLine("Стул", "шт", D("1"), D("14.32")),
    ]


def test_fractional_quantity_below_one_gets_an_exact_unit_price():
    items = [PricedLine("Краска", "кг", D("1"), D("500.00")), PricedLine("Лак", "л", D("0.333"), D("300.00"))]
    lines = lines_at_price(items=items, start_price=D("599.90"), price=D("555.55"))
    assert lines == [
        PricedLine("Краска", "кг", D("1"), D("463.04")),
        PricedLine("Лак", "л", D("0.333"), D("277.80")),
    ]
    assert sum(line.amount for line in lines) == D("555.55")


@st.composite
def purchases(draw):
    n = draw(st.integers(1, 5))
    items = [
        PricedLine(
            f"п{i}",
            "шт",
            D(draw(st.integers(1_000, 1_000_000))) / 1000,
            D(draw(st.integers(10_000, 10_000_000))) / 100,
        )
        for i in range(n)
    ]
    start = sum((round_money(i.quantity * i.unit_price) for i in items), D("0.00"))
    share = draw(st.integers(10_000, 99_999))  # the winning price is 10 % … 99,999 % of the НМЦК
    price = max(round_money(start * share / 100_000), D("0.01"))
    return items, start, price


@settings(max_examples=400, deadline=None)
@given(purchases())
def test_lines_sum_exactly_and_keep_quantities(purchase):
    items, start, price = purchase
    lines = lines_at_price(items=items, start_price=start, price=price)
    assert sum((line.amount for line in lines), D("0.00")) == price
    by_name: dict[str, Decimal] = {}
    for line in lines:
        by_name[line.name] = by_name.get(line.name, D(0)) + line.quantity
        assert line.unit_price >= 0
    assert by_name == {i.name: i.quantity for i in items}
