"""Invariants of the claims calculator (hypothesis). Pure functions: no database."""

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from zakupki.contracts.claims import (
    Calculation,
    fines_cap,
    pp783_writeoff,
    supplier_delay_penalty,
    supplier_fine,
)
from zakupki.core.money import round_money

# Kopeck amounts up to 10 bn ₽.
money = st.integers(min_value=0, max_value=1_000_000_000_000).map(lambda kopecks: Decimal(kopecks) / 100)
positive_money = st.integers(min_value=1, max_value=1_000_000_000_000).map(lambda k: Decimal(k) / 100)
# Deadlines in a span where the key-rate table has values; a delay of up to ~3 years.
deadlines = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2026, 6, 30))
delays = st.integers(min_value=-30, max_value=1100)
# Inside one closed key-rate period (16 % from 18.12.2023 to 28.07.2024) for the "fixed rate" properties:
# a deadline up to 01.03.2024 plus at most 140 days stays before 29.07.2024, whatever is added to the file.
fixed_rate_deadlines = st.dates(min_value=dt.date(2023, 12, 18), max_value=dt.date(2024, 3, 1))
fixed_rate_delays = st.integers(min_value=-30, max_value=140)
ON = dt.date(2026, 1, 15)

fast = settings(max_examples=150, deadline=None)


@st.composite
def price_and_fulfilled(draw: st.DrawFn) -> tuple[Decimal, Decimal]:
    price = draw(money)
    fulfilled = draw(st.integers(min_value=0, max_value=int(price * 100)).map(lambda k: Decimal(k) / 100))
    return price, fulfilled


def penalty(price: Decimal, fulfilled: Decimal, due: dt.date, delay: int) -> Calculation:
    return supplier_delay_penalty(
        price=price, fulfilled=fulfilled, due=due, paid_on=due + dt.timedelta(days=delay)
    )


@fast
@given(pf=price_and_fulfilled(), due=deadlines, delay=delays)
def test_penalty_is_non_negative_and_in_kopecks(pf, due, delay):
    calc = penalty(pf[0], pf[1], due, delay)
    assert calc.result >= 0
    assert calc.result == round_money(calc.result)
    assert calc.result == round_money(calc.exact)


@fast
@given(pf=price_and_fulfilled(), due=deadlines, delay=st.integers(min_value=-30, max_value=0))
def test_penalty_is_zero_when_nothing_is_late(pf, due, delay):
    assert penalty(pf[0], pf[1], due, delay).result == 0


@fast
@given(price=money, due=deadlines, delay=delays)
def test_penalty_is_zero_when_everything_is_fulfilled(price, due, delay):
    assert penalty(price, price, due, delay).result == 0


@fast
@given(pf=price_and_fulfilled(), due=fixed_rate_deadlines, d1=fixed_rate_delays, d2=fixed_rate_delays)
def test_penalty_is_monotone_in_days_for_a_fixed_rate(pf, due, d1, d2):
    short, long = sorted((d1, d2))
    assert penalty(pf[0], pf[1], due, short).exact <= penalty(pf[0], pf[1], due, long).exact
    assert penalty(pf[0], pf[1], due, short).result <= penalty(pf[0], pf[1], due, long).result


@fast
@given(price=money, f1=money, f2=money, due=deadlines, delay=delays)
def test_penalty_is_monotone_in_the_unfulfilled_part(price, f1, f2, due, delay):
    more_done, less_done = sorted((min(f1, price), min(f2, price)), reverse=True)
    # less fulfilled → larger Ц − В → not a smaller penalty
    assert penalty(price, more_done, due, delay).result <= penalty(price, less_done, due, delay).result


@fast
@given(pf=price_and_fulfilled(), due=fixed_rate_deadlines, days=st.integers(min_value=0, max_value=140))
def test_penalty_is_linear_in_days_for_a_fixed_rate(pf, due, days):
    one_day = penalty(pf[0], pf[1], due, 1).exact
    calc = penalty(pf[0], pf[1], due, days)
    # Exact before rounding: n days = n × one day (Decimal, 28 significant digits: compare to 1e-12).
    assert abs(calc.exact - one_day * days) <= Decimal("1e-12")
    # After the one rounding, within half a kopeck of n × the exact one-day amount.
    assert abs(calc.result - one_day * days) <= Decimal("0.005")


@fast
@given(price=positive_money, total=money)
def test_writeoff_splits_the_total(price, total):
    result = pp783_writeoff(contract_price=price, total_claims=total, on=ON)
    assert result.written_off + result.to_pay == total
    assert result.written_off >= 0
    assert result.to_pay >= 0
    if total * 100 <= price * 5:
        assert result.to_pay == 0
    elif total * 100 > price * 20:
        assert result.written_off == 0


@fast
@given(
    price=st.integers(min_value=1, max_value=2_000_000_000).map(lambda k: Decimal(k) / 100),
    breaches=st.lists(
        st.tuples(st.booleans(), st.booleans()),  # (smp_contract, monetary)
        min_size=1,
        max_size=40,
    ),
)
def test_fines_never_exceed_the_cap(price, breaches):
    charged = Decimal("0.00")
    for smp, monetary in breaches:
        fine = supplier_fine(price=price, smp_contract=smp, monetary=monetary, on=ON).result
        charged += fines_cap(price=price, charged_before=charged, fine=fine, on=ON).result
        assert charged <= price
    assert charged >= 0
