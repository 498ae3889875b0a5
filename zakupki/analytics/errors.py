"""A methodology file that cannot be used, reported as one Russian line naming the file and the indicator."""

from __future__ import annotations

from pathlib import Path


class MethodologyFileError(Exception):
    def __init__(self, file: Path | str, indicator: str | None, reason: str) -> None:
        self.file = Path(file)
        self.indicator = indicator
        self.reason = " ".join(reason.split())
        where = f"Ошибка в файле методики «{self.file}»"
        if indicator is not None:
            where += f", показатель «{indicator}»"
        super().__init__(f"{where}: {self.reason}")
