import datetime as dt
import itertools

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus
from zakupki.accounts.identifiers import make_inn, make_ogrn
from zakupki.accounts.models import Organization, Region, User
from zakupki.core.errors import Conflict, DomainError, PermissionDenied
from zakupki.documents import crypto
from zakupki.documents.models import AuditEvent, Document, Signature, SigningKey
from zakupki.documents.services.signatures import (
    SignatureCheck,
    document_sign,
    documents_verify,
    signature_verify,
    signing_key_issue,
    signing_key_revoke,
)
from zakupki.documents.services.storage import document_store
from zakupki.documents.services.verification import journal_verify

CONTENT = "Контракт № 1 на поставку бумаги".encode()
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _organization(name="ООО «Бумага»"):
    n = next(_numbers)
    region, _ = Region.objects.get_or_create(
        code="72",
        defaults={"name": "Тюменская область", "timezone": "Asia/Yekaterinburg", "joined_on": "2026-01-15"},
    )
    return Organization.objects.create(
        kind=OrganizationKind.SUPPLIER,
        status=OrganizationStatus.CONFIRMED,
        name=name,
        inn=make_inn(f"{720300000 + n:09d}"),
        kpp="720301001",
        ogrn=make_ogrn(f"{102720000000 + n:012d}"),
        region=region,
    )


def _user(organization, username="ivanov"):
    return User.objects.create(username=username, full_name="Иванов Иван Иванович", organization=organization)


@pytest.fixture
def org(db):
    return _organization()


@pytest.fixture
def signer(org):
    return _user(org)


@pytest.fixture
def document(signer):
    return document_store(
        content=CONTENT, title="Контракт № 1", kind="contract", content_type="text/plain", actor=signer
    )


def _overwrite(document, content):
    storage = document.file.storage
    name = document.file.name
    storage.delete(name)
    assert storage.save(name, ContentFile(content)) == name


def _events():
    return list(AuditEvent.objects.order_by("seq").values_list("event", flat=True))


def test_streebog256_known_answer_from_rfc_6986():
    m1 = b"012345678901234567890123456789012345678901234567890123456789012"
    digest = crypto.streebog256(m1)
    # RFC 6986 §10.1 writes M1 and H(M1) as numbers (most significant byte first), i.e. byte-reversed.
    assert digest[::-1].hex() == "00557be5e584fd52a449b16b0251d05d27f94ab76cbaa6da890b59d8ef1e159d"
    assert crypto.streebog256_hex(m1) == "9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500"


def test_gost_sign_verify_round_trip_and_rejects_another_digest():
    private_key = crypto.private_key_generate()
    public_key = crypto.public_key_derive(private_key)
    digest = crypto.streebog256(b"data")
    value = crypto.sign_digest(private_key=private_key, digest=digest)
    assert (len(private_key), len(public_key), len(value)) == (32, 64, 64)
    assert 1 <= int.from_bytes(private_key, "big") < 2**256
    assert crypto.verify_digest(public_key=public_key, digest=digest, signature=value) is True
    assert (
        crypto.verify_digest(public_key=public_key, digest=crypto.streebog256(b"dat"), signature=value)
        is False
    )
    assert crypto.verify_digest(public_key=public_key, digest=digest, signature=value[:-1]) is False


def test_sealed_private_key_opens_only_with_the_secret_and_its_context():
    sealed = crypto.private_key_seal(b"k" * 32, secret="s1", context="serial-1")
    assert b"k" * 32 not in bytes.fromhex(sealed.removeprefix("v1:"))
    assert crypto.private_key_open(sealed, secrets_to_try=["old", "s1"], context="serial-1") == b"k" * 32
    with pytest.raises(crypto.CryptoError):
        crypto.private_key_open(sealed, secrets_to_try=["s2"], context="serial-1")
    with pytest.raises(crypto.CryptoError):
        crypto.private_key_open(sealed, secrets_to_try=["s1"], context="serial-2")


def test_issued_key_is_a_certificate_like_record_with_a_sealed_private_key(signer, org):
    key = signing_key_issue(user=signer, actor=None)

    key.refresh_from_db()
    assert key.user == signer
    assert key.organization == org
    assert key.owner_name == "Иванов Иван Иванович"
    assert key.organization_name == "ООО «Бумага»"
    assert key.organization_inn == org.inn
    assert key.curve == "id-tc26-gost-3410-2012-256-paramSetB"
    assert len(key.public_key) == 128
    assert len(key.serial) == 32
    assert key.valid_until - key.valid_from == dt.timedelta(days=365)
    assert key.revoked_at is None
    assert key.private_key_sealed.startswith("v1:")
    assert _events()[-1] == "signing_key.issued"


def test_issuing_a_new_key_revokes_the_previous_one(signer):
    first = signing_key_issue(user=signer, actor=None)
    second = signing_key_issue(user=signer, actor=None, valid_days=30)

    first.refresh_from_db()
    assert first.revoked_at == second.valid_from
    assert second.revoked_at is None
    assert second.valid_until - second.valid_from == dt.timedelta(days=30)
    assert _events()[-3:] == ["signing_key.issued", "signing_key.revoked", "signing_key.issued"]


def test_a_user_without_an_organization_gets_no_key(db):
    citizen = User.objects.create(username="citizen")
    with pytest.raises(PermissionDenied, match="^Ключ подписи выдаётся только сотруднику организации$"):
        signing_key_issue(user=citizen, actor=None)
    assert SigningKey.objects.count() == 0


def test_sign_and_verify(signer, org, document):
    key = signing_key_issue(user=signer, actor=None)

    signature = document_sign(document=document, signer=signer, purpose="поставщик")

    signature.refresh_from_db()
    assert signature.document == document
    assert signature.key == key
    assert signature.signer == signer
    assert signature.organization == org
    assert signature.purpose == "поставщик"
    assert signature.digest == crypto.streebog256_hex(CONTENT)
    assert len(signature.value) == 128
    assert signature_verify(signature=signature) == SignatureCheck(ok=True, reason="")
    assert _events()[-1] == "document.signed"
    assert journal_verify().ok


def test_changed_file_is_detected_by_verify_and_by_the_command(signer, document):
    signing_key_issue(user=signer, actor=None)
    signature = document_sign(document=document, signer=signer, purpose="поставщик")

    _overwrite(document, "Контракт № 1 на поставку бумаги и картона".encode())

    assert signature_verify(signature=signature) == SignatureCheck(
        ok=False, reason="файл документа изменён: SHA-256 не совпадает с адресом документа"
    )
    with pytest.raises(CommandError) as excinfo:
        call_command("verify_documents", stdout=(out := _Out()))
    assert excinfo.value.returncode == 1
    assert str(excinfo.value) == "Документы нарушены: проверено документов: 1, подписей: 1, нарушений: 2"
    assert out.lines() == [
        f"Документ №{document.pk} «Контракт № 1»: файл изменён: SHA-256 не совпадает с адресом документа",
        f"Документ №{document.pk} «Контракт № 1», подпись №{signature.pk}: "
        "подпись: файл документа изменён: SHA-256 не совпадает с адресом документа",
    ]


def test_the_command_passes_intact_documents(signer, document):
    signing_key_issue(user=signer, actor=None)
    document_sign(document=document, signer=signer, purpose="поставщик")

    call_command("verify_documents", stdout=(out := _Out()))

    assert out.lines() == ["Документы целы: проверено документов: 1, подписей: 1, нарушений: 0"]


def test_a_changed_file_is_not_signed(signer, document):
    signing_key_issue(user=signer, actor=None)
    _overwrite(document, b"other bytes")

    with pytest.raises(
        Conflict, match="^Документ «Контракт № 1» изменён после сохранения: подписывать нельзя$"
    ):
        document_sign(document=document, signer=signer, purpose="поставщик")
    assert Signature.objects.count() == 0


def test_tampered_signature_value_is_detected(signer, document):
    signing_key_issue(user=signer, actor=None)
    signature = document_sign(document=document, signer=signer, purpose="поставщик")
    flipped = ("1" if signature.value[0] == "0" else "0") + signature.value[1:]
    Signature.objects.filter(pk=signature.pk).update(value=flipped)
    signature.refresh_from_db()

    assert signature_verify(signature=signature) == SignatureCheck(
        ok=False, reason="подпись не соответствует документу (значение или реквизиты подписи изменены)"
    )
    with pytest.raises(CommandError) as excinfo:
        call_command("verify_documents", stdout=(out := _Out()))
    assert excinfo.value.returncode == 1
    assert out.lines() == [
        f"Документ №{document.pk} «Контракт № 1», подпись №{signature.pk}: "
        "подпись: подпись не соответствует документу (значение или реквизиты подписи изменены)"
    ]


def test_back_dated_signature_is_detected(signer, document):
    signing_key_issue(user=signer, actor=None)
    signature = document_sign(document=document, signer=signer, purpose="поставщик")
    Signature.objects.filter(pk=signature.pk).update(signed_at=signature.signed_at - dt.timedelta(hours=1))
    signature.refresh_from_db()

    assert signature_verify(signature=signature).reason == (
        "подпись не соответствует документу (значение или реквизиты подписи изменены)"
    )


def test_expired_key_is_refused(signer, document):
    key = signing_key_issue(user=signer, actor=None, valid_days=10)
    events_before = _events()

    with pytest.raises(PermissionDenied, match="^Срок действия ключа подписи истёк$"):
        document_sign(document=document, signer=signer, purpose="поставщик", now=key.valid_until)
    with pytest.raises(PermissionDenied, match="^Ключ подписи ещё не действует$"):
        document_sign(
            document=document,
            signer=signer,
            purpose="поставщик",
            now=key.valid_from - dt.timedelta(seconds=1),
        )
    assert Signature.objects.count() == 0
    assert _events() == events_before


def test_revoked_key_is_refused(signer, document):
    key = signing_key_issue(user=signer, actor=None)
    signing_key_revoke(key=key, actor=None)

    with pytest.raises(PermissionDenied, match="^Ключ подписи отозван$"):
        document_sign(document=document, signer=signer, purpose="поставщик")
    with pytest.raises(Conflict, match="^Ключ подписи уже отозван$"):
        signing_key_revoke(key=key, actor=None)
    assert Signature.objects.count() == 0
    assert _events()[-1] == "signing_key.revoked"


def test_no_key_is_refused(signer, document):
    with pytest.raises(PermissionDenied, match="^У пользователя нет ключа электронной подписи$"):
        document_sign(document=document, signer=signer, purpose="поставщик")


def test_key_of_another_organization_is_refused(signer, document):
    signing_key_issue(user=signer, actor=None)
    other = _organization("ООО «Картон»")

    with pytest.raises(PermissionDenied, match="^Ключ выдан другой организации$"):
        document_sign(document=document, signer=signer, purpose="поставщик", expected_organization=other)

    signer.organization = other
    signer.save(update_fields=["organization"])
    with pytest.raises(PermissionDenied, match="^Ключ выдан другой организации$"):
        document_sign(document=document, signer=signer, purpose="поставщик")
    assert Signature.objects.count() == 0


def test_signature_moved_to_another_organization_fails_verification(signer, document):
    signing_key_issue(user=signer, actor=None)
    signature = document_sign(document=document, signer=signer, purpose="поставщик")
    Signature.objects.filter(pk=signature.pk).update(organization=_organization("ООО «Картон»"))
    signature.refresh_from_db()

    assert signature_verify(signature=signature) == SignatureCheck(
        ok=False, reason="Ключ выдан другой организации"
    )


def test_second_signature_for_the_same_purpose_is_refused(signer, document):
    signing_key_issue(user=signer, actor=None)
    document_sign(document=document, signer=signer, purpose="поставщик")

    with pytest.raises(Conflict, match="^Документ уже подписан этим пользователем в качестве «поставщик»$"):
        document_sign(document=document, signer=signer, purpose="поставщик")
    document_sign(document=document, signer=signer, purpose="член комиссии")
    assert list(Signature.objects.order_by("pk").values_list("purpose", flat=True)) == [
        "поставщик",
        "член комиссии",
    ]


def test_empty_purpose_is_refused(signer, document):
    signing_key_issue(user=signer, actor=None)
    with pytest.raises(DomainError) as excinfo:
        document_sign(document=document, signer=signer, purpose="  ")
    assert excinfo.value.field == "purpose"


def test_signature_made_before_revocation_stays_valid(signer, document):
    key = signing_key_issue(user=signer, actor=None)
    signature = document_sign(document=document, signer=signer, purpose="поставщик")
    signing_key_revoke(key=key, actor=None)
    signature.refresh_from_db()

    assert signature_verify(signature=signature) == SignatureCheck(ok=True, reason="")
    assert documents_verify().ok


def test_missing_file_is_reported(signer, document):
    document.file.storage.delete(document.file.name)

    report = documents_verify()

    assert [p.reason for p in report.problems] == ["файл документа не найден в хранилище"]
    assert Document.objects.count() == 1


class _Out:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass

    def lines(self):
        return self.text.splitlines()
