from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from zakupki.analytics.tests.conftest import World


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("indicators", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_xlsx_has_typed_cells_with_number_formats(world: World, tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"

    code, out, _ = _run(
        "--region", "72", "--year", "2025", "--methodology", "common", "--format", "xlsx", "-o", str(target)
    )

    assert code == 0
    assert out.strip() == f"Записано {target}: заказчиков — 2, методика «common»"
    sheet = load_workbook(target).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    assert header[:5] == [
        "Место",
        "Заказчик",
        "ИНН",
        "savings_weighted Экономия, средневзвешенная, %",
        "savings_weighted, баллы",
    ]
    school = dict(zip(header, sheet[2], strict=True))
    assert school["Заказчик"].value == "ГАОУ ТО «Школа № 1»"
    assert school["savings_weighted Экономия, средневзвешенная, %"].value == pytest.approx(0.1333)
    assert school["savings_weighted Экономия, средневзвешенная, %"].number_format == "0.00%"
    assert school["competition_avg_bids Среднее число участников, шт"].value == pytest.approx(1.33)
    assert school["competition_avg_bids Среднее число участников, шт"].number_format == "0.00"
    assert school["k9_justified_complaints Обоснованные жалобы, шт"].value == 1
    assert school["k9_justified_complaints Обоснованные жалобы, шт"].number_format == "0"
    assert school["Rп"].value == 10
    clinic = {h: c.value for h, c in zip(header, sheet[3], strict=True)}
    assert clinic["competition_avg_bids Среднее число участников, шт"] == "нет данных"
    assert clinic["competition_avg_bids, баллы"] == "нет данных"
    assert (
        clinic["Показатели без данных"]
        == "competition_avg_bids, single_bid_share, failed_share, k7_smp_share"
    )
    assert sheet.max_row == 3


def test_csv_is_utf8_with_bom_and_semicolons(world: World, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"

    code, _, _ = _run(
        "--region", "72", "--year", "2025", "--methodology", "tyumen", "--format", "csv", "-o", str(target)
    )

    raw = target.read_bytes()
    assert code == 0
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[0].split(";")[:4] == [
        "Место",
        "Заказчик",
        "ИНН",
        "К1.2.1 Доля несостоявшихся процедур и процедур с одним участником (по количеству), %",
    ]
    assert lines[1].split(";")[1:5] == [
        "ГБУЗ ТО «Поликлиника № 2»",
        world.clinic.inn,
        "нет данных",
        "нет данных",
    ]
    assert lines[2].split(";")[1] == "ГАОУ ТО «Школа № 1»"
    assert lines[2].split(";")[3:5] == ["66,67", "0"]
    assert Decimal(lines[2].split(";")[3].replace(",", ".")) == Decimal("66.67")


def test_no_data_year_prints_a_line_and_writes_nothing(world: World, tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"

    code, out, err = _run("--region", "72", "--year", "2023", "--methodology", "common", "-o", str(target))

    assert (code, out.strip(), err) == (0, "нет данных за 2023 год по региону 72", "")
    assert not target.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--region", "99", "--year", "2025"), "Неизвестный регион «99»"),
        (("--region", "72", "--year", "2025", "--methodology", "irkutsk"), "Неизвестная методика «irkutsk»"),
        (
            ("--region", "72", "--year", "2015", "--methodology", "tyumen"),
            "Методика «tyumen» не действовала в 2015 году",
        ),
    ],
)
def test_unanswerable_requests_exit_2_with_one_russian_line(
    world: World, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    target = tmp_path / "out.xlsx"

    code, out, err = _run(*args, "-o", str(target))

    assert (code, out, err.strip()) == (2, "", message)
    assert not target.exists()


def test_xlsx_breakdown_lists_the_contracts_behind_each_figure(world: World, tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"

    _run("--region", "72", "--year", "2025", "--methodology", "common", "-o", str(target))

    rows = list(load_workbook(target)["Расшифровка"].iter_rows(values_only=True))
    savings = [r for r in rows if r[0] == "ГАОУ ТО «Школа № 1»" and r[1] == "savings_weighted"]
    assert [r[5:] for r in savings] == [
        ("площадка", "контракт", world.c1.registry_number),
        ("площадка", "контракт", world.c2.registry_number),
        ("ЕИС", "контракт", "2720000000125000001"),
    ]
    assert savings[0][3:5] == (800, 6000)
    no_sessions = [r for r in rows if r[0] == "ГБУЗ ТО «Поликлиника № 2»" and r[1] == "failed_share"]
    assert no_sessions == [
        (
            "ГБУЗ ТО «Поликлиника № 2»",
            "failed_share",
            "доля несостоявшихся сессий, котировочные сессии площадки",
            "нет данных: нет котировочных сессий, завершённых за период",
            None,
            None,
            None,
            None,
        )
    ]
