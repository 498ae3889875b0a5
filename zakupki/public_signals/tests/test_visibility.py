"""The role matrix in the selectors: nobody sees an unpublished signal or an answer before moderation
except the author, the responsible organization and the region's moderators, as each must."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from zakupki.core.errors import NotFound
from zakupki.public_signals.enums import RejectReason
from zakupki.public_signals.models import Signal
from zakupki.public_signals.selectors import (
    moderation_queue,
    signal_answers_visible,
    signal_is_visible,
    signal_visible_to,
    signals_public,
)
from zakupki.public_signals.services import answer_submit, signal_publish, signal_reject
from zakupki.public_signals.tests.factories import (
    citizen,
    control_body,
    customer,
    moderator,
    moscow,
    region,
    submitted,
    supplier,
    user,
)

pytestmark = pytest.mark.django_db

ROLES = (
    "author",
    "other_citizen",
    "moderator",
    "other_region_moderator",
    "organization",
    "other_customer",
    "control_body",
    "supplier",
    "anonymous",
)


def people(signal: Signal, buyer: Any, mod: Any) -> dict[str, Any]:
    return {
        "author": signal.author,
        "other_citizen": citizen(),
        "moderator": mod,
        "other_region_moderator": moderator(region("50", name="Московская область")),
        "organization": user(role="customer", organization=buyer),
        "other_customer": user(role="customer", organization=customer(in_region=moscow())),
        "control_body": user(role="control_body", organization=control_body()),
        "supplier": user(role="supplier", organization=supplier(in_region=moscow())),
        "anonymous": AnonymousUser(),
    }


def seen_by(signal: Signal, everyone: dict[str, Any]) -> set[str]:
    return {role for role, person in everyone.items() if signal_is_visible(signal=signal, viewer=person)}


def test_submitted_signal_is_seen_by_its_author_and_the_region_moderator_only():
    buyer = customer(in_region=moscow())
    mod = moderator()
    signal = submitted(buyer=buyer)
    everyone = people(signal, buyer, mod)

    assert seen_by(signal, everyone) == {"author", "moderator"}
    with pytest.raises(NotFound):
        signal_visible_to(signal_id=signal.pk, viewer=everyone["organization"])
    assert list(signals_public()) == []


def test_rejected_signal_stays_hidden():
    buyer = customer(in_region=moscow())
    mod = moderator()
    signal = signal_reject(signal=submitted(buyer=buyer), moderator=mod, reason=RejectReason.INSULTS)

    assert seen_by(signal, people(signal, buyer, mod)) == {"author", "moderator"}
    assert list(signals_public()) == []


def test_published_signal_is_public_but_the_pending_answer_is_not():
    buyer = customer(in_region=moscow())
    mod = moderator()
    signal = signal_publish(signal=submitted(buyer=buyer), moderator=mod)
    everyone = people(signal, buyer, mod)
    answer = answer_submit(signal=signal, author=everyone["organization"], text="Проверяем")
    signal.refresh_from_db()

    assert seen_by(signal, everyone) == set(ROLES)
    assert list(signals_public()) == [signal]
    who_sees_answer = {
        role
        for role, person in everyone.items()
        if signal_answers_visible(signal=signal, viewer=person) == [answer]
    }
    assert who_sees_answer == {"organization", "moderator"}


def test_moderation_queue_is_the_moderators_own_region():
    mod = moderator()
    signal = submitted()

    assert list(moderation_queue(moderator=mod)[0]) == [signal]
    assert list(moderation_queue(moderator=moderator(region("50", name="Московская область")))[0]) == []
    assert list(moderation_queue(moderator=citizen())[0]) == []
