"""Citizens' signals pages: the cycle through the forms, who sees what, refusals that change nothing,
statistics with «нет данных», and the CSV/XLSX exports."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http.response import HttpResponseBase
from django.test import Client
from openpyxl import load_workbook

from zakupki.accounts.models import User
from zakupki.public_signals.enums import AnswerStatus, Rating, SignalStatus
from zakupki.public_signals.models import Signal, SignalAnswer
from zakupki.public_signals.services import answer_approve, answer_submit, signal_publish, signal_rate
from zakupki.public_signals.tests.factories import (
    citizen,
    customer,
    district,
    jpeg,
    moderator,
    moscow,
    published_session,
    region,
    submitted,
    user,
)

pytestmark = pytest.mark.django_db


def as_(person: User) -> Client:
    client = Client()
    client.force_login(person)
    return client


def text_of(response: HttpResponseBase) -> str:
    return bytes(getattr(response, "content", b"")).decode()


def test_citizen_submits_through_the_form_with_a_photo():
    author = citizen()
    session = published_session(customer(in_region=moscow()))
    place = district()
    browser = as_(author)

    assert browser.get("/signals/new/").status_code == 200
    response = browser.post(
        "/signals/new/",
        {
            "category": "procurement",
            "municipality": place.pk,
            "session": session.pk,
            "text": "Цена бумаги завышена вдвое",
            "photos": [SimpleUploadedFile("бумага.jpg", jpeg(), content_type="image/jpeg")],
        },
    )

    signal = Signal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/signals/{signal.pk}/"
    assert (signal.status, signal.session, signal.photos.count()) == (SignalStatus.SUBMITTED, session, 1)
    card = text_of(browser.get(f"/signals/{signal.pk}/"))
    assert "На модерации" in card
    photo = signal.photos.get()
    assert browser.get(f"/signals/{signal.pk}/photos/{photo.pk}/").content == jpeg()
    assert Client().get(f"/signals/{signal.pk}/photos/{photo.pk}/").status_code == 404
    assert Client().get(f"/signals/{signal.pk}/").status_code == 404


def test_bad_photo_and_empty_text_come_back_with_reasons_and_nothing_is_stored():
    browser = as_(citizen())

    response = browser.post(
        "/signals/new/",
        {
            "category": "facility",
            "municipality": district().pk,
            "facility_address": "ул. Арбат, 1",
            "text": "Сломана скамейка",
            "photos": [SimpleUploadedFile("скамейка.png", b"GIF89a not really", content_type="image/png")],
        },
    )
    empty = browser.post("/signals/new/", {"category": "facility", "municipality": district().pk, "text": ""})

    assert response.status_code == 400
    assert "Файл «скамейка.png» не является изображением или повреждён" in text_of(response)
    assert empty.status_code == 400
    assert "Напишите текст сообщения" in text_of(empty)
    assert Signal.objects.count() == 0


@pytest.mark.parametrize("role", ["customer", "moderator", "supplier", "control_body"])
def test_only_citizens_open_the_submission_form(role):
    assert as_(user(role=role, region=moscow())).get("/signals/new/").status_code == 403


def test_anonymous_is_sent_to_login_from_the_form():
    response = Client().get("/signals/new/")

    assert (response.status_code, response["Location"]) == (302, "/login/?next=/signals/new/")


def test_feed_shows_published_signals_only_with_the_municipality_list():
    hidden = submitted(text="Скрытое сообщение на модерации")
    shown = signal_publish(signal=submitted(text="Опубликованное сообщение о закупке"), moderator=moderator())

    page = text_of(Client().get("/signals/?region=77"))

    assert "Опубликованное сообщение о закупке" in page
    assert "Скрытое сообщение на модерации" not in page
    assert f"/signals/{shown.pk}/" in page
    assert f"/signals/{hidden.pk}/" not in page
    assert "Центральный административный округ</a> — 1" in page


def test_moderator_publishes_to_the_default_customer_then_moderates_the_answer_and_author_rates():
    buyer = customer(in_region=moscow())
    signal = submitted(buyer=buyer)
    mod = as_(moderator())
    clerk_user = user(role="customer", organization=buyer)

    queue = text_of(mod.get("/signals/moderation/"))
    assert f"/signals/{signal.pk}/" in queue
    card = text_of(mod.get(f"/signals/{signal.pk}/"))
    assert f'<option value="{buyer.pk}" selected>' in card

    assert mod.post(f"/signals/{signal.pk}/publish/", {"organization": buyer.pk}).status_code == 302
    clerk = as_(clerk_user)
    assert clerk.post(f"/signals/{signal.pk}/answer/", {"text": "Цена по рынку"}).status_code == 302
    answer = SignalAnswer.objects.get()
    assert "Цена по рынку" not in text_of(Client().get(f"/signals/{signal.pk}/"))
    assert "Цена по рынку" in text_of(mod.get("/signals/moderation/"))

    assert mod.post(f"/signals/{signal.pk}/approve-answer/", {"answer": answer.pk}).status_code == 302
    assert "Цена по рынку" in text_of(Client().get(f"/signals/{signal.pk}/"))
    author = as_(signal.author)
    assert author.post(f"/signals/{signal.pk}/rate/", {"rating": "satisfied"}).status_code == 302

    signal.refresh_from_db()
    assert (signal.status, signal.rating, SignalAnswer.objects.get().status) == (
        SignalStatus.RATED,
        Rating.SATISFIED,
        AnswerStatus.PUBLISHED,
    )


def test_rejection_needs_a_reason_from_the_list():
    signal = submitted()
    mod = as_(moderator())

    response = mod.post(f"/signals/{signal.pk}/reject/", {"reason": ""})
    assert response.status_code == 400
    assert "Выберите причину отклонения из списка" in text_of(response)
    assert mod.post(f"/signals/{signal.pk}/reject/", {"reason": "personal_data"}).status_code == 302

    signal.refresh_from_db()
    assert (signal.status, signal.reject_reason) == (SignalStatus.REJECTED, "personal_data")


def test_moderation_by_a_moderator_of_another_region_is_refused():
    waiting = submitted()
    shown = signal_publish(signal=submitted(), moderator=moderator())
    stranger = as_(moderator(region("50", name="Московская область")))

    assert stranger.post(f"/signals/{waiting.pk}/publish/", {"organization": 1}).status_code == 404
    refused = stranger.post(f"/signals/{shown.pk}/reject/", {"reason": "insults"})

    assert refused.status_code == 403
    waiting.refresh_from_db()
    shown.refresh_from_db()
    assert (waiting.status, shown.status) == (SignalStatus.SUBMITTED, SignalStatus.PUBLISHED)


def test_answer_by_another_organization_is_refused():
    signal = signal_publish(signal=submitted(), moderator=moderator())
    stranger = as_(user(role="customer", organization=customer(in_region=moscow())))

    assert stranger.post(f"/signals/{signal.pk}/answer/", {"text": "Не наше"}).status_code == 403
    assert SignalAnswer.objects.count() == 0


def test_statistics_page_says_no_data_when_empty():
    moscow()

    page = text_of(Client().get("/signals/stats/?region=77"))

    assert page.count("нет данных") == 2
    assert "<svg" not in page


def stats_region() -> None:
    buyer = customer(in_region=moscow(), short_name="ГБОУ Школа № 1")
    mod = moderator()
    answered = signal_publish(signal=submitted(buyer=buyer), moderator=mod)
    reply = answer_submit(signal=answered, author=user(role="customer", organization=buyer), text="Ответ")
    answer_approve(answer=reply, moderator=mod)
    signal_rate(signal=answered, author=answered.author, rating=Rating.SATISFIED)
    signal_publish(signal=submitted(buyer=buyer), moderator=mod)


def test_statistics_page_has_tables_and_charts():
    stats_region()

    page = text_of(Client().get("/signals/stats/?region=77"))

    assert '<th scope="row">ГБОУ Школа № 1</th><td>2</td><td>1</td><td>0,0</td><td>0,0</td><td>0</td>' in page
    assert "<td>0,0\u00a0%</td><td>100,0\u00a0%</td>" in page
    assert page.count("<svg") == 4


def test_csv_export():
    stats_region()

    response = Client().get("/signals/stats.csv?region=77")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith("Разрез;Наименование;Сообщений;")
    assert lines[1:4] == [
        "Регион;Москва;2;1;0,0;0,0;0;0,0;1;100,0",
        "Муниципальное образование;Центральный административный округ;2;1;0,0;0,0;0;0,0;1;100,0",
        "Организация;ГБОУ Школа № 1;2;1;0,0;0,0;0;0,0;1;100,0",
    ]


def test_xlsx_export_has_typed_cells():
    stats_region()

    response = Client().get("/signals/stats.xlsx?region=77")

    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Регион", "Муниципальное образование", "Организация", "Сообщения"]
    row = list(book["Организация"][2])
    assert [c.value for c in row] == ["ГБОУ Школа № 1", 2, 1, 0.0, 0.0, 0, 0.0, 1, 1.0]
    assert [c.number_format for c in row][6:] == ["0.0%", "0", "0.0%"]
    listing = book["Сообщения"]
    assert listing.max_row == 3
    assert listing.cell(row=2, column=2).number_format == "DD.MM.YYYY"
    assert Decimal(str(listing.cell(row=2, column=1).value)) > 0


def test_moderator_returns_an_answer_with_a_comment_and_the_author_sends_back_once():
    buyer = customer(in_region=moscow())
    mod_user = moderator()
    signal = signal_publish(signal=submitted(buyer=buyer), moderator=mod_user)
    clerk = as_(user(role="customer", organization=buyer))
    mod = as_(mod_user)
    clerk.post(f"/signals/{signal.pk}/answer/", {"text": "Отписка"})
    first = SignalAnswer.objects.get()

    no_comment = mod.post(f"/signals/{signal.pk}/reject-answer/", {"answer": first.pk, "comment": ""})
    assert no_comment.status_code == 400
    assert "Напишите, что нужно исправить в ответе" in text_of(no_comment)
    assert (
        mod.post(
            f"/signals/{signal.pk}/reject-answer/", {"answer": first.pk, "comment": "По существу"}
        ).status_code
        == 302
    )
    assert "Замечание модератора: По существу" in text_of(clerk.get(f"/signals/{signal.pk}/"))
    assert "Отписка" not in text_of(as_(signal.author).get(f"/signals/{signal.pk}/"))

    clerk.post(f"/signals/{signal.pk}/answer/", {"text": "Ограду починят к пятнице"})
    second = SignalAnswer.objects.get(status=AnswerStatus.PENDING)
    mod.post(f"/signals/{signal.pk}/approve-answer/", {"answer": second.pk})
    author = as_(signal.author)
    assert "Вернуть на повторный ответ" in text_of(author.get(f"/signals/{signal.pk}/"))
    response = author.post(f"/signals/{signal.pk}/rate/", {"rating": "unsatisfied", "send_back": "on"})
    assert response.status_code == 302
    signal.refresh_from_db()
    assert (signal.status, signal.returns_count) == (SignalStatus.RETURNED, 1)
