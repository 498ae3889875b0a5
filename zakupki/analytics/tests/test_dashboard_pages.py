"""The public analytics pages and their exports, on the 2025 world of conftest (see test_dashboard for
the figures worked out by hand). Pages live in zakupki/web; the tests sit here to share that world."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from zakupki.analytics.tests.conftest import AS_OF, World
from zakupki.analytics.tests.pdf_text import pdf_text
from zakupki.contracts.tests.factories import region as make_region

NB = "\u00a0"


@pytest.fixture(autouse=True)
def _frozen_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timezone, "now", lambda: AS_OF)


def _text(content: bytes) -> str:
    """The page's text without tags, ASCII spaces collapsed (no-break spaces are part of the figures)."""
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", content.decode())).strip()


def test_dashboard_shows_the_years_figures_charts_and_tables(world: World) -> None:
    response = Client().get("/analytics/72/?year=2025")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<dd id="figure-count">5</dd>' in html
    assert f'<dd id="figure-amount">5{NB}800,00{NB}₽</dd>' in html
    assert '<dd id="figure-per-day">0,01 (контрактов за 365 дн.)</dd>' in html
    assert "Учтено контрактов — площадка — 4, ЕИС — 1." in html
    assert html.count("<svg") == 5
    # The year by day: 365 thin bars, 2 px a day, each with its date; labels on the months' first days.
    assert 'aria-labelledby="chart-days-title chart-days-desc"' in html
    assert (
        '<rect class="bar" x="288" y="16" width="1" height="160" fill="#1f5fa8"><title>05.05.2025: 1</title></rect>'
        in html
    )
    assert '<text x="280" y="190" text-anchor="middle" font-size="10">май</text>' in html  # 1 May, day 121
    assert '<text x="36" y="99" text-anchor="end" font-size="10">0,5</text>' in html  # half of one contract
    assert 'aria-labelledby="chart-months-title chart-months-desc"' in html
    # Counts are drawn on their own scale: one contract, the month's maximum, is a full-height bar.
    assert 'height="160" fill="#1f5fa8"><title>май: 1</title>' in html
    text = _text(response.content)
    assert (
        f'<strong>Экономия (средневзвешенная)</strong>: <span class="share-value">13,11{NB}%</span>' in html
    )
    assert f"<title>Доля расторгнутых контрактов: 20,00{NB}%</title>" in html
    assert f"Тюменская область 72 4 4 3{NB}900,00{NB}₽ 1" in text
    assert f"регион 77 77 1 1 1{NB}900,00{NB}₽ 1" in text
    assert f"май 1 1{NB}900,00{NB}₽ 31 0,03" in text
    assert f"05.05.2025 1 1{NB}900,00{NB}₽" in text
    assert 'href="/analytics/72/export/months.xlsx?year=2025"' in html


def test_dashboard_defaults_to_the_regions_current_year(world: World) -> None:
    # AS_OF is 15 January 2026 in Tyumen: the region bought nothing in 2026 yet.
    response = Client().get("/analytics/72/")

    assert response.status_code == 200
    assert "<h1>Закупки региона: Тюменская область, 2026 год</h1>" in response.content.decode()
    assert '<h2 id="no-data">нет данных</h2>' in response.content.decode()


def test_year_without_data_is_no_data_not_zeros(world: World) -> None:
    response = Client().get("/analytics/72/?year=2023")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 id="no-data">нет данных</h2>' in html
    assert "<svg" not in html
    assert "figure-count" not in html


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/analytics/72/?year=20x5", 422, "Год — четыре цифры, например 2025"),
        ("/analytics/72/?year=2031", 422, "Год — от 2014 до 2026"),
        ("/analytics/99/", 404, "Регион с кодом «99» не подключён к платформе"),
        (
            "/analytics/72/rating/?year=2025&methodology=irkutsk",
            422,
            "Неизвестная методика «irkutsk»; есть: common, tyumen",
        ),
        (
            "/analytics/72/rating/?year=2021&methodology=common",
            422,
            "Методика «common» не действовала в 2021 году",
        ),
        ("/analytics/72/rating/?year=2025&sort=price", 422, "Нельзя сортировать по «price»"),
        ("/analytics/72/rating/?year=2025&sort=total&dir=up", 422, "Направление сортировки — asc или desc"),
        ("/analytics/72/export/months.pdf?year=2025", 404, "Формат не поддерживается: выберите XLSX или CSV"),
        ("/analytics/72/export/prices.csv?year=2025", 404, "Нет таблицы «prices» на этой странице"),
        (
            "/analytics/72/export/months.csv?year=2023",
            404,
            "Нет данных по региону «Тюменская область» за 2023 год",
        ),
        (
            "/analytics/72/rating/export.pdf?year=2023&methodology=common",
            404,
            "Нет данных по региону «Тюменская область» за 2023 год",
        ),
        ("/analytics/72/rating/1/?year=2023", 404, "Нет данных по региону «Тюменская область» за 2023 год"),
        (
            "/analytics/72/rating/export.doc?year=2025",
            404,
            "Формат не поддерживается: выберите XLSX, CSV или PDF",
        ),
    ],
)
def test_bad_parameters_get_a_russian_4xx(world: World, url: str, status: int, message: str) -> None:
    response = Client().get(url)

    assert response.status_code == status
    assert message in response.content.decode()


def test_dashboard_table_exports_have_typed_cells(world: World) -> None:
    response = Client().get("/analytics/72/export/shares.xlsx?year=2025")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="analytics-72-2025-shares.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content))["Доли"]
    assert [c.value for c in sheet[1]][:4] == ["Показатель", "Значение, %", "Числитель", "Знаменатель"]
    weighted = sheet[2]
    assert weighted[0].value == "Экономия (средневзвешенная)"
    assert (weighted[1].value, weighted[1].number_format) == (pytest.approx(0.1311), "0.00%")
    assert (weighted[2].value, weighted[2].number_format) == (800, "#,##0.00")
    assert (weighted[3].value, weighted[3].number_format) == (6100, "#,##0.00")
    late = sheet[5]
    assert (late[2].value, late[2].number_format) == (1, "0.00")

    days = load_workbook(io.BytesIO(Client().get("/analytics/72/export/days.xlsx?year=2025").content))[
        "По дням"
    ]
    assert days.max_row == 366
    assert (days["A126"].value.date(), days["A126"].number_format) == (dt.date(2025, 5, 5), "DD.MM.YYYY")
    assert (days["C126"].value, days["C126"].number_format) == (1900, "#,##0.00")


def test_dashboard_csv_is_for_russian_excel(world: World) -> None:
    response = Client().get("/analytics/72/export/months.csv?year=2025")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Месяц;Контрактов;Сумма, ₽;Дней учтено;Контрактов в день"
    assert lines[5] == "май;1;1900,00;31;0,03"
    assert response.content.startswith("\ufeff".encode())


def test_rating_table_is_sorted_server_side_by_any_column(world: World) -> None:
    client = Client()

    default = client.get("/analytics/72/rating/?year=2025&methodology=common")
    by_total_asc = client.get("/analytics/72/rating/?year=2025&methodology=common&sort=total&dir=asc")
    by_points_desc = client.get(
        "/analytics/72/rating/?year=2025&methodology=common&sort=competition_avg_bids:points&dir=desc"
    )

    def order(response: object) -> list[int]:
        return [int(pk) for pk in re.findall(r'data-customer="(\d+)"', response.content.decode())]  # type: ignore[attr-defined]

    assert default.status_code == 200
    assert order(default) == [world.school.pk, world.clinic.pk]
    assert order(by_total_asc) == [world.clinic.pk, world.school.pk]
    # The clinic has no data for competition: it goes last whatever the direction.
    assert order(by_points_desc) == [world.school.pk, world.clinic.pk]
    html = by_total_asc.content.decode()
    # The active column's link turns the direction over; the place stays the rating's place.
    assert (
        'href="?year=2025&amp;methodology=common&amp;sort=total&amp;dir=desc" data-sort="total">Rп</a> ▲'
        in html
    )
    assert f'<tr data-customer="{world.clinic.pk}"><td>2</td>' in html
    text = _text(by_total_asc.content)
    assert (
        f"2 ГБУЗ ТО «Поликлиника № 2» {world.clinic.inn} 0,00{NB}% 0 0,00{NB}% нет данных нет данных" in text
    )


def test_rating_sorts_by_a_cyrillic_indicator_id_too(world: World) -> None:
    response = Client().get(
        "/analytics/72/rating/", {"year": "2025", "methodology": "tyumen", "sort": "К9", "dir": "desc"}
    )

    # By Rп the clinic leads (3 against 2); by К9 complaints, descending, the school (1 against 0) does.
    assert re.findall(r'data-customer="(\d+)"', response.content.decode()) == [
        str(world.school.pk),
        str(world.clinic.pk),
    ]
    assert f'<tr data-customer="{world.school.pk}"><td>2</td>' in response.content.decode()


def test_rating_without_data_says_so(world: World) -> None:
    response = Client().get("/analytics/72/rating/?year=2023&methodology=common")

    assert response.status_code == 200
    assert '<h2 id="no-data">нет данных</h2>' in response.content.decode()


def test_drill_down_shows_every_indicator_and_the_contracts_behind_it(world: World) -> None:
    response = Client().get(f"/analytics/72/rating/{world.school.pk}/?year=2025&methodology=common")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<dd id="place">1 из 2</dd>' in html
    assert '<dd id="total">10</dd>' in html
    text = _text(response.content)
    assert (
        f"savings_weighted Экономия, средневзвешенная Значение 13,33{NB}% Как считается средневзвешенная "
        "экономия: Σ(НМЦК − цена) / ΣНМЦК Числитель 800,00 Знаменатель 6000,00 Баллы 3 Границы чем больше, "
        "тем лучше: 3 — больше 10; 2 — больше 5; 1 — больше 2; иначе 0"
    ) in text
    assert f'<a href="/contracts/{world.c1.pk}/">{world.c1.registry_number}</a>' in html
    assert "контракт 2720000000125000001 (ЕИС, реестровый номер)" in text
    assert "Обоснованные жалобы" in text
    clinic = Client().get(f"/analytics/72/rating/{world.clinic.pk}/?year=2025&methodology=common")
    assert "нет данных — нет котировочных сессий, завершённых за период" in _text(clinic.content)


def test_drill_down_refuses_a_customer_outside_the_rating(world: World) -> None:
    response = Client().get(f"/analytics/72/rating/{world.idle.pk}/?year=2025&methodology=common")

    assert response.status_code == 404
    assert (
        f"Заказчик № {world.idle.pk} не участвует в рейтинге региона 72 за 2025 год"
        in response.content.decode()
    )


def test_drill_down_tables_export(world: World) -> None:
    base = f"/analytics/72/rating/{world.school.pk}/export"

    counted = Client().get(f"{base}/counted.csv?year=2025&methodology=common")
    indicators = Client().get(f"{base}/indicators.xlsx?year=2025&methodology=common")

    lines = counted.content.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Показатель;Источник;Вид;Номер"
    assert "savings_weighted;ЕИС;контракт;2720000000125000001" in lines
    sheet = load_workbook(io.BytesIO(indicators.content))["Показатели"]
    row = {sheet.cell(1, c).value: sheet.cell(2, c) for c in range(1, sheet.max_column + 1)}
    assert (row["Показатель"].value, row["Значение"].value) == ("savings_weighted", pytest.approx(0.1333))
    assert row["Значение"].number_format == "0.00%"
    assert (row["Баллы"].value, row["Границы 3/2/1 балла"].value) == (3, "3: > 10; 2: > 5; 1: > 2")


def test_rating_exports_xlsx_csv_and_a_pdf_report(world: World) -> None:
    client = Client()
    query = "?year=2025&methodology=common"

    xlsx = client.get(f"/analytics/72/rating/export.xlsx{query}")
    csv = client.get(f"/analytics/72/rating/export.csv{query}")
    pdf = client.get(f"/analytics/72/rating/export.pdf{query}")

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    assert (sheet["B2"].value, sheet["D2"].value, sheet["D2"].number_format) == (
        "ГАОУ ТО «Школа № 1»",
        pytest.approx(0.1333),
        "0.00%",
    )
    assert csv.content.decode("utf-8-sig").split("\r\n")[1].startswith("1;ГАОУ ТО «Школа № 1»;")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'attachment; filename="rating-72-2025-common.pdf"'
    assert pdf.content.startswith(b"%PDF")


def test_pdf_report_names_the_methodology_the_table_and_the_missing_data(world: World) -> None:
    response = Client().get("/analytics/72/rating/export.pdf?year=2025&methodology=common")

    text = pdf_text(response.content)
    assert text.startswith("Рейтинг заказчиков по эффективности закупок Регион Тюменская область (код 72) ")
    assert "Период 2025 год" in text
    assert "Методика Общая методика оценки эффективности закупок (common), редакция с 01.01.2022" in text
    assert "перечень показателей, общих для региональных методик (исследование, раздел 4.1); " in text
    assert "достоверность: U — не проверено" in text
    assert f"1 ГАОУ ТО «Школа № 1» {world.school.inn} 13,33{NB}% 3 11,67{NB}% 1,33 0 33,33{NB}% 2" in text
    assert (
        f"2 ГБУЗ ТО «Поликлиника № 2» {world.clinic.inn} 0,00{NB}% 0 0,00{NB}% нет данных нет данных" in text
    )
    assert (
        "ГБУЗ ТО «Поликлиника № 2» competition_avg_bids нет данных: нет котировочных сессий, завершённых за период"
    ) in text
    assert "Отчёт сформирован 15.01.2026 14:00 (время региона, Asia/Yekaterinburg). стр. 1 из 1" in text


def test_index_lists_regions_with_their_pages(world: World) -> None:
    make_region("77")

    response = Client().get("/analytics/")
    home = Client().get("/").content.decode()

    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="/analytics/72/">Тюменская область</a>' in html
    assert '<a href="/analytics/77/rating/">рейтинг заказчиков</a>' in html
    assert '<a href="/analytics/" aria-current="page">Аналитика</a>' in html  # the menu
    assert '<a href="/analytics/">Аналитика</a>' in home
    assert 'в разделе <a href="/analytics/">«Аналитика»</a>' in home
