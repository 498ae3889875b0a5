"""Statistics by municipality and by organization, counted by the database, with exact figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from zakupki.accounts.models import Organization
from zakupki.public_signals.enums import Rating, RejectReason
from zakupki.public_signals.models import Signal
from zakupki.public_signals.services import (
    answer_approve,
    answer_submit,
    signal_publish,
    signal_rate,
    signal_reject,
)
from zakupki.public_signals.stats import (
    BY_MUNICIPALITY,
    BY_ORGANIZATION,
    StatRow,
    signal_stats,
    signal_stats_total,
)
from zakupki.public_signals.tests.factories import customer, district, moderator, moscow, submitted, user

pytestmark = pytest.mark.django_db

CENTRE = "Центральный административный округ"
NORTH = "Северный административный округ"


def signal_in(buyer: Organization, place: str, *, days_ago: int, answer: bool, rating: str = "") -> Signal:
    mod = moderator()
    signal = submitted(buyer=buyer)
    Signal.objects.filter(pk=signal.pk).update(municipality=district(name=place))
    signal.refresh_from_db()
    signal = signal_publish(signal=signal, moderator=mod, now=timezone.now() - dt.timedelta(days=days_ago))
    if answer:
        reply = answer_submit(signal=signal, author=user(role="customer", organization=buyer), text="Ответ")
        answer_approve(answer=reply, moderator=mod)
        if rating:
            signal_rate(signal=signal, author=signal.author, rating=rating)
    return signal


@pytest.fixture
def region_with_signals() -> tuple[Organization, Organization]:
    school = customer(in_region=moscow(), short_name="ГБОУ Школа № 1")
    housing = customer(in_region=moscow(), short_name="ГБУ Жилищник района Арбат")
    signal_in(school, CENTRE, days_ago=3, answer=True, rating=Rating.SATISFIED)
    signal_in(school, CENTRE, days_ago=5, answer=True, rating=Rating.UNSATISFIED)
    signal_in(school, CENTRE, days_ago=10, answer=True)
    signal_in(housing, CENTRE, days_ago=20, answer=False)  # past the target term, no answer: overdue
    signal_in(housing, NORTH, days_ago=1, answer=False)
    submitted(buyer=housing)  # not published: not counted
    signal_reject(signal=submitted(buyer=housing), moderator=moderator(), reason=RejectReason.INSULTS)
    return school, housing


def figures(row: StatRow) -> tuple[object, ...]:
    return (
        row.name,
        row.signals,
        row.answered,
        row.average_days,
        row.median_days,
        row.overdue_percent,
        row.rated,
        row.satisfied_percent,
    )


def test_by_municipality(region_with_signals):
    rows = signal_stats(region=moscow(), by=BY_MUNICIPALITY, now=timezone.now())

    assert [figures(row) for row in rows] == [
        (NORTH, 1, 0, None, None, Decimal("0.0"), 0, None),
        (CENTRE, 4, 3, Decimal("6.0"), Decimal("5.0"), Decimal("25.0"), 2, Decimal("50.0")),
    ]


def test_by_organization(region_with_signals):
    rows = signal_stats(region=moscow(), by=BY_ORGANIZATION, now=timezone.now())

    assert [figures(row) for row in rows] == [
        ("ГБОУ Школа № 1", 3, 3, Decimal("6.0"), Decimal("5.0"), Decimal("0.0"), 2, Decimal("50.0")),
        ("ГБУ Жилищник района Арбат", 2, 0, None, None, Decimal("50.0"), 0, None),
    ]


def test_region_total(region_with_signals):
    total = signal_stats_total(region=moscow(), now=timezone.now())

    assert figures(total) == (
        "Москва",
        5,
        3,
        Decimal("6.0"),
        Decimal("5.0"),
        Decimal("20.0"),
        2,
        Decimal("50.0"),
    )


def test_empty_region_has_no_data_rather_than_zeros():
    total = signal_stats_total(region=moscow(), now=timezone.now())

    assert figures(total) == ("Москва", 0, 0, None, None, None, 0, None)
    assert signal_stats(region=moscow(), by=BY_MUNICIPALITY, now=timezone.now()) == []
