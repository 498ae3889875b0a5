"""The production-calendar patch file: extra days off and extra working days, each with its decree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from zakupki.rules.errors import RulesFileError
from zakupki.rules.formatting import ru_date
from zakupki.rules.paths import CALENDAR_OVERRIDES_FILE, DATA_DIR, configured_extra_dir
from zakupki.rules.yaml_source import parse_iso_date, read_yaml

LISTS = ("days_off", "working_days")
LIST_LABELS = {"days_off": "выходных", "working_days": "рабочих"}


def _empty() -> Mapping[dt.date, str]:
    return MappingProxyType({})


@dataclass(frozen=True)
class CalendarOverrides:
    """Date -> decree reference, for each direction of the patch."""

    days_off: Mapping[dt.date, str] = field(default_factory=_empty)
    working_days: Mapping[dt.date, str] = field(default_factory=_empty)

    @property
    def years(self) -> frozenset[int]:
        return frozenset(day.year for day in (*self.days_off, *self.working_days))


def _entries(path: Path, document: dict[str, Any], name: str) -> dict[dt.date, str]:
    raw = document.get(name, [])
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        raise RulesFileError(path, None, f"поле {name} должно быть списком")
    result: dict[dt.date, str] = {}
    for position, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or set(item) != {"date", "decree"}:
            raise RulesFileError(
                path, None, f"{name}, запись №{position}: нужны ровно два поля — date и decree"
            )
        day = parse_iso_date(item["date"])
        if day is None:
            raise RulesFileError(
                path,
                None,
                f"{name}, запись №{position}: неверная дата «{item['date']}», нужен формат ГГГГ-ММ-ДД",
            )
        decree = item["decree"]
        if not isinstance(decree, str) or not decree.strip():
            raise RulesFileError(path, None, f"{name}, {ru_date(day)}: не указаны реквизиты акта (decree)")
        if day in result:
            raise RulesFileError(path, None, f"{name}: дата {ru_date(day)} указана дважды")
        result[day] = decree.strip()
    return result


def load_calendar_overrides(paths: Iterable[Path]) -> CalendarOverrides:
    """Merge the given patch files (later files may not contradict earlier ones); missing files are skipped."""
    days_off: dict[dt.date, str] = {}
    working: dict[dt.date, str] = {}
    for path in paths:
        if not path.is_file():
            continue
        document = read_yaml(path)
        if document is None:
            continue
        if not isinstance(document, dict):
            raise RulesFileError(path, None, "ожидается словарь с полями days_off и working_days")
        unknown = sorted(set(document) - set(LISTS))
        if unknown:
            raise RulesFileError(
                path, None, f"неизвестное поле «{unknown[0]}», допустимы: days_off, working_days"
            )
        new_off = _entries(path, document, "days_off")
        new_working = _entries(path, document, "working_days")
        for day in sorted(set(new_off) | set(new_working)):
            both = day in new_off and day in new_working
            contradicts = (day in new_off and day in working) or (day in new_working and day in days_off)
            if both or contradicts:
                raise RulesFileError(
                    path, None, f"дата {ru_date(day)} указана и как выходной, и как рабочий день"
                )
        days_off.update(new_off)
        working.update(new_working)
    return CalendarOverrides(days_off=MappingProxyType(days_off), working_days=MappingProxyType(working))


def configured_override_paths() -> list[Path]:
    paths = [DATA_DIR / CALENDAR_OVERRIDES_FILE]
    extra = configured_extra_dir()
    if extra is not None:
        paths.append(extra / CALENDAR_OVERRIDES_FILE)
    return paths
