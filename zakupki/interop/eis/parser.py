"""Streaming over an EIS `export` file: one document at a time, in bounded memory.

`iterparse` builds the tree as it reads; each document is parsed when its end tag arrives and then
cleared and detached from the root, so memory holds one document whatever the file size."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from lxml import etree  # type: ignore[import-untyped]

from zakupki.interop.eis import xml
from zakupki.interop.eis.documents import PARSERS, parse_document
from zakupki.interop.eis.records import Parsed, Rejected
from zakupki.interop.eis.xml import DocumentError

EXPORT_NS = "http://zakupki.gov.ru/oos/export/1"
EXPORT_TAG = f"{{{EXPORT_NS}}}export"

# The whole file is refused, not one document.
FILE_LEVEL = 0


def _reject_document(element: xml.Element, source: str, position: int, reason: str) -> Rejected:
    return Rejected(
        source=source,
        position=position,
        kind=xml.local(element.tag),
        reason=reason,
        reg_num=xml.text(element, "regNum"),
    )


def _document(element: xml.Element, source: str, position: int) -> Parsed | Rejected:
    kind = xml.local(element.tag)
    namespace = etree.QName(element).namespace
    if namespace != EXPORT_NS or kind not in PARSERS:
        known = ", ".join(PARSERS)
        return _reject_document(
            element, source, position, f"неизвестный тип документа «{kind}» (знаем: {known})"
        )
    try:
        doc = parse_document(element, kind)
    except DocumentError as exc:
        return _reject_document(element, source, position, str(exc))
    return Parsed(source=source, position=position, doc=doc, raw=etree.tostring(element, encoding="utf-8"))


def iter_export(stream: IO[bytes], source: str) -> Iterator[Parsed | Rejected]:
    """Every document of one file, in order. A broken file yields the documents before the break, then one
    file-level `Rejected` (position 0 — the file itself) saying where it broke."""
    # No entities, no network: the file comes from outside.
    events = etree.iterparse(
        stream,
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        remove_comments=True,
        remove_pis=True,
    )
    depth = 0
    position = 0
    root: xml.Element | None = None
    try:
        for event, element in events:
            if event == "start":
                depth += 1
                if depth == 1:
                    root = element
                    if element.tag != EXPORT_TAG:
                        yield Rejected(
                            source,
                            FILE_LEVEL,
                            "",
                            f"корневой элемент «{xml.local(element.tag)}» — не export ЕИС ({EXPORT_NS})",
                        )
                        return
                continue
            depth -= 1
            if depth != 1 or root is None:
                continue
            position += 1
            yield _document(element, source, position)
            element.clear(keep_tail=False)
            # Cleared elements still hang on the root; drop them so the root stays empty.
            while len(root):
                del root[0]
    except etree.XMLSyntaxError as exc:
        line = f", строка {exc.lineno}" if exc.lineno else ""
        yield Rejected(source, FILE_LEVEL, "", f"файл XML повреждён{line}: {exc.msg}")
