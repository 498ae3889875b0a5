import datetime as dt
import itertools

import pytest

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus
from zakupki.accounts.identifiers import make_inn, make_ogrn
from zakupki.accounts.models import Organization, Region

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
_serial = itertools.count(1)


@pytest.fixture
def region(db):
    return Region.objects.create(
        code="77", name="Москва", timezone="Europe/Moscow", joined_on=dt.date(2026, 1, 15)
    )


def make_customer(
    region: Region,
    *,
    due_at: dt.datetime,
    status: OrganizationStatus = OrganizationStatus.PENDING,
    idle: bool = False,
) -> Organization:
    """A customer row written directly: the worker tests need exact due times, not registration."""
    n = next(_serial)
    return Organization.objects.create(
        kind=OrganizationKind.CUSTOMER,
        status=status,
        name=f"ГБОУ Школа № {1000 + n}",
        inn=make_inn(f"7701{n:05d}"),
        kpp="770101001",
        ogrn=make_ogrn(f"102770101{n:03d}"),
        region=region,
        confirmation_due_at=due_at,
        next_check_at=None if idle else due_at,
    )
