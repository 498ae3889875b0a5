"""What `import_eis` reads: XML files, directories (recursively) and zip archives (their .xml members)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO


class UnusableInput(Exception):
    """A path that cannot be read at all (missing, not XML, not zip). Russian message, one line."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Source:
    """One XML stream: a file, or a member of a zip. `name` is what reports show."""

    name: str
    open: Callable[[], AbstractContextManager[IO[bytes]]]


def _looks_like_xml(path: Path) -> bool:
    with path.open("rb") as stream:
        head = stream.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")


def _file_source(path: Path) -> Source:
    return Source(name=path.name, open=lambda: path.open("rb"))


def _zip_sources(path: Path) -> list[Source]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = sorted(
                info.filename
                for info in archive.infolist()
                if not info.is_dir() and info.filename.lower().endswith(".xml")
            )
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnusableInput(f"{path}: архив zip повреждён ({exc})") from exc

    def opener(member: str) -> Callable[[], AbstractContextManager[IO[bytes]]]:
        @contextmanager
        def open_member() -> Iterator[IO[bytes]]:
            with zipfile.ZipFile(path) as archive, archive.open(member) as stream:
                yield stream

        return open_member

    return [Source(name=f"{path.name}:{member}", open=opener(member)) for member in members]


def _path_sources(path: Path, *, explicit: bool) -> list[Source]:
    if zipfile.is_zipfile(path):
        members = _zip_sources(path)
        if explicit and not members:
            raise UnusableInput(f"{path}: в архиве нет файлов .xml")
        return members
    if path.suffix.lower() == ".xml" or (explicit and _looks_like_xml(path)):
        return [_file_source(path)]
    if explicit:
        raise UnusableInput(f"{path}: не XML и не zip")
    return []


def collect_sources(paths: list[Path]) -> list[Source]:
    """All XML streams under the given paths, in a stable order (sorted within each directory). A directory
    takes .xml and .zip files and ignores the rest (.sig signatures, checksum lists)."""
    sources: list[Source] = []
    for path in paths:
        if not path.exists():
            raise UnusableInput(f"{path}: нет такого файла или папки")
        if path.is_dir():
            found = [
                source
                for member in sorted(path.rglob("*"))
                if member.is_file() and member.suffix.lower() in (".xml", ".zip")
                for source in _path_sources(member, explicit=False)
            ]
            if not found:
                raise UnusableInput(f"{path}: в папке нет файлов .xml или .zip")
            sources += found
        else:
            sources += _path_sources(path, explicit=True)
    return sources
