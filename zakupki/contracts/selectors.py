from __future__ import annotations

from django.db.models import Q, QuerySet

from zakupki.accounts.models import Organization
from zakupki.contracts.models import Contract


def contracts_of_organization(*, organization: Organization) -> QuerySet[Contract]:
    return (
        Contract.objects.filter(Q(customer=organization) | Q(supplier=organization))
        .select_related("customer", "supplier")
        .order_by("-created_at")
    )
