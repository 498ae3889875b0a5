"""One small region-72 world for 2025 whose every figure is computed by hand in the tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from zakupki.accounts.models import Organization, Region
from zakupki.analytics.formulas.base import Period
from zakupki.analytics.tests import builders as b
from zakupki.contracts.enums import ContractStatus
from zakupki.contracts.models import Contract
from zakupki.contracts.tests.factories import user
from zakupki.oversight.enums import Decision
from zakupki.procedures.enums import SessionStatus

AS_OF = dt.datetime(2026, 1, 15, 9, tzinfo=dt.UTC)
YEAR_2025 = Period.year(2025, as_of=AS_OF)


@dataclass
class World:
    region: Region
    school: Organization  # A: the busy customer
    clinic: Organization  # B: one contract, no sessions
    idle: Organization  # C: bought nothing
    c1: Contract
    c2: Contract
    c3: Contract


@pytest.fixture
def world(db: None) -> World:
    region = b.tyumen()
    school = b.buyer(region, "ГАОУ ТО «Школа № 1»")
    clinic = b.buyer(region, "ГБУЗ ТО «Поликлиника № 2»")
    idle = b.buyer(region, "ГАУ ТО «Архив»")
    c1 = b.contract(school, price="900.00", nmck="1000.00", concluded_at=b.local(2025, 3, 10), smp=True)
    c2 = b.contract(
        school,
        price="2400.00",
        nmck="3000.00",
        concluded_at=b.local(2025, 4, 1),
        status=ContractStatus.TERMINATED,
    )
    c3 = b.contract(school, price="500.00", nmck=None, concluded_at=b.local(2025, 2, 1), smp=True)
    b.stage(c3, due=dt.date(2025, 4, 1))  # never delivered: late as of AS_OF
    b.contract(school, price="700.00", nmck="800.00", concluded_at=b.local(2024, 12, 31, 23))  # 2024 locally
    b.contract(
        school, price="100.00", nmck="100.00", concluded_at=b.local(2025, 5, 1), status=ContractStatus.DRAFT
    )
    b.eis_contract(
        school,
        reg_num="2720000000125000001",
        price="1900.00",
        nmck="2000.00",
        signed=dt.date(2025, 5, 5),
        smp=True,
    )
    # 00:30 on 1 January 2025 in Tyumen is still 2024 in UTC: the region's calendar decides.
    b.contract(
        clinic, price="100.00", nmck="100.00", concluded_at=dt.datetime(2024, 12, 31, 19, 30, tzinfo=dt.UTC)
    )

    b.session(school, status=SessionStatus.CONTRACT_CONCLUDED, participants=3, closed_at=b.local(2025, 2, 1))
    b.session(school, status=SessionStatus.FINISHED, participants=1, closed_at=b.local(2025, 3, 1))
    b.session(school, status=SessionStatus.FAILED, participants=0, closed_at=b.local(2025, 4, 1))
    b.session(school, status=SessionStatus.CANCELLED, participants=0, closed_at=b.local(2025, 4, 2))
    b.session(school, status=SessionStatus.FINISHED, participants=5, closed_at=b.local(2024, 6, 1))

    reviewer = b.control_body(region)
    lawyer = user()
    b.complaint(school, reviewer, decision=Decision.JUSTIFIED, decided_at=b.local(2025, 6, 1), by=lawyer)
    b.complaint(school, reviewer, decision=Decision.UNFOUNDED, decided_at=b.local(2025, 7, 1), by=lawyer)
    b.complaint(
        school, reviewer, decision=Decision.PARTLY_JUSTIFIED, decided_at=b.local(2024, 12, 31), by=lawyer
    )
    return World(region, school, clinic, idle, c1, c2, c3)
