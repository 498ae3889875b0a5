"""Content-addressed, immutable documents stored through Django's storage API."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from zakupki.documents.events import EventType
from zakupki.documents.models import Document
from zakupki.documents.services.audit import audit_record

if TYPE_CHECKING:
    from zakupki.accounts.models import User


def document_store(
    *,
    content: bytes,
    title: str,
    kind: str,
    content_type: str,
    actor: User | None,
    previous: Document | None = None,
) -> Document:
    """Stores the bytes once; the same bytes stored again return the existing document."""
    digest = hashlib.sha256(content).hexdigest()
    existing = Document.objects.filter(sha256=digest).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            document = Document(
                sha256=digest,
                title=title,
                kind=kind,
                content_type=content_type,
                size=len(content),
                created_by=actor,
                previous=previous,
            )
            document.file.save(digest, ContentFile(content), save=False)
            document.save()
            audit_record(
                actor=actor,
                event=EventType.DOCUMENT_STORED,
                obj=document,
                details={"sha256": digest, "title": title, "kind": kind, "size": len(content)},
            )
    except IntegrityError:
        return Document.objects.get(sha256=digest)
    return document


def document_read_verified(*, document: Document) -> bytes:
    """The stored bytes, refused if they no longer match the address."""
    with document.file.open("rb") as handle:
        content: bytes = handle.read()
    if hashlib.sha256(content).hexdigest() != document.sha256:
        raise ValueError(f"Документ «{document.title}» изменён: хеш не совпадает")
    return content
