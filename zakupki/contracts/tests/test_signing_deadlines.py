"""Per-side signing deadlines of a draft contract: computed at read time, journalled once by the worker."""

import datetime as dt

import pytest

from zakupki.contracts.deadlines import CONTRACT_DUE
from zakupki.contracts.models import Contract, ContractSigningOverdue
from zakupki.contracts.services import contract_sign_customer, contract_sign_supplier
from zakupki.contracts.signing_deadlines import (
    contract_signing_due,
    signing_due_for_organization,
    signing_due_in_region,
)
from zakupki.contracts.tests import factories as f
from zakupki.contracts.tests.terms_givens import Parties, draft
from zakupki.documents.models import AuditEvent
from zakupki.rules.services import rule_override_set
from zakupki.worker.registry import TimeEvent, check_event
from zakupki.worker.runner import run_pass

pytestmark = pytest.mark.django_db
UTC = dt.UTC
# Monday 23.11.2026, 10:00 in Moscow
CREATED = dt.datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
EVENT = check_event(TimeEvent(*CONTRACT_DUE))


def overdue_events(contract: Contract) -> list[dict[str, object]]:
    return list(
        AuditEvent.objects.filter(
            event="contract.signing_overdue", object_type="contracts.contract", object_id=str(contract.pk)
        )
        .order_by("seq")
        .values_list("details", flat=True)
    )


def test_supplier_has_five_working_days_from_the_draft_and_customer_two_from_the_supplier():
    parties = Parties()
    contract = draft(parties)
    Contract.objects.filter(pk=contract.pk).update(created_at=CREATED)
    contract.refresh_from_db()
    # then: 5 working days after Mon 23.11 is Mon 30.11, to the end of that day in Moscow
    due = contract_signing_due(contract=contract, now=CREATED)
    assert due is not None
    assert (due.side, due.side_label, due.due_at, due.overdue) == (
        "supplier",
        "поставщик",
        dt.datetime(2026, 11, 30, 20, 59, 59, 999999, tzinfo=UTC),
        False,
    )
    late = contract_signing_due(contract=contract, now=dt.datetime(2026, 11, 30, 21, 0, tzinfo=UTC))
    assert late is not None
    assert late.overdue is True
    # when the supplier has signed (Friday 27.11, 12:00 Moscow)
    contract_sign_supplier(contract=contract, user=parties.seller)
    Contract.objects.filter(pk=contract.pk).update(
        supplier_signed_at=dt.datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    )
    contract.refresh_from_db()
    # then: 2 working days after Fri 27.11 is Tue 01.12
    customer_due = contract_signing_due(contract=contract, now=CREATED)
    assert customer_due is not None
    assert (customer_due.side, customer_due.due_at) == (
        "customer",
        dt.datetime(2026, 12, 1, 20, 59, 59, 999999, tzinfo=UTC),
    )
    contract_sign_customer(contract=contract, user=parties.buyer)
    contract.refresh_from_db()
    assert contract_signing_due(contract=contract, now=CREATED) is None
    assert contract.next_check_at is None


def test_the_supplier_term_is_counted_in_the_supplier_time_zone_and_the_region_may_override_it():
    parties = Parties()
    far = f.region("25", tz="Asia/Vladivostok", name="Приморский край")
    parties.supplier.region = far
    parties.supplier.save(update_fields=["region"])
    moscow = parties.customer.region
    rule_override_set(
        region=moscow,
        key="contract.signing.supplier_working_days",
        value=3,
        effective_from=dt.date(2026, 1, 1),
        reason="Регламент портала региона",
        actor=f.regional_admin(moscow),
    )
    contract = draft(parties)
    Contract.objects.filter(pk=contract.pk).update(created_at=CREATED)
    contract.refresh_from_db()
    due = contract_signing_due(contract=contract, now=CREATED)
    # 3 working days after 23.11 is Thu 26.11, end of day in Vladivostok (UTC+10)
    assert due is not None
    assert due.due_at == dt.datetime(2026, 11, 26, 13, 59, 59, 999999, tzinfo=UTC)


def test_worker_records_a_missed_signing_deadline_once_per_side():
    parties = Parties()
    contract = draft(parties)
    contract.refresh_from_db()
    due = contract_signing_due(contract=contract, now=contract.created_at)
    assert due is not None
    assert contract.next_check_at == due.due_at
    # before the deadline: nothing
    run_pass(now=due.due_at - dt.timedelta(seconds=1), events=[EVENT])
    assert overdue_events(contract) == []
    # after it: one event, however often the worker runs
    run_pass(now=due.due_at + dt.timedelta(seconds=1), events=[EVENT])
    run_pass(now=due.due_at + dt.timedelta(days=3), events=[EVENT])
    contract.refresh_from_db()
    assert contract.next_check_at is None
    assert [e["side"] for e in overdue_events(contract)] == ["supplier"]
    # the supplier signs late: the customer's term starts and is watched the same way
    contract_sign_supplier(contract=contract, user=parties.seller)
    contract.refresh_from_db()
    customer_due = contract_signing_due(contract=contract, now=contract.created_at)
    assert customer_due is not None
    assert contract.next_check_at == customer_due.due_at
    run_pass(now=customer_due.due_at + dt.timedelta(seconds=1), events=[EVENT])
    run_pass(now=customer_due.due_at + dt.timedelta(seconds=2), events=[EVENT])
    assert [e["side"] for e in overdue_events(contract)] == ["supplier", "customer"]
    assert list(
        ContractSigningOverdue.objects.filter(contract=contract).order_by("pk").values_list("side", flat=True)
    ) == [
        "supplier",
        "customer",
    ]


def test_dashboards_list_contracts_waiting_for_a_signature_with_overdue_ones_marked():
    parties = Parties()
    late = draft(parties)
    Contract.objects.filter(pk=late.pk).update(created_at=CREATED)
    fresh = draft(parties)
    Contract.objects.filter(pk=fresh.pk).update(created_at=CREATED + dt.timedelta(days=3))
    now = dt.datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    rows = signing_due_for_organization(organization=parties.supplier, now=now)
    assert [(r.contract.pk, r.side, r.overdue) for r in rows] == [
        (late.pk, "supplier", True),
        (fresh.pk, "supplier", False),
    ]
    region_rows = signing_due_in_region(region=parties.customer.region, now=now)
    assert [(r.contract.pk, r.overdue) for r in region_rows] == [(late.pk, True), (fresh.pk, False)]
    assert signing_due_for_organization(organization=f.supplier(), now=now) == []
