"""Reads for analytics over imported EIS data: a hand-written contract plus reports about it."""

import io
from decimal import Decimal

import pytest

from zakupki.interop.eis.sources import collect_sources
from zakupki.interop.selectors import ExecutionTotals, eis_contracts, eis_execution_totals
from zakupki.interop.services.eis_import import eis_import
from zakupki.interop.tests.builders import CONTRACT_XML, acceptance, payment, procedure, write

pytestmark = pytest.mark.django_db

REG_NUM = "2790100900118000001"  # the fixture contract: price 416720.00, НМЦК 655200.00, ends 2018-03-31
PENALTY = (
    "<penalties><penaltyAccrual><contractParty>S</contractParty><penaltyType>I</penaltyType>"
    "<accrualAmount>1234.56</accrualAmount></penaltyAccrual></penalties>"
)


def _import(*paths):
    return eis_import(sources=collect_sources(list(paths)))


def test_contract_annotations_for_savings_smp_lateness_payments_and_penalties(tmp_path):
    reports = write(
        tmp_path / "reports.xml",
        procedure(
            reg_num=REG_NUM,
            ordinal=1,
            eis_id="1",
            executions=acceptance(number="А-1", date="2018-03-30")
            + payment(number="11", date="2018-04-05", paid="312000.00"),
        ),
        procedure(
            reg_num=REG_NUM,
            ordinal=2,
            eis_id="2",
            executions=acceptance(number="А-2", date="2018-04-02")
            + payment(number="12", date="2018-04-10", paid="104720.00"),
            extra=PENALTY,
        ),
    )
    _import(CONTRACT_XML, reports)

    [contract] = eis_contracts(region_code="79", year=2018)

    assert contract.reg_num == REG_NUM
    assert contract.savings == Decimal("238480.00")
    assert contract.supplier_is_smp is True
    # Acceptance «А-2» is dated 2018-04-02, after executionPeriod/endDate 2018-03-31.
    assert contract.executed_late is True
    assert contract.terminated is False
    assert contract.paid_amount == Decimal("416720.00")
    assert contract.penalties_amount == Decimal("1234.56")
    assert list(eis_contracts(region_code="79", year=2017)) == []
    assert list(eis_contracts(region_code="25")) == []


def test_contract_without_reports_has_zero_sums_and_no_flags(tmp_path):
    _import(CONTRACT_XML)

    [contract] = eis_contracts()

    assert (contract.executed_late, contract.terminated) == (False, False)
    assert (contract.paid_amount, contract.penalties_amount) == (Decimal("0.00"), Decimal("0.00"))


def test_execution_totals_per_registry_number(tmp_path):
    path = write(
        tmp_path / "r.xml",
        procedure(
            reg_num="2790000000018000001",
            ordinal=1,
            eis_id="1",
            executions=payment(number="1", date="2018-01-10", paid="10.00")
            + payment(number="2", date="2018-01-11", paid="5.50")
            + acceptance(number="А", date="2018-01-09"),
        ),
        procedure(
            reg_num="2790000000018000002",
            ordinal=None,
            eis_id="2",
            extra="<termination><terminationDate>2018-01-22</terminationDate><reason><code>1</code></reason>"
            "</termination>" + PENALTY,
        ),
    )
    _import(path)

    assert eis_execution_totals() == [
        ExecutionTotals("2790000000018000001", 1, 2, Decimal("15.50"), 1, False, False, Decimal("0.00")),
        ExecutionTotals("2790000000018000002", 0, 0, Decimal("0.00"), 0, False, True, Decimal("1234.56")),
    ]
    assert eis_execution_totals(region_code="25") == []


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_only_on_a_terminal(tmp_path):
    from django.core.management import call_command

    write(tmp_path / "a.xml", procedure(reg_num="2790000000018000001"))
    write(tmp_path / "b.xml", procedure(reg_num="2790000000018000002"))
    err = _Terminal()

    call_command("import_eis", str(tmp_path), stdout=io.StringIO(), stderr=err)

    assert err.getvalue() == (
        "\rИмпорт ЕИС: файл 1 из 2 (50%), документов: 1\rИмпорт ЕИС: файл 2 из 2 (100%), документов: 2\n"
    )
