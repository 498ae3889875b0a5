"""Blocks of the contract-terms feature placed into shared pages with one line each: the summary on the
contract card and the signing-deadline lists of the party's and the region's dashboards."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from zakupki.contracts.change_selectors import contract_changes, contract_open_change
from zakupki.contracts.signing_deadlines import (
    contract_signing_due,
    signing_due_for_organization,
    signing_due_in_region,
)

register = template.Library()


@register.inclusion_tag("web/contracts/_terms_card.html")
def contract_terms_card(contract: Any) -> dict[str, Any]:
    return {
        "contract": contract,
        "tz": contract.customer.region.timezone,
        "signing": contract_signing_due(contract=contract, now=timezone.now()),
        "changes": list(contract_changes(contract=contract)),
        "open_change": contract_open_change(contract=contract),
    }


@register.inclusion_tag("web/contracts/_signing_deadlines.html")
def signing_deadlines_of(organization: Any) -> dict[str, Any]:
    rows = (
        []
        if organization is None
        else signing_due_for_organization(organization=organization, now=timezone.now())
    )
    return {"rows": rows}


@register.inclusion_tag("web/contracts/_signing_deadlines.html")
def signing_deadlines_in_region(region: Any) -> dict[str, Any]:
    return {"rows": signing_due_in_region(region=region, now=timezone.now()), "with_parties": True}
