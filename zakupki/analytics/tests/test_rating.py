from __future__ import annotations

from decimal import Decimal

import pytest

from zakupki.accounts.enums import UserRole
from zakupki.accounts.models import Region
from zakupki.analytics.models import RegionMethodologyChoice
from zakupki.analytics.selectors import region_rating
from zakupki.analytics.services import region_methodology_set
from zakupki.analytics.tests.conftest import AS_OF, World
from zakupki.contracts.tests.factories import regional_admin, user
from zakupki.core.errors import NotFound, PermissionDenied, ValidationFailed
from zakupki.documents.events import EventType
from zakupki.documents.models import AuditEvent


def _points(row: object) -> dict[str, int | None]:
    return {s.indicator.id: s.points for s in row.score.indicators}  # type: ignore[attr-defined]


def test_common_rating_scores_and_orders_the_active_customers(world: World) -> None:
    rating = region_rating(region=world.region, year=2025, methodology_id="common", as_of=AS_OF)

    assert rating is not None
    assert [r.customer for r in rating.rows] == [world.school, world.clinic]
    school, clinic = rating.rows
    assert _points(school) == {
        "savings_weighted": 3,
        "savings_mean_pct": None,
        "competition_avg_bids": 0,
        "single_bid_share": 2,
        "failed_share": 0,
        "smp_share": 3,
        "k7_smp_share": None,  # the givens hold no payment plans: К7 has no СГОЗ to divide by
        "k9_justified_complaints": 2,
        "late_share": 0,
        "terminated_share": 0,
    }
    assert (school.score.total, school.score.no_data_ids, school.score.weighted) == (
        10,
        ("k7_smp_share",),
        None,
    )
    assert clinic.score.total == 9
    assert clinic.score.no_data_ids == (
        "competition_avg_bids",
        "single_bid_share",
        "failed_share",
        "k7_smp_share",
    )


def test_tyumen_rating_gives_no_points_to_informational_indicators(world: World) -> None:
    rating = region_rating(region=world.region, year=2025, methodology_id="tyumen", as_of=AS_OF)

    assert rating is not None
    clinic, school = rating.rows
    assert (clinic.customer, school.customer) == (world.clinic, world.school)
    assert _points(school) == {
        "К1.2.1": 0,
        "К1.2.1-1": None,
        "К1.3": 0,
        "К2.1": None,
        "К7": None,  # no payment plans in the givens: no СГОЗ, no points rather than 0
        "К7-1": None,
        "СГОЗ": None,
        "К8": None,
        "К9": 2,
    }
    assert school.score.total == 2
    # Rп counts points only; the clinic ranks first on К9 alone, and the flag shows how little that is.
    assert (clinic.score.total, clinic.score.no_data_ids) == (
        3,
        ("К1.2.1", "К1.2.1-1", "К1.3", "К7", "К7-1", "СГОЗ"),
    )


def test_region_without_data_for_the_year_is_no_data_not_zeros(world: World) -> None:
    assert region_rating(region=world.region, year=2023, methodology_id="common", as_of=AS_OF) is None


def test_year_before_the_methodology_is_refused(world: World) -> None:
    with pytest.raises(NotFound, match="Методика «common» не действовала в 2021 году"):
        region_rating(region=world.region, year=2021, methodology_id="common", as_of=AS_OF)


def test_region_override_changes_points_and_is_audited(world: World) -> None:
    admin = regional_admin(world.region)

    choice = region_methodology_set(
        region=world.region, methodology="common", overrides={"late_share": [30, 40, 50]}, actor=admin
    )
    rating = region_rating(region=world.region, year=2025, methodology_id=None, as_of=AS_OF)

    assert choice.threshold_overrides == {"late_share": ["30", "40", "50"]}
    assert rating is not None
    assert rating.overrides == {"late_share": (Decimal(30), Decimal(40), Decimal(50))}
    assert _points(rating.rows[0])["late_share"] == 3
    assert rating.rows[0].score.total == 13
    event = AuditEvent.objects.get(event=EventType.ANALYTICS_METHODOLOGY_SET)
    assert event.details["overrides"] == {"late_share": ["30", "40", "50"]}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"late_share": [30, 20, 50]},
            "Показатель «late_share»: границы 30, 20, 50 должны строго возрастать (чем меньше, тем лучше)",
        ),
        ({"К9": [1, 2, 3]}, "В методике нет показателя «К9»"),
        ({"savings_mean_pct": [1, 2, 3]}, "Показатель «savings_mean_pct» справочный, баллов не получает"),
        ([1, 2, 3], "Границы баллов задаются словарём «показатель → три числа»"),
    ],
)
def test_bad_overrides_are_refused_and_change_nothing(world: World, overrides: object, message: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        region_methodology_set(
            region=world.region, methodology="common", overrides=overrides, actor=regional_admin(world.region)
        )

    assert caught.value.errors == {"overrides": message}
    assert not RegionMethodologyChoice.objects.exists()
    assert not AuditEvent.objects.filter(event=EventType.ANALYTICS_METHODOLOGY_SET).exists()


def test_unknown_methodology_and_foreign_admin_are_refused(world: World) -> None:
    with pytest.raises(ValidationFailed) as caught:
        region_methodology_set(
            region=world.region, methodology="irkutsk", overrides={}, actor=regional_admin(world.region)
        )
    assert caught.value.errors == {"methodology": "Неизвестная методика «irkutsk»"}

    other = Region.objects.create(
        code="86", name="ХМАО", timezone="Asia/Yekaterinburg", joined_on=world.region.joined_on
    )
    with pytest.raises(PermissionDenied):
        region_methodology_set(
            region=world.region, methodology="common", overrides={}, actor=regional_admin(other)
        )
    with pytest.raises(PermissionDenied):
        region_methodology_set(
            region=world.region, methodology="common", overrides={}, actor=user(role=UserRole.CITIZEN)
        )
    assert not RegionMethodologyChoice.objects.exists()
