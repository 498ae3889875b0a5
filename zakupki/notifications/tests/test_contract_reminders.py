"""Contract deadline reminders: warned N working days ahead and told once passed, each exactly once."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail

from zakupki.contracts.enums import ContractStatus
from zakupki.contracts.models import AcceptanceDocument, Contract
from zakupki.contracts.services import (
    AcceptanceLineData,
    acceptance_decide,
    acceptance_submit,
    contract_sign_supplier,
    contract_unilateral_refusal,
    payment_record,
)
from zakupki.contracts.tests.factories import regional_admin
from zakupki.notifications.contract_watch import contract_watches_touch, warning_day
from zakupki.notifications.models import ContractWatch, Notification
from zakupki.notifications.tests.contract_givens import (
    Deal,
    concluded_deal,
    draft_deal,
    full_pass,
    pin_stage_due,
    reminders_pass,
)
from zakupki.rules.services import rule_override_set

pytestmark = pytest.mark.django_db

UTC = dt.UTC
DUE = dt.date(2027, 3, 11)  # a Thursday; Monday 08.03.2027 is a public holiday
NBSP = "\u00a0"


def at(
    year: int, month: int, day: int, hour: int, minute: int, second: int = 0, micro: int = 0
) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, micro, tzinfo=UTC)


def sent() -> list[tuple[str, str, str]]:
    return [
        (n.recipient.username, n.kind, n.subject)
        for n in Notification.objects.select_related("recipient").order_by("pk")
    ]


def watch_of(deal: Deal) -> dt.datetime | None:
    return ContractWatch.objects.get(contract=deal.contract).next_check_at


def test_the_warning_day_counts_working_days_back_and_skips_holidays():
    assert warning_day(DUE, 3) == dt.date(2027, 3, 5)  # Tue 9, Wed 10, Thu 11 remain; Mon 8 is a holiday
    assert warning_day(dt.date(2027, 3, 12), 3) == dt.date(2027, 3, 9)
    assert warning_day(DUE, 0) == DUE
    assert warning_day(dt.date(2027, 3, 8), 0) == dt.date(2027, 3, 5)


def test_a_stage_due_date_is_warned_three_working_days_ahead_and_announced_once_passed(
    django_capture_on_commit_callbacks,
):
    # given: stage 1 is due on Thursday 11.03.2027 (Moscow)
    deal = concluded_deal()
    pin_stage_due(deal, DUE)
    number = deal.contract.number
    with django_capture_on_commit_callbacks(execute=True):
        # when: the first sweep finds the contract
        reminders_pass(at(2027, 3, 1, 6, 0))
        # then: nothing yet; the watch waits for Friday 05.03 09:00 Moscow (06:00 UTC)
        assert sent() == []
        assert watch_of(deal) == at(2027, 3, 5, 6, 0)
        reminders_pass(at(2027, 3, 5, 5, 59))
        assert sent() == []
        # when: the warning is due; the worker runs again an hour later
        reminders_pass(at(2027, 3, 5, 6, 0))
        reminders_pass(at(2027, 3, 5, 7, 0))
        # then: both parties are warned once; the watch waits for the end of 11.03 Moscow
        soon = f"Контракт № {number}: срок исполнения этапа 1 — 11.03.2027"
        assert sent() == [
            ("seller77", "contract.stage_due_soon", soon),
            ("buyer77", "contract.stage_due_soon", soon),
        ]
        assert watch_of(deal) == at(2027, 3, 11, 21, 0)
        # when: the deadline passes; the worker is a day late and runs twice
        reminders_pass(at(2027, 3, 12, 21, 0))
        reminders_pass(at(2027, 3, 12, 22, 0))
    # then
    passed = f"Контракт № {number}: просрочено исполнение этапа 1"
    assert sent()[2:] == [
        ("seller77", "contract.stage_overdue", passed),
        ("buyer77", "contract.stage_overdue", passed),
    ]
    assert watch_of(deal) is None
    assert Notification.objects.get(kind="contract.stage_overdue", recipient=deal.seller).body == (
        f"Срок исполнения этапа 1 по контракту № {number} «Поставка бумаги офисной» истёк 11.03.2027, "
        "а этап 1 не передан на приёмку."
    )
    assert Notification.objects.get(kind="contract.stage_due_soon", recipient=deal.buyer).body == (
        f"Срок исполнения этапа 1 по контракту № {number} «Поставка бумаги офисной» истекает 11.03.2027."
    )
    assert all(n.link == f"/contracts/{deal.contract.pk}/" for n in Notification.objects.all())
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["seller77@paper.example"], soon),
        (["buyer77@school.example"], soon),
        (["seller77@paper.example"], passed),
        (["buyer77@school.example"], passed),
    ]


def test_a_worker_that_wakes_after_the_deadline_only_announces_it_passed():
    deal = concluded_deal()
    pin_stage_due(deal, DUE)

    reminders_pass(at(2027, 3, 12, 3, 0))
    reminders_pass(at(2027, 3, 12, 4, 0))

    assert [kind for _, kind, _ in sent()] == ["contract.stage_overdue", "contract.stage_overdue"]


def test_a_deadline_passed_long_before_the_first_sweep_is_not_announced():
    deal = concluded_deal()
    pin_stage_due(deal, DUE)

    reminders_pass(at(2027, 4, 12, 3, 0))

    assert sent() == []
    assert watch_of(deal) is None


def test_a_moved_due_date_is_warned_again_for_the_new_date():
    deal = concluded_deal()
    pin_stage_due(deal, DUE)
    reminders_pass(at(2027, 3, 5, 6, 0))
    # when: the stage is moved to Thursday 18.03 (a contract change), and the sweep sees it
    pin_stage_due(deal, dt.date(2027, 3, 18))
    contract_watches_touch(contract_ids=[deal.contract.pk], now=at(2027, 3, 6, 6, 0))
    reminders_pass(at(2027, 3, 6, 6, 0))
    assert watch_of(deal) == at(2027, 3, 15, 6, 0)
    reminders_pass(at(2027, 3, 15, 6, 0))
    # then
    number = deal.contract.number
    assert [subject for name, _, subject in sent() if name == "buyer77"] == [
        f"Контракт № {number}: срок исполнения этапа 1 — 11.03.2027",
        f"Контракт № {number}: срок исполнения этапа 1 — 18.03.2027",
    ]


def test_deadlines_are_counted_in_the_customer_region_time_zone():
    # given: a Vladivostok (UTC+10) contract due 11.03.2027
    deal = concluded_deal(region_code="25", tz="Asia/Vladivostok", region_name="Приморский край")
    pin_stage_due(deal, DUE)

    reminders_pass(at(2027, 3, 1, 0, 0))
    # then: warned at 09:00 Vladivostok on Friday 05.03 = 23:00 UTC on the 4th
    assert watch_of(deal) == at(2027, 3, 4, 23, 0)
    reminders_pass(at(2027, 3, 4, 23, 0))
    # then: passed at midnight Vladivostok = 14:00 UTC on the 11th
    assert watch_of(deal) == at(2027, 3, 11, 14, 0)
    reminders_pass(at(2027, 3, 11, 13, 59))
    assert len(sent()) == 2
    reminders_pass(at(2027, 3, 11, 14, 0))
    assert [kind for _, kind, _ in sent()][2:] == ["contract.stage_overdue", "contract.stage_overdue"]


def test_acceptance_decision_and_payment_reminders_go_to_the_right_parties():
    # given: the supplier delivers the whole stage on 01.03.2027
    deal = concluded_deal()
    number = deal.contract.number
    paper = deal.contract.items.get()
    document = acceptance_submit(
        stage=deal.stage,
        user=deal.seller,
        lines=[AcceptanceLineData(item=paper, quantity=Decimal(10))],
        now=at(2027, 3, 1, 7, 0),
    )
    AcceptanceDocument.objects.filter(pk=document.pk).update(decision_due_at=at(2027, 3, 11, 20, 59, 59))
    doc = f"документу о приёмке № {document.number}"
    # when: the decision is due soon, then passes
    reminders_pass(at(2027, 3, 1, 7, 0))
    reminders_pass(at(2027, 3, 5, 6, 0))
    reminders_pass(at(2027, 3, 11, 21, 0))
    # then: the customer is warned; both are told it passed
    assert sent() == [
        (
            "buyer77",
            "contract.acceptance_decision_due_soon",
            f"Контракт № {number}: срок решения по {doc} — 11.03.2027",
        ),
        (
            "buyer77",
            "contract.acceptance_decision_overdue",
            f"Контракт № {number}: истёк срок решения по {doc}",
        ),
        (
            "seller77",
            "contract.acceptance_decision_overdue",
            f"Контракт № {number}: истёк срок решения по {doc}",
        ),
    ]
    assert Notification.objects.get(
        kind="contract.acceptance_decision_overdue", recipient=deal.seller
    ).body == (
        f"Срок решения заказчика по {doc} (этап 1) по контракту № {number} истёк 11.03.2027, а решение не принято."
    )
    # when: the customer accepts on 12.03; payment falls due 19.03 and is warned on 16.03
    document = acceptance_decide(document=document, user=deal.buyer, full=True, now=at(2027, 3, 12, 7, 0))
    AcceptanceDocument.objects.filter(pk=document.pk).update(payment_due_at=at(2027, 3, 19, 20, 59, 59))
    contract_watches_touch(contract_ids=[deal.contract.pk], now=at(2027, 3, 12, 7, 0))
    reminders_pass(at(2027, 3, 12, 7, 0))
    reminders_pass(at(2027, 3, 16, 6, 0))
    # then
    assert sent()[3:] == [
        ("buyer77", "contract.payment_due_soon", f"Контракт № {number}: срок оплаты по {doc} — 19.03.2027"),
    ]
    assert Notification.objects.get(kind="contract.payment_due_soon").body == (
        f"Оплату по {doc} (этап 1) по контракту № {number} нужно провести не позднее 19.03.2027; "
        f"к оплате 5{NBSP}000,00{NBSP}₽."
    )
    # when: 4 000 ₽ is paid, the rest is overdue
    payment_record(
        document=document, user=deal.buyer, amount=Decimal("4000.00"), paid_on=DUE, now=at(2027, 3, 17, 7, 0)
    )
    reminders_pass(at(2027, 3, 19, 21, 0))
    assert sent()[4:] == [
        ("buyer77", "contract.payment_overdue", f"Контракт № {number}: просрочена оплата по {doc}"),
        ("seller77", "contract.payment_overdue", f"Контракт № {number}: просрочена оплата по {doc}"),
    ]
    assert Notification.objects.get(kind="contract.payment_overdue", recipient=deal.buyer).body == (
        f"Срок оплаты по {doc} (этап 1) по контракту № {number} истёк 19.03.2027; не оплачено 1{NBSP}000,00{NBSP}₽."
    )


def test_a_paid_document_is_not_announced_overdue():
    deal = concluded_deal()
    paper = deal.contract.items.get()
    document = acceptance_submit(
        stage=deal.stage,
        user=deal.seller,
        lines=[AcceptanceLineData(item=paper, quantity=Decimal(10))],
        now=at(2027, 3, 1, 7, 0),
    )
    document = acceptance_decide(document=document, user=deal.buyer, full=True, now=at(2027, 3, 2, 7, 0))
    AcceptanceDocument.objects.filter(pk=document.pk).update(payment_due_at=at(2027, 3, 19, 20, 59, 59))
    reminders_pass(at(2027, 3, 16, 6, 0))
    payment_record(
        document=document, user=deal.buyer, amount=Decimal("5000.00"), paid_on=DUE, now=at(2027, 3, 17, 7, 0)
    )

    reminders_pass(at(2027, 3, 19, 21, 0))

    assert [kind for _, kind, _ in sent()] == ["contract.payment_due_soon"]
    assert watch_of(deal) is None


def test_a_unilateral_refusal_is_warned_and_announced_to_both_even_after_the_contracts_worker():
    # given: stage 1 was due 26.02.2027 and is late; the customer refuses on 01.03.2027; the refusal
    # takes effect after 11.03 (10 days) unless the supplier delivers
    deal = concluded_deal()
    pin_stage_due(deal, dt.date(2027, 2, 26))
    number = deal.contract.number
    refused = contract_unilateral_refusal(
        contract=deal.contract, user=deal.buyer, reason="Просрочка поставки", now=at(2027, 3, 1, 7, 0)
    )
    assert refused.termination_effective_at == at(2027, 3, 11, 20, 59, 59, 999999)
    # when: the worker runs every event (contracts first, then reminders), in time and late
    full_pass(at(2027, 3, 1, 7, 0))
    full_pass(at(2027, 3, 5, 6, 0))
    full_pass(at(2027, 3, 12, 9, 0))
    full_pass(at(2027, 3, 12, 10, 0))
    # then
    assert Contract.objects.get(pk=deal.contract.pk).status == ContractStatus.TERMINATED
    soon = f"Контракт № {number}: односторонний отказ вступает в силу 11.03.2027"
    took = f"Контракт № {number} расторгнут: односторонний отказ вступил в силу"
    refusal_kinds = ("contract.refusal_effective_soon", "contract.refusal_effective")
    assert [row for row in sent() if row[1] in refusal_kinds] == [
        ("buyer77", "contract.refusal_effective_soon", soon),
        ("seller77", "contract.refusal_effective_soon", soon),
        ("buyer77", "contract.refusal_effective", took),
        ("seller77", "contract.refusal_effective", took),
    ]
    late = f"Контракт № {number}: просрочено исполнение этапа 1"
    assert [row for row in sent() if row[1] not in refusal_kinds] == [
        ("seller77", "contract.stage_overdue", late),
        ("buyer77", "contract.stage_overdue", late),
    ]
    assert Notification.objects.get(kind="contract.refusal_effective_soon", recipient=deal.seller).body == (
        f"Решение заказчика об одностороннем отказе от исполнения контракта № {number} вступает в силу "
        "по окончании дня 11.03.2027, если нарушение не будет устранено."
    )


def test_a_region_may_warn_earlier_with_its_own_number_of_working_days():
    # given: Moscow warns 5 working days ahead from 2027
    deal = concluded_deal()
    rule_override_set(
        region=deal.customer.region,
        key="notifications.deadline_warning_working_days",
        value=5,
        effective_from=dt.date(2027, 1, 1),
        reason="Распоряжение о порядке контроля исполнения контрактов",
        actor=regional_admin(deal.customer.region),
    )
    pin_stage_due(deal, DUE)
    # when
    reminders_pass(at(2027, 3, 1, 6, 0))
    # then: Tue 9, Wed 10, Thu 11 and Thu 4, Fri 5 remain after Wednesday 03.03 (Monday 8 is a holiday)
    assert watch_of(deal) == at(2027, 3, 3, 6, 0)


def test_signing_deadlines_are_warned_to_the_side_that_must_sign_and_announced_to_both():
    # given: a draft created on Monday 01.03.2027: the supplier signs within 5 working days, by 09.03
    deal = draft_deal()
    number = deal.contract.number
    Contract.objects.filter(pk=deal.contract.pk).update(created_at=at(2027, 3, 1, 7, 0))
    reminders_pass(at(2027, 3, 1, 8, 0))
    assert watch_of(deal) == at(2027, 3, 3, 6, 0)
    # when: the warning comes; the supplier signs on 04.03; the customer (2 working days) is due 09.03
    reminders_pass(at(2027, 3, 3, 6, 0))
    contract_sign_supplier(contract=deal.contract, user=deal.seller, now=at(2027, 3, 4, 7, 0))
    contract_watches_touch(contract_ids=[deal.contract.pk], now=at(2027, 3, 4, 7, 0))
    reminders_pass(at(2027, 3, 4, 7, 0))
    reminders_pass(at(2027, 3, 9, 21, 0))
    reminders_pass(at(2027, 3, 9, 22, 0))
    # then
    assert sent() == [
        (
            "seller77",
            "contract.supplier_signing_due_soon",
            f"Контракт № {number}: срок подписания поставщиком — 09.03.2027",
        ),
        (
            "buyer77",
            "contract.customer_signing_due_soon",
            f"Контракт № {number}: срок подписания заказчиком — 09.03.2027",
        ),
        (
            "buyer77",
            "contract.customer_signing_overdue",
            f"Контракт № {number}: истёк срок подписания заказчиком",
        ),
        (
            "seller77",
            "contract.customer_signing_overdue",
            f"Контракт № {number}: истёк срок подписания заказчиком",
        ),
    ]
    assert Notification.objects.get(kind="contract.customer_signing_overdue", recipient=deal.seller).body == (
        f"Срок подписания контракта № {number} «Поставка бумаги офисной» заказчиком истёк 09.03.2027, "
        "а контракт не подписан."
    )
