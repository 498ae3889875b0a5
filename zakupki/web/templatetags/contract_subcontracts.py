"""The subcontracts block of the contract card (ч.5 ст.30), placed with one line."""

from __future__ import annotations

from typing import Any

from django import template

from zakupki.accounts.roles import is_member_of
from zakupki.contracts.selectors import contract_effective_status
from zakupki.contracts.selectors_subcontracts import contract_subcontracts
from zakupki.contracts.states import CONTRACT_IN_FORCE
from zakupki.core.timeutil import now

register = template.Library()


@register.inclusion_tag("web/contracts/_subcontracts_card.html", takes_context=True)
def contract_subcontracts_card(context: template.Context, contract: Any) -> dict[str, Any]:
    user = context["request"].user
    in_force = contract_effective_status(contract=contract, now=now()) in CONTRACT_IN_FORCE
    return {
        "contract": contract,
        "subcontracts": list(contract_subcontracts(contract=contract)),
        "can_add": in_force and is_member_of(user, contract.supplier),
        "csrf_token": context.get("csrf_token"),
    }
