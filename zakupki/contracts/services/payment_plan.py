"""Writes the payment plan by year (ContractPaymentPlan) at conclusion and re-plans it when a change
moves the price; the arithmetic is in zakupki/contracts/payment_plan.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from zakupki.contracts.models import Contract, ContractPaymentPlan
from zakupki.contracts.payment_plan import plan_from_stages, replan
from zakupki.core.timeutil import local_date


def _write(contract: Contract, plan: dict[int, Decimal]) -> dict[int, Decimal]:
    ContractPaymentPlan.objects.filter(contract=contract).delete()
    ContractPaymentPlan.objects.bulk_create(
        ContractPaymentPlan(contract=contract, year=year, amount=amount) for year, amount in plan.items()
    )
    return plan


def payment_plan_on_conclusion(contract: Contract, *, now: dt.datetime, staged: bool) -> dict[int, Decimal]:
    """`staged`: the customer set a stage plan, so each stage's amount is planned for its due year;
    otherwise the whole price is planned for the year of conclusion (region time)."""
    if staged:
        plan = plan_from_stages(contract.stages.values_list("due_date", "amount"))
    else:
        plan = {local_date(now, contract.customer.region.timezone).year: contract.price}
    return _write(contract, plan)


def payment_plan_reprice(contract: Contract, *, new_price: Decimal) -> dict[int, Decimal]:
    """Called under the contract's lock with the change that moves the price. A contract concluded before
    payment plans existed and not backfilled has none: nothing to re-plan."""
    current = dict(ContractPaymentPlan.objects.filter(contract=contract).values_list("year", "amount"))
    if not current:
        return {}
    return _write(contract, replan(current, new_price))


def payment_plan_json(plan: dict[int, Decimal]) -> dict[str, Decimal]:
    return {str(year): amount for year, amount in plan.items()}
