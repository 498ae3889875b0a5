"""The region's contract-execution dashboard: late and terminated shares per customer, the total, the trend."""

import datetime as dt
import itertools
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from zakupki.accounts.models import Organization, Region, User
from zakupki.contracts.enums import AcceptanceStatus, ContractStatus, PurchaseBasis, SourceKind, StageStatus
from zakupki.contracts.models import AcceptanceDocument, Contract, Stage
from zakupki.contracts.tests import factories as f
from zakupki.core.timeutil import MONTHS_RU
from zakupki.web.tests.factories import platform_admin

pytestmark = pytest.mark.django_db
NB = "\u00a0"
MSK = ZoneInfo("Europe/Moscow")
URL = "/region/contracts/"
_n = itertools.count(1)


def today() -> dt.date:
    return timezone.now().astimezone(MSK).date()


def month_start(back: int) -> dt.date:
    day = today()
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


def concluded_on(back: int) -> dt.datetime:
    return dt.datetime.combine(month_start(back), dt.time(12), tzinfo=MSK)


def month_name(back: int) -> str:
    start = month_start(back)
    return f"{MONTHS_RU[start.month - 1]} {start.year}"


def contract(
    customer: Organization,
    supplier: Organization,
    status: ContractStatus,
    *,
    back: int | None = 0,
    **fields: object,
) -> Contract:
    n = next(_n)
    return Contract.objects.create(
        number=f"RC-{n}",
        status=status,
        customer=customer,
        supplier=supplier,
        price=Decimal("100000.00"),
        basis=PurchaseBasis.P4,
        source_kind=SourceKind.DIRECT_PURCHASE,
        source_id=9000 + n,
        subject="Поставка бумаги",
        concluded_at=None if back is None else concluded_on(back),
        **fields,
    )


def stage(c: Contract, status: StageStatus, due_in_days: int, number: int = 1) -> Stage:
    return Stage.objects.create(
        contract=c,
        number=number,
        due_date=today() + dt.timedelta(days=due_in_days),
        amount=Decimal("100000.00"),
        status=status,
    )


def accepted(s: Stage, by: User, days_after_due: int) -> AcceptanceDocument:
    decided = dt.datetime.combine(s.due_date + dt.timedelta(days=days_after_due), dt.time(15), tzinfo=MSK)
    return AcceptanceDocument.objects.create(
        stage=s,
        number=f"АКТ-{s.pk}",
        status=AcceptanceStatus.ACCEPTED,
        total=s.amount,
        submitted_by=by,
        submitted_at=decided - dt.timedelta(days=2),
        decision_due_at=decided + dt.timedelta(days=10),
        decided_at=decided,
        accepted_amount=s.amount,
    )


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def two_customers(region: Region) -> Region:
    school = f.customer(in_region=region, name="ГБОУ «Школа № 1»", short_name="Школа № 1")
    hospital = f.customer(in_region=region, name="ГБУЗ «Больница № 2»", short_name="Больница № 2")
    seller = f.supplier(in_region=region)
    signer = f.member_of(seller)

    # Школа № 1: 4 concluded — 2 late, 1 terminated → 75,0 %.
    stage(contract(school, seller, ContractStatus.CONCLUDED), StageStatus.PENDING, -10)  # overdue now
    late_paid = stage(contract(school, seller, ContractStatus.EXECUTED), StageStatus.PAID, -20)
    accepted(late_paid, signer, days_after_due=3)  # accepted after the due date
    on_time = stage(contract(school, seller, ContractStatus.EXECUTED, back=2), StageStatus.ACCEPTED, -40)
    accepted(on_time, signer, days_after_due=-1)
    terminated = contract(school, seller, ContractStatus.TERMINATED, back=2, terminated_at=timezone.now())
    stage(terminated, StageStatus.PENDING, -30)  # terminated wins: not counted as late too

    # Больница № 2: 6 concluded — 1 late, 1 terminated → 33,3 %.
    stage(contract(hospital, seller, ContractStatus.CONCLUDED), StageStatus.PENDING, 10)  # not due yet
    stage(
        contract(hospital, seller, ContractStatus.EXECUTING, back=1), StageStatus.DELIVERED, -5
    )  # delivered
    contract(  # the refusal has taken effect, though the worker has not recorded it
        hospital,
        seller,
        ContractStatus.TERMINATION_PENDING,
        back=1,
        termination_effective_at=timezone.now() - dt.timedelta(days=1),
    )
    stage(contract(hospital, seller, ContractStatus.EXECUTING), StageStatus.REFUSED, -3)  # refused, overdue
    stage(contract(hospital, seller, ContractStatus.EXECUTED, back=3), StageStatus.PAID, -60)
    contract(hospital, seller, ContractStatus.CONCLUDED)

    # Not counted: a draft, and a contract of another region's customer.
    contract(hospital, seller, ContractStatus.DRAFT, back=None)
    elsewhere = f.customer(in_region=f.region("16", name="Республика Татарстан"))
    contract(elsewhere, seller, ContractStatus.TERMINATED)
    return region


def row(name: str, *cells: object) -> str:
    return f'<tr><th scope="row">{name}</th>' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def test_table_per_customer_sorted_by_share_with_region_total(two_customers: Region) -> None:
    html = client_for(f.regional_admin(two_customers)).get(URL).content.decode()

    school = row("Школа № 1", 4, 2, 1, f"75,0{NB}%")
    hospital = row("Больница № 2", 6, 1, 1, f"33,3{NB}%")
    assert school in html
    assert hospital in html
    assert html.index(school) < html.index(hospital)
    assert '<tr class="total">' + row("Итого по региону", 10, 3, 2, f"50,0{NB}%")[4:] in html
    assert "Татарстан" not in html


def test_trend_chart_has_a_bar_per_month_with_contracts_and_the_same_numbers_in_a_table(
    two_customers: Region,
) -> None:
    html = client_for(f.regional_admin(two_customers)).get(URL).content.decode()

    svg = html[html.index("<svg") : html.index("</svg>")]
    assert '<title id="trend-chart-title">' in svg
    assert svg.count('<rect class="bar"') == 4
    assert svg.count('class="chart-no-data"') == 8
    assert f"<title>{month_name(0)}: 60,0{NB}%</title>" in svg
    assert f"<title>{month_name(3)}: 0,0{NB}%</title>" in svg

    table = html[html.index('<table id="trend-table">') :]
    assert len(re.findall(r'<tr><th scope="row">', table)) == 12
    assert row(month_name(0), 5, 3, f"60,0{NB}%") in table
    assert row(month_name(1), 2, 1, f"50,0{NB}%") in table
    assert row(month_name(2), 2, 1, f"50,0{NB}%") in table
    assert row(month_name(3), 1, 0, f"0,0{NB}%") in table
    assert row(month_name(4), 0, 0, "нет данных") in table
    assert row(month_name(11), 0, 0, "нет данных") in table


def test_platform_admin_chooses_the_region_by_code(two_customers: Region) -> None:
    response = client_for(platform_admin()).get(URL, {"code": "50"})

    assert response.status_code == 200
    assert row("Школа № 1", 4, 2, 1, f"75,0{NB}%") in response.content.decode()


def test_supplier_gets_403_in_russian(two_customers: Region) -> None:
    supplier = Organization.objects.filter(kind="supplier").first()
    assert supplier is not None

    response = client_for(f.member_of(supplier)).get(URL)

    assert response.status_code == 403
    assert "Страница доступна только администратору региона" in response.content.decode()


def test_admin_of_another_region_gets_403(two_customers: Region) -> None:
    response = client_for(f.regional_admin(f.region("16", name="Республика Татарстан"))).get(
        URL, {"code": "50"}
    )

    assert response.status_code == 403
    assert "Страница доступна только администратору этого региона" in response.content.decode()


def test_empty_region_says_so_honestly(region: Region) -> None:
    html = client_for(f.regional_admin(region)).get(URL).content.decode()

    assert "В регионе пока нет заключённых контрактов" in html
    assert "<svg" not in html
    assert "0,0" not in html


def test_real_urlconf_reaches_the_dashboard(two_customers: Region) -> None:
    response = client_for(f.regional_admin(two_customers)).get(URL)

    assert response.status_code == 200
