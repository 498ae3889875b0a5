"""Worked examples of the claims calculator, each computed by hand in the comments.

Key rates used (zakupki/rules/data/key_rate.yaml): 16,5 % from 27.10.2025, 16 % from 22.12.2025 (the
decisions of 24.10 and 19.12.2025 apply from the next working day). No database: the rules come from the data files.
"""

import datetime as dt
from decimal import Decimal

import pytest

from zakupki.contracts.claims import (
    ClaimError,
    customer_delay_penalty,
    customer_fine,
    days_late,
    fines_cap,
    pp783_writeoff,
    supplier_delay_penalty,
    supplier_fine,
)

NB = "\u00a0"
ON = dt.date(2026, 1, 15)


def plain(text: str) -> str:
    return text.replace(NB, " ")


# --- supplier пеня (ч.7 ст.34) ------------------------------------------------------------------------


def test_supplier_penalty_worked_example():
    # Ц = 1 000 000, В = 250 000 → Ц − В = 750 000.
    # Deadline 05.01.2026, paid 15.01.2026 → late 06.01…15.01 = 10 days.
    # Key rate on 15.01.2026: 16 % (since 22.12.2025).
    # 750 000 × 16 % / 300 × 10 = 120 000 / 300 × 10 = 400 × 10 = 4 000,00 ₽
    calc = supplier_delay_penalty(
        price=Decimal("1000000"), fulfilled=Decimal("250000"), due=dt.date(2026, 1, 5), paid_on=ON
    )
    assert calc.result == Decimal("4000.00")
    text = plain(calc.text())
    assert "Цена контракта (Ц): 1 000 000,00 ₽" in text
    assert "Исполнено (В): 250 000,00 ₽" in text
    assert "Ключевая ставка: 16 % с 22.12.2025 (на дату 15.01.2026)" in text
    assert "Дней просрочки: 10 (с 06.01.2026 по 15.01.2026)" in text
    assert "Пеня = (Ц − В) × 1/300 × ставка × дни: 750 000,00 ₽ × 1/300 × 16 % × 10 = 4 000,00 ₽" in text
    assert "Итого: 4 000,00 ₽ — 4 000 (четыре тысячи) рублей 00 копеек" in text
    assert "До округления" not in text  # exact, nothing rounded


def test_supplier_penalty_takes_the_rate_on_the_payment_date_across_a_rate_change():
    # Deadline 15.12.2025 (rate then 16,5 %); paid 22.12.2025, when 16 % is in force.
    # Days 16.12…22.12 = 7. 750 000 × 16 % / 300 × 7 = 400 × 7 = 2 800,00 ₽
    # (with the deadline's 16,5 % it would be 412,50 × 7 = 2 887,50 ₽: not used).
    calc = supplier_delay_penalty(
        price=Decimal("1000000"),
        fulfilled=Decimal("250000"),
        due=dt.date(2025, 12, 15),
        paid_on=dt.date(2025, 12, 22),
    )
    assert calc.result == Decimal("2800.00")
    assert "Ключевая ставка: 16 % с 22.12.2025 (на дату 22.12.2025)" in plain(calc.text())
    # Paid on the decision day 19.12.2025 (the new rate not yet applied): 4 days at 16,5 %:
    # 750 000 × 16,5 % / 300 × 4 = 412,50 × 4 = 1 650,00 ₽
    earlier = supplier_delay_penalty(
        price=Decimal("1000000"),
        fulfilled=Decimal("250000"),
        due=dt.date(2025, 12, 15),
        paid_on=dt.date(2025, 12, 19),
    )
    assert earlier.result == Decimal("1650.00")
    assert "Ключевая ставка: 16,5 % с 27.10.2025 (на дату 19.12.2025)" in plain(earlier.text())


def test_supplier_penalty_rounds_half_up_once_at_the_end():
    # Ц = 300, В = 0, 1 day (due 30.11.2025, paid 01.12.2025), rate 16,5 %:
    # 300 × 16,5 % / 300 × 1 = 0,165 → 0,17 ₽ (half-up; banker's rounding would give 0,16).
    calc = supplier_delay_penalty(
        price=Decimal("300"), fulfilled=Decimal("0"), due=dt.date(2025, 11, 30), paid_on=dt.date(2025, 12, 1)
    )
    assert calc.exact == Decimal("0.165")
    assert calc.result == Decimal("0.17")
    assert "До округления: 0,165 ₽" in plain(calc.text())


def test_no_penalty_when_not_late_or_everything_fulfilled():
    on_time = supplier_delay_penalty(price=Decimal("1000000"), fulfilled=Decimal("0"), due=ON, paid_on=ON)
    assert on_time.result == Decimal("0.00")
    assert "Дней просрочки: 0" in on_time.text()
    done = supplier_delay_penalty(
        price=Decimal("1000000"), fulfilled=Decimal("1000000"), due=dt.date(2026, 1, 5), paid_on=ON
    )
    assert done.result == Decimal("0.00")


def test_days_late_count_from_the_day_after_the_deadline():
    assert days_late(due=dt.date(2026, 1, 5), paid_on=dt.date(2026, 1, 6)) == 1
    assert days_late(due=dt.date(2026, 1, 5), paid_on=dt.date(2026, 1, 5)) == 0
    assert days_late(due=dt.date(2026, 1, 5), paid_on=dt.date(2026, 1, 1)) == 0
    assert days_late(due=dt.date(2025, 12, 31), paid_on=dt.date(2026, 3, 1)) == 60  # 31 + 28 + 1


def test_supplier_penalty_refuses_bad_inputs():
    with pytest.raises(ClaimError, match="не может превышать"):
        supplier_delay_penalty(price=Decimal("100"), fulfilled=Decimal("100.01"), due=ON, paid_on=ON)
    with pytest.raises(ClaimError, match="двух знаков"):
        supplier_delay_penalty(price=Decimal("100.001"), fulfilled=Decimal("0"), due=ON, paid_on=ON)
    with pytest.raises(ClaimError, match="отрицательной"):
        supplier_delay_penalty(price=Decimal("-1"), fulfilled=Decimal("0"), due=ON, paid_on=ON)
    with pytest.raises(TypeError):
        supplier_delay_penalty(price=100.0, fulfilled=Decimal("0"), due=ON, paid_on=ON)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        supplier_delay_penalty(
            price=Decimal("1"),
            fulfilled=Decimal("0"),
            due=ON,
            paid_on=dt.datetime(2026, 1, 15, tzinfo=dt.UTC),
        )


# --- customer пеня (ч.5 ст.34) ------------------------------------------------------------------------


def test_customer_penalty_worked_example():
    # Unpaid 123 456,78; due 05.01.2026, paid 12.01.2026 → 7 days; rate 16 %.
    # 123 456,78 × 16 % = 19 753,0848; / 300 = 65,843616; × 7 = 460,905312 → 460,91 ₽
    calc = customer_delay_penalty(
        unpaid=Decimal("123456.78"), due=dt.date(2026, 1, 5), paid_on=dt.date(2026, 1, 12)
    )
    assert calc.exact == Decimal("460.905312")
    assert calc.result == Decimal("460.91")
    text = plain(calc.text())
    assert "ч.5 ст.34 44-ФЗ" in text
    assert "Дней просрочки: 7 (с 06.01.2026 по 12.01.2026)" in text
    assert "Итого: 460,91 ₽ — 460 (четыреста шестьдесят) рублей 91 копейка" in text


# --- ПП 1042 fines ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("price", "expected"),
    [
        ("3000000", "300000.00"),  # ≤ 3 mln: 10 % → 300 000
        ("3000000.01", "150000.00"),  # > 3 mln: 5 % → 150 000,0005 → 150 000,00
        ("50000000", "2500000.00"),  # 5 %
        ("50000000.01", "500000.00"),  # 1 % → 500 000,0001
        ("100000000.01", "500000.00"),  # 0,5 % → 500 000,00005
        ("10000000000.01", "10000000.00"),  # > 10 bn: 0,1 %
        ("999.99", "100.00"),  # 10 % → 99,999 → 100,00
    ],
)
def test_supplier_fine_general_scale(price, expected):
    assert supplier_fine(price=Decimal(price), smp_contract=False, on=ON).result == Decimal(expected)


@pytest.mark.parametrize(
    ("price", "expected"),
    [
        ("3000000", "90000.00"),  # 3 %
        ("3000000.01", "60000.00"),  # 2 % → 60 000,0002
        ("10000000", "200000.00"),  # 2 %
        ("10000000.01", "100000.00"),  # 1 % → 100 000,0001
        ("20000000", "200000.00"),  # 1 %
    ],
)
def test_supplier_fine_smp_contract(price, expected):
    assert supplier_fine(price=Decimal(price), smp_contract=True, on=ON).result == Decimal(expected)


def test_supplier_fine_smp_above_the_scale_is_refused():
    with pytest.raises(ClaimError, match="шкала не установлена"):
        supplier_fine(price=Decimal("20000000.01"), smp_contract=True, on=ON)


@pytest.mark.parametrize(
    ("price", "expected"),
    [
        ("3000000", "1000.00"),
        ("3000000.01", "5000.00"),
        ("50000000", "5000.00"),
        ("50000000.01", "10000.00"),
        ("100000000", "10000.00"),
        ("100000000.01", "100000.00"),
    ],
)
def test_fixed_fines_for_non_monetary_obligations_and_for_the_customer(price, expected):
    assert supplier_fine(price=Decimal(price), smp_contract=True, monetary=False, on=ON).result == Decimal(
        expected
    )
    assert customer_fine(price=Decimal(price), on=ON).result == Decimal(expected)


def test_supplier_fine_highest_price_won():
    # price ≤ НМЦК: % of the НМЦК by the НМЦК bracket. НМЦК 2 500 000 → 10 % → 250 000
    low = supplier_fine(
        price=Decimal("2000000"), smp_contract=False, highest_price_won=True, nmck=Decimal("2500000"), on=ON
    )
    assert low.result == Decimal("250000.00")
    assert "НМЦК (цена контракта не превышает НМЦК)" in low.text()
    # НМЦК 3 100 000 (price 2 900 000 ≤ НМЦК) → 5 % of 3 100 000 = 155 000
    mid = supplier_fine(
        price=Decimal("2900000"), smp_contract=False, highest_price_won=True, nmck=Decimal("3100000"), on=ON
    )
    assert mid.result == Decimal("155000.00")
    # price 4 000 000 > НМЦК 3 500 000: 5 % of the price = 200 000
    high = supplier_fine(
        price=Decimal("4000000"), smp_contract=False, highest_price_won=True, nmck=Decimal("3500000"), on=ON
    )
    assert high.result == Decimal("200000.00")
    with pytest.raises(ClaimError, match="НМЦК"):
        supplier_fine(price=Decimal("1"), smp_contract=False, highest_price_won=True, on=ON)


def test_fine_working_is_shown():
    text = plain(supplier_fine(price=Decimal("3000000"), smp_contract=False, on=ON).text())
    assert "Процент по шкале: 10 %" in text
    assert "Штраф = база × процент: 3 000 000,00 ₽ × 10 % = 300 000,00 ₽" in text
    assert "300 000 (триста тысяч) рублей 00 копеек" in text


def test_fines_cap():
    # Cap = 100 % of Ц = 1 000 000. Already 950 000; new fine 100 000 → only 50 000 may be charged.
    calc = fines_cap(
        price=Decimal("1000000"), charged_before=Decimal("950000"), fine=Decimal("100000"), on=ON
    )
    assert calc.result == Decimal("50000.00")
    assert "Остаток до предела: 50 000,00 ₽" in plain(calc.text())
    full = fines_cap(price=Decimal("1000000"), charged_before=Decimal("1000000"), fine=Decimal("1"), on=ON)
    assert full.result == Decimal("0.00")
    free = fines_cap(
        price=Decimal("1000000"), charged_before=Decimal("0"), fine=Decimal("1000"), on=ON, party="customer"
    )
    assert free.result == Decimal("1000.00")
    assert "заказчика" in free.title


# --- ПП 783 write-off -------------------------------------------------------------------------------------


def test_writeoff_in_full_up_to_five_percent():
    # 50 000 / 1 000 000 = 5 % exactly → written off in full.
    result = pp783_writeoff(contract_price=Decimal("1000000"), total_claims=Decimal("50000"), on=ON)
    assert (result.written_off, result.to_pay) == (Decimal("50000"), Decimal("0"))
    assert "списывается полностью" in result.rule_text


def test_writeoff_half_between_five_and_twenty_percent():
    # 50 000,01 (just above 5 %): pays 50 % = 25 000,005 → 25 000,01 (half-up), written off 25 000,00.
    above = pp783_writeoff(contract_price=Decimal("1000000"), total_claims=Decimal("50000.01"), on=ON)
    assert (above.to_pay, above.written_off) == (Decimal("25000.01"), Decimal("25000.00"))
    # 200 000 = 20 % exactly: still half → pays 100 000, written off 100 000.
    twenty = pp783_writeoff(contract_price=Decimal("1000000"), total_claims=Decimal("200000"), on=ON)
    assert (twenty.to_pay, twenty.written_off) == (Decimal("100000.00"), Decimal("100000.00"))
    assert "поставщик уплачивает 50" in twenty.rule_text


def test_no_writeoff_above_twenty_percent():
    result = pp783_writeoff(contract_price=Decimal("1000000"), total_claims=Decimal("200000.01"), on=ON)
    assert (result.written_off, result.to_pay) == (Decimal("0"), Decimal("200000.01"))
    assert "не производится" in result.rule_text
    assert "Н / Ц: 20 %" in plain(result.text())  # 20,000001 % shown rounded


def test_writeoff_refuses_zero_price():
    with pytest.raises(ClaimError, match="больше нуля"):
        pp783_writeoff(contract_price=Decimal("0"), total_claims=Decimal("1"), on=ON)
