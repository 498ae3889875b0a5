"""The text of a rendered PDF, for tests: what a reader's copy-paste would give, line breaks and runs of
spaces collapsed to one space (no-break spaces kept: money and percents carry them) so that assertions do not depend on where WeasyPrint broke the lines."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader


def pdf_text(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return re.sub(r"[ \t\r\n]+", " ", " ".join(page.extract_text() for page in pages)).strip()
