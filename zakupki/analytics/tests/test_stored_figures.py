"""Stored customer figures (ADR 0010): the triggers that mark a customer changed, which stored bundles a run
may read, the worker that stores them again, and that a run over stored bundles gives the live figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from zakupki.analytics.bulk import bulk_values, stored
from zakupki.analytics.bulk.figures import FORMAT, CustomerFigures
from zakupki.analytics.bulk.stored import customer_figures_store, stored_figures
from zakupki.analytics.formulas import FORMULAS
from zakupki.analytics.formulas.base import Period
from zakupki.analytics.models import CustomerChange, CustomerYearFigures
from zakupki.analytics.tests import builders as b
from zakupki.analytics.tests import sgoz_givens as g
from zakupki.analytics.tests.conftest import AS_OF, YEAR_2025, World
from zakupki.contracts.enums import ContractStatus
from zakupki.contracts.models import Contract, ContractPaymentPlan
from zakupki.worker.registry import discover_time_events
from zakupki.worker.runner import run_pass

D = Decimal


def version(customer_id: int) -> int:
    found = CustomerChange.objects.filter(customer_id=customer_id).values_list("version", flat=True).first()
    return found or 0


def customers(world: World) -> list[int]:
    return [world.school.pk, world.clinic.pk, world.idle.pk]


@pytest.fixture
def dated(world: World) -> None:
    """The world with its terminated contract dated, as the termination service dates every one (the
    fixture's has no date; then its end is the run's `as_of`, and no bundle of its customer is reused)."""
    Contract.objects.filter(pk=world.c2.pk).update(terminated_at=AS_OF - dt.timedelta(days=1))


def test_every_watched_write_bumps_the_customers_version_and_makes_it_due(world: World) -> None:
    school = world.school.pk
    start = version(school)

    contract = g.planned(
        world.school, price="100.00", concluded_at=b.local(2025, 6, 1), plan={2025: "100.00"}
    )
    after_insert = version(school)
    Contract.objects.filter(pk=contract.pk).update(price=D("90.00"))
    after_price = version(school)
    Contract.objects.filter(pk=contract.pk).update(next_check_at=AS_OF, termination_reason="причина")
    after_unwatched = version(school)
    ContractPaymentPlan.objects.filter(contract=contract).update(amount=D("90.00"))
    after_plan = version(school)
    g.subcontract(contract, amount="10.00", on=dt.date(2025, 7, 1), smp=True)
    after_subcontract = version(school)
    b.stage(contract, due=dt.date(2025, 8, 1))
    after_stage = version(school)

    assert after_insert == start + 2  # the contract and its plan row
    assert after_price == after_insert + 1
    assert after_unwatched == after_price
    assert after_plan == after_unwatched + 1
    assert after_subcontract == after_plan + 1
    assert after_stage == after_subcontract  # stages feed only «late», which is never stored
    assert CustomerChange.objects.get(customer_id=school).next_check_at is not None
    assert version(world.idle.pk) == 0


def test_a_payment_bumps_the_customer_of_its_contract(world: World) -> None:
    contract = g.planned(
        world.clinic,
        price="100.00",
        concluded_at=b.local(2025, 6, 1),
        plan={2025: "100.00"},
        status=ContractStatus.TERMINATED,
    )
    before = version(world.clinic.pk)

    g.paid(contract, amount="40.00", on=dt.date(2025, 9, 1))

    assert version(world.clinic.pk) == before + 1


def test_moving_a_contract_to_another_customer_bumps_both(world: World) -> None:
    school, clinic = version(world.school.pk), version(world.clinic.pk)

    Contract.objects.filter(pk=world.c1.pk).update(customer=world.clinic)

    assert (version(world.school.pk), version(world.clinic.pk)) == (school + 1, clinic + 1)


def test_deleting_a_contract_with_its_plan_bumps_its_customer(world: World) -> None:
    contract = g.planned(world.idle, price="100.00", concluded_at=b.local(2025, 6, 1), plan={2025: "100.00"})
    before = version(world.idle.pk)

    contract.delete()

    assert version(world.idle.pk) == before + 2  # the plan row, then the contract


def test_stored_bundles_are_read_back_while_valid(world: World, dated: None) -> None:
    stored = customer_figures_store(regions=[world.region], year=2025, as_of=AS_OF)

    found = stored_figures(customers(world), YEAR_2025)

    assert stored == 3
    assert set(found) == set(customers(world))
    assert found[world.idle.pk] == CustomerFigures()
    school = found[world.school.pk].totals
    assert school is not None
    assert (school.count, school.price, school.priced_saved, school.terminated) == (
        3,
        D("3800.00"),
        D("700.00"),
        1,
    )
    assert school.late == 0  # never stored: it moves with the calendar


def test_a_bundle_is_read_only_for_its_whole_year(world: World, dated: None) -> None:
    customer_figures_store(regions=[world.region], year=2025, as_of=AS_OF)
    half = Period(dt.date(2025, 1, 1), dt.date(2025, 6, 30), AS_OF)

    assert stored_figures(customers(world), half) == {}
    assert stored_figures(customers(world), Period.year(2024, as_of=AS_OF)) == {}


def test_a_write_after_storing_makes_the_customers_bundle_unused(world: World, dated: None) -> None:
    customer_figures_store(regions=[world.region], year=2025, as_of=AS_OF)

    Contract.objects.filter(pk=world.c1.pk).update(price=D("800.00"))

    assert set(stored_figures(customers(world), YEAR_2025)) == {world.clinic.pk, world.idle.pk}


def test_a_bundle_of_another_format_or_time_zone_is_unused(world: World, dated: None) -> None:
    customer_figures_store(regions=[world.region], year=2025, as_of=AS_OF)
    CustomerYearFigures.objects.filter(customer=world.school).update(format=FORMAT + 1)
    CustomerYearFigures.objects.filter(customer=world.clinic).update(timezone="Europe/Moscow")

    assert set(stored_figures(customers(world), YEAR_2025)) == {world.idle.pk}


def test_a_bundle_counts_only_between_the_pending_terminations_around_it(world: World, dated: None) -> None:
    earlier, later = AS_OF - dt.timedelta(days=2), AS_OF + dt.timedelta(days=3)
    for contract, effective in ((world.c1, earlier), (world.c3, later)):
        Contract.objects.filter(pk=contract.pk).update(
            status=ContractStatus.TERMINATION_PENDING, termination_effective_at=effective
        )
    customer_figures_store(regions=[world.region], year=2025, as_of=AS_OF)

    def valid_at(moment: dt.datetime) -> bool:
        return world.school.pk in stored_figures(customers(world), Period.year(2025, as_of=moment))

    assert [valid_at(m) for m in (earlier - dt.timedelta(seconds=1), earlier, AS_OF, later)] == [
        False,
        True,
        True,
        False,
    ]
    assert valid_at(later - dt.timedelta(microseconds=1))
    assert world.clinic.pk in stored_figures(customers(world), Period.year(2025, as_of=later))


def test_a_terminated_contract_without_any_date_makes_its_customers_bundle_single_use(world: World) -> None:
    # its end date is the run's as_of (passes.ended_on), so no other instant may reuse the bundle
    assert Contract.objects.filter(pk=world.c2.pk, terminated_at=None, termination_effective_at=None).exists()
    customer_figures_store(regions=[world.region], year=2025, as_of=AS_OF)

    assert world.school.pk not in stored_figures(customers(world), YEAR_2025)
    assert world.clinic.pk in stored_figures(customers(world), YEAR_2025)


@pytest.mark.parametrize("stored_first", [True, False])
def test_a_run_over_stored_bundles_gives_the_live_figures(
    world: World, dated: None, stored_first: bool
) -> None:
    g.planned(world.school, price="300.00", concluded_at=b.local(2025, 7, 1), plan={2025: "300.00"})
    g.subcontract(world.c1, amount="50.00", on=dt.date(2025, 8, 1), smp=True)
    everyone = [world.school, world.clinic, world.idle]
    customer_figures_store(regions=[world.region], year=2025, as_of=AS_OF)
    if not stored_first:  # the school changed since: computed live for it alone, the others read
        Contract.objects.filter(pk=world.c1.pk).update(price=D("850.00"))

    from_store = bulk_values(FORMULAS, everyone, regions=[world.region], period=YEAR_2025)
    CustomerYearFigures.objects.all().delete()
    live = bulk_values(FORMULAS, everyone, regions=[world.region], period=YEAR_2025)

    assert from_store == live


def test_the_worker_stores_a_changed_customers_figures_again(world: World, dated: None) -> None:
    customer_figures_store(regions=[world.region], year=2025, as_of=AS_OF)
    events = [e for e in discover_time_events() if e.name == "analytics.customer_changed"]
    now = timezone.now()
    building = run_pass(events=events, now=now + dt.timedelta(minutes=1))  # the world's own writes
    Contract.objects.filter(pk=world.c1.pk).update(price=D("800.00"))
    assert world.school.pk not in stored_figures(customers(world), YEAR_2025)

    first = run_pass(events=events, now=now + dt.timedelta(minutes=2))
    second = run_pass(events=events, now=now + dt.timedelta(minutes=3))

    assert (building.handled, first.handled, second.handled) == (2, 1, 0)
    assert world.school.pk in stored_figures(customers(world), YEAR_2025)
    school = stored_figures(customers(world), YEAR_2025)[world.school.pk].totals
    assert school is not None
    assert school.price == D("3700.00")
    # the current year of the region is stored too, so today's dashboards read it
    this_year = now.astimezone(ZoneInfo(world.region.timezone)).year
    years = CustomerYearFigures.objects.filter(customer=world.school).values_list("year", flat=True)
    assert set(years) == {2025, this_year}
    assert CustomerChange.objects.get(customer=world.school).next_check_at is None


def test_the_command_stores_a_year_and_refuses_bad_input(
    world: World, dated: None, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("figures_store", "--year", "2025")
    assert CustomerYearFigures.objects.filter(year=2025).count() == 3
    assert "заказчиков — 3" in capsys.readouterr().out

    for args, message in (
        (["--year", "2025", "--region", "99"], "Неизвестный регион «99»"),
        (["--year", "1900"], "Год 1900 вне допустимого диапазона"),
    ):
        with pytest.raises(SystemExit) as exit_info:
            call_command("figures_store", *args)
        assert exit_info.value.code == 2
        assert message in capsys.readouterr().err


def test_many_customers_are_read_in_batches_an_in_list_can_hold(
    world: World, dated: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    customer_figures_store(regions=[world.region], year=2025, as_of=AS_OF)
    monkeypatch.setattr(stored, "id_batch", lambda: 2)

    assert set(stored_figures(customers(world), YEAR_2025)) == set(customers(world))


@pytest.mark.parametrize("customers_first", [True, False])
def test_tables_emptied_one_by_one_in_any_order_leave_no_change_rows(
    world: World, customers_first: bool
) -> None:
    # SQLite's flush (between transactional tests) deletes table by table in no fixed order, and a contract
    # deleted while its customer still exists marks the customer changed; the customer's deletion, or its
    # absence, must leave nothing that points at a deleted organization
    order = ["accounts_organization", "contracts_contract"]
    if not customers_first:
        order.reverse()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM analytics_customerchange")
        for table in order:
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - the two names above
        cursor.execute("SELECT count(*) FROM analytics_customerchange")
        left = cursor.fetchone()
        transaction.set_rollback(True)  # the other tables still point at the deleted rows

    assert left == (0,)
