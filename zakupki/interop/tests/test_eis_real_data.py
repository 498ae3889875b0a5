"""All 117 real `contractProcedure` documents of ../shared/data/eis (region 79, January 2018)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import Sum

from zakupki.documents.models import AuditEvent
from zakupki.interop.eis.sources import collect_sources
from zakupki.interop.enums import EisExecutionDocumentKind as DocKind
from zakupki.interop.models import (
    EisDocument,
    EisExecution,
    EisExecutionDocument,
    EisImportRun,
    EisPenalty,
    EisRawDocument,
    EisTermination,
)
from zakupki.interop.selectors import eis_execution_totals, eis_penalties, eis_terminations
from zakupki.interop.services.eis_import import eis_import
from zakupki.interop.tests.conftest import interop_snapshot

pytestmark = pytest.mark.django_db


def _import_all(eis_dir):
    return eis_import(sources=collect_sources([eis_dir]))


def test_imports_every_real_document_with_exact_counts(eis_dir):
    report = _import_all(eis_dir)

    # 117 files, one document each. Five of them are older (or earlier-published) versions of a report
    # that is also in the folder, so 112 identities (regNum + executions/ordinalNumber) remain.
    assert report.sources == 117
    assert dict(report.kinds) == {"contractProcedure": 117}
    assert report.rejected == []
    # In file-name order four older versions come before their newer ones (which then count as «updated»);
    # one comes after: …1790000187416000017_77503314.xml (version 2, published 14:32:34) after _72504099.xml
    # (version 2 too, published 14:34:36).
    assert dict(report.outcomes) == {"imported": 112, "updated": 4, "superseded": 1}
    assert EisDocument.objects.count() == 112
    assert EisRawDocument.objects.count() == 112
    assert EisDocument.objects.values("reg_num").distinct().count() == 90
    assert set(EisDocument.objects.values_list("region_code", flat=True)) == {"79", "37"}
    # Five reports are termination-only (no executions element).
    assert EisExecution.objects.count() == 107
    assert EisExecutionDocument.objects.filter(kind=DocKind.PAYMENT).count() == 639
    assert EisExecutionDocument.objects.filter(kind=DocKind.ACCEPTANCE).count() == 178
    assert EisExecutionDocument.objects.filter(kind=DocKind.PAYMENT).aggregate(s=Sum("paid"))["s"] == Decimal(
        "148067561.18"
    )
    assert EisExecution.objects.filter(final_stage=True).count() == 62
    assert EisTermination.objects.count() == 23
    assert EisTermination.objects.aggregate(s=Sum("paid"))["s"] == Decimal("6854815.44")
    assert EisPenalty.objects.count() == 1
    # The run is journaled once, with its counts.
    run = EisImportRun.objects.get()
    assert run.counts["imported"] == 112
    assert AuditEvent.objects.filter(event="interop.eis_imported").count() == 1


def test_values_summed_by_hand_from_single_files(eis_dir):
    _import_all(eis_dir)

    # contractProcedure_1790000104916000053_77738209.xml: executions/ordinalNumber 18, finalStageExecution
    # true, stage/endDate 2017-12-31; execution 1: payDoc №304922 of 2018-01-15, paid 14877.29,
    # paidVAT 2269.42; execution 2: docExecution code 99 №3485 of 2018-01-10, paid 0.00.
    report = EisExecution.objects.get(reg_num="1790000104916000053", ordinal_number=18)
    assert (report.final_stage, report.stage_end_date) == (True, dt.date(2017, 12, 31))
    assert report.document.eis_id == "77738209"
    # publishDate 2018-01-16T17:53:46.257+10:00 is 07:53:46.257 UTC.
    assert report.document.publish_date == dt.datetime(2018, 1, 16, 7, 53, 46, 257000, tzinfo=dt.UTC)
    docs = list(
        report.documents.order_by("kind").values_list("kind", "code", "number", "date", "paid", "paid_vat")
    )
    assert docs == [
        ("acceptance", "99", "3485", dt.date(2018, 1, 10), Decimal("0.00"), Decimal("0.00")),
        ("payment", "", "304922", dt.date(2018, 1, 15), Decimal("14877.29"), Decimal("2269.42")),
    ]

    # contractProcedure_2790000171516000234_77903867.xml (versionNumber 0) and _78089252.xml (versionNumber 1,
    # «Опечатка в прикрепленном файле»): version 1 is kept. Its two payDoc amounts 3133.94 + 7186.06 = 10320.00,
    # equal to termination/paid; termination 2018-01-22, reason code 3, docTermination 31 of 2017-12-20;
    # penaltyAccrual: contractParty S, penaltyType I, reason 21, «Претензия» №2180 of 2016-12-06, 54288.96.
    totals = {t.reg_num: t for t in eis_execution_totals(region_code="79")}
    contract = totals["2790000171516000234"]
    assert (contract.reports, contract.payments, contract.paid) == (1, 2, Decimal("10320.00"))
    assert (contract.terminated, contract.penalties) == (True, Decimal("54288.96"))
    assert EisDocument.objects.get(reg_num="2790000171516000234").eis_id == "78089252"
    termination = EisTermination.objects.get(reg_num="2790000171516000234")
    assert (termination.termination_date, termination.reason_code, termination.paid) == (
        dt.date(2018, 1, 22),
        "3",
        Decimal("10320.00"),
    )
    assert (termination.document_code, termination.document_date) == ("31", dt.date(2017, 12, 20))
    penalty = eis_penalties(reg_num="2790000171516000234").get()
    assert (penalty.contract_party, penalty.penalty_type, penalty.reason_code, penalty.document_number) == (
        "S",
        "I",
        "21",
        "2180",
    )
    assert (penalty.document_date, penalty.amount) == (dt.date(2016, 12, 6), Decimal("54288.96"))

    # contractProcedure_3790101373817000001_77855324.xml (v0) reports 199703.78 under docExecution
    # №3/5/1/037388; its v1 _77859945.xml corrects it to 0.00 — only the correction remains.
    corrected = EisExecutionDocument.objects.get(
        execution__reg_num="3790101373817000001", execution__ordinal_number=2
    )
    assert (corrected.number, corrected.paid) == ("3/5/1/037388", Decimal("0.00"))

    # contractProcedure_1790000187416000017_72504099.xml and _77503314.xml are both versionNumber 2 of
    # report 1; 72504099 was published later (14:34:36 vs 14:32:34 +10:00), so its payDoc №454192 stays.
    kept = EisExecutionDocument.objects.get(
        execution__reg_num="1790000187416000017", execution__ordinal_number=1
    )
    assert (kept.number, kept.date, kept.paid) == ("454192", dt.date(2016, 9, 12), Decimal("12500.00"))

    # Termination-only report: contractProcedure_1790000104916000054_77956429.xml.
    assert EisDocument.objects.get(reg_num="1790000104916000054", part="").eis_id == "77956429"
    # terminationDate across the files: one in 2017 (…2790102009017000001_77504411.xml, 2017-12-29), the rest
    # in 2018, the earliest two on 2018-01-10 (…1790400359017000002_77574150, …2790300050117000009_77520221).
    terminated_2018 = [t.reg_num for t in eis_terminations(region_code="79", year=2018)]
    assert len(terminated_2018) == 22
    assert terminated_2018[:2] == ["1790400359017000002", "2790300050117000009"]
    assert [t.reg_num for t in eis_terminations(year=2017)] == ["2790102009017000001"]


def test_reimporting_changes_nothing(eis_dir):
    _import_all(eis_dir)
    before = interop_snapshot()
    journal = AuditEvent.objects.count()

    again = _import_all(eis_dir)

    assert again.outcomes["unchanged"] == 112
    assert again.outcomes["superseded"] == 5
    assert again.outcomes["imported"] + again.outcomes["updated"] == 0
    assert interop_snapshot() == before
    assert AuditEvent.objects.count() == journal


def test_the_same_files_in_a_zip_import_the_same(eis_dir, tmp_path):
    import zipfile

    archive = tmp_path / "region79_2018-01.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(eis_dir.glob("*.xml")):
            zf.write(path, f"contractProcedure/{path.name}")

    report = eis_import(sources=collect_sources([archive]))

    assert (report.sources, report.outcomes["imported"], report.rejected) == (117, 112, [])
    assert EisExecutionDocument.objects.filter(kind=DocKind.PAYMENT).aggregate(s=Sum("paid"))["s"] == Decimal(
        "148067561.18"
    )
    document = EisDocument.objects.get(reg_num="1790000104916000053", part="18")
    assert (
        document.source
        == "region79_2018-01.zip:contractProcedure/contractProcedure_1790000104916000053_77738209.xml"
    )
