"""HTML templates rendered to PDF with WeasyPrint (DejaVu/Liberation fonts carry Cyrillic)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # imported lazily: loading Pango costs ~0.3 s

    html = render_to_string(template_name, context)
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
