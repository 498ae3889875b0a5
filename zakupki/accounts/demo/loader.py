"""Loads a demo plan through the accounts services, so the audit journal records a real history:
regions connected by the platform admin, control bodies set up by regional admins, organizations
registering themselves and being confirmed."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from zakupki.accounts.demo.hashing import fast_demo_hashing
from zakupki.accounts.demo.plan import DEMO_PASSWORD, DemoPlan, OrgPlan, PersonPlan, RegionPlan
from zakupki.accounts.enums import UserRole
from zakupki.accounts.models import Organization, Region, User
from zakupki.accounts.services.confirmation import confirmation_deadline, organization_confirm
from zakupki.accounts.services.regions import region_create
from zakupki.accounts.services.registration import (
    OrganizationData,
    PersonData,
    citizen_register,
    organization_register,
)
from zakupki.accounts.services.staff import control_body_create, staff_user_create
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record

# How long ago the overdue customer "registered": longer than any confirmation deadline in working days.
OVERDUE_REGISTERED_AGO = dt.timedelta(days=30)


def _person(plan: PersonPlan) -> PersonData:
    return PersonData(
        username=plan.username, password=DEMO_PASSWORD, full_name=plan.full_name, email=plan.email
    )


def _platform_admin(plan: PersonPlan) -> User:
    # There is no service for the first superuser (like `createsuperuser`, it bootstraps the platform);
    # we still journal it, so every demo account has its registration event.
    user = User.objects.create_superuser(
        username=plan.username,
        email=plan.email,
        password=DEMO_PASSWORD,
        full_name=plan.full_name,
        role=UserRole.PLATFORM_ADMIN,
    )
    audit_record(
        actor=None,
        event=EventType.USER_REGISTERED,
        obj=user,
        details={"role": UserRole.PLATFORM_ADMIN.value, "region": None},
    )
    return user


def _register(org: OrgPlan, region: Region) -> Organization:
    data = OrganizationData(
        kind=org.kind,
        inn=org.inn,
        kpp=org.kpp,
        ogrn=org.ogrn,
        name=org.name,
        short_name=org.short_name,
        region_code=region.code,
        is_smp=org.is_smp,
        is_sonko=org.is_sonko,
        email=org.person.email,
        phone=org.phone,
    )
    return organization_register(data=data, person=_person(org.person))


def _make_overdue(organization: Organization, region: Region) -> None:
    """Registration stamps the deadline from now; the demo needs one already missed, as if the
    customer had registered a month ago. A demo-only rewrite of the two deadline fields; the overdue
    event itself is left to the worker, which records it on its first pass."""
    start = timezone.now() - OVERDUE_REGISTERED_AGO
    due = confirmation_deadline(region=region, start=start)
    Organization.objects.filter(pk=organization.pk).update(
        status_changed_at=start, confirmation_due_at=due, next_check_at=due
    )


def _load_region(plan: RegionPlan, *, admin: User) -> None:
    region = region_create(
        code=plan.code,
        name=plan.name,
        timezone=plan.timezone,
        joined_on=plan.joined_on,
        actor=admin,
        authority_name=plan.authority_name,
    )
    region_admin = staff_user_create(
        person=_person(plan.admin), role=UserRole.REGIONAL_ADMIN, actor=admin, region=region
    )
    cb = plan.control_body
    control_body = control_body_create(
        region=region,
        name=cb.name,
        short_name=cb.short_name,
        inn=cb.inn,
        kpp=cb.kpp,
        ogrn=cb.ogrn,
        actor=region_admin,
    )
    staff_user_create(
        person=_person(cb.person), role=UserRole.CONTROL_BODY, actor=region_admin, organization=control_body
    )
    for customer in plan.customers:
        organization = _register(customer, region)
        if not customer.pending:
            organization_confirm(organization=organization, actor=region_admin)
        elif customer.overdue:
            _make_overdue(organization, region)
    for supplier in plan.suppliers:
        _register(supplier, region)


def load_plan(plan: DemoPlan) -> None:
    """All or nothing: a failure leaves the database as it was, so the command can simply be rerun."""
    with fast_demo_hashing(), transaction.atomic():
        admin = _platform_admin(plan.admin)
        for region in plan.regions:
            _load_region(region, admin=admin)
        citizen_register(person=_person(plan.citizen), region_code=plan.citizen_region)
        region_admin = User.objects.get(role=UserRole.REGIONAL_ADMIN, region__code=plan.citizen_region)
        staff_user_create(
            person=_person(plan.moderator),
            role=UserRole.MODERATOR,
            actor=region_admin,
            region=Region.objects.get(code=plan.citizen_region),
        )
