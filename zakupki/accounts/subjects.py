"""Reference list of the subjects of the Russian Federation (code, name, capital's time zone)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

_FILE = Path(__file__).parent / "data" / "subjects.yaml"


@dataclass(frozen=True)
class Subject:
    code: str
    name: str
    tz: str


@cache
def federal_subjects() -> dict[str, Subject]:
    rows = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
    return {row["code"]: Subject(code=row["code"], name=row["name"], tz=row["tz"]) for row in rows}
