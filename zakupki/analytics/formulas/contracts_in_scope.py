"""The contracts an indicator looks at: platform contracts concluded in the period (the same «concluded»
statuses as the region dashboard) and imported EIS contracts signed in it, for a customer or a region."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from zakupki.analytics.formulas.base import Period, Scope
from zakupki.contracts.models import Contract
from zakupki.contracts.region_stats import CONCLUDED_STATUSES
from zakupki.interop.selectors import eis_contracts

if TYPE_CHECKING:
    from zakupki.interop.selectors import AnnotatedContract


def platform_contracts(scope: Scope, period: Period) -> QuerySet[Contract]:
    start, end = period.bounds(scope.region)
    contracts = Contract.objects.filter(
        customer__region=scope.region,
        status__in=CONCLUDED_STATUSES,
        concluded_at__gte=start,
        concluded_at__lt=end,
    )
    if scope.customer is not None:
        contracts = contracts.filter(customer=scope.customer)
    return contracts.order_by("pk")


def imported_contracts(scope: Scope, period: Period) -> QuerySet[AnnotatedContract]:
    """EIS contracts match a platform customer by ИНН: the import knows no platform organisations."""
    contracts = eis_contracts(region_code=scope.region.code).filter(
        sign_date__gte=period.date_from, sign_date__lte=period.date_to
    )
    if scope.customer is not None:
        contracts = contracts.filter(customer_inn=scope.customer.inn)
    return contracts


def platform_ref(contract: Contract) -> str:
    return contract.registry_number or contract.number
