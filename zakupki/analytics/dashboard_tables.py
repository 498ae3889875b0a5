"""The tables of the public analytics pages, typed once: the page draws them, the XLSX and CSV exports
write them, so a downloaded file always has the page's rows and columns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from zakupki.analytics.dashboard import SOURCE_NAMES, Dashboard
from zakupki.analytics.dashboard_rating import (
    POINTS_SUFFIX,
    SORT_NAME,
    SORT_PLACE,
    SORT_TOTAL,
    SORT_WEIGHTED,
    PlacedRow,
)
from zakupki.analytics.export import (
    DATE,
    DECIMAL,
    INTEGER,
    MONEY,
    NO_DATA,
    PERCENT,
    TEXT,
    Column,
    Table,
    TableCell,
    Typed,
    unwrap,
)
from zakupki.analytics.formulas.base import EIS, PLATFORM, IndicatorValue
from zakupki.analytics.scoring import ScoredIndicator
from zakupki.analytics.selectors import Rating
from zakupki.analytics.thresholds import Direction
from zakupki.core.money import format_rub
from zakupki.core.timeutil import format_ru_date

KIND_NAMES = {"contract": "контракт", "session": "котировочная сессия", "complaint": "жалоба"}
UNIT_KINDS = {"%": PERCENT, "₽": MONEY, "шт": DECIMAL}
NB = "\u00a0"
DIRECTION_NAMES = {
    Direction.HIGHER_BETTER: "чем больше, тем лучше",
    Direction.LOWER_BETTER: "чем меньше, тем лучше",
}


def cell_text(value: TableCell, kind: str) -> str:
    """A cell as the pages and the PDF print it: «13,11 %», «5 800,00 ₽», «05.05.2025», «нет данных»."""
    value, kind = unwrap(value, kind)
    if value is None:
        return "" if kind == TEXT else NO_DATA
    if isinstance(value, str):
        return value
    if isinstance(value, dt.date):
        return format_ru_date(value)
    if kind == MONEY:
        return format_rub(value)
    if kind == PERCENT and isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",") + f"{NB}%"
    if kind == DATE:
        return str(value)
    return format(value, "f").replace(".", ",") if isinstance(value, Decimal) else str(value)


def _contracts(board: Dashboard) -> Table:
    def row(name: str, count: int, amount: Decimal) -> tuple[TableCell, ...]:
        return (name, count, amount)

    return Table(
        slug="contracts",
        title="Заключённые контракты",
        columns=(Column("Источник"), Column("Контрактов", INTEGER), Column("Сумма, ₽", MONEY)),
        rows=(
            row(SOURCE_NAMES[PLATFORM], board.sources.platform, board.platform_amount),
            row(SOURCE_NAMES[EIS], board.sources.eis, board.eis_amount),
            row("Всего", board.count, board.amount),
        ),
    )


def _months(board: Dashboard) -> Table:
    return Table(
        slug="months",
        title="По месяцам",
        columns=(
            Column("Месяц"),
            Column("Контрактов", INTEGER),
            Column("Сумма, ₽", MONEY),
            Column("Дней учтено", INTEGER),
            Column("Контрактов в день", DECIMAL),
        ),
        rows=tuple((m.name, m.count, m.amount, m.days, m.per_day) for m in board.monthly),
    )


def _days(board: Dashboard) -> Table:
    return Table(
        slug="days",
        title="По дням",
        columns=(Column("Дата", DATE), Column("Контрактов", INTEGER), Column("Сумма, ₽", MONEY)),
        rows=tuple((p.day, p.count, p.amount) for p in board.daily),
    )


def _figure(result: IndicatorValue, *, money_inputs: bool) -> tuple[TableCell, ...]:
    """Value, numerator, denominator, how it is computed, and the reason when there is no value."""
    kind = MONEY if money_inputs else DECIMAL
    return (
        result.value,
        Typed(result.numerator, kind),
        Typed(result.denominator, kind),
        result.label,
        result.no_data_reason or "",
    )


def _shares(board: Dashboard) -> Table:
    return Table(
        slug="shares",
        title="Доли",
        columns=(
            Column("Показатель"),
            Column("Значение, %", PERCENT),
            Column("Числитель", DECIMAL),
            Column("Знаменатель", DECIMAL),
            Column("Как считается"),
            Column("Нет данных: причина"),
            Column("Источники (контрактов)"),
        ),
        rows=tuple(
            (share.title, *_figure(share.result, money_inputs=share.money_inputs), share.sources.label)
            for share in board.shares
        ),
    )


def _suppliers(board: Dashboard) -> Table:
    return Table(
        slug="suppliers",
        title="Поставщики по регионам",
        columns=(
            Column("Регион поставщика"),
            Column("Код"),
            Column("Поставщиков", INTEGER),
            Column("Контрактов", INTEGER),
            Column("Сумма контрактов, ₽", MONEY),
            Column("Регионов в строке", INTEGER),
        ),
        rows=tuple(
            (r.name, r.code, r.suppliers, r.contracts, r.amount, r.regions) for r in board.supplier_regions
        ),
    )


def dashboard_tables(board: Dashboard) -> dict[str, Table]:
    tables = (_contracts(board), _months(board), _days(board), _shares(board), _suppliers(board))
    return {table.slug: table for table in tables}


def _value(scored: ScoredIndicator) -> Typed:
    return Typed(scored.result.value, UNIT_KINDS.get(scored.indicator.unit, DECIMAL))


def _boundaries(scored: ScoredIndicator) -> str:
    if scored.thresholds is None:
        return ""
    sign = ">" if scored.indicator.direction == Direction.HIGHER_BETTER else "<"
    return "; ".join(
        f"{points}: {sign} {format(bound, 'f').replace('.', ',')}"
        for points, bound in zip((3, 2, 1), scored.thresholds, strict=True)
    )


def figure_input(value: Decimal | None, result: IndicatorValue) -> TableCell:
    """A figure may have no denominator (a count): that is an empty cell, not «нет данных»."""
    return Typed(None, TEXT) if value is None and result.value is not None else value


def _points(scored: ScoredIndicator) -> TableCell:
    if scored.indicator.informational:
        return "информационный"
    return scored.points


def customer_tables(placed: PlacedRow) -> dict[str, Table]:
    """One customer's indicators (value, inputs, points, boundaries) and the objects counted in them."""
    score = placed.row.score
    indicators = Table(
        slug="indicators",
        title="Показатели",
        columns=(
            Column("Показатель"),
            Column("Наименование"),
            Column("Значение", DECIMAL),
            Column("Единица"),
            Column("Числитель", DECIMAL),
            Column("Знаменатель", DECIMAL),
            Column("Как считается"),
            Column("Баллы", INTEGER),
            Column("Границы 3/2/1 балла"),
            Column("Направление"),
            Column("Нет данных: причина"),
        ),
        rows=tuple(
            (
                s.indicator.id,
                s.indicator.name,
                _value(s),
                s.indicator.unit,
                figure_input(s.result.numerator, s.result),
                figure_input(s.result.denominator, s.result),
                s.result.label,
                _points(s),
                _boundaries(s),
                DIRECTION_NAMES[s.indicator.direction],
                s.result.no_data_reason or "",
            )
            for s in score.indicators
        ),
    )
    counted = Table(
        slug="counted",
        title="Учтённые объекты",
        columns=(Column("Показатель"), Column("Источник"), Column("Вид"), Column("Номер")),
        rows=tuple(
            (s.indicator.id, SOURCE_NAMES[what.source], KIND_NAMES[what.kind], what.ref)
            for s in score.indicators
            for what in s.result.counted
        ),
    )
    return {indicators.slug: indicators, counted.slug: counted}


def rating_table(rating: Rating, rows: Sequence[PlacedRow]) -> tuple[tuple[str, ...], Table]:
    """The rating as the page, the PDF report and the XLSX export show it (the same columns as
    `export._header`), with the sort key of each column ("" where a column does not sort)."""
    keys: list[str] = [SORT_PLACE, SORT_NAME, ""]
    columns = [Column("Место", INTEGER), Column("Заказчик"), Column("ИНН")]
    for indicator in rating.version.indicators:
        keys.append(indicator.id)
        columns.append(
            Column(
                f"{indicator.id} {indicator.name}, {indicator.unit}", UNIT_KINDS.get(indicator.unit, DECIMAL)
            )
        )
        if not indicator.informational:
            keys.append(indicator.id + POINTS_SUFFIX)
            columns.append(Column(f"{indicator.id}, баллы", INTEGER))
    keys.append(SORT_TOTAL)
    columns.append(Column("Rп", INTEGER))
    if rating.version.weighted:
        keys.append(SORT_WEIGHTED)
        columns.append(Column("Rп взвешенный", DECIMAL))
    keys.append("")
    columns.append(Column("Показатели без данных"))
    body = []
    for placed in rows:
        score = placed.row.score
        cells: list[TableCell] = [placed.place, placed.row.customer.display_name, placed.row.customer.inn]
        for scored in score.indicators:
            cells.append(scored.result.value)
            if not scored.indicator.informational:
                cells.append(scored.points)
        cells.append(score.total)
        if rating.version.weighted:
            cells.append(score.weighted)
        cells.append(", ".join(score.no_data_ids))
        body.append(tuple(cells))
    table = Table(slug="rating", title="Рейтинг", columns=tuple(columns), rows=tuple(body))
    return tuple(keys), table
