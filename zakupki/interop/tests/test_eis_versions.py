"""Identity and versions: a newer version replaces the stored one whole; the same or an older one is a no-op."""

from decimal import Decimal

import pytest

from zakupki.interop.eis.sources import collect_sources
from zakupki.interop.models import EisDocument, EisExecutionDocument, EisPenalty, EisRawDocument
from zakupki.interop.services.eis_import import eis_import
from zakupki.interop.tests.builders import payment, procedure, write
from zakupki.interop.tests.conftest import interop_snapshot

pytestmark = pytest.mark.django_db

PENALTY = (
    "<penalties><penaltyAccrual><contractParty>S</contractParty><penaltyType>F</penaltyType>"
    "<accrualAmount>1000.00</accrualAmount></penaltyAccrual></penalties>"
)


def _import(*paths):
    return eis_import(sources=collect_sources(list(paths)))


def _v0(tmp_path):
    return write(
        tmp_path / "v0.xml",
        procedure(
            version=0,
            eis_id="10",
            executions=payment(number="1", date="2018-01-10", paid="100.00")
            + payment(number="2", date="2018-01-11", paid="200.00"),
            extra=PENALTY,
        ),
    )


def _v1(tmp_path):
    return write(
        tmp_path / "v1.xml",
        procedure(
            version=1,
            eis_id="11",
            published="2018-01-20T10:00:00.000+03:00",
            executions=payment(number="1", date="2018-01-10", paid="150.00"),
        ),
    )


def test_newer_version_replaces_every_row_of_the_older(tmp_path):
    _import(_v0(tmp_path))

    report = _import(_v1(tmp_path))

    assert report.outcomes["updated"] == 1
    document = EisDocument.objects.get()
    assert (document.version_number, document.eis_id, document.source) == (1, "11", "v1.xml")
    assert list(EisExecutionDocument.objects.values_list("number", "paid")) == [("1", Decimal("150.00"))]
    # The penalty was in version 0 only.
    assert EisPenalty.objects.count() == 0
    assert b"<id>11</id>" in EisRawDocument.objects.get().xml()


def test_older_version_after_newer_changes_nothing(tmp_path):
    _import(_v1(tmp_path))
    before = interop_snapshot()

    report = _import(_v0(tmp_path))

    assert report.outcomes["superseded"] == 1
    assert interop_snapshot() == before


def test_same_version_again_is_unchanged(tmp_path):
    _import(_v0(tmp_path))
    before = interop_snapshot()

    report = _import(_v0(tmp_path))

    assert dict(report.outcomes) == {"unchanged": 1}
    assert interop_snapshot() == before


def test_both_versions_in_one_batch_keep_the_newer_whatever_the_order(tmp_path):
    (tmp_path / "a").mkdir()
    write(tmp_path / "a" / "1.xml", procedure(version=1, eis_id="11", published="2018-01-20T10:00:00+03:00"))
    write(tmp_path / "a" / "2.xml", procedure(version=0, eis_id="10"))

    report = _import(tmp_path / "a")

    assert (report.outcomes["imported"], report.outcomes["superseded"]) == (1, 1)
    assert EisDocument.objects.get().eis_id == "11"


def test_reports_of_one_contract_are_separate_identities(tmp_path):
    path = write(
        tmp_path / "two.xml",
        procedure(ordinal=1, eis_id="1"),
        procedure(ordinal=2, eis_id="2"),
        procedure(ordinal=None, eis_id="3", extra=_termination()),
    )

    report = _import(path)

    assert report.outcomes["imported"] == 3
    assert sorted(EisDocument.objects.values_list("part", flat=True)) == ["", "1", "2"]


def _termination():
    return (
        "<termination><paid>0.00</paid><terminationDate>2018-01-22</terminationDate><reason><code>1</code>"
        "<name>Соглашение сторон</name></reason></termination>"
    )
