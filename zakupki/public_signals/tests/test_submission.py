"""Submitting: the input checks (text, links, photos decoded with Pillow) refuse and store nothing."""

from __future__ import annotations

import hashlib

import pytest

from zakupki.core.errors import PermissionDenied, ValidationFailed
from zakupki.documents.models import Document
from zakupki.public_signals.enums import SignalCategory
from zakupki.public_signals.models import Signal, SignalPhoto
from zakupki.public_signals.services import PhotoUpload, signal_submit
from zakupki.public_signals.tests.factories import (
    citizen,
    concluded_contract,
    customer,
    district,
    jpeg,
    moscow,
    png,
    published_session,
    region,
    submitted,
    user,
)

pytestmark = pytest.mark.django_db


def nothing_stored() -> None:
    assert Signal.objects.count() == 0
    assert SignalPhoto.objects.count() == 0
    assert Document.objects.count() == 0


def test_photos_are_stored_content_addressed_with_their_sizes():
    photo = jpeg(64, 48)

    signal = submitted(photos=(PhotoUpload("двор.jpg", photo), PhotoUpload("ограда.png", png(32, 32))))

    stored = list(signal.photos.select_related("document"))
    assert [(p.position, p.width, p.height, p.document.content_type) for p in stored] == [
        (1, 64, 48, "image/jpeg"),
        (2, 32, 32, "image/png"),
    ]
    assert stored[0].document.sha256 == hashlib.sha256(photo).hexdigest()
    assert stored[0].document.kind == "signal_photo"


def test_text_file_named_like_a_photo_is_refused():
    with pytest.raises(ValidationFailed) as refused:
        submitted(photos=(PhotoUpload("photo.jpg", b"just some text, not an image at all"),))

    assert refused.value.errors == {"photos": "Файл «photo.jpg» не является изображением или повреждён"}
    nothing_stored()


def test_truncated_jpeg_is_refused_by_decoding():
    import weasyprint  # noqa: F401 - importing it makes Pillow tolerate truncated images process-wide

    whole = jpeg(400, 300, "#808000")

    with pytest.raises(ValidationFailed) as refused:
        submitted(photos=(PhotoUpload("обрезано.jpg", whole[: len(whole) // 2]),))

    assert refused.value.errors == {"photos": "Файл «обрезано.jpg» не является изображением или повреждён"}
    nothing_stored()


def test_image_of_another_format_is_refused():
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="GIF")

    with pytest.raises(ValidationFailed) as refused:
        submitted(photos=(PhotoUpload("анимация.gif", buffer.getvalue()),))

    assert refused.value.errors == {"photos": "Файл «анимация.gif»: допустимы фотографии JPEG, PNG или WebP"}
    nothing_stored()


def test_oversized_photo_is_refused_by_the_rules_limit():
    big = b"\xff\xd8" + b"0" * 5242880  # one byte over 5 МБ

    with pytest.raises(ValidationFailed) as refused:
        submitted(photos=(PhotoUpload("большое.jpg", big),))

    assert refused.value.errors == {"photos": "Файл «большое.jpg» больше 5 МБ"}
    nothing_stored()


def test_too_many_photos_are_refused():
    with pytest.raises(ValidationFailed) as refused:
        submitted(photos=tuple(PhotoUpload(f"{n}.jpg", jpeg()) for n in range(6)))

    assert refused.value.errors == {"photos": "Можно приложить не больше 5 фотографий"}
    nothing_stored()


def test_empty_text_is_refused_next_to_the_field():
    with pytest.raises(ValidationFailed) as refused:
        submitted(text="   ")

    assert refused.value.errors == {"text": "Напишите текст сообщения"}
    nothing_stored()


def test_every_missing_field_is_named_at_once():
    with pytest.raises(ValidationFailed) as refused:
        signal_submit(author=citizen(), municipality=None, category="", text="")

    assert refused.value.errors == {
        "category": "Выберите категорию сообщения",
        "municipality": "Выберите муниципальное образование",
        "text": "Напишите текст сообщения",
    }
    nothing_stored()


def test_links_must_match_the_category_and_the_region():
    elsewhere = customer(in_region=region("50", name="Московская область"))
    session_elsewhere = published_session(elsewhere)
    unsigned = concluded_contract(customer(in_region=moscow()))
    unsigned.registry_number = None
    unsigned.save(update_fields=["registry_number"])

    with pytest.raises(ValidationFailed) as no_session:
        signal_submit(
            author=citizen(), municipality=district(), category=SignalCategory.PROCUREMENT, text="Т"
        )
    with pytest.raises(ValidationFailed) as foreign:
        signal_submit(
            author=citizen(),
            municipality=district(),
            category=SignalCategory.PROCUREMENT,
            text="Т",
            session=session_elsewhere,
        )
    with pytest.raises(ValidationFailed) as not_public:
        signal_submit(
            author=citizen(),
            municipality=district(),
            category=SignalCategory.CONTRACT,
            text="Т",
            contract=unsigned,
        )
    with pytest.raises(ValidationFailed) as no_address:
        signal_submit(author=citizen(), municipality=district(), category=SignalCategory.FACILITY, text="Т")

    assert no_session.value.errors == {"session": "Укажите закупку, к которой относится сообщение"}
    assert foreign.value.errors == {"session": "Закупка проводится в другом регионе"}
    assert not_public.value.errors == {"contract": "Контракт не найден"}
    assert no_address.value.errors == {"facility_address": "Укажите адрес объекта"}
    assert Signal.objects.count() == 0


@pytest.mark.parametrize("role", ["customer", "supplier", "moderator", "control_body", "regional_admin"])
def test_only_citizens_submit(role):
    with pytest.raises(PermissionDenied) as refused:
        submitted(author=user(role=role, region=moscow()))

    assert refused.value.message == "Сообщение может подать только зарегистрированный гражданин"
    assert Signal.objects.count() == 0
