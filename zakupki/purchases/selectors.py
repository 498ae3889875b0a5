"""Reads of the purchases app. Who sees what:

- needs: everyone sees non-draft needs; drafts only the customer's own staff;
- proposals: a supplier sees its own; the customer sees all active proposals once the proposal window is
  over (sealed until then, so the customer cannot hint prices to one supplier); nobody else sees them;
- direct purchases: the customer's and the supplier's staff.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from zakupki.accounts.models import Organization, Region, User
from zakupki.accounts.roles import is_member_of, is_regional_admin_of
from zakupki.contracts.enums import PurchaseBasis
from zakupki.contracts.ledger import SmallPurchaseLimits, small_purchase_limits
from zakupki.core.errors import NotFound, PermissionDenied
from zakupki.core.timeutil import local_date
from zakupki.purchases.enums import NeedStatus, ProposalStatus
from zakupki.purchases.models import DirectPurchase, Need, NeedProposal
from zakupki.purchases.services.needs import proposals_closed

LIMIT_BASES = (PurchaseBasis.P4, PurchaseBasis.P5)


def customer_limits(*, customer: Organization, at: dt.datetime | None = None) -> list[SmallPurchaseLimits]:
    """The customer's caps, spent and remaining for this year, п.4 and п.5."""
    on = local_date(at or timezone.now(), customer.region.timezone)
    return [small_purchase_limits(customer=customer, basis=basis, on=on) for basis in LIMIT_BASES]


def need_effective_status(need: Need, at: dt.datetime | None = None) -> NeedStatus:
    """The status as the clock has it: a published need past its deadline is closed for proposals even if
    the worker has not recorded that yet."""
    if proposals_closed(need, at or timezone.now()) and need.status == NeedStatus.PUBLISHED:
        return NeedStatus.CLOSED
    return NeedStatus(need.status)


def _with_counts(qs: QuerySet[Need]) -> QuerySet[Need]:
    return qs.select_related("customer", "customer__region").annotate(
        proposals_count=Count("proposals", filter=Q(proposals__status=ProposalStatus.ACTIVE))
    )


def needs_public_list(*, region: Region | None = None, status: NeedStatus | None = None) -> QuerySet[Need]:
    qs = Need.objects.exclude(status=NeedStatus.DRAFT)
    if region is not None:
        qs = qs.filter(customer__region=region)
    if status == NeedStatus.PUBLISHED:
        qs = qs.filter(status=NeedStatus.PUBLISHED, deadline__gt=timezone.now())
    elif status == NeedStatus.CLOSED:
        qs = qs.filter(
            Q(status=NeedStatus.CLOSED) | Q(status=NeedStatus.PUBLISHED, deadline__lte=timezone.now())
        )
    elif status is not None:
        qs = qs.filter(status=status)
    return _with_counts(qs).order_by("-published_at", "-pk")


def needs_of_customer(*, customer: Organization) -> QuerySet[Need]:
    return _with_counts(Need.objects.filter(customer=customer)).order_by("-created_at", "-pk")


def need_get(*, need_id: int, viewer: Any = None) -> Need:
    need = Need.objects.select_related("customer", "customer__region").filter(pk=need_id).first()
    if need is None or (need.status == NeedStatus.DRAFT and not is_member_of(viewer, need.customer)):
        raise NotFound("Потребность не найдена")
    return need


def can_see_all_proposals(viewer: Any, need: Need, at: dt.datetime | None = None) -> bool:
    return is_member_of(viewer, need.customer) and (
        need.status in (NeedStatus.CLOSED, NeedStatus.AWARDED, NeedStatus.CONVERTED, NeedStatus.CANCELLED)
        or proposals_closed(need, at or timezone.now())
    )


def need_proposals_visible(*, need: Need, viewer: Any) -> QuerySet[NeedProposal]:
    """Active proposals the viewer may see (see the module docstring); cheapest first."""
    qs = NeedProposal.objects.filter(need=need, status=ProposalStatus.ACTIVE).select_related(
        "supplier", "attachment"
    )
    if can_see_all_proposals(viewer, need):
        return qs.order_by("price", "submitted_at", "pk")
    if isinstance(viewer, User) and viewer.organization_id is not None:
        return qs.filter(supplier_id=viewer.organization_id).order_by("pk")
    return qs.none()


def need_proposal_get(*, need: Need, proposal_id: int) -> NeedProposal:
    proposal = NeedProposal.objects.select_related("supplier").filter(pk=proposal_id, need=need).first()
    if proposal is None:
        raise NotFound("Предложение не найдено")
    return proposal


def direct_purchases_of(*, organization: Organization) -> QuerySet[DirectPurchase]:
    return (
        DirectPurchase.objects.filter(Q(customer=organization) | Q(supplier=organization))
        .select_related("customer", "supplier", "contract")
        .order_by("-created_at", "-pk")
    )


def direct_purchase_get(*, purchase_id: int, viewer: Any) -> DirectPurchase:
    purchase = (
        DirectPurchase.objects.select_related("customer", "customer__region", "supplier", "contract", "offer")
        .filter(pk=purchase_id)
        .first()
    )
    if purchase is None:
        raise NotFound("Закупка не найдена")
    if not (
        is_member_of(viewer, purchase.customer)
        or is_member_of(viewer, purchase.supplier)
        or is_regional_admin_of(viewer, purchase.customer.region)
    ):
        raise PermissionDenied("Закупку видят заказчик, поставщик и администратор региона")
    return purchase
