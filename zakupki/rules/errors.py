"""Errors of the rules engine: a broken data file, and a question the rules cannot answer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from zakupki.core.errors import NotFound


class RulesFileError(Exception):
    """A rules data file is wrong. The message is one Russian line naming the file and the parameter,
    because an operator reads it in a start-up log or in `manage.py rules_check`."""

    def __init__(self, file: Path | str, key: str | None, reason: str) -> None:
        self.file = Path(file)
        self.key = key
        # Multi-line reasons (YAML parser output) would break the "one line to stderr" promise.
        self.reason = " ".join(reason.split())
        where = f"Ошибка в файле правил «{self.file}»"
        if key is not None:
            where += f", параметр «{key}»"
        super().__init__(f"{where}: {self.reason}")

    @property
    def message(self) -> str:
        return str(self)


class RuleNotDefined(NotFound):
    """An unknown parameter, or a date on which the parameter has no value."""

    code = "rule_not_defined"

    def __init__(self, message: str, *, key: str, on: dt.date | None = None) -> None:
        super().__init__(message, field="key")
        self.key = key
        self.on = on
