"""The public list of referrals to the register of unscrupulous suppliers (РНП, ст.104 44-ФЗ) sent from
contract execution (a unilateral refusal for the supplier's breach that took effect). Read-only; the
oversight pages show it. Inclusion itself is the control body's decision; a referral shows until when
the supplier would stay in the register if included (rnp.retention_years from the referral's date)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from zakupki.contracts.models import RnpReferral
from zakupki.core.timeutil import local_date
from zakupki.rules.engine import rule_value


@dataclass(frozen=True)
class RnpEntry:
    id: int
    supplier_id: int
    supplier_name: str
    supplier_inn: str
    reason: str
    referred_at: dt.datetime
    until: dt.date
    contract_id: int
    contract_number: str
    registry_number: str | None
    customer_name: str
    decision_at: dt.datetime | None  # the customer's decision on unilateral refusal
    terminated_at: dt.datetime | None
    region_code: str


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def rnp_referrals_public(*, region_code: str = "", inn: str = "") -> list[RnpEntry]:
    """Newest first; optionally one region (the customer's) or one supplier's ИНН."""
    qs = RnpReferral.objects.select_related("supplier", "contract__customer__region").order_by(
        "-created_at", "-pk"
    )
    if region_code:
        qs = qs.filter(contract__customer__region__code=region_code)
    if inn:
        qs = qs.filter(supplier__inn=inn)
    entries = []
    for referral in qs:
        contract = referral.contract
        region = contract.customer.region
        day = local_date(referral.created_at, region.timezone)
        years = int(rule_value("rnp.retention_years", on=day, region=region))
        entries.append(
            RnpEntry(
                id=referral.pk,
                supplier_id=referral.supplier_id,
                supplier_name=referral.supplier.name,
                supplier_inn=referral.supplier.inn,
                reason=referral.reason,
                referred_at=referral.created_at,
                until=_years_later(day, years),
                contract_id=contract.pk,
                contract_number=contract.number,
                registry_number=contract.registry_number,
                customer_name=contract.customer.name,
                decision_at=contract.termination_notice_at,
                terminated_at=contract.terminated_at,
                region_code=region.code,
            )
        )
    return entries
