"""Purchases by need: create, publish, propose (replace), award, cancel, convert; refusals change nothing."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from zakupki.accounts.enums import OrganizationStatus
from zakupki.contracts.enums import PurchaseBasis, SourceKind
from zakupki.contracts.ledger import CapExceeded
from zakupki.contracts.models import Contract, SmallPurchaseLedger
from zakupki.contracts.tests.factories import award, customer, member_of, supplier
from zakupki.core.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed
from zakupki.documents.events import EventType
from zakupki.documents.models import AuditEvent, Document
from zakupki.oversight.models import SupplierBan
from zakupki.procedures.enums import SessionStatus
from zakupki.procedures.models import QuotationSession
from zakupki.purchases.enums import NeedStatus, ProposalStatus
from zakupki.purchases.models import Need, NeedAward, NeedProposal
from zakupki.purchases.selectors import need_effective_status, need_get, need_proposals_visible
from zakupki.purchases.services.needs import (
    Attachment,
    need_award,
    need_cancel,
    need_convert_to_session,
    need_create,
    need_propose,
    need_publish,
)
from zakupki.purchases.tests.factories import need

NB = "\u00a0"


def in_days(days: float) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=days)


def state():
    return (
        list(
            Need.objects.order_by("pk").values_list("status", "next_check_at", "status_reason", "session_id")
        ),
        list(NeedProposal.objects.order_by("pk").values_list("status", "price")),
        NeedAward.objects.count(),
        Contract.objects.count(),
        list(SmallPurchaseLedger.objects.values_list("spent", flat=True)),
        Document.objects.count(),
        AuditEvent.objects.count(),
    )


def past_deadline_need(**fields):
    """A published need whose deadline has passed; the worker has not run (status still published)."""
    return need(deadline=timezone.now() - dt.timedelta(minutes=1), **fields)


def proposal(a_need, price="450000.00", seller=None):
    seller = seller or supplier()
    return NeedProposal.objects.create(
        need=a_need,
        supplier=seller,
        submitted_by=member_of(seller),
        price=Decimal(price),
        terms="Работы за 25 дней, гарантия 3 года",
        submitted_at=timezone.now() - dt.timedelta(days=1),
    )


# --- create and publish -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_customer_creates_a_draft_need():
    actor = member_of(customer())
    deadline = in_days(5)

    created = need_create(
        actor=actor,
        title="  Ремонт кровли  ",
        description="Мягкая кровля 320 м²",
        max_price="500000,00",
        deadline=deadline,
    )

    assert (created.status, created.title, created.max_price, created.basis) == (
        NeedStatus.DRAFT,
        "Ремонт кровли",
        Decimal("500000.00"),
        PurchaseBasis.P4,
    )
    assert (created.customer, created.deadline, created.next_check_at) == (actor.organization, deadline, None)
    event = AuditEvent.objects.get()
    assert (event.event, event.details["max_price"]) == (EventType.NEED_CREATED, "500000.00")


@pytest.mark.django_db
def test_need_with_bad_fields_reports_them_all_and_creates_nothing():
    actor = member_of(customer())
    before = state()

    with pytest.raises(ValidationFailed) as refused:
        need_create(
            actor=actor,
            title=" ",
            description="",
            max_price="100.005",
            deadline=dt.datetime(2030, 1, 1, 12, 0),  # noqa: DTZ001 - a naive datetime is the bad input
        )

    assert refused.value.errors == {
        "title": "Укажите предмет закупки",
        "description": "Опишите потребность: что нужно, в каком количестве, сроки и место поставки",
        "max_price": "Максимальная цена: не более двух знаков после запятой",
        "deadline": "Укажите дату и время окончания приёма предложений с часовым поясом",
    }
    assert state() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("max_price", "message"),
    [
        ("0", "Максимальная цена должна быть больше нуля"),
        ("-5", "Максимальная цена должна быть больше нуля"),
        ("сто", "Максимальная цена: не число"),
        (
            "600000.01",
            f"Цена 600{NB}000,01{NB}₽ превышает предельную цену контракта 600{NB}000,00{NB}₽ по п. 4 ч. 1 ст. 93 44-ФЗ",
        ),
    ],
)
def test_bad_max_price_is_refused(max_price, message):
    before = state()

    with pytest.raises(ValidationFailed) as refused:
        need_create(
            actor=member_of(customer()),
            title="Ремонт",
            description="Кровля",
            max_price=max_price,
            deadline=in_days(2),
        )

    assert refused.value.errors == {"max_price": message}
    assert state() == before


@pytest.mark.django_db
def test_deadline_in_the_past_is_refused():
    with pytest.raises(ValidationFailed) as refused:
        need_create(
            actor=member_of(customer()),
            title="Ремонт",
            description="Кровля",
            max_price="10",
            deadline=in_days(-1),
        )

    assert refused.value.errors == {"deadline": "Окончание приёма предложений должно быть в будущем"}


@pytest.mark.django_db
def test_unconfirmed_customer_and_supplier_cannot_create_needs():
    pending = member_of(customer(status=OrganizationStatus.PENDING))
    seller = member_of(supplier())
    kwargs: dict[str, Any] = {
        "title": "Ремонт",
        "description": "Кровля",
        "max_price": "10",
        "deadline": in_days(2),
    }

    with pytest.raises(PermissionDenied) as not_confirmed:
        need_create(actor=pending, **kwargs)
    with pytest.raises(PermissionDenied) as not_customer:
        need_create(actor=seller, **kwargs)

    assert not_confirmed.value.message.startswith("Организация заказчика не подтверждена")
    assert not_customer.value.message == "Закупки проводят только сотрудники организаций-заказчиков"
    assert Need.objects.count() == 0


@pytest.mark.django_db
def test_customer_publishes_a_draft():
    draft = need(status=NeedStatus.DRAFT)
    actor = member_of(draft.customer)

    published = need_publish(need=draft, actor=actor)

    assert published.status == NeedStatus.PUBLISHED
    assert published.next_check_at == draft.deadline
    assert published.published_at is not None
    event = AuditEvent.objects.get()
    assert (event.event, event.details["from"], event.details["to"]) == (
        EventType.NEED_PUBLISHED,
        "draft",
        "published",
    )


@pytest.mark.django_db
def test_publishing_twice_or_by_another_customer_is_refused():
    published = need()
    before = state()

    with pytest.raises(InvalidTransition) as twice:
        need_publish(need=published, actor=member_of(published.customer))
    with pytest.raises(PermissionDenied) as stranger:
        need_publish(need=published, actor=member_of(customer()))

    assert twice.value.message == "Потребность: переход «Приём предложений» → «Приём предложений» недопустим"
    assert stranger.value.message == "Это закупка другого заказчика"
    assert state() == before


@pytest.mark.django_db
def test_draft_whose_deadline_passed_cannot_be_published():
    draft = need(status=NeedStatus.DRAFT, deadline=in_days(-0.1))
    before = state()

    with pytest.raises(ValidationFailed) as refused:
        need_publish(need=draft, actor=member_of(draft.customer))

    assert refused.value.errors == {
        "deadline": "Срок приёма предложений уже прошёл: создайте потребность с новым сроком"
    }
    assert state() == before


# --- proposals --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_supplier_proposes_and_replaces_its_proposal_before_the_deadline():
    published = need(max_price="500000.00")
    seller_user = member_of(supplier())

    first = need_propose(need=published, supplier_user=seller_user, price="480000.00", terms="30 дней")
    second = need_propose(need=published, supplier_user=seller_user, price="455000.50", terms="25 дней")

    first.refresh_from_db()
    assert (first.status, second.status) == (ProposalStatus.REPLACED, ProposalStatus.ACTIVE)
    assert (second.price, second.terms, second.supplier) == (
        Decimal("455000.50"),
        "25 дней",
        seller_user.organization,
    )
    assert list(NeedProposal.objects.filter(need=published, status=ProposalStatus.ACTIVE)) == [second]
    events = AuditEvent.objects.filter(event=EventType.NEED_PROPOSAL_SUBMITTED).order_by("seq")
    assert [e.details["replaces"] for e in events] == [None, first.pk]
    assert [e.details["price"] for e in events] == ["480000.00", "455000.50"]


@pytest.mark.django_db
def test_price_equal_to_max_price_is_accepted():
    published = need(max_price="500000.00")

    made = need_propose(need=published, supplier_user=member_of(supplier()), price="500000", terms="Да")

    assert made.price == Decimal("500000.00")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("price", "message"),
    [
        ("500000.01", f"Цена выше максимальной цены потребности 500{NB}000,00{NB}₽"),
        ("0", "Цена должна быть больше нуля"),
        ("0.001", "Цена: не более двух знаков после запятой"),
        (Decimal("-1"), "Цена должна быть больше нуля"),
        (99.5, "Цена: передайте строку или целое число, не дробь с плавающей точкой"),
    ],
)
def test_bad_proposal_price_is_refused_and_nothing_changes(price, message):
    published = need(max_price="500000.00")
    before = state()

    with pytest.raises(ValidationFailed) as refused:
        need_propose(need=published, supplier_user=member_of(supplier()), price=price, terms="30 дней")

    assert refused.value.errors == {"price": message}
    assert state() == before


@pytest.mark.django_db
def test_proposal_after_the_deadline_is_refused_by_the_clock():
    published = past_deadline_need()
    before = state()

    with pytest.raises(Conflict) as refused:
        need_propose(need=published, supplier_user=member_of(supplier()), price="100", terms="30 дней")

    local = timezone.localtime(published.deadline).strftime("%d.%m.%Y %H:%M")
    assert refused.value.message == f"Приём предложений завершён {local}"
    assert state() == before
    assert Need.objects.get().status == NeedStatus.PUBLISHED  # the worker has not run, the clock decided


@pytest.mark.django_db
def test_proposal_to_a_draft_is_refused():
    draft = need(status=NeedStatus.DRAFT)

    with pytest.raises(Conflict) as refused:
        need_propose(need=draft, supplier_user=member_of(supplier()), price="100", terms="30 дней")

    assert refused.value.message == "Потребность ещё не опубликована"


@pytest.mark.django_db
def test_banned_supplier_cannot_propose():
    published = need()
    seller = supplier()
    SupplierBan.objects.create(
        supplier=seller,
        region=published.customer.region,
        reason="Отказ от заключения контракта",
        starts_at=in_days(-1),
        ends_at=dt.datetime(2099, 3, 1, 6, 0, tzinfo=dt.UTC),
    )
    before = state()

    with pytest.raises(PermissionDenied) as refused:
        need_propose(need=published, supplier_user=member_of(seller), price="100", terms="30 дней")

    assert refused.value.message == (
        f"Поставщик {seller.display_name} заблокирован на площадке до 01.03.2099 09:00: Отказ от заключения контракта"
    )
    assert state() == before


@pytest.mark.django_db
def test_unconfirmed_supplier_and_customer_cannot_propose():
    published = need()

    with pytest.raises(PermissionDenied) as pending:
        need_propose(
            need=published,
            supplier_user=member_of(supplier(status=OrganizationStatus.PENDING)),
            price="100",
            terms="Да",
        )
    with pytest.raises(PermissionDenied) as buyer:
        need_propose(need=published, supplier_user=member_of(published.customer), price="100", terms="Да")

    assert pending.value.message == "Организация поставщика не подтверждена: подавать предложения нельзя"
    assert buyer.value.message == "Предложения подают только сотрудники организаций-поставщиков"
    assert NeedProposal.objects.count() == 0


@pytest.mark.django_db
def test_proposal_with_an_attachment_stores_the_document():
    published = need()
    seller_user = member_of(supplier())
    pdf = Attachment(name="Смета.pdf", content_type="application/pdf", content=b"%PDF-1.4 smeta")

    made = need_propose(
        need=published, supplier_user=seller_user, price="400000", terms="Смета", attachment=pdf
    )

    assert made.attachment is not None
    assert (made.attachment.title, made.attachment.kind, made.attachment.size) == (
        "Смета.pdf",
        "need_proposal",
        14,
    )
    events = list(AuditEvent.objects.order_by("seq").values_list("event", flat=True))
    assert events == [EventType.DOCUMENT_STORED, EventType.NEED_PROPOSAL_SUBMITTED]


@pytest.mark.django_db
def test_bad_attachment_is_refused_with_the_other_errors_and_stores_nothing():
    published = need()
    exe = Attachment(name="virus.exe", content_type="application/x-msdownload", content=b"MZ")
    before = state()

    with pytest.raises(ValidationFailed) as refused:
        need_propose(
            need=published, supplier_user=member_of(supplier()), price="1", terms=" ", attachment=exe
        )

    assert refused.value.errors == {
        "terms": "Опишите условия: что и в какие сроки поставляется",
        "attachment": "Допустимы файлы PDF, Word, Excel, JPEG, PNG и текст",
    }
    assert state() == before


# --- award ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_customer_awards_after_the_deadline_and_gets_the_contract():
    published = past_deadline_need(max_price="500000.00")
    cheap, dear = proposal(published, "416724.00"), proposal(published, "450000.00")
    actor = member_of(published.customer)

    made = need_award(need=published, proposal=cheap, actor=actor, reason="Наименьшая цена")

    published.refresh_from_db()
    assert published.status == NeedStatus.AWARDED
    assert (published.next_check_at, published.closed_at) == (None, published.deadline)
    assert (made.proposal, made.reason, made.awarded_by) == (cheap, "Наименьшая цена", actor)
    contract = made.contract
    assert (contract.price, contract.nmck, contract.source_kind, contract.source_id) == (
        Decimal("416724.00"),
        Decimal("500000.00"),
        SourceKind.NEED,
        published.pk,
    )
    assert (contract.customer, contract.supplier) == (published.customer, cheap.supplier)
    assert contract.number == f"ЗП-77-{published.pk:08d}"
    assert list(contract.items.values_list("name", "unit", "quantity", "amount")) == [
        ("Ремонт кровли спортивного зала", "усл. ед.", Decimal("1.000"), Decimal("416724.00"))
    ]
    assert SmallPurchaseLedger.objects.get(customer=published.customer).spent == Decimal("416724.00")
    events = list(AuditEvent.objects.order_by("seq").values_list("event", flat=True))
    assert events == [EventType.CONTRACT_CREATED, EventType.NEED_AWARDED]
    assert AuditEvent.objects.get(event=EventType.NEED_AWARDED).details["contract"] == contract.number
    assert dear.status == ProposalStatus.ACTIVE


@pytest.mark.django_db
def test_award_before_the_deadline_is_refused():
    published = need(deadline=dt.datetime(2099, 5, 1, 12, 0, tzinfo=dt.UTC))
    offered = proposal(published)
    before = state()

    with pytest.raises(Conflict) as refused:
        need_award(need=published, proposal=offered, actor=member_of(published.customer), reason="Цена")

    assert (
        refused.value.message
        == "Выбрать предложение можно после окончания приёма предложений 01.05.2099 15:00"
    )
    assert state() == before


@pytest.mark.django_db
def test_award_needs_a_reason_and_an_active_proposal_of_this_need():
    published = past_deadline_need()
    other = past_deadline_need()
    replaced = proposal(published)
    NeedProposal.objects.filter(pk=replaced.pk).update(status=ProposalStatus.REPLACED)
    foreign = proposal(other)
    actor = member_of(published.customer)
    before = state()

    with pytest.raises(ValidationFailed) as no_reason:
        need_award(need=published, proposal=foreign, actor=actor, reason="  ")
    with pytest.raises(ValidationFailed) as not_this_need:
        need_award(need=published, proposal=foreign, actor=actor, reason="Цена")
    with pytest.raises(ValidationFailed) as not_active:
        need_award(need=published, proposal=replaced, actor=actor, reason="Цена")

    assert no_reason.value.errors == {"reason": "Укажите обоснование выбора предложения"}
    assert not_this_need.value.errors == {"proposal": "Это предложение не действует по данной потребности"}
    assert not_active.value.errors == not_this_need.value.errors
    assert state() == before


@pytest.mark.django_db
def test_award_over_the_annual_cap_leaves_the_need_as_it_was():
    published = past_deadline_need(max_price="500000.00")
    for _ in range(3):
        award(published.customer, supplier(), "600000.00")
    offered = proposal(published, "200000.01")
    before = state()

    with pytest.raises(CapExceeded) as refused:
        need_award(need=published, proposal=offered, actor=member_of(published.customer), reason="Цена")

    assert refused.value.message.endswith(f"остаток 200{NB}000,00{NB}₽")
    assert state() == before


@pytest.mark.django_db
def test_second_award_and_stranger_award_are_refused():
    published = past_deadline_need()
    first, second = proposal(published), proposal(published, "300000.00")
    actor = member_of(published.customer)
    need_award(need=published, proposal=first, actor=actor, reason="Цена")
    before = state()

    with pytest.raises(InvalidTransition) as again:
        need_award(need=published, proposal=second, actor=actor, reason="Передумали")
    with pytest.raises(PermissionDenied):
        need_award(need=published, proposal=second, actor=member_of(customer()), reason="Цена")

    assert again.value.message == "Потребность: переход «Выбран поставщик» → «Выбран поставщик» недопустим"
    assert state() == before


@pytest.mark.django_db
def test_award_from_a_need_the_worker_closed():
    closed = need(status=NeedStatus.CLOSED, deadline=in_days(-1))
    offered = proposal(closed)

    need_award(
        need=closed, proposal=offered, actor=member_of(closed.customer), reason="Единственное предложение"
    )

    assert Need.objects.get().status == NeedStatus.AWARDED


# --- cancel and convert -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_customer_cancels_a_published_need_with_a_reason():
    published = need()

    cancelled = need_cancel(need=published, actor=member_of(published.customer), reason="Потребность отпала")

    assert (cancelled.status, cancelled.status_reason, cancelled.next_check_at) == (
        NeedStatus.CANCELLED,
        "Потребность отпала",
        None,
    )
    assert AuditEvent.objects.get().details == {
        "from": "published",
        "to": "cancelled",
        "reason": "Потребность отпала",
    }


@pytest.mark.django_db
def test_cancel_without_a_reason_or_after_award_is_refused():
    published = need()
    awarded = need(status=NeedStatus.AWARDED)
    before = state()

    with pytest.raises(ValidationFailed) as no_reason:
        need_cancel(need=published, actor=member_of(published.customer), reason="")
    with pytest.raises(InvalidTransition) as too_late:
        need_cancel(need=awarded, actor=member_of(awarded.customer), reason="Передумали")

    assert no_reason.value.errors == {"reason": "Укажите причину отмены"}
    assert too_late.value.message == "Потребность: переход «Выбран поставщик» → «Отменена» недопустим"
    assert state() == before


@pytest.mark.django_db
def test_customer_converts_a_need_into_a_draft_session_after_the_deadline():
    published = past_deadline_need(max_price="500000.00")
    actor = member_of(published.customer)

    converted = need_convert_to_session(need=published, actor=actor, duration_hours=24)

    assert (converted.status, converted.next_check_at, converted.closed_at) == (
        NeedStatus.CONVERTED,
        None,
        published.deadline,
    )
    session = QuotationSession.objects.get()
    assert converted.session_id == session.pk
    assert (session.customer, session.title, session.start_price, session.duration_hours, session.status) == (
        published.customer,
        "Ремонт кровли спортивного зала",
        Decimal("500000.00"),
        24,
        SessionStatus.DRAFT,
    )
    assert session.smp_only is False
    assert session.delivery_terms == published.description
    assert list(session.items.values_list("name", "unit", "quantity", "unit_price")) == [
        ("Ремонт кровли спортивного зала", "усл. ед.", Decimal("1.000"), Decimal("500000.00"))
    ]
    events = list(AuditEvent.objects.order_by("seq").values_list("event", flat=True))
    assert events == [EventType.SESSION_CREATED, EventType.NEED_CONVERTED]
    assert AuditEvent.objects.get(event=EventType.NEED_CONVERTED).details["session"] == session.pk


@pytest.mark.django_db
def test_a_need_turns_into_a_session_for_smp_and_sonko_only_when_asked():
    published = past_deadline_need()

    need_convert_to_session(
        need=published, actor=member_of(published.customer), duration_hours=24, smp_only=True
    )

    assert QuotationSession.objects.get().smp_only is True


@pytest.mark.django_db
def test_conversion_with_a_duration_the_region_does_not_allow_changes_nothing():
    published = past_deadline_need()
    before = state()

    with pytest.raises(ValidationFailed) as refused:
        need_convert_to_session(need=published, actor=member_of(published.customer), duration_hours=5)

    assert refused.value.errors == {
        "duration_hours": "Продолжительность сессии может быть только 3, 6 или 24 ч"
    }
    assert state() == before
    assert QuotationSession.objects.count() == 0


@pytest.mark.django_db
def test_cancelled_need_cannot_be_converted():
    cancelled = need(status=NeedStatus.CANCELLED, deadline=in_days(-1))

    with pytest.raises(InvalidTransition) as refused:
        need_convert_to_session(need=cancelled, actor=member_of(cancelled.customer), duration_hours=24)

    assert (
        refused.value.message
        == "Потребность: переход «Отменена» → «Переведена в котировочную сессию» недопустим"
    )
    assert QuotationSession.objects.count() == 0


@pytest.mark.django_db
def test_conversion_before_the_deadline_is_refused():
    published = need(deadline=dt.datetime(2099, 5, 1, 12, 0, tzinfo=dt.UTC))
    before = state()

    with pytest.raises(Conflict) as refused:
        need_convert_to_session(need=published, actor=member_of(published.customer), duration_hours=24)

    assert refused.value.message == (
        "Перевести потребность в котировочную сессию можно после окончания приёма предложений 01.05.2099 15:00"
    )
    assert state() == before


# --- reads ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_effective_status_follows_the_clock():
    assert need_effective_status(need()) == NeedStatus.PUBLISHED
    assert need_effective_status(past_deadline_need()) == NeedStatus.CLOSED
    assert need_effective_status(need(status=NeedStatus.DRAFT)) == NeedStatus.DRAFT


@pytest.mark.django_db
def test_drafts_are_hidden_from_everyone_but_the_customer():
    draft = need(status=NeedStatus.DRAFT)

    assert need_get(need_id=draft.pk, viewer=member_of(draft.customer)) == draft
    with pytest.raises(Exception, match="Потребность не найдена"):
        need_get(need_id=draft.pk, viewer=member_of(supplier()))
    with pytest.raises(Exception, match="Потребность не найдена"):
        need_get(need_id=draft.pk, viewer=None)


@pytest.mark.django_db
def test_proposals_are_sealed_until_the_deadline():
    open_need = need()
    mine, theirs = proposal(open_need, "400000.00"), proposal(open_need, "300000.00")
    buyer = member_of(open_need.customer)
    mine_user = mine.submitted_by

    assert list(need_proposals_visible(need=open_need, viewer=buyer)) == []
    assert list(need_proposals_visible(need=open_need, viewer=mine_user)) == [mine]
    assert list(need_proposals_visible(need=open_need, viewer=None)) == []

    Need.objects.filter(pk=open_need.pk).update(deadline=in_days(-0.01))
    open_need.refresh_from_db()
    assert list(need_proposals_visible(need=open_need, viewer=buyer)) == [theirs, mine]  # cheapest first
