"""A signal from submission to a rated answer through the services, and the refusals on the way."""

from __future__ import annotations

import datetime as dt

import pytest

from zakupki.core.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed
from zakupki.documents.models import AuditEvent
from zakupki.notifications.models import Notification
from zakupki.public_signals.enums import AnswerStatus, Rating, RejectReason, SignalCategory, SignalStatus
from zakupki.public_signals.models import Signal, SignalAnswer
from zakupki.public_signals.services import (
    answer_approve,
    answer_reject,
    answer_submit,
    signal_publish,
    signal_rate,
    signal_reject,
    signal_submit,
)
from zakupki.public_signals.tests.factories import (
    citizen,
    concluded_contract,
    customer,
    district,
    moderator,
    moscow,
    region,
    submitted,
    user,
)

pytestmark = pytest.mark.django_db

MSK = dt.timezone(dt.timedelta(hours=3))


def events_of(signal: Signal) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="public_signals.signal", object_id=str(signal.pk))
        .order_by("seq")
        .values_list("event", flat=True)
    )


def test_submitted_signal_waits_for_moderation():
    signal = submitted()

    assert signal.status == SignalStatus.SUBMITTED
    assert signal.region.code == "77"
    assert signal.organization is None
    assert signal.published_at is None
    assert events_of(signal) == ["signal.submitted"]


def test_publication_routes_to_the_session_customer_with_calendar_day_terms():
    # published on Wednesday 2026-11-04 at 23:30 Moscow: the count starts from the local date
    buyer = customer(in_region=moscow())
    signal = submitted(buyer=buyer)
    mod = moderator()

    published = signal_publish(signal=signal, moderator=mod, now=dt.datetime(2026, 11, 4, 23, 30, tzinfo=MSK))

    assert published.status == SignalStatus.PUBLISHED
    assert published.organization == buyer
    assert published.moderated_by == mod
    # 04.11 + 10 days = Saturday 14.11, a day off: moved to Monday 16.11, end of the Moscow day
    assert published.answer_due_at == dt.datetime(2026, 11, 16, 20, 59, 59, 999999, tzinfo=dt.UTC)
    assert published.sla_due_at == published.answer_due_at
    # 04.11 + 30 days = Friday 04.12, a working day
    assert published.legal_due_at == dt.datetime(2026, 12, 4, 20, 59, 59, 999999, tzinfo=dt.UTC)
    # the first warning: two days before the target term
    assert published.next_check_at == dt.datetime(2026, 11, 14, 20, 59, 59, 999999, tzinfo=dt.UTC)
    assert events_of(published) == ["signal.submitted", "signal.published"]
    assert Notification.objects.filter(recipient=signal.author, kind="signal.published").count() == 1


def test_contract_signal_defaults_to_the_contract_customer():
    buyer = customer(in_region=moscow())
    contract = concluded_contract(buyer)
    signal = signal_submit(
        author=citizen(),
        municipality=district(),
        category=SignalCategory.CONTRACT,
        text="Подрядчик не вывез строительный мусор",
        contract=contract,
    )

    published = signal_publish(signal=signal, moderator=moderator())

    assert published.contract == contract
    assert published.organization == buyer


def test_facility_signal_needs_the_moderator_to_choose_the_organization():
    signal = signal_submit(
        author=citizen(),
        municipality=district(),
        category=SignalCategory.FACILITY,
        text="Сломана ограда детской площадки",
        facility_address="ул. Тверская, д. 13",
    )

    with pytest.raises(ValidationFailed) as refused:
        signal_publish(signal=signal, moderator=moderator())

    assert refused.value.errors == {"organization": "Выберите организацию, ответственную за ответ"}
    signal.refresh_from_db()
    assert signal.status == SignalStatus.SUBMITTED
    assert events_of(signal) == ["signal.submitted"]


def test_moderator_cannot_route_to_an_organization_of_another_region():
    signal = submitted()
    elsewhere = customer(in_region=region("50", name="Московская область"))

    with pytest.raises(ValidationFailed) as refused:
        signal_publish(signal=signal, moderator=moderator(), organization=elsewhere)

    assert refused.value.errors == {
        "organization": "Ответственной может быть только подтверждённый заказчик региона сообщения"
    }
    signal.refresh_from_db()
    assert signal.status == SignalStatus.SUBMITTED


def test_rejection_with_a_reason_from_the_list():
    signal = submitted()

    rejected = signal_reject(signal=signal, moderator=moderator(), reason=RejectReason.DUPLICATE)

    assert rejected.status == SignalStatus.REJECTED
    assert rejected.reject_reason == RejectReason.DUPLICATE
    assert events_of(rejected) == ["signal.submitted", "signal.rejected"]


def test_rejection_reason_outside_the_list_is_refused():
    signal = submitted()

    with pytest.raises(ValidationFailed) as refused:
        signal_reject(signal=signal, moderator=moderator(), reason="не нравится")

    assert refused.value.errors == {"reason": "Выберите причину отклонения из списка"}
    signal.refresh_from_db()
    assert signal.status == SignalStatus.SUBMITTED


@pytest.mark.parametrize("who", ["other_region_moderator", "citizen", "regional_admin", "customer"])
def test_moderation_by_someone_not_a_moderator_of_the_region_changes_nothing(who):
    signal = submitted()
    actors = {
        "other_region_moderator": lambda: moderator(region("50", name="Московская область")),
        "citizen": citizen,
        "regional_admin": lambda: user(role="regional_admin", region=moscow()),
        "customer": lambda: user(role="customer", organization=customer(in_region=moscow())),
    }
    actor = actors[who]()

    with pytest.raises(PermissionDenied) as refused:
        signal_publish(signal=signal, moderator=actor)
    with pytest.raises(PermissionDenied):
        signal_reject(signal=signal, moderator=actor, reason=RejectReason.INSULTS)

    assert refused.value.message == (
        "Модерировать сообщения может только модератор региона, к которому относится сообщение"
    )
    signal.refresh_from_db()
    assert signal.status == SignalStatus.SUBMITTED
    assert signal.moderated_by is None
    assert events_of(signal) == ["signal.submitted"]


def test_full_cycle_answer_moderated_then_rated_satisfied():
    buyer = customer(in_region=moscow())
    signal = submitted(buyer=buyer)
    mod = moderator()
    published = signal_publish(signal=signal, moderator=mod)
    clerk = user(role="customer", organization=buyer)

    answer = answer_submit(signal=published, author=clerk, text="Мусор вывезен 20 ноября")
    published.refresh_from_db()
    assert answer.status == AnswerStatus.PENDING
    assert published.status == SignalStatus.ANSWER_PENDING
    assert published.next_check_at is None

    approved = answer_approve(answer=answer, moderator=mod)
    published.refresh_from_db()
    assert approved.status == AnswerStatus.PUBLISHED
    assert published.status == SignalStatus.ANSWERED
    assert published.answered_at == answer.created_at
    assert published.published_at is not None
    assert published.answer_seconds == int((answer.created_at - published.published_at).total_seconds())

    rated = signal_rate(signal=published, author=published.author, rating=Rating.SATISFIED)
    assert rated.status == SignalStatus.RATED
    assert rated.rating == Rating.SATISFIED
    assert SignalAnswer.objects.get(pk=answer.pk).rating == Rating.SATISFIED
    assert events_of(rated) == [
        "signal.submitted",
        "signal.published",
        "signal.answer_submitted",
        "signal.answer_published",
        "signal.rated",
    ]


def test_rejected_answer_goes_back_to_the_organization_and_is_not_counted():
    buyer = customer(in_region=moscow())
    mod = moderator()
    published = signal_publish(signal=submitted(buyer=buyer), moderator=mod)
    clerk = user(role="customer", organization=buyer)
    answer = answer_submit(signal=published, author=clerk, text="Отстаньте")

    with pytest.raises(ValidationFailed):
        answer_reject(answer=answer, moderator=mod, comment="   ")
    rejected = answer_reject(answer=answer, moderator=mod, comment="Ответ не по существу")

    published.refresh_from_db()
    assert rejected.status == AnswerStatus.REJECTED
    assert rejected.moderation_comment == "Ответ не по существу"
    assert published.status == SignalStatus.PUBLISHED
    assert published.answered_at is None
    assert published.next_check_at is not None
    with pytest.raises(Conflict):
        answer_approve(answer=rejected, moderator=mod)


def test_unsatisfied_author_sends_back_once_and_rates_the_second_answer():
    buyer = customer(in_region=moscow())
    mod = moderator()
    signal = signal_publish(signal=submitted(buyer=buyer), moderator=mod)
    clerk = user(role="customer", organization=buyer)
    first = answer_approve(answer=answer_submit(signal=signal, author=clerk, text="Проверим"), moderator=mod)
    signal.refresh_from_db()
    first_answered_at = signal.answered_at

    returned = signal_rate(signal=signal, author=signal.author, rating=Rating.UNSATISFIED, send_back=True)
    assert returned.status == SignalStatus.RETURNED
    assert returned.returns_count == 1
    assert SignalAnswer.objects.get(pk=first.pk).rating == Rating.UNSATISFIED
    assert returned.next_check_at is not None

    second = answer_submit(signal=returned, author=clerk, text="Мусор вывезен, фото прилагаем")
    answer_approve(answer=second, moderator=mod)
    returned.refresh_from_db()
    assert returned.answered_at == first_answered_at  # statistics measure the first answer

    with pytest.raises(Conflict) as refused:
        signal_rate(signal=returned, author=returned.author, rating=Rating.UNSATISFIED, send_back=True)
    assert refused.value.message == (
        "Сообщение уже возвращалось на повторный ответ: вернуть его можно только один раз"
    )
    returned.refresh_from_db()
    assert returned.status == SignalStatus.ANSWERED

    final = signal_rate(signal=returned, author=returned.author, rating=Rating.UNSATISFIED)
    assert final.status == SignalStatus.RATED
    assert final.rating == Rating.UNSATISFIED


def test_answer_by_another_organization_is_refused_and_changes_nothing():
    signal = signal_publish(signal=submitted(), moderator=moderator())
    stranger = user(role="customer", organization=customer(in_region=moscow()))

    with pytest.raises(PermissionDenied) as refused:
        answer_submit(signal=signal, author=stranger, text="Всё хорошо")

    assert refused.value.message == "Ответить может только организация, которой направлено сообщение"
    signal.refresh_from_db()
    assert signal.status == SignalStatus.PUBLISHED
    assert SignalAnswer.objects.count() == 0


def test_empty_answer_is_refused():
    buyer = customer(in_region=moscow())
    signal = signal_publish(signal=submitted(buyer=buyer), moderator=moderator())

    with pytest.raises(ValidationFailed) as refused:
        answer_submit(signal=signal, author=user(role="customer", organization=buyer), text="  \n ")

    assert refused.value.errors == {"text": "Напишите текст ответа"}
    assert SignalAnswer.objects.count() == 0


def test_answer_to_an_unpublished_signal_is_impossible():
    signal = submitted()

    with pytest.raises(PermissionDenied):
        answer_submit(signal=signal, author=user(role="customer", organization=customer()), text="Ответ")


def test_only_the_author_rates_and_only_an_answered_signal():
    buyer = customer(in_region=moscow())
    signal = signal_publish(signal=submitted(buyer=buyer), moderator=moderator())

    with pytest.raises(Conflict):
        signal_rate(signal=signal, author=signal.author, rating=Rating.SATISFIED)
    with pytest.raises(PermissionDenied):
        signal_rate(signal=signal, author=citizen(), rating=Rating.SATISFIED)
    with pytest.raises(ValidationFailed) as refused:
        signal_rate(signal=signal, author=signal.author, rating=Rating.SATISFIED, send_back=True)
    assert refused.value.errors == {
        "send_back": "Вернуть на повторный ответ можно только неудовлетворительный ответ"
    }


def test_published_signal_cannot_be_moderated_again():
    signal = signal_publish(signal=submitted(), moderator=moderator())

    with pytest.raises(InvalidTransition):
        signal_reject(signal=signal, moderator=moderator(), reason=RejectReason.INSULTS)


def test_municipalities_are_seeded_once_per_region():
    from zakupki.public_signals.models import Municipality
    from zakupki.public_signals.services import municipalities_seed

    assert municipalities_seed(region=moscow()) == 12
    assert municipalities_seed(region=moscow()) == 0
    assert municipalities_seed(region=region("50", name="Московская область")) == 4
    assert Municipality.objects.filter(region__code="77").first().name == (  # type: ignore[union-attr]
        "Восточный административный округ"
    )
