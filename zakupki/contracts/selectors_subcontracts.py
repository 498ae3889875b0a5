"""Reads of the subcontracts a supplier reported (ч.5 ст.30)."""

from __future__ import annotations

from django.db.models import QuerySet

from zakupki.contracts.models import Contract, ContractSubcontract


def contract_subcontracts(*, contract: Contract) -> QuerySet[ContractSubcontract]:
    return ContractSubcontract.objects.filter(contract=contract).order_by("concluded_on", "pk")
