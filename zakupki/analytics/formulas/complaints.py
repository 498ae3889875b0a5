"""К9: complaints decided justified or partly justified against the customer in the period.

The figure comes from `oversight.selectors.complaint_k9_counts`; a customer absent from its result was
not covered by a control body on the platform for the whole period — that is «нет данных», not zero.
Imported EIS data carries no complaint decisions yet, so the figure is platform-only.
"""

from __future__ import annotations

from decimal import Decimal

from zakupki.analytics.formulas.base import PLATFORM, Counted, IndicatorValue, Period, Scope, no_data
from zakupki.oversight.enums import K9_DECISIONS, ComplaintStatus
from zakupki.oversight.models import Complaint
from zakupki.oversight.selectors import complaint_k9_counts

NOT_COVERED = "жалобы на заказчика не рассматривались на площадке весь период (нет контрольного органа или регион подключён позже)"


def k9_justified_complaints(scope: Scope, period: Period) -> IndicatorValue:
    label = "жалобы, признанные обоснованными или частично обоснованными"
    counts = complaint_k9_counts(
        customer_ids=None if scope.customer is None else [scope.customer.pk],
        region=scope.region,
        date_from=period.date_from,
        date_to=period.date_to,
    )
    if not counts:
        return no_data("шт", NOT_COVERED, label)
    total = sum(counts.values())
    start, end = period.bounds(scope.region)
    # The complaints behind the count, for the person who opens the figure; same window, same decisions.
    decided = Complaint.objects.filter(
        customer_id__in=list(counts),
        status=ComplaintStatus.DECIDED,
        decision__in=K9_DECISIONS,
        decided_at__gte=start,
        decided_at__lt=end,
    ).order_by("decided_at", "pk")
    counted = tuple(Counted(PLATFORM, "complaint", c.number or f"жалоба № {c.pk}") for c in decided)
    return IndicatorValue(
        value=Decimal(total), unit="шт", numerator=Decimal(total), counted=counted, label=label
    )
