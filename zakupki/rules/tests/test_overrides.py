from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from zakupki.core.errors import PermissionDenied, ValidationFailed
from zakupki.documents.events import EventType
from zakupki.documents.models import AuditEvent
from zakupki.rules.engine import rule_period, rule_value
from zakupki.rules.errors import RuleNotDefined
from zakupki.rules.models import RegionRuleOverride
from zakupki.rules.services import rule_override_set

pytestmark = pytest.mark.django_db

GOODS_CAP = "quotation_session.max_value_goods"


def test_region_override_wins_from_its_date_and_not_before(moscow, moscow_admin):
    rule_override_set(
        region=moscow,
        key="signal.answer_target_days",
        value=7,
        effective_from=dt.date(2026, 3, 1),
        reason="Распоряжение правительства Москвы № 1-РП",
        actor=moscow_admin,
    )

    assert rule_value("signal.answer_target_days", on=dt.date(2026, 2, 28), region=moscow) == 10
    assert rule_value("signal.answer_target_days", on=dt.date(2026, 3, 1), region=moscow) == 7
    assert rule_value("signal.answer_target_days", on=dt.date(2026, 3, 1)) == 10


def test_override_does_not_leak_to_another_region(moscow, moscow_admin, primorye):
    rule_override_set(
        region=moscow,
        key="signal.answer_target_days",
        value=7,
        effective_from=dt.date(2026, 3, 1),
        reason="Распоряжение № 1-РП",
        actor=moscow_admin,
    )

    assert rule_value("signal.answer_target_days", on=dt.date(2026, 3, 2), region=primorye) == 10


def test_portal_cap_exists_only_as_a_region_override(moscow, moscow_admin, primorye):
    rule_override_set(
        region=moscow,
        key=GOODS_CAP,
        value=Decimal("5000000"),
        effective_from=dt.date(2023, 1, 1),
        reason="Предельная сумма котировочной сессии для заказчиков Москвы",
        actor=moscow_admin,
    )

    answer = rule_period(GOODS_CAP, on=dt.date(2026, 1, 15), region=moscow)

    assert answer.value == Decimal("5000000")
    assert type(answer.value) is Decimal
    assert (answer.origin, answer.region_code, answer.valid_from) == ("region", "77", dt.date(2023, 1, 1))
    assert answer.source == "Предельная сумма котировочной сессии для заказчиков Москвы"
    with pytest.raises(RuleNotDefined):
        rule_value(GOODS_CAP, on=dt.date(2026, 1, 15), region=primorye)


def test_closed_override_falls_back_to_the_base_value_after_it_ends(moscow, moscow_admin):
    rule_override_set(
        region=moscow,
        key="accounts.customer_confirmation_working_days",
        value=2,
        effective_from=dt.date(2026, 1, 1),
        effective_until=dt.date(2026, 2, 1),
        reason="Эксперимент",
        actor=moscow_admin,
    )

    key = "accounts.customer_confirmation_working_days"
    assert rule_value(key, on=dt.date(2026, 1, 31), region=moscow) == 2
    assert rule_value(key, on=dt.date(2026, 2, 1), region=moscow) == 3


def test_open_override_ends_where_the_next_one_begins(moscow, moscow_admin):
    for start, value in ((dt.date(2023, 1, 1), "5000000"), (dt.date(2027, 1, 1), "6000000")):
        rule_override_set(
            region=moscow, key=GOODS_CAP, value=value, effective_from=start, reason="акт", actor=moscow_admin
        )

    first = rule_period(GOODS_CAP, on=dt.date(2026, 12, 31), region=moscow)
    second = rule_period(GOODS_CAP, on=dt.date(2027, 1, 1), region=moscow)

    assert (first.value, first.valid_until) == (Decimal("5000000"), dt.date(2027, 1, 1))
    assert (second.value, second.valid_until) == (Decimal("6000000"), None)


def test_override_is_stored_as_json_text_and_audited(moscow, moscow_admin):
    override = rule_override_set(
        region=moscow,
        key=GOODS_CAP,
        value="5000000.00",
        effective_from=dt.date(2023, 1, 1),
        effective_until=dt.date(2030, 1, 1),
        reason="  акт  ",
        actor=moscow_admin,
    )

    override.refresh_from_db()
    assert override.value == "5000000.00"
    assert override.reason == "акт"
    assert override.created_by == moscow_admin
    event = AuditEvent.objects.get()
    assert event.event == EventType.RULE_OVERRIDE_SET.value
    assert (event.object_type, event.object_id) == ("rules.regionruleoverride", str(override.pk))
    assert event.actor_id == moscow_admin.pk
    assert event.details == {
        "region": "77",
        "key": GOODS_CAP,
        "value": "5000000.00",
        "effective_from": "2023-01-01",
        "effective_until": "2030-01-01",
        "reason": "акт",
    }


def test_federal_parameters_cannot_be_overridden_by_a_region(moscow, platform_admin):
    with pytest.raises(ValidationFailed) as exc:
        rule_override_set(
            region=moscow,
            key="cbr.key_rate",
            value="5",
            effective_from=dt.date(2026, 1, 1),
            reason="попытка",
            actor=platform_admin,
        )

    assert exc.value.errors == {
        "key": "Параметр «Ключевая ставка Банка России» установлен федеральным законом: регион не может его изменить"
    }
    _assert_nothing_written()


def _assert_nothing_written(count_before: int = 0) -> None:
    assert RegionRuleOverride.objects.count() == count_before
    assert AuditEvent.objects.count() == count_before


def test_overlapping_override_is_refused(moscow, moscow_admin):
    rule_override_set(
        region=moscow,
        key=GOODS_CAP,
        value="5000000",
        effective_from=dt.date(2026, 1, 1),
        effective_until=dt.date(2026, 3, 1),
        reason="акт 1",
        actor=moscow_admin,
    )

    with pytest.raises(ValidationFailed) as caught:
        rule_override_set(
            region=moscow,
            key=GOODS_CAP,
            value="4000000",
            effective_from=dt.date(2026, 2, 1),
            reason="акт 2",
            actor=moscow_admin,
        )

    assert caught.value.errors == {
        "effective_from": "Пересекается с уже заданным значением региона: "
        "период с 01.01.2026 до 01.03.2026 пересекается со следующим периодом с 01.02.2026"
    }
    _assert_nothing_written(count_before=1)
    assert rule_value(GOODS_CAP, on=dt.date(2026, 2, 15), region=moscow) == Decimal("5000000")


def test_new_override_running_into_a_later_one_is_refused(moscow, moscow_admin):
    rule_override_set(
        region=moscow,
        key=GOODS_CAP,
        value="5000000",
        effective_from=dt.date(2026, 6, 1),
        reason="акт",
        actor=moscow_admin,
    )

    with pytest.raises(ValidationFailed) as caught:
        rule_override_set(
            region=moscow,
            key=GOODS_CAP,
            value="4000000",
            effective_from=dt.date(2026, 1, 1),
            effective_until=dt.date(2026, 7, 1),
            reason="акт 2",
            actor=moscow_admin,
        )

    assert "пересекается со следующим периодом с 01.06.2026" in caught.value.errors["effective_from"]
    _assert_nothing_written(count_before=1)


def test_override_starting_the_same_day_is_refused(moscow, moscow_admin):
    rule_override_set(
        region=moscow,
        key=GOODS_CAP,
        value="5000000",
        effective_from=dt.date(2026, 1, 1),
        reason="акт",
        actor=moscow_admin,
    )

    with pytest.raises(ValidationFailed) as caught:
        rule_override_set(
            region=moscow,
            key=GOODS_CAP,
            value="1",
            effective_from=dt.date(2026, 1, 1),
            reason="акт",
            actor=moscow_admin,
        )

    assert caught.value.errors == {
        "effective_from": "Пересекается с уже заданным значением региона: два периода начинаются в один день — 01.01.2026"
    }
    _assert_nothing_written(count_before=1)


def test_same_dates_in_another_region_do_not_overlap(moscow, moscow_admin, primorye, primorye_admin):
    for region, actor in ((moscow, moscow_admin), (primorye, primorye_admin)):
        rule_override_set(
            region=region,
            key=GOODS_CAP,
            value="5000000",
            effective_from=dt.date(2026, 1, 1),
            reason="акт",
            actor=actor,
        )

    assert RegionRuleOverride.objects.count() == 2


def test_float_value_is_refused(moscow, moscow_admin):
    with pytest.raises(ValidationFailed) as caught:
        rule_override_set(
            region=moscow,
            key=GOODS_CAP,
            value=0.1,
            effective_from=dt.date(2026, 1, 1),
            reason="акт",
            actor=moscow_admin,
        )

    assert caught.value.errors == {
        "value": "Значение не подходит для параметра «Предельная сумма котировочной сессии на поставку товаров»: "
        "значение: дробное число float не принимается, передайте Decimal или строку"
    }
    _assert_nothing_written()


def test_value_of_the_wrong_type_is_refused(moscow, moscow_admin):
    with pytest.raises(ValidationFailed) as caught:
        rule_override_set(
            region=moscow,
            key="quotation_session.extend_on_last_minute_bid",
            value="да",
            effective_from=dt.date(2026, 1, 1),
            reason="акт",
            actor=moscow_admin,
        )

    assert caught.value.errors["value"].endswith("значение должно быть true или false, а записано «да»")
    _assert_nothing_written()


def test_unknown_key_and_bad_dates_are_reported_together(moscow, moscow_admin):
    with pytest.raises(ValidationFailed) as caught:
        rule_override_set(
            region=moscow,
            key="no.such_key",
            value="1",
            effective_from=dt.date(2026, 2, 1),
            effective_until=dt.date(2026, 1, 1),
            reason=" ",
            actor=moscow_admin,
        )

    assert caught.value.errors == {
        "key": "Неизвестный параметр «no.such_key»",
        "effective_until": "Дата окончания 01.01.2026 должна быть позже даты начала 01.02.2026",
        "reason": "Укажите основание: реквизиты регионального акта или решения",
    }
    _assert_nothing_written()


def test_admin_of_another_region_may_not_set_an_override(moscow, primorye_admin):
    with pytest.raises(PermissionDenied):
        rule_override_set(
            region=moscow,
            key=GOODS_CAP,
            value="1",
            effective_from=dt.date(2026, 1, 1),
            reason="акт",
            actor=primorye_admin,
        )

    _assert_nothing_written()


def test_citizen_may_not_set_an_override(moscow, citizen):
    with pytest.raises(PermissionDenied) as caught:
        rule_override_set(
            region=moscow,
            key=GOODS_CAP,
            value="1",
            effective_from=dt.date(2026, 1, 1),
            reason="акт",
            actor=citizen,
        )

    assert caught.value.message == (
        "Региональные значения параметров может задавать только администратор этого региона "
        "или администратор платформы"
    )
    _assert_nothing_written()


def test_platform_admin_may_set_an_override_in_any_region(primorye, platform_admin):
    rule_override_set(
        region=primorye,
        key=GOODS_CAP,
        value="3000000",
        effective_from=dt.date(2026, 1, 1),
        reason="акт",
        actor=platform_admin,
    )

    assert rule_value(GOODS_CAP, on=dt.date(2026, 1, 1), region=primorye) == Decimal("3000000")


def test_rules_show_prints_the_region_value(moscow, moscow_admin):
    rule_override_set(
        region=moscow,
        key=GOODS_CAP,
        value="5000000",
        effective_from=dt.date(2023, 1, 1),
        reason="акт Москвы",
        actor=moscow_admin,
    )
    out = StringIO()

    call_command("rules_show", GOODS_CAP, "--region", "77", "--on", "2026-01-15", stdout=out)

    text = out.getvalue()
    assert (
        "На 15.01.2026 в регионе 77 Москва: 5\u00a0000\u00a0000\u00a0₽ (региональное значение, с 01.01.2023; акт Москвы [U])"
        in text
    )
    assert "с 01.01.2023: 5\u00a0000\u00a0000\u00a0₽ — акт Москвы" in text
