"""Methodologies as data: `methodologies/*.yaml`, each with versions in force over non-overlapping periods.

A version has criteria, each with indicators {id, name, formula, unit, direction, thresholds, weight,
informational, tag}. A defect refuses the whole set with the file and the indicator named: a rating built
on half a methodology is worse than a process that does not start.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import Any

from zakupki.analytics.errors import MethodologyFileError
from zakupki.analytics.formulas import FORMULAS
from zakupki.analytics.thresholds import Direction, Thresholds, parse_thresholds
from zakupki.rules.errors import RulesFileError
from zakupki.rules.yaml_source import parse_iso_date, read_yaml

METHODOLOGY_DIR = Path(__file__).resolve().parent / "methodologies"
UNITS = ("%", "шт", "₽")
TAGS = ("V", "B", "U")
TOP_FIELDS = {"id", "name", "source", "tag", "versions"}
INDICATOR_FIELDS = {"id", "name", "formula", "unit", "direction", "thresholds", "weight", "informational"}
INDICATOR_OPTIONAL = {"tag", "note"}


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    formula: str
    unit: str
    direction: Direction
    thresholds: Thresholds | None  # None for informational indicators
    weight: Decimal | None
    informational: bool
    tag: str
    note: str


@dataclass(frozen=True)
class Criterion:
    id: str
    name: str
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Version:
    effective_from: dt.date
    effective_to: dt.date | None  # inclusive; None while in force
    criteria: tuple[Criterion, ...]

    # cached: a national rating reads them for every customer (a frozen dataclass still has a __dict__)
    @cached_property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for c in self.criteria for i in c.indicators)

    @cached_property
    def weighted(self) -> bool:
        """The weighted Rп exists only when the methodology weighs every scored indicator."""
        scored = [i for i in self.indicators if not i.informational]
        return bool(scored) and all(i.weight is not None for i in scored)

    def covers(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)


@dataclass(frozen=True)
class Methodology:
    id: str
    name: str
    source: str
    tag: str
    versions: tuple[Version, ...]  # by effective_from
    file: str

    def version_on(self, day: dt.date) -> Version | None:
        return next((v for v in self.versions if v.covers(day)), None)


def _require(
    path: Path, where: str | None, entry: dict[str, Any], fields: set[str], optional: set[str]
) -> None:
    unknown = sorted(set(entry) - fields - optional)
    if unknown:
        raise MethodologyFileError(path, where, f"неизвестное поле «{unknown[0]}»")
    missing = sorted(fields - set(entry))
    if missing:
        raise MethodologyFileError(path, where, f"не заполнено обязательное поле «{missing[0]}»")


def _text(path: Path, where: str | None, entry: dict[str, Any], field: str) -> str:
    value = entry.get(field)
    if not isinstance(value, str) or not value.strip():
        raise MethodologyFileError(path, where, f"поле «{field}» должно быть непустой строкой")
    return value.strip()


def _tag(path: Path, where: str | None, raw: Any) -> str:
    if raw not in TAGS:
        raise MethodologyFileError(
            path, where, f"метка достоверности tag должна быть V, B или U, а указано «{raw}»"
        )
    return str(raw)


def _indicator(path: Path, raw: Any, default_tag: str) -> Indicator:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not raw["id"]:
        raise MethodologyFileError(path, None, "у показателя нет идентификатора id")
    ident = raw["id"]
    _require(path, ident, raw, INDICATOR_FIELDS, INDICATOR_OPTIONAL)
    formula = _text(path, ident, raw, "formula")
    if formula not in FORMULAS:
        raise MethodologyFileError(
            path, ident, f"неизвестная формула «{formula}», есть: {', '.join(FORMULAS)}"
        )
    unit = raw["unit"]
    if unit not in UNITS:
        raise MethodologyFileError(
            path, ident, f"единица измерения «{unit}» не из списка: {', '.join(UNITS)}"
        )
    if raw["direction"] not in {d.value for d in Direction}:
        raise MethodologyFileError(path, ident, "direction должно быть higher_better или lower_better")
    direction = Direction(raw["direction"])
    informational = raw["informational"]
    if not isinstance(informational, bool):
        raise MethodologyFileError(path, ident, "поле informational должно быть true или false")
    thresholds: Thresholds | None = None
    if informational:
        if raw["thresholds"] is not None:
            raise MethodologyFileError(
                path, ident, "информационный показатель не получает баллов: thresholds: null"
            )
    else:
        parsed = parse_thresholds(raw["thresholds"], direction)
        if isinstance(parsed, str):
            raise MethodologyFileError(path, ident, parsed)
        thresholds = parsed
    weight: Decimal | None = None
    if raw["weight"] is not None:
        try:
            weight = Decimal(str(raw["weight"]))
        except InvalidOperation:
            weight = None
        if weight is None or isinstance(raw["weight"], bool) or not weight.is_finite() or weight <= 0:
            raise MethodologyFileError(path, ident, "вес weight — положительное число или null")
    return Indicator(
        id=ident,
        name=_text(path, ident, raw, "name"),
        formula=formula,
        unit=unit,
        direction=direction,
        thresholds=thresholds,
        weight=weight,
        informational=informational,
        tag=default_tag if raw.get("tag") is None else _tag(path, ident, raw["tag"]),
        note=str(raw.get("note") or ""),
    )


def _date(path: Path, position: int, field: str, raw: Any) -> dt.date:
    day = parse_iso_date(raw)
    if day is None:
        raise MethodologyFileError(
            path, None, f"версия №{position}: неверная дата «{raw}» в поле {field}, нужен ГГГГ-ММ-ДД"
        )
    return day


def _version(path: Path, position: int, raw: Any, tag: str) -> Version:
    if not isinstance(raw, dict):
        raise MethodologyFileError(path, None, f"версия №{position} должна быть словарём")
    _require(path, None, raw, {"effective_from", "effective_to", "criteria"}, set())
    start = _date(path, position, "effective_from", raw["effective_from"])
    end = None if raw["effective_to"] is None else _date(path, position, "effective_to", raw["effective_to"])
    if end is not None and end < start:
        raise MethodologyFileError(path, None, f"версия №{position}: effective_to раньше effective_from")
    if not isinstance(raw["criteria"], list) or not raw["criteria"]:
        raise MethodologyFileError(path, None, f"версия №{position}: criteria — непустой список критериев")
    criteria: list[Criterion] = []
    seen: set[str] = set()
    for item in raw["criteria"]:
        if not isinstance(item, dict):
            raise MethodologyFileError(path, None, f"версия №{position}: критерий должен быть словарём")
        _require(path, None, item, {"id", "name", "indicators"}, set())
        if not isinstance(item["indicators"], list) or not item["indicators"]:
            raise MethodologyFileError(path, None, f"критерий «{item['id']}»: indicators — непустой список")
        indicators = tuple(_indicator(path, i, tag) for i in item["indicators"])
        for indicator in indicators:
            if indicator.id in seen:
                raise MethodologyFileError(
                    path, indicator.id, f"версия №{position}: показатель указан дважды"
                )
            seen.add(indicator.id)
        criteria.append(
            Criterion(id=str(item["id"]), name=_text(path, None, item, "name"), indicators=indicators)
        )
    return Version(effective_from=start, effective_to=end, criteria=tuple(criteria))


def _check_overlaps(path: Path, versions: list[Version]) -> None:
    for earlier, later in zip(versions, versions[1:], strict=False):
        if earlier.effective_to is None or earlier.effective_to >= later.effective_from:
            raise MethodologyFileError(
                path,
                None,
                f"периоды версий пересекаются: версия с {earlier.effective_from:%d.%m.%Y} действует "
                f"{'бессрочно' if earlier.effective_to is None else f'до {earlier.effective_to:%d.%m.%Y}'}, "
                f"а следующая начинается {later.effective_from:%d.%m.%Y}",
            )


def load_methodology(path: Path) -> Methodology:
    try:
        document = read_yaml(path)
    except RulesFileError as exc:
        raise MethodologyFileError(path, None, exc.reason) from exc
    if not isinstance(document, dict):
        raise MethodologyFileError(path, None, "ожидается словарь с полями id, name, source, tag, versions")
    _require(path, None, document, TOP_FIELDS, set())
    tag = _tag(path, None, document["tag"])
    if not isinstance(document["versions"], list) or not document["versions"]:
        raise MethodologyFileError(path, None, "versions — непустой список версий")
    versions = [_version(path, n, raw, tag) for n, raw in enumerate(document["versions"], start=1)]
    versions.sort(key=lambda v: v.effective_from)
    _check_overlaps(path, versions)
    return Methodology(
        id=_text(path, None, document, "id"),
        name=_text(path, None, document, "name"),
        source=_text(path, None, document, "source"),
        tag=tag,
        versions=tuple(versions),
        file=str(path),
    )


def load_methodologies(directory: Path = METHODOLOGY_DIR) -> dict[str, Methodology]:
    result: dict[str, Methodology] = {}
    for path in sorted(directory.glob("*.yaml")):
        methodology = load_methodology(path)
        if methodology.id in result:
            raise MethodologyFileError(
                path, None, f"методика «{methodology.id}» уже объявлена в «{result[methodology.id].file}»"
            )
        result[methodology.id] = methodology
    return result


_loaded: dict[str, Methodology] | None = None


def get_methodologies() -> dict[str, Methodology]:
    global _loaded  # the one module-level cache; the value is immutable after load
    if _loaded is None:
        _loaded = load_methodologies()
    return _loaded


def reset_methodologies() -> None:
    global _loaded
    _loaded = None
