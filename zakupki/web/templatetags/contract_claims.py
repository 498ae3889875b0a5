"""Blocks of the claims feature placed into shared pages with one line each: the claims and termination
documents on the contract card, the «Выставить требование» button on the customer's dashboard."""

from __future__ import annotations

from typing import Any

from django import template

from zakupki.accounts.roles import is_member_of
from zakupki.contracts.claim_states import ClaimKind, ClaimStatus
from zakupki.contracts.models import ContractClaim
from zakupki.contracts.selectors_claims import contract_claims, contract_termination_papers

register = template.Library()


@register.inclusion_tag("web/contracts/_claims_card.html", takes_context=True)
def contract_claims_card(context: template.Context, contract: Any) -> dict[str, Any]:
    user = context["request"].user
    is_customer = is_member_of(user, contract.customer)
    return {
        "contract": contract,
        "tz": contract.customer.region.timezone,
        "claims": list(contract_claims(contract=contract)),
        "papers": list(contract_termination_papers(contract=contract).prefetch_related("signatures__signer")),
        "is_customer": is_customer,
        "can_raise": is_customer and contract.status not in ("draft", "signed_by_supplier"),
        "stages": list(contract.stages.order_by("number")),
        "kinds": ClaimKind.choices,
        "raised": ClaimStatus.RAISED.value,
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def open_delay_claim(stage: Any) -> ContractClaim | None:
    """The stage's open claim for пеня, if any: the dashboard shows it instead of the button."""
    return ContractClaim.objects.filter(
        stage=stage, kind=ClaimKind.DELAY_PENALTY, status=ClaimStatus.RAISED
    ).first()
