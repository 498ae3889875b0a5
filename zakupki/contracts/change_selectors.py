"""Reads for contract changes: what has been delivered per item, the originally contracted quantity
(the ±10 % of ст.95 ч.1 is cumulative over all changes, so it is measured from the original), the open
change of a contract and the changes of a contract."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import QuerySet, Sum

from zakupki.contracts.change_states import CHANGE_OPEN, ChangeStatus
from zakupki.contracts.enums import ACCEPTED_DOCUMENT_STATUSES, AcceptanceStatus
from zakupki.contracts.models import AcceptanceLine, Contract, ContractChange, ContractChangeLine


def delivered_quantities(*, contract: Contract) -> dict[int, Decimal]:
    """Per contract item id: accepted, plus what is submitted and still under review."""
    accepted = (
        AcceptanceLine.objects.filter(
            document__stage__contract=contract, document__status__in=ACCEPTED_DOCUMENT_STATUSES
        )
        .values_list("contract_item_id")
        .annotate(total=Sum("accepted_quantity"))
        .values_list("contract_item_id", "total")
    )
    pending = (
        AcceptanceLine.objects.filter(
            document__stage__contract=contract, document__status=AcceptanceStatus.SUBMITTED
        )
        .values_list("contract_item_id")
        .annotate(total=Sum("quantity"))
        .values_list("contract_item_id", "total")
    )
    result: dict[int, Decimal] = {}
    for item_id, total in [*accepted, *pending]:
        result[item_id] = result.get(item_id, Decimal(0)) + Decimal(total or 0)
    return result


def original_quantities(*, contract: Contract) -> dict[int, Decimal]:
    """Per contract item id: the quantity as concluded, before any change came into force."""
    result = {item.pk: item.quantity for item in contract.items.all()}
    earliest_first = ContractChangeLine.objects.filter(
        change__contract=contract, change__status=ChangeStatus.IN_FORCE
    ).order_by("-change__number")
    for line in earliest_first:  # the earliest change's "before" wins
        result[line.contract_item_id] = line.quantity_before
    return result


def contract_open_change(*, contract: Contract) -> ContractChange | None:
    return contract.changes.filter(status__in=CHANGE_OPEN).first()


def contract_changes(*, contract: Contract) -> QuerySet[ContractChange]:
    return (
        ContractChange.objects.filter(contract=contract)
        .select_related("document", "proposed_by", "supplier_signed_by", "customer_signed_by")
        .prefetch_related("lines__contract_item")
        .order_by("number")
    )
