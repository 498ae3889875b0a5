from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from zakupki.core.errors import NotFound
from zakupki.rules.engine import rule_parameters, rule_period, rule_value, rule_value_as
from zakupki.rules.errors import RuleNotDefined
from zakupki.rules.loader import get_registry
from zakupki.rules.values import Bracket, Brackets


def test_key_rate_changes_on_the_dates_it_applies_from():
    assert rule_value("cbr.key_rate", on=dt.date(2025, 9, 14)) == Decimal("18")
    assert rule_value("cbr.key_rate", on=dt.date(2025, 9, 15)) == Decimal("17")
    # Decisions of Friday 24.10 and Friday 19.12.2025 apply from the next working day.
    assert rule_value("cbr.key_rate", on=dt.date(2025, 10, 24)) == Decimal("17")
    assert rule_value("cbr.key_rate", on=dt.date(2025, 10, 27)) == Decimal("16.5")
    assert rule_value("cbr.key_rate", on=dt.date(2025, 12, 19)) == Decimal("16.5")
    assert rule_value("cbr.key_rate", on=dt.date(2025, 12, 22)) == Decimal("16")
    assert rule_value("cbr.key_rate", on=dt.date(2014, 12, 16)) == Decimal("17")


def test_key_rate_period_says_since_when():
    answer = rule_period("cbr.key_rate", on=dt.date(2026, 3, 1))

    assert answer.value == Decimal("16")
    assert answer.valid_from == dt.date(2025, 12, 22)
    assert answer.valid_until is None
    assert answer.origin == "base"
    assert answer.describe() == "16\u00a0% с 22.12.2025"
    assert "19.12.2025" in answer.source


def test_closed_key_rate_period_ends_at_the_next_decision():
    answer = rule_period("cbr.key_rate", on=dt.date(2025, 9, 14))

    assert (answer.valid_from, answer.valid_until) == (dt.date(2025, 7, 28), dt.date(2025, 9, 15))


def test_key_rate_before_the_first_decision_is_not_defined():
    with pytest.raises(RuleNotDefined) as caught:
        rule_value("cbr.key_rate", on=dt.date(2013, 9, 12))

    assert (
        caught.value.message
        == "Параметр «Ключевая ставка Банка России» (cbr.key_rate) не определён на 12.09.2013"
    )
    assert isinstance(caught.value, NotFound)


def test_smp_share_rises_to_25_percent_in_2022():
    assert rule_value("smp.share_min_pct", on=dt.date(2021, 12, 31)) == Decimal("15")
    assert rule_value("smp.share_min_pct", on=dt.date(2022, 1, 1)) == Decimal("25")


def test_p4_contract_cap_is_a_decimal_600000():
    value = rule_value("small_purchase.p4.contract_cap", on=dt.date(2026, 1, 15))

    assert value == Decimal("600000")
    assert type(value) is Decimal


def test_p4_historical_caps():
    assert rule_value("small_purchase.p4.contract_cap", on=dt.date(2019, 6, 30)) == Decimal("100000")
    assert rule_value("small_purchase.p4.contract_cap", on=dt.date(2021, 12, 31)) == Decimal("300000")
    assert rule_value("small_purchase.p4.annual_cap_sgoz_pct", on=dt.date(2019, 6, 30)) == Decimal("5")
    assert rule_value("small_purchase.p4.annual_cap_sgoz_pct", on=dt.date(2026, 1, 15)) == Decimal("10")


def test_the_other_small_purchase_caps():
    on = dt.date(2026, 1, 15)
    assert rule_value("small_purchase.p4.annual_cap", on=on) == Decimal("2000000")
    assert rule_value("small_purchase.p4.annual_cap_max", on=on) == Decimal("50000000")
    assert rule_value("small_purchase.p5.contract_cap", on=on) == Decimal("600000")
    assert rule_value("small_purchase.p5.annual_cap", on=on) == Decimal("5000000")
    assert rule_value("small_purchase.p5.annual_cap_sgoz_pct", on=on) == Decimal("50")
    assert rule_value("small_purchase.p5.annual_cap_max", on=on) == Decimal("30000000")
    assert rule_value("small_purchase.p12.contract_cap", on=on) == Decimal("3000000")


def test_p12_cap_starts_on_1_april_2021():
    with pytest.raises(RuleNotDefined):
        rule_value("small_purchase.p12.contract_cap", on=dt.date(2021, 3, 31))
    assert rule_value("small_purchase.p12.contract_cap", on=dt.date(2021, 4, 1)) == Decimal("3000000")


def test_payment_deadline_history():
    assert rule_value("contract.payment.max_working_days", on=dt.date(2022, 4, 30)) == 15
    assert rule_value("contract.payment.max_working_days", on=dt.date(2022, 5, 1)) == 7
    assert rule_value("contract.payment.max_days", on=dt.date(2018, 1, 10)) == 30
    assert rule_value("contract.payment.smp_max_days", on=dt.date(2016, 1, 10)) == 30
    assert rule_value("contract.payment.smp_max_working_days", on=dt.date(2018, 1, 10)) == 15
    with pytest.raises(RuleNotDefined):
        rule_value("contract.payment.max_days", on=dt.date(2019, 5, 1))


def test_deadline_parameters():
    on = dt.date(2026, 1, 15)
    assert rule_value("contract.acceptance.max_working_days", on=on) == 20
    assert rule_value("contract.unilateral_refusal.effective_days", on=on) == 10
    assert rule_value("complaint.review_working_days", on=on) == 5
    assert rule_value("signal.answer_max_days", on=on) == 30
    assert rule_value("signal.answer_target_days", on=on) == 10
    assert rule_value("accounts.customer_confirmation_working_days", on=on) == 3
    assert rule_value("penalty.peny.key_rate_divisor", on=on) == 300


def test_quotation_session_parameters():
    on = dt.date(2026, 1, 15)
    assert rule_value("quotation_session.durations_hours", on=on) == (3, 6, 24)
    assert rule_value("quotation_session.step_min_pct", on=on) == Decimal("0.5")
    assert rule_value("quotation_session.step_max_pct", on=on) == Decimal("5")
    assert rule_value("quotation_session.supplier_signing_working_days", on=on) == 2
    assert rule_value("quotation_session.extend_on_last_minute_bid", on=on) is False


def test_session_caps_have_no_base_value():
    with pytest.raises(RuleNotDefined):
        rule_value("quotation_session.max_value_goods", on=dt.date(2026, 1, 15))


def test_pp1042_fine_scale():
    scale = rule_value("penalty.pp1042.supplier_fine_pct", on=dt.date(2026, 1, 15))

    assert isinstance(scale, Brackets)
    assert scale.items[0] == Bracket(up_to=Decimal("3000000"), value=Decimal("10"))
    assert scale.value_for(Decimal("3000000.00")) == Decimal("10")
    assert scale.value_for(Decimal("3000000.01")) == Decimal("5")
    assert scale.value_for(Decimal("50000000")) == Decimal("5")
    assert scale.value_for(Decimal("10000000000")) == Decimal("0.2")
    assert scale.value_for(Decimal("10000000001")) == Decimal("0.1")


def test_smp_fine_scale_has_an_upper_end():
    scale = rule_value("penalty.pp1042.smp_fine_pct", on=dt.date(2026, 1, 15))

    assert isinstance(scale, Brackets)
    assert scale.value_for(Decimal("20000000")) == Decimal("1")
    with pytest.raises(ValueError, match="выше последней границы"):
        scale.value_for(Decimal("20000000.01"))


def test_pp783_thresholds():
    on = dt.date(2026, 1, 15)
    assert rule_value("penalty.pp783.full_writeoff_max_pct", on=on) == Decimal("5")
    assert rule_value("penalty.pp783.half_writeoff_max_pct", on=on) == Decimal("20")


def test_unknown_key_is_not_defined():
    with pytest.raises(RuleNotDefined) as caught:
        rule_value("no.such_key", on=dt.date(2026, 1, 1))

    assert caught.value.message == "Параметр «no.such_key» не известен"
    assert caught.value.http_status == 404


def test_a_datetime_is_refused_as_on():
    moment = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)

    with pytest.raises(TypeError):
        rule_value("cbr.key_rate", on=moment)


def test_rule_parameters_lists_every_key_sorted():
    keys = [parameter.key for parameter in rule_parameters()]

    assert keys == sorted(keys)
    assert len(keys) == len(get_registry())
    for expected in (
        "small_purchase.p4.contract_cap",
        "smp.share_min_pct",
        "cbr.key_rate",
        "penalty.pp1042.supplier_fine_pct",
        "quotation_session.durations_hours",
        "accounts.customer_confirmation_working_days",
    ):
        assert expected in keys


def test_registry_cannot_be_patched_at_run_time():
    registry = get_registry()

    with pytest.raises(TypeError):
        registry.parameters["cbr.key_rate"] = registry.parameters["smp.share_min_pct"]  # type: ignore[index]


def test_rule_value_as_checks_the_type():
    assert rule_value_as("cbr.key_rate", Decimal, on=dt.date(2026, 1, 15)) == Decimal("16")
    assert rule_value_as("complaint.review_working_days", int, on=dt.date(2026, 1, 15)) == 5

    with pytest.raises(TypeError, match="rule cbr.key_rate is Decimal, not int"):
        rule_value_as("cbr.key_rate", int, on=dt.date(2026, 1, 15))
    with pytest.raises(TypeError):
        rule_value_as("quotation_session.extend_on_last_minute_bid", int, on=dt.date(2026, 1, 15))
