"""Property tests of the annual ledger: whatever the sequence, spent = Σ accepted ≤ cap."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zakupki.contracts.enums import PurchaseBasis
from zakupki.contracts.ledger import CapExceeded, annual_cap
from zakupki.contracts.models import Contract, SmallPurchaseLedger
from zakupki.contracts.tests.factories import award, customer, set_sgoz, supplier, this_year
from zakupki.core.money import round_money

# Kopeck amounts from 0.01 to a bit over the 600 000 ₽ per-contract cap, biased to large ones.
amounts = st.one_of(
    st.integers(min_value=1, max_value=60_000_100),
    st.integers(min_value=40_000_000, max_value=60_000_100),
).map(lambda kopecks: Decimal(kopecks) / 100)
FIXED_CAP = Decimal("2000000")
CONTRACT_CAP = Decimal("600000")


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=st.lists(amounts, min_size=1, max_size=12))
def test_spent_equals_the_sum_of_accepted_contracts_and_never_exceeds_the_cap(sequence):
    buyer, seller = customer(), supplier()  # a fresh customer per example: its ledger starts empty
    accepted: list[Decimal] = []
    for amount in sequence:
        expected_ok = amount <= CONTRACT_CAP and sum(accepted, Decimal(0)) + amount <= FIXED_CAP
        try:
            award(buyer, seller, str(amount))
        except CapExceeded:
            assert not expected_ok
        else:
            assert expected_ok
            accepted.append(amount)
    ledger = SmallPurchaseLedger.objects.filter(customer=buyer, year=this_year(buyer), basis=PurchaseBasis.P4)
    spent = ledger.values_list("spent", flat=True).first() or Decimal(0)
    assert spent == sum(accepted, Decimal(0))
    assert spent == sum(Contract.objects.filter(customer=buyer).values_list("price", flat=True), Decimal(0))
    assert spent <= FIXED_CAP


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kopecks=st.integers(min_value=0, max_value=10**13))
def test_p4_annual_cap_is_min_of_max_fixed_or_ten_percent_and_fifty_million(kopecks):
    buyer = customer()
    sgoz = Decimal(kopecks) / 100
    set_sgoz(buyer, str(sgoz))

    cap = annual_cap(customer=buyer, basis=PurchaseBasis.P4, on=dt.date(this_year(buyer), 5, 1))

    assert cap == min(max(FIXED_CAP, round_money(sgoz / 10)), Decimal("50000000"))
    assert FIXED_CAP <= cap <= Decimal("50000000")
