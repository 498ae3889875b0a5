"""Loads and validates the rules data files into an immutable registry.

Every `*.yaml` in the data directory declares parameters; the optional extra directory
(`settings.ZAKUPKI_RULES_EXTRA_DIR`, an operator's patch) may declare new parameters or add periods to
existing ones, e.g. a new key-rate decision, without a release. Any defect refuses the whole set: a
half-loaded legal table is worse than a process that does not start.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from zakupki.rules.errors import RulesFileError
from zakupki.rules.formatting import ru_date
from zakupki.rules.paths import CALENDAR_OVERRIDES_FILE, DATA_DIR, configured_extra_dir
from zakupki.rules.registry import (
    TAGS,
    Parameter,
    Period,
    RulesRegistry,
    Span,
    effective_ends,
    overlap_reason,
)
from zakupki.rules.values import ParamType, RuleValue, ValueRejected, parse_value
from zakupki.rules.yaml_source import parse_iso_date, read_yaml

KEY_PATTERN = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
REQUIRED_FIELDS = ("key", "title", "type", "unit", "source", "tag", "periods")
OPTIONAL_FIELDS = ("note", "regional")
EXTENSION_FIELDS = ("key", "periods")
PERIOD_FIELDS = ("from", "until", "value", "source", "tag", "note")
TYPE_NAMES = ", ".join(t.value for t in ParamType)


@dataclass(frozen=True)
class _RawPeriod:
    start: dt.date
    until: dt.date | None
    value: RuleValue
    source: str
    tag: str
    note: str


@dataclass(frozen=True)
class _Draft:
    key: str
    title: str
    type: ParamType
    unit: str
    source: str
    tag: str
    note: str
    periods: tuple[_RawPeriod, ...]
    files: tuple[Path, ...]
    regional: bool = False


def rule_files(directory: Path) -> list[Path]:
    """Parameter files of one directory, in name order so that load results never depend on the disk."""
    return sorted(p for p in directory.glob("*.yaml") if p.is_file() and p.name != CALENDAR_OVERRIDES_FILE)


def _entries(path: Path) -> list[tuple[int, dict[str, Any]]]:
    document = read_yaml(path)
    if not isinstance(document, dict) or not isinstance(document.get("parameters"), list):
        raise RulesFileError(path, None, "ожидается словарь с ключом parameters — списком параметров")
    unknown = sorted(set(document) - {"title", "parameters"})
    if unknown:
        raise RulesFileError(path, None, f"неизвестное поле верхнего уровня «{unknown[0]}»")
    result = []
    for position, entry in enumerate(document["parameters"], start=1):
        if not isinstance(entry, dict):
            raise RulesFileError(path, None, f"элемент №{position} списка parameters должен быть словарём")
        key = entry.get("key")
        if not isinstance(key, str) or not key:
            raise RulesFileError(path, None, f"у элемента №{position} списка parameters нет поля key")
        if not KEY_PATTERN.match(key):
            raise RulesFileError(
                path, key, "ключ пишется латинскими строчными буквами, цифрами и _, части разделяются точкой"
            )
        result.append((position, entry))
    return result


def _text(path: Path, key: str, entry: dict[str, Any], field: str, *, allow_empty: bool = False) -> str:
    value = entry.get(field)
    if not isinstance(value, str) or (not allow_empty and not value.strip()):
        raise RulesFileError(path, key, f"поле «{field}» должно быть непустой строкой")
    return value.strip()


def _tag(path: Path, key: str, raw: Any) -> str:
    if raw not in TAGS:
        raise RulesFileError(path, key, f"метка достоверности tag должна быть V, B или U, а указано «{raw}»")
    return str(raw)


def _date(path: Path, key: str, position: int, field: str, raw: Any) -> dt.date:
    day = parse_iso_date(raw)
    if day is None:
        raise RulesFileError(
            path, key, f"период №{position}: неверная дата «{raw}» в поле {field}, нужен формат ГГГГ-ММ-ДД"
        )
    return day


def _period(
    path: Path, key: str, ptype: ParamType, position: int, item: Any, *, source: str, tag: str
) -> _RawPeriod:
    if not isinstance(item, dict):
        raise RulesFileError(path, key, f"период №{position} должен быть словарём")
    unknown = sorted(set(item) - set(PERIOD_FIELDS))
    if unknown:
        allowed = ", ".join(PERIOD_FIELDS)
        raise RulesFileError(
            path, key, f"период №{position}: неизвестное поле «{unknown[0]}», допустимы: {allowed}"
        )
    if item.get("from") is None:
        raise RulesFileError(path, key, f"у периода №{position} нет даты начала (from)")
    start = _date(path, key, position, "from", item["from"])
    until = None if item.get("until") is None else _date(path, key, position, "until", item["until"])
    if until is not None and until <= start:
        raise RulesFileError(
            path,
            key,
            f"период №{position}: дата окончания until {ru_date(until)} должна быть позже "
            f"даты начала from {ru_date(start)}",
        )
    if "value" not in item:
        raise RulesFileError(path, key, f"у периода №{position} нет значения (value)")
    try:
        value = parse_value(ptype, item["value"], from_file=True)
    except ValueRejected as exc:
        raise RulesFileError(path, key, f"период №{position} (с {ru_date(start)}): {exc}") from exc
    return _RawPeriod(
        start=start,
        until=until,
        value=value,
        source=source if item.get("source") is None else _text(path, key, item, "source"),
        tag=tag if item.get("tag") is None else _tag(path, key, item["tag"]),
        note="" if item.get("note") is None else _text(path, key, item, "note"),
    )


def _periods(
    path: Path, key: str, ptype: ParamType, raw: Any, *, source: str, tag: str
) -> tuple[_RawPeriod, ...]:
    """Periods as written; `source` and `tag` are the parameter's, inherited unless a period has its own."""
    if not isinstance(raw, list):
        raise RulesFileError(path, key, "поле periods должно быть списком (может быть пустым [])")
    return tuple(
        _period(path, key, ptype, position, item, source=source, tag=tag)
        for position, item in enumerate(raw, start=1)
    )


def _check_overlaps(path: Path, key: str, periods: Iterable[_RawPeriod]) -> None:
    reason = overlap_reason([Span(p.start, p.until) for p in periods])
    if reason is not None:
        raise RulesFileError(path, key, reason)


def _definition(path: Path, key: str, entry: dict[str, Any]) -> _Draft:
    unknown = sorted(set(entry) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS))
    if unknown:
        raise RulesFileError(path, key, f"неизвестное поле «{unknown[0]}»")
    for field in REQUIRED_FIELDS:
        if field not in entry:
            raise RulesFileError(path, key, f"не заполнено обязательное поле «{field}»")
    type_name = entry["type"]
    if type_name not in {t.value for t in ParamType}:
        raise RulesFileError(path, key, f"неизвестный тип «{type_name}», допустимы: {TYPE_NAMES}")
    ptype = ParamType(type_name)
    source = _text(path, key, entry, "source")
    tag = _tag(path, key, entry["tag"])
    periods = _periods(path, key, ptype, entry["periods"], source=source, tag=tag)
    _check_overlaps(path, key, periods)
    return _Draft(
        key=key,
        title=_text(path, key, entry, "title"),
        type=ptype,
        unit=_text(path, key, entry, "unit", allow_empty=True),
        source=source,
        tag=tag,
        note="" if entry.get("note") is None else _text(path, key, entry, "note"),
        periods=periods,
        files=(path,),
        regional=_regional_flag(path, key, entry),
    )


def _regional_flag(path: Path, key: str, entry: dict[str, Any]) -> bool:
    value = entry.get("regional", False)
    if not isinstance(value, bool):
        raise RulesFileError(path, key, "поле regional должно быть true или false")
    return value


def _extend(path: Path, draft: _Draft, entry: dict[str, Any]) -> _Draft:
    extra = sorted(set(entry) - set(EXTENSION_FIELDS))
    if extra:
        raise RulesFileError(
            path,
            draft.key,
            f"параметр уже объявлен в файле «{draft.files[0]}»; дополнительный файл может только "
            f"добавить ему периоды (поля key и periods), а указано поле «{extra[0]}»",
        )
    if "periods" not in entry:
        raise RulesFileError(path, draft.key, "не заполнено обязательное поле «periods»")
    added = _periods(path, draft.key, draft.type, entry["periods"], source=draft.source, tag=draft.tag)
    periods = (*draft.periods, *added)
    _check_overlaps(path, draft.key, periods)
    return replace(draft, periods=periods, files=(*draft.files, path))


def _freeze(draft: _Draft) -> Parameter:
    ordered = sorted(draft.periods, key=lambda p: p.start)
    ends = effective_ends([Span(p.start, p.until) for p in ordered])
    periods = tuple(
        Period(p.start, end, p.value, p.source, p.tag, p.note) for p, end in zip(ordered, ends, strict=True)
    )
    return Parameter(
        key=draft.key,
        title=draft.title,
        type=draft.type,
        unit=draft.unit,
        source=draft.source,
        tag=draft.tag,
        note=draft.note,
        periods=periods,
        files=tuple(str(f) for f in draft.files),
        regional=draft.regional,
    )


def load_rules(data_dir: Path = DATA_DIR, extra_dir: Path | None = None) -> RulesRegistry:
    """Read and validate every parameter file; raise RulesFileError on the first defect."""
    if not data_dir.is_dir():
        raise RulesFileError(data_dir, None, "каталог файлов правил не найден")
    drafts: dict[str, _Draft] = {}
    files = rule_files(data_dir)
    for path in files:
        for _position, entry in _entries(path):
            key = entry["key"]
            if key in drafts:
                raise RulesFileError(
                    path, key, f"параметр объявлен повторно: он уже есть в файле «{drafts[key].files[0]}»"
                )
            drafts[key] = _definition(path, key, entry)
    if extra_dir is not None:
        if not extra_dir.is_dir():
            raise RulesFileError(
                extra_dir, None, "каталог дополнительных правил ZAKUPKI_RULES_EXTRA_DIR не найден"
            )
        extra_files = rule_files(extra_dir)
        files += extra_files
        for path in extra_files:
            for _position, entry in _entries(path):
                key = entry["key"]
                drafts[key] = (
                    _extend(path, drafts[key], entry) if key in drafts else _definition(path, key, entry)
                )
    return RulesRegistry(
        parameters={key: _freeze(draft) for key, draft in drafts.items()},
        files=tuple(str(f) for f in files),
    )


def load_configured_rules() -> RulesRegistry:
    """The shipped data plus the operator's extra directory from settings."""
    return load_rules(DATA_DIR, configured_extra_dir())


_registry: RulesRegistry | None = None


def get_registry() -> RulesRegistry:
    """The process-wide registry, loaded once (normally by RulesConfig.ready())."""
    global _registry  # the one module-level cache; the value itself is immutable
    if _registry is None:
        _registry = load_configured_rules()
    return _registry


def reset_registry() -> None:
    """Forget the cached registry (tests that change ZAKUPKI_RULES_EXTRA_DIR)."""
    global _registry
    _registry = None
