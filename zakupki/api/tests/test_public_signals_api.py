"""Citizens' signals through the API: the whole cycle, the role matrix, and refusals that change nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from zakupki.api.tests.helpers import API, as_user, error, get, post
from zakupki.public_signals.enums import SignalStatus
from zakupki.public_signals.models import Signal, SignalAnswer
from zakupki.public_signals.services import answer_submit, signal_publish
from zakupki.public_signals.tests.factories import (
    citizen,
    control_body,
    customer,
    district,
    jpeg,
    moderator,
    moscow,
    published_session,
    region,
    submitted,
    supplier,
    user,
)

pytestmark = pytest.mark.django_db


def submit(client: Client, headers: dict[str, str], data: dict[str, Any]) -> Any:
    return client.post(API + "/signals", data=data, headers=headers)


def test_citizen_submits_with_a_photo_and_walks_to_a_rated_answer():
    client = Client()
    buyer = customer(in_region=moscow())
    session = published_session(buyer)
    author = as_user(citizen())
    mod = as_user(moderator())
    clerk = as_user(user(role="customer", organization=buyer))

    response = submit(
        client,
        author,
        {
            "category": "procurement",
            "municipality_id": district().pk,
            "text": "Закупка бумаги по завышенной цене",
            "session_id": session.pk,
            "photos": [SimpleUploadedFile("двор.jpg", jpeg(64, 48), content_type="image/jpeg")],
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    signal_id = body["id"]
    assert (body["status"], body["session_id"], body["organization"]) == ("submitted", session.pk, None)
    assert [(p["width"], p["height"], p["content_type"]) for p in body["photos"]] == [(64, 48, "image/jpeg")]
    photo_url = body["photos"][0]["url"]

    assert get(client, f"/signals/{signal_id}").status_code == 404  # anonymous: does not exist yet
    assert client.get(photo_url).status_code == 404
    photo = client.get(photo_url, headers=author)
    assert (photo.status_code, photo["Content-Type"], photo.content) == (200, "image/jpeg", jpeg(64, 48))

    queue = get(client, "/signals/moderation", mod).json()
    assert [s["id"] for s in queue["signals"]] == [signal_id]

    body = post(client, f"/signals/{signal_id}/publish", {}, mod).json()
    assert (body["status"], body["organization"]) == ("published", buyer.short_name)
    assert [s["id"] for s in get(client, "/signals", region="77").json()] == [signal_id]

    body = post(client, f"/signals/{signal_id}/answers", {"text": "Цена соответствует рынку"}, clerk).json()
    answer_id = body["answers"][0]["id"]
    assert [(a["status"], a["text"]) for a in body["answers"]] == [("pending", "Цена соответствует рынку")]
    assert get(client, f"/signals/{signal_id}").json()["answers"] == []
    assert get(client, f"/signals/{signal_id}", author).json()["answers"] == []

    post(client, f"/signals/{signal_id}/answers/{answer_id}/approve", {}, mod)
    public = get(client, f"/signals/{signal_id}").json()
    assert (public["status"], [a["status"] for a in public["answers"]]) == ("answered", ["published"])

    body = post(client, f"/signals/{signal_id}/rate", {"rating": "satisfied"}, author).json()
    assert (body["status"], body["rating"]) == ("rated", "satisfied")

    stats = get(client, "/signals/stats", region="77").json()
    assert (stats["total"]["signals"], stats["total"]["answered"], stats["total"]["satisfied_percent"]) == (
        1,
        1,
        "100.0",
    )
    assert stats["total"]["overdue_percent"] == "0.0"


def test_not_an_image_is_refused_with_a_field_error_and_nothing_is_stored():
    client = Client()
    response = submit(
        client,
        as_user(citizen()),
        {
            "category": "facility",
            "municipality_id": district().pk,
            "text": "Разбит фонарь",
            "facility_address": "ул. Арбат, 1",
            "photos": [SimpleUploadedFile("фонарь.jpg", b"%PDF-1.7 not a photo", content_type="image/jpeg")],
        },
    )

    assert response.status_code == 422
    assert response.json() == {
        "errors": [error("Файл «фонарь.jpg» не является изображением или повреждён", "photos")]
    }
    assert Signal.objects.count() == 0


def test_empty_text_and_unknown_links_are_named():
    client = Client()
    response = submit(
        client,
        as_user(citizen()),
        {
            "category": "contract",
            "municipality_id": district().pk,
            "text": " ",
            "contract_registry_number": "1",
        },
    )

    assert response.status_code == 422
    assert response.json() == {"errors": [error("Контракт с реестровым номером 1 не найден", "contract")]}
    response = submit(client, as_user(citizen()), {"category": "facility", "municipality_id": district().pk})
    assert response.json()["errors"] == [
        error("Напишите текст сообщения", "text"),
        error("Укажите адрес объекта", "facility_address"),
    ]
    assert Signal.objects.count() == 0


def test_anonymous_cannot_submit():
    response = Client().post(API + "/signals", data={"category": "facility", "text": "Т"})

    assert response.status_code == 401
    assert Signal.objects.count() == 0


ROLES = (
    "author",
    "other_citizen",
    "moderator",
    "other_moderator",
    "organization",
    "other_customer",
    "control_body",
    "supplier",
    "anonymous",
)


def headers_by_role(signal: Signal, buyer: Any, mod: Any) -> dict[str, dict[str, str]]:
    return {
        "author": as_user(signal.author),
        "other_citizen": as_user(citizen()),
        "moderator": as_user(mod),
        "other_moderator": as_user(moderator(region("50", name="Московская область"))),
        "organization": as_user(user(role="customer", organization=buyer)),
        "other_customer": as_user(user(role="customer", organization=customer(in_region=moscow()))),
        "control_body": as_user(user(role="control_body", organization=control_body())),
        "supplier": as_user(user(role="supplier", organization=supplier(in_region=moscow()))),
        "anonymous": {},
    }


def test_role_matrix_for_an_unpublished_signal_and_a_pending_answer():
    client = Client()
    buyer = customer(in_region=moscow())
    mod = moderator()
    hidden = submitted(buyer=buyer)
    shown = signal_publish(signal=submitted(buyer=buyer), moderator=mod)
    answer_submit(signal=shown, author=user(role="customer", organization=buyer), text="Черновик ответа")
    roles = headers_by_role(hidden, buyer, mod)

    sees_hidden = {r for r, h in roles.items() if get(client, f"/signals/{hidden.pk}", h).status_code == 200}
    sees_answer = {r for r, h in roles.items() if get(client, f"/signals/{shown.pk}", h).json()["answers"]}
    in_feed = {
        r for r, h in roles.items() if hidden.pk in [s["id"] for s in get(client, "/signals", h).json()]
    }

    assert sees_hidden == {"author", "moderator"}
    assert sees_answer == {"organization", "moderator"}
    assert in_feed == set()


def test_refusals_answer_exactly_and_change_nothing():
    client = Client()
    buyer = customer(in_region=moscow())
    mod = moderator()
    waiting = submitted(buyer=buyer)
    shown = signal_publish(signal=submitted(buyer=buyer), moderator=mod)
    stranger = as_user(user(role="customer", organization=customer(in_region=moscow())))
    other_moderator = as_user(moderator(region("50", name="Московская область")))

    # a moderator of another region does not even see the unpublished signal
    assert post(client, f"/signals/{waiting.pk}/publish", {}, other_moderator).status_code == 404
    forbidden = post(client, f"/signals/{shown.pk}/reject", {"reason": "insults"}, other_moderator)
    assert (forbidden.status_code, forbidden.json()["errors"][0]["message"]) == (
        403,
        "Модерировать сообщения может только модератор региона, к которому относится сообщение",
    )
    wrong_org = post(client, f"/signals/{shown.pk}/answers", {"text": "Ответ"}, stranger)
    assert (wrong_org.status_code, wrong_org.json()["errors"][0]["message"]) == (
        403,
        "Ответить может только организация, которой направлено сообщение",
    )
    bad_reason = post(client, f"/signals/{waiting.pk}/reject", {"reason": "скучно"}, as_user(mod))
    assert bad_reason.json() == {"errors": [error("Выберите причину отклонения из списка", "reason")]}
    waiting.refresh_from_db()
    shown.refresh_from_db()
    assert (waiting.status, shown.status) == (SignalStatus.SUBMITTED, SignalStatus.PUBLISHED)
    assert SignalAnswer.objects.count() == 0


def test_municipalities_of_a_region():
    district(name="Северный административный округ")
    district()

    body = get(Client(), "/municipalities", region="77").json()

    assert [m["name"] for m in body] == [
        "Северный административный округ",
        "Центральный административный округ",
    ]
