"""The demo holds what СГОЗ, К7 and К8 need, and the Moscow customer's figures read from it."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from zakupki.accounts.models import User
from zakupki.analytics.formulas import FORMULAS
from zakupki.analytics.formulas.base import EIS, Counted, Period, Scope
from zakupki.contracts.models import Contract, ContractPaymentPlan, ContractSubcontract
from zakupki.core.timeutil import local_date
from zakupki.interop.models import EisContract

pytestmark = pytest.mark.django_db


def test_demo_customer_has_plans_across_years_a_subcontract_and_eis_contracts_behind_k7_and_k8() -> None:
    call_command("demo_data", "--scale", "small", stdout=io.StringIO())
    customer = User.objects.get(username="customer").organization
    assert customer is not None
    year = local_date(timezone.now(), customer.region.timezone).year
    # every concluded contract has a plan adding up to its price; the two-stage one plans by stage years
    for contract in Contract.objects.filter(concluded_at__isnull=False):
        plan = dict(ContractPaymentPlan.objects.filter(contract=contract).values_list("year", "amount"))
        assert sum(plan.values()) == contract.price
    staged = Contract.objects.get(stages__number=2)
    assert sorted(
        ContractPaymentPlan.objects.filter(contract=staged).values_list("year", flat=True)
    ) == sorted({s.due_date.year for s in staged.stages.all()})
    (sub,) = ContractSubcontract.objects.all()
    assert (sub.contract_id, sub.subcontractor_is_smp, sub.amount) == (
        staged.pk,
        True,
        (staged.price * Decimal("0.3")).quantize(Decimal("0.01")),
    )
    assert sorted(EisContract.objects.values_list("placing_way", "sgoz_exclusion", "price")) == [
        ("EA44", "", Decimal("1250000.00")),
        ("EP44", "single_supplier", Decimal("300000.00")),
    ]

    scope, period = Scope(customer.region, customer), Period.year(year, as_of=timezone.now())
    k7 = FORMULAS["k7_smp_share"](scope, period)
    parts = {p.key: p.amount for p in k7.parts}
    # П: the EIS auction's 750 000.00 and the EIS single-supplier 300 000.00 (excluded); the platform
    # contracts are all п.4/п.5 purchases, excluded too, so the base is the auction's part alone and
    # nothing in it was bought from an SMP-only procedure: 0 %, 25 points short of the requirement.
    assert parts["П"] == Decimal("1050000.00")
    assert (k7.value, k7.numerator, k7.denominator) == (Decimal("0.00"), Decimal(0), Decimal("750000.00"))
    assert FORMULAS["k7_requirement_met"](scope, period).value == Decimal("-25.00")
    p_part = next(p for p in k7.parts if p.key == "П")
    assert {c.source for c in p_part.counted} == {EIS}
    assert Counted(EIS, "contract", EisContract.objects.get(placing_way="EA44").reg_num) in p_part.counted
    # К8: the SMP subcontract over this year's platform contracts (the EIS ones were signed last year)
    k8 = FORMULAS["k8"](scope, period)
    concluded = Contract.objects.filter(customer=customer, concluded_at__isnull=False)
    zone = customer.region.timezone
    this_year = [c for c in concluded if c.concluded_at and local_date(c.concluded_at, zone).year == year]
    assert (k8.numerator, k8.denominator) == (sub.amount, sum((c.price for c in this_year), Decimal(0)))
    assert k8.no_data_reason is None
