from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import Q, QuerySet

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus, UserRole
from zakupki.accounts.models import Organization, Region, User
from zakupki.accounts.roles import role_of
from zakupki.core.errors import NotFound, ValidationFailed
from zakupki.core.rawsql import RowShape, hot_cursor, prep
from zakupki.core.timeutil import local_date
from zakupki.oversight.enums import K9_DECISIONS, OPEN_STATUSES, ComplaintStatus, OrderStatus
from zakupki.oversight.models import Complaint, ComplaintOrder, SupplierBan

_BAN = RowShape(SupplierBan, "b")


def supplier_active_ban(
    *, supplier: Organization, region: Region | None, at: dt.datetime
) -> SupplierBan | None:
    """The ban in force at `at` for this supplier in this region (platform-wide bans count everywhere).
    Raw SQL: it guards every bid, and the ORM's statement building cost more CPU than the query
    (zakupki.core.rawsql)."""
    moment = prep(SupplierBan, "starts_at", at, connection)
    with hot_cursor(connection) as cursor:
        cursor.execute(
            f"SELECT {_BAN.columns(connection)} FROM {_BAN.table} b "  # noqa: S608 - column names only
            "WHERE b.supplier_id = %s AND b.starts_at <= %s AND b.ends_at > %s "
            "AND (b.region_id IS NULL OR b.region_id = %s) ORDER BY b.ends_at DESC LIMIT 1",
            [supplier.pk, moment, moment, region.pk if region is not None else None],
        )
        row = cursor.fetchone()
    return _BAN.build(row, 0, connection) if row is not None else None


def bans_public_list() -> QuerySet[SupplierBan]:
    return SupplierBan.objects.select_related("supplier", "region").order_by("-starts_at")


# ------------------------------------------------------------------------------------------ complaints

MSG_COMPLAINT_NOT_FOUND = "Жалоба не найдена"


def procedure_suspended(*, kind: str, target_id: int) -> bool:
    """Whether a complaint accepted for review has suspended this procedure: no award and no contract
    until the decision (ч.7 ст.106 44-ФЗ). Called by procedures, purchases and contracts before they award."""
    return Complaint.objects.filter(
        target_kind=kind, target_id=target_id, status=ComplaintStatus.ACCEPTED, suspends=True
    ).exists()


def region_control_body(region: Region) -> Organization | None:
    return (
        Organization.objects.filter(
            kind=OrganizationKind.CONTROL_BODY, status=OrganizationStatus.CONFIRMED, region=region
        )
        .order_by("pk")
        .first()
    )


def is_control_body_of(user: Any, region_id: int) -> bool:
    """A member of a control body of that region, in the control body role."""
    return (
        role_of(user) == UserRole.CONTROL_BODY
        and isinstance(user, User)
        and user.organization is not None
        and user.organization.kind == OrganizationKind.CONTROL_BODY
        and user.organization.region_id == region_id
    )


def complaint_visible(*, complaint: Complaint, viewer: Any) -> bool:
    """Decisions are public (with the complainant named, as FAS publishes them); anything else only to
    the complainant, the customer and the region's control body."""
    if complaint.status == ComplaintStatus.DECIDED:
        return True
    if not getattr(viewer, "is_authenticated", False):
        return False
    return viewer.organization_id in (complaint.complainant_id, complaint.customer_id) or is_control_body_of(
        viewer, complaint.region_id
    )


def _with_relations(qs: QuerySet[Complaint]) -> QuerySet[Complaint]:
    return qs.select_related("region", "customer", "complainant", "control_body")


def complaint_get_visible(*, complaint_id: int, viewer: Any) -> Complaint:
    complaint = _with_relations(Complaint.objects.filter(pk=complaint_id)).first()
    if complaint is None or not complaint_visible(complaint=complaint, viewer=viewer):
        raise NotFound(MSG_COMPLAINT_NOT_FOUND)
    return complaint


def complaints_of_viewer(*, viewer: Any) -> QuerySet[Complaint]:
    """The complaints a signed-in organization member works with: its own (complainant or customer),
    or all of its region's for a control body. Nobody else has such a list."""
    qs = _with_relations(Complaint.objects.all())
    if not getattr(viewer, "is_authenticated", False) or viewer.organization_id is None:
        return qs.none()
    if is_control_body_of(viewer, viewer.organization.region_id):
        return qs.filter(region_id=viewer.organization.region_id)
    return qs.filter(Q(complainant_id=viewer.organization_id) | Q(customer_id=viewer.organization_id))


def decisions_public(
    *,
    region: Region | None = None,
    decision: str = "",
    customer_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[Complaint]:
    """Published decisions, newest first; dates are the decision's date in the region."""
    qs = _with_relations(Complaint.objects.filter(status=ComplaintStatus.DECIDED))
    if region is not None:
        qs = qs.filter(region=region)
    if decision:
        qs = qs.filter(decision=decision)
    if customer_id is not None:
        qs = qs.filter(customer_id=customer_id)
    rows = qs.order_by("-decided_at", "-pk")
    if date_from is None and date_to is None:
        return rows
    keep = [c.pk for c in rows if _decided_within(c, date_from, date_to)]
    return rows.filter(pk__in=keep)


def _decided_within(complaint: Complaint, date_from: dt.date | None, date_to: dt.date | None) -> bool:
    if complaint.decided_at is None:
        return False
    return _day_within(local_date(complaint.decided_at, complaint.region.timezone), date_from, date_to)


def _day_within(day: dt.date, date_from: dt.date | None, date_to: dt.date | None) -> bool:
    return (date_from is None or day >= date_from) and (date_to is None or day <= date_to)


def complaint_review_overdue(*, complaint: Complaint, now: dt.datetime) -> bool:
    """Read from the clock, not from the worker (the worker only records it once and notifies)."""
    return complaint.status in OPEN_STATUSES and now > complaint.review_due_at


def order_overdue(*, order: ComplaintOrder, now: dt.datetime) -> bool:
    return order.status == OrderStatus.ISSUED and now > order.due_at


@dataclass(frozen=True)
class ControlBodyDashboard:
    due: list[Complaint]
    overdue: list[Complaint]
    open_orders: list[ComplaintOrder]
    overdue_orders: list[ComplaintOrder]


def control_body_dashboard(*, region: Region, now: dt.datetime) -> ControlBodyDashboard:
    """Complaints awaiting a decision (due first) and orders awaiting execution."""
    open_complaints = list(
        _with_relations(Complaint.objects.filter(region=region, status__in=OPEN_STATUSES)).order_by(
            "review_due_at", "pk"
        )
    )
    orders = list(
        ComplaintOrder.objects.filter(complaint__region=region, status=OrderStatus.ISSUED)
        .select_related("complaint", "customer")
        .order_by("due_at", "pk")
    )
    return ControlBodyDashboard(
        due=[c for c in open_complaints if not complaint_review_overdue(complaint=c, now=now)],
        overdue=[c for c in open_complaints if complaint_review_overdue(complaint=c, now=now)],
        open_orders=[o for o in orders if not order_overdue(order=o, now=now)],
        overdue_orders=[o for o in orders if order_overdue(order=o, now=now)],
    )


def complaint_k9_counts(
    *,
    customer_ids: Iterable[int] | None = None,
    region: Region | None = None,
    date_from: dt.date,
    date_to: dt.date,
) -> dict[int, int]:
    """К9: complaints decided justified or partly justified against each customer, by the decision's
    date in the customer's region, `date_from`..`date_to` inclusive.

    A customer is in the result (possibly with 0) only when the platform saw its complaints for the
    whole period: its region had joined by `date_from` and has a control body reviewing complaints
    here. A customer missing from the result has no data (not «zero complaints»), and so does any id
    that is not a customer."""
    if date_to < date_from:
        raise ValidationFailed({"date_to": "Конец периода раньше начала"})
    covered_regions = Region.objects.filter(
        joined_on__lte=date_from,
        organizations__kind=OrganizationKind.CONTROL_BODY,
        organizations__status=OrganizationStatus.CONFIRMED,
    )
    customers = Organization.objects.filter(kind=OrganizationKind.CUSTOMER, region__in=covered_regions)
    if customer_ids is not None:
        customers = customers.filter(pk__in=list(customer_ids))
    if region is not None:
        customers = customers.filter(region=region)
    result = dict.fromkeys(customers.values_list("pk", flat=True).distinct(), 0)
    if not result:
        return result
    # a day's margin either side in UTC, then the exact local date per region
    start = dt.datetime.combine(date_from - dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
    end = dt.datetime.combine(date_to + dt.timedelta(days=2), dt.time.min, tzinfo=dt.UTC)
    decided = Complaint.objects.filter(
        status=ComplaintStatus.DECIDED,
        decision__in=K9_DECISIONS,
        customer__in=customers,  # a subquery: a national rating has tens of thousands of customers
        decided_at__gte=start,
        decided_at__lt=end,
    ).values_list("customer_id", "decided_at", "region__timezone")
    zones: dict[str, ZoneInfo] = {}
    for customer_id, decided_at, zone in decided:
        day = cast(dt.datetime, decided_at).astimezone(zones.setdefault(zone, ZoneInfo(zone))).date()
        if _day_within(day, date_from, date_to):
            result[customer_id] += 1
    return result
