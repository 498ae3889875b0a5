"""Bad input: reported with the file name and a reason, the rest of the batch goes on, nothing half-written."""

import pytest

from zakupki.interop.eis.sources import collect_sources
from zakupki.interop.models import EisDocument
from zakupki.interop.services.eis_import import eis_import
from zakupki.interop.tests.builders import EXPORT_OPEN, payment, procedure, write
from zakupki.interop.tests.conftest import interop_snapshot

pytestmark = pytest.mark.django_db


def _import(*paths):
    return eis_import(sources=collect_sources(list(paths)))


def _reasons(report):
    return [(r.source, r.position, r.kind, r.reg_num, r.reason) for r in report.rejected]


def test_malformed_file_keeps_documents_before_the_break_and_the_batch_goes_on(tmp_path):
    broken = tmp_path / "a_broken.xml"
    broken.write_text(
        EXPORT_OPEN
        + procedure(reg_num="2790000000018000001")
        + "<ns2:contractProcedure><id>2</id><regNum>27",
        encoding="utf-8",
    )
    write(tmp_path / "b_good.xml", procedure(reg_num="2790000000018000002"))

    report = _import(tmp_path)

    assert report.rejected_files == 1
    [(source, position, kind, reg_num, reason)] = _reasons(report)
    assert (source, position, kind, reg_num) == ("a_broken.xml", 0, "", "")
    assert reason.startswith("файл XML повреждён, строка 4: ")
    assert sorted(EisDocument.objects.values_list("reg_num", flat=True)) == [
        "2790000000018000001",
        "2790000000018000002",
    ]


def test_unknown_document_type_and_missing_reg_num_are_rejected_the_others_imported(tmp_path):
    path = write(
        tmp_path / "mixed.xml",
        procedure(reg_num="2790000000018000001"),
        '<ns2:fcsNotificationEF schemeVersion="7.5"><id>5</id></ns2:fcsNotificationEF>\n',
        procedure(reg_num=""),
        procedure(reg_num="2790000000018000003"),
    )

    report = _import(path)

    assert _reasons(report) == [
        (
            "mixed.xml",
            2,
            "fcsNotificationEF",
            "",
            "неизвестный тип документа «fcsNotificationEF» (знаем: contract, contractProcedure)",
        ),
        ("mixed.xml", 3, "contractProcedure", "", "нет реестрового номера контракта (regNum)"),
    ]
    assert dict(report.outcomes) == {"imported": 2, "rejected": 2}
    assert sorted(EisDocument.objects.values_list("reg_num", flat=True)) == [
        "2790000000018000001",
        "2790000000018000003",
    ]


@pytest.mark.parametrize(
    ("executions", "extra", "reason"),
    [
        (payment(number="1", date="2018-01-10", paid="12.345"), "", "paid: «12.345» — сумма точнее копейки"),
        (payment(number="1", date="10.01.2018", paid="1.00"), "", "documentDate: «10.01.2018» — не дата"),
        (
            "<execution><paid>1.00</paid></execution>",
            "",
            "в executions/execution должен быть ровно один из payDoc или docExecution",
        ),
        (
            "",
            "<termination><terminationDate>2018-01-22</terminationDate></termination>",
            "нет элемента reason/code",
        ),
    ],
)
def test_a_bad_value_rejects_the_whole_document(tmp_path, executions, extra, reason):
    path = write(tmp_path / "bad.xml", procedure(executions=executions, extra=extra))

    report = _import(path)

    assert _reasons(report) == [("bad.xml", 1, "contractProcedure", "2790000000018000001", reason)]
    assert EisDocument.objects.count() == 0


def test_a_value_that_does_not_fit_its_column_leaves_nothing_of_the_document(tmp_path):
    # Parsing passes; storing fails after the document row and the first rows under it were inserted.
    long_number = "9" * 201
    path = write(
        tmp_path / "long.xml",
        procedure(
            executions=payment(number="1", date="2018-01-10", paid="1.00")
            + payment(number=long_number, date="2018-01-11", paid="2.00")
        ),
    )
    before = interop_snapshot()

    report = _import(path)

    [(source, position, kind, reg_num, reason)] = _reasons(report)
    assert (source, position, kind, reg_num) == ("long.xml", 1, "contractProcedure", "2790000000018000001")
    assert reason.startswith("номер: ")
    assert interop_snapshot() == before


def test_a_file_whose_root_is_not_an_eis_export_is_rejected_whole(tmp_path):
    path = tmp_path / "other.xml"
    path.write_text('<?xml version="1.0"?><export><contract/></export>', encoding="utf-8")

    report = _import(path)

    assert _reasons(report) == [
        (
            "other.xml",
            0,
            "",
            "",
            "корневой элемент «export» — не export ЕИС (http://zakupki.gov.ru/oos/export/1)",
        )
    ]


def test_a_damaged_zip_member_is_rejected_and_the_next_source_imported(tmp_path):
    import io
    import zipfile

    from zakupki.interop.tests.builders import export

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "a.xml", export(*[procedure(reg_num=f"27900000000180{i:05d}", eis_id=str(i)) for i in range(50)])
        )
    damaged = bytearray(buffer.getvalue())
    damaged[300:340] = b"\x00" * 40  # inside the compressed data of a.xml
    (tmp_path / "a.zip").write_bytes(bytes(damaged))
    write(tmp_path / "b.xml", procedure(reg_num="2790000000018000099"))

    report = _import(tmp_path)

    [(source, position, kind, reg_num, reason)] = _reasons(report)
    assert (source, position, kind, reg_num) == ("a.zip:a.xml", 0, "", "")
    assert reason.startswith("не удалось прочитать файл: ")
    assert EisDocument.objects.filter(reg_num="2790000000018000099").exists()
