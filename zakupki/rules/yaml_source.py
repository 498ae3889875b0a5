"""Reading rules YAML: safe loading, with dates left as text so that we parse and report them ourselves."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from zakupki.rules.errors import RulesFileError

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _RulesYamlLoader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps: PyYAML would turn `2025-02-30` into a bare ValueError
    with no line or parameter, and `2025-09-15 10:00` into a datetime we do not want."""


_RulesYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != _TIMESTAMP_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesFileError(path, None, f"файл не читается: {exc}") from exc
    try:
        return yaml.load(text, Loader=_RulesYamlLoader)  # noqa: S506 — a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (строка {mark.line + 1}, позиция {mark.column + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise RulesFileError(path, None, f"не удаётся разобрать YAML: {problem}{where}") from exc


def parse_iso_date(raw: Any) -> dt.date | None:
    """`2025-09-15` (quoted or not) as a date; None for anything else, including impossible days."""
    if not isinstance(raw, str) or not _ISO_DATE.match(raw):
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return None
