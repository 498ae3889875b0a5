"""Server-side ("cloud") electronic signatures: keys, signing, verification. See docs/adr/0006-signatures.md.

What is signed is not the bare file digest but a short "signed attributes" text that contains it, the
document's address, the key's serial, the purpose and the signing time (as CAdES signs its signed
attributes): back-dating a signature or changing its purpose in the database breaks it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from zakupki.core.errors import Conflict, DomainError, PermissionDenied
from zakupki.documents import crypto
from zakupki.documents.events import EventType
from zakupki.documents.models import Document, Signature, SigningKey
from zakupki.documents.services.audit import audit_record

if TYPE_CHECKING:
    from zakupki.accounts.models import Organization, User

OTHER_ORGANIZATION = "Ключ выдан другой организации"


@dataclass(frozen=True)
class SignatureCheck:
    ok: bool
    reason: str = ""


@dataclass(frozen=True)
class Problem:
    document_id: int
    document_title: str
    reason: str
    signature_id: int | None = None


@dataclass
class DocumentsReport:
    documents_checked: int = 0
    signatures_checked: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _server_secrets() -> list[str]:
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


def _seal_context(*, serial: str, public_key: str) -> str:
    return f"zakupki.signing_key:{serial}:{public_key}"


def _signed_attributes(
    *, digest: str, document_sha256: str, serial: str, purpose: str, signed_at: dt.datetime
) -> bytes:
    lines = [
        "zakupki-signature-v1",
        f"digest-streebog256:{digest}",
        f"document-sha256:{document_sha256}",
        f"key-serial:{serial}",
        f"purpose:{purpose}",
        f"signed-at:{signed_at.astimezone(dt.UTC).isoformat()}",
    ]
    return "\n".join(lines).encode()


def _read_bytes(document: Document) -> bytes | None:
    """The stored bytes, or None when the file is missing from the storage."""
    try:
        with document.file.open("rb") as handle:
            content: bytes = handle.read()
    except (FileNotFoundError, ValueError):  # ValueError: the field has no file name
        return None
    return content


def _issue_key_record(
    *, user: User, organization: Organization, valid_days: int, now: dt.datetime
) -> SigningKey:
    private_key = crypto.private_key_generate(crypto.DEFAULT_CURVE)
    public_key = crypto.public_key_derive(private_key, crypto.DEFAULT_CURVE).hex()
    serial = secrets.token_hex(16)
    sealed = crypto.private_key_seal(
        private_key, secret=settings.SECRET_KEY, context=_seal_context(serial=serial, public_key=public_key)
    )
    return SigningKey.objects.create(
        user=user,
        organization=organization,
        serial=serial,
        owner_name=user.full_name or user.username,
        organization_name=organization.name,
        organization_inn=organization.inn,
        curve=crypto.DEFAULT_CURVE,
        public_key=public_key,
        private_key_sealed=sealed,
        valid_from=now,
        valid_until=now + dt.timedelta(days=valid_days),
    )


def _revoke(*, key: SigningKey, actor: User | None, now: dt.datetime, reason: str) -> None:
    key.revoked_at = now
    key.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        event=EventType.SIGNING_KEY_REVOKED,
        obj=key,
        details={"serial": key.serial, "user_id": key.user_id, "reason": reason},
    )


def signing_key_issue(*, user: User, valid_days: int = 365, actor: User | None) -> SigningKey:
    """Issues a new key to a member of an organization; the user's previous active key is revoked."""
    from zakupki.accounts.models import User as UserModel

    if valid_days < 1:
        raise DomainError("Срок действия ключа — не менее одного дня", field="valid_days")
    with transaction.atomic():
        # Locking the user serialises issues for one person: never two active keys.
        locked = (
            UserModel.objects.select_for_update(of=("self",)).select_related("organization").get(pk=user.pk)
        )
        if locked.organization is None:
            raise PermissionDenied("Ключ подписи выдаётся только сотруднику организации")
        now = timezone.now()
        for previous in SigningKey.objects.select_for_update().filter(user=locked, revoked_at__isnull=True):
            _revoke(key=previous, actor=actor, now=now, reason="выдан новый ключ")
        key = _issue_key_record(user=locked, organization=locked.organization, valid_days=valid_days, now=now)
        audit_record(
            actor=actor,
            event=EventType.SIGNING_KEY_ISSUED,
            obj=key,
            details={
                "serial": key.serial,
                "user_id": locked.pk,
                "owner": key.owner_name,
                "organization_inn": key.organization_inn,
                "curve": key.curve,
                "public_key": key.public_key,
                "valid_from": key.valid_from,
                "valid_until": key.valid_until,
            },
        )
    return key


def signing_key_revoke(*, key: SigningKey, actor: User | None) -> SigningKey:
    with transaction.atomic():
        locked = SigningKey.objects.select_for_update().get(pk=key.pk)
        if locked.revoked_at is not None:
            raise Conflict("Ключ подписи уже отозван")
        _revoke(key=locked, actor=actor, now=timezone.now(), reason="отозван")
    return locked


def _usable_key(*, signer: User, now: dt.datetime) -> SigningKey:
    # Locked: a revocation waits for a signature in progress, so it is never "before" it.
    key = SigningKey.objects.select_for_update().filter(user=signer, revoked_at__isnull=True).first()
    if key is None:
        if SigningKey.objects.filter(user=signer).exists():
            raise PermissionDenied("Ключ подписи отозван", code="signing_key_revoked")
        raise PermissionDenied("У пользователя нет ключа электронной подписи", code="no_signing_key")
    if now < key.valid_from:
        raise PermissionDenied("Ключ подписи ещё не действует", code="signing_key_not_yet_valid")
    if now >= key.valid_until:
        raise PermissionDenied("Срок действия ключа подписи истёк", code="signing_key_expired")
    return key


def document_sign(
    *,
    document: Document,
    signer: User,
    purpose: str,
    expected_organization: Organization | None = None,
    now: dt.datetime | None = None,
) -> Signature:
    """Signs the document's current bytes with the signer's active key, in the given capacity."""
    from zakupki.accounts.models import User as UserModel

    purpose = purpose.strip()
    if not purpose:
        raise DomainError("Укажите, в качестве кого подписывается документ", field="purpose")
    signed_at = now if now is not None else timezone.now()
    with transaction.atomic():
        current = UserModel.objects.get(pk=signer.pk)  # the current organization, not a stale copy
        if current.organization_id is None:
            raise PermissionDenied("Подписывать документы может только сотрудник организации")
        key = _usable_key(signer=current, now=signed_at)
        if key.organization_id != current.organization_id or (
            expected_organization is not None and key.organization_id != expected_organization.pk
        ):
            raise PermissionDenied(OTHER_ORGANIZATION, code="signing_key_other_organization")
        if Signature.objects.filter(document=document, signer=current, purpose=purpose).exists():
            raise Conflict(f"Документ уже подписан этим пользователем в качестве «{purpose}»")
        content = _read_bytes(document)
        if content is None:
            raise Conflict(f"Файл документа «{document.title}» не найден в хранилище")
        if hashlib.sha256(content).hexdigest() != document.sha256:
            raise Conflict(f"Документ «{document.title}» изменён после сохранения: подписывать нельзя")
        digest = crypto.streebog256_hex(content)
        private_key = crypto.private_key_open(
            key.private_key_sealed,
            secrets_to_try=_server_secrets(),
            context=_seal_context(serial=key.serial, public_key=key.public_key),
        )
        attributes = _signed_attributes(
            digest=digest,
            document_sha256=document.sha256,
            serial=key.serial,
            purpose=purpose,
            signed_at=signed_at,
        )
        value = crypto.sign_digest(
            private_key=private_key, digest=crypto.streebog256(attributes), curve=key.curve
        ).hex()
        try:
            with transaction.atomic():
                signature = Signature.objects.create(
                    document=document,
                    key=key,
                    signer=current,
                    organization_id=key.organization_id,
                    purpose=purpose,
                    signed_at=signed_at,
                    digest=digest,
                    value=value,
                )
        except IntegrityError as exc:  # a concurrent request signed first
            raise Conflict(f"Документ уже подписан этим пользователем в качестве «{purpose}»") from exc
        audit_record(
            actor=current,
            event=EventType.DOCUMENT_SIGNED,
            obj=signature,
            details={
                "document_id": document.pk,
                "document_sha256": document.sha256,
                "digest": digest,
                "purpose": purpose,
                "key_serial": key.serial,
                "organization_inn": key.organization_inn,
            },
        )
    return signature


def _verify_with_content(
    *, signature: Signature, content: bytes | None, streebog_hex: str | None = None
) -> SignatureCheck:
    """`streebog_hex` may be passed when already computed for `content` (it costs ~4 s per MB)."""
    document = signature.document
    key = signature.key
    if content is None:
        return SignatureCheck(False, "файл документа не найден в хранилище")
    if hashlib.sha256(content).hexdigest() != document.sha256:
        return SignatureCheck(False, "файл документа изменён: SHA-256 не совпадает с адресом документа")
    digest = streebog_hex if streebog_hex is not None else crypto.streebog256_hex(content)
    if digest != signature.digest:
        return SignatureCheck(False, "хеш «Стрибог-256» файла не совпадает с подписанным")
    attributes = _signed_attributes(
        digest=digest,
        document_sha256=document.sha256,
        serial=key.serial,
        purpose=signature.purpose,
        signed_at=signature.signed_at,
    )
    try:
        public_key, value = bytes.fromhex(key.public_key), bytes.fromhex(signature.value)
    except ValueError:
        return SignatureCheck(False, "значение подписи или открытый ключ повреждены")
    if not crypto.verify_digest(
        public_key=public_key, digest=crypto.streebog256(attributes), signature=value, curve=key.curve
    ):
        return SignatureCheck(
            False, "подпись не соответствует документу (значение или реквизиты подписи изменены)"
        )
    if not key.valid_from <= signature.signed_at < key.valid_until:
        return SignatureCheck(False, "ключ подписи не действовал в момент подписания")
    if key.revoked_at is not None and key.revoked_at <= signature.signed_at:
        return SignatureCheck(False, "ключ подписи был отозван до подписания")
    if key.organization_id != signature.organization_id:
        return SignatureCheck(False, OTHER_ORGANIZATION)
    if key.user_id != signature.signer_id:
        return SignatureCheck(False, "ключ подписи выдан другому пользователю")
    return SignatureCheck(True)


def signature_verify(*, signature: Signature) -> SignatureCheck:
    """Recomputes the hashes of the current bytes and checks the GOST signature and the key's validity."""
    return _verify_with_content(signature=signature, content=_read_bytes(signature.document))


def _document_problems(document: Document) -> tuple[list[Problem], int]:
    """Problems of one document and of its signatures, and how many signatures it has."""
    problems: list[Problem] = []
    content = _read_bytes(document)
    content_ok = content is not None and hashlib.sha256(content).hexdigest() == document.sha256
    if content is None:
        problems.append(Problem(document.pk, document.title, "файл документа не найден в хранилище"))
    elif not content_ok:
        problems.append(
            Problem(document.pk, document.title, "файл изменён: SHA-256 не совпадает с адресом документа")
        )
    streebog_hex: str | None = None
    signatures = list(document.signatures.select_related("key").order_by("pk"))
    for signature in signatures:
        signature.document = document
        if content_ok and streebog_hex is None and content is not None:
            streebog_hex = crypto.streebog256_hex(content)  # once per document, not per signature
        check = _verify_with_content(signature=signature, content=content, streebog_hex=streebog_hex)
        if not check.ok:
            problems.append(Problem(document.pk, document.title, f"подпись: {check.reason}", signature.pk))
    return problems, len(signatures)


def documents_verify(*, batch_size: int = 500) -> DocumentsReport:
    """Checks every document's bytes against its address and every signature; lists every problem."""
    report = DocumentsReport()
    for document in Document.objects.order_by("pk").iterator(chunk_size=batch_size):
        problems, signatures = _document_problems(document)
        report.documents_checked += 1
        report.signatures_checked += signatures
        report.problems.extend(problems)
    return report
