import datetime as dt
from decimal import Decimal

import pytest

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus, UserRole
from zakupki.core.errors import Conflict, PermissionDenied, ValidationFailed
from zakupki.documents.events import EventType
from zakupki.documents.models import AuditEvent
from zakupki.oversight.services import supplier_ban_create
from zakupki.procedures import live
from zakupki.procedures.enums import SessionStatus
from zakupki.procedures.models import AutoBid, Bid, Participant, QuotationSession
from zakupki.procedures.selectors import session_bid_log, session_public_view
from zakupki.procedures.services import autobid_cancel, autobid_set, bid_place, parse_price, session_close
from zakupki.procedures.tests.conftest import NOW, make_org, make_user, rub

D = Decimal
LATER = NOW + dt.timedelta(minutes=10)


def snapshot(session):
    s = QuotationSession.objects.get(pk=session.pk)
    return (
        s.status,
        s.best_price,
        s.best_bid_id,
        s.bids_count,
        s.participants_count,
        Bid.objects.count(),
        Participant.objects.count(),
        AuditEvent.objects.filter(event=EventType.BID_PLACED).count(),
    )


def refused(session, user, price, *, now=LATER):
    before = snapshot(session)
    with pytest.raises(ValidationFailed) as exc:
        bid_place(session=session, supplier_user=user, price=D(price), now=now)
    assert snapshot(session) == before
    return exc.value.errors["price"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("50 844,50", D("50844.50")),
        ("50844.5", D("50844.50")),
        (50844, D("50844.00")),
        (D("1.10"), D("1.10")),
    ],
)
def test_parse_price_accepts_typed_amounts(raw, expected):
    assert parse_price(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "Укажите цену"),
        (None, "Укажите цену"),
        ("сто рублей", "Цена должна быть числом"),
        ("1e400", "Цена должна быть числом"),
        ("NaN", "Цена должна быть числом"),
        (1.5, "Цена должна быть числом"),
        ("100,005", "Цена: не более двух знаков после запятой"),
        ("0", "Цена должна быть больше нуля"),
        ("-100", "Цена должна быть больше нуля"),
    ],
)
def test_parse_price_refuses_bad_input(raw, message):
    with pytest.raises(ValidationFailed) as exc:
        parse_price(raw)
    assert exc.value.errors == {"price": message}


def test_first_bid_is_accepted_and_announced(session, suppliers, django_capture_on_commit_callbacks):
    (a, a_user), _, _ = suppliers
    heard: list[int] = []
    live.add_listener(heard.append)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            bid = bid_place(session=session, supplier_user=a_user, price=D("50844.50"), now=LATER)
    finally:
        live.remove_listener(heard.append)
    assert (bid.seq, bid.price, bid.supplier_id, bid.is_auto, bid.placed_at) == (
        1,
        D("50844.50"),
        a.pk,
        False,
        LATER,
    )
    assert bid.participant.label == "Участник 1"
    session.refresh_from_db()
    assert (session.best_price, session.best_bid_id, session.bids_count, session.participants_count) == (
        D("50844.50"),
        bid.pk,
        1,
        1,
    )
    assert heard == [session.pk]
    event = AuditEvent.objects.get(event=EventType.BID_PLACED)
    assert event.details == {
        "seq": 1,
        "participant": 1,
        "supplier": a.inn,
        "price": "50844.50",
        "auto": False,
    }


def test_step_rules_with_exact_messages(session, suppliers):
    (_, a_user), (_, b_user), _ = suppliers
    assert refused(session, a_user, "51100.00") == f"Цена должна быть ниже НМЦК {rub('51 100,00')}"
    assert refused(session, a_user, "50844.51") == (
        f"Снижение меньше минимального шага {rub('255,50')}: предложите не более {rub('50 844,50')}"
    )
    assert refused(session, a_user, "48544.99") == (
        f"Снижение больше максимального шага {rub('2 555,00')}: предложите не менее {rub('48 545,00')}"
    )
    assert refused(session, a_user, "50000.001") == "Цена: не более двух знаков после запятой"
    assert refused(session, a_user, "0") == "Цена должна быть больше нуля"
    assert refused(session, a_user, "-1") == "Цена должна быть больше нуля"
    # the full range is accepted at both ends
    bid_place(session=session, supplier_user=a_user, price=D("48545.00"), now=LATER)
    bid_place(session=session, supplier_user=b_user, price=D("48289.50"), now=LATER)


def test_equal_higher_and_own_undercut_are_refused(session, suppliers):
    (_, a_user), (_, b_user), _ = suppliers
    bid_place(session=session, supplier_user=a_user, price=D("50844.50"), now=LATER)
    assert refused(session, b_user, "50844.50") == (
        f"Цена равна текущей лучшей цене {rub('50 844,50')}: предложите цену ниже"
    )
    assert (
        refused(session, b_user, "50900.00")
        == f"Цена должна быть ниже текущей лучшей цены {rub('50 844,50')}"
    )
    assert (
        refused(session, a_user, "50500.00") == "Ваше предложение уже лучшее: снижать собственную цену нельзя"
    )


def test_participant_numbers_follow_first_bids(session, suppliers):
    (a, a_user), (b, b_user), _ = suppliers
    bid_place(session=session, supplier_user=b_user, price=D("50844.50"), now=LATER)
    bid_place(session=session, supplier_user=a_user, price=D("50589.00"), now=LATER)
    bid_place(session=session, supplier_user=b_user, price=D("50333.50"), now=LATER)
    assert list(
        Participant.objects.order_by("number").values_list("number", "supplier_id", "best_price")
    ) == [
        (1, b.pk, D("50333.50")),
        (2, a.pk, D("50589.00")),
    ]
    assert list(session_bid_log(session=session).values_list("seq", "participant__number")) == [
        (1, 1),
        (2, 2),
        (3, 1),
    ]


def test_bid_at_or_after_the_end_is_refused_though_the_worker_never_ran(session, suppliers):
    (_, a_user), _, _ = suppliers
    before = snapshot(session)
    with pytest.raises(Conflict, match="^Приём ценовых предложений завершён$"):
        bid_place(session=session, supplier_user=a_user, price=D("50844.50"), now=session.ends_at)
    assert snapshot(session) == before
    assert snapshot(session)[0] == SessionStatus.PUBLISHED  # nobody closed it: the end instant decides
    # one microsecond before the end is still in time
    bid_place(
        session=session,
        supplier_user=a_user,
        price=D("50844.50"),
        now=session.ends_at - dt.timedelta(microseconds=1),
    )


def test_banned_supplier_is_refused(session, suppliers, region):
    (a, a_user), _, _ = suppliers
    supplier_ban_create(
        supplier=a,
        region=region,
        reason="Отказ от заключения контракта",
        starts_at=NOW - dt.timedelta(days=1),
        ends_at=dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.UTC),
        source="КС № 1",
        actor=None,
    )
    before = snapshot(session)
    with pytest.raises(PermissionDenied) as exc:
        bid_place(session=session, supplier_user=a_user, price=D("50844.50"), now=LATER)
    assert exc.value.message == "Поставщик заблокирован до 12.03.2026 12:00: Отказ от заключения контракта"
    assert snapshot(session) == before


def test_only_confirmed_suppliers_bid(session, region, customer_user):
    pending = make_user(
        make_org(region, OrganizationKind.SUPPLIER, status=OrganizationStatus.PENDING), UserRole.SUPPLIER
    )
    for user in (pending, customer_user):
        before = snapshot(session)
        with pytest.raises(
            PermissionDenied, match="^Подавать ценовые предложения могут только подтверждённые поставщики$"
        ):
            bid_place(session=session, supplier_user=user, price=D("50844.50"), now=LATER)
        assert snapshot(session) == before


def test_draft_takes_no_bids(draft, suppliers):
    (_, a_user), _, _ = suppliers
    with pytest.raises(Conflict, match="^Котировочная сессия не принимает ценовые предложения$"):
        bid_place(session=draft, supplier_user=a_user, price=D("50844.50"), now=LATER)


# --- auto-bids --------------------------------------------------------------------------------------


def log(session):
    return [(b.seq, b.supplier_id, b.price, b.is_auto) for b in session_bid_log(session=session)]


def test_bot_bids_one_step_below_the_start_price_when_set_first(session, suppliers):
    (a, a_user), (b, b_user), _ = suppliers
    autobid_set(session=session, supplier_user=b_user, floor_price=D("48000.00"), now=LATER)
    bid_place(session=session, supplier_user=a_user, price=D("50589.00"), now=LATER)
    assert log(session) == [
        (1, b.pk, D("50844.50"), True),
        (2, a.pk, D("50589.00"), False),
        (3, b.pk, D("50333.50"), True),
    ]
    session.refresh_from_db()
    assert (session.best_price, session.best_bid.supplier_id, session.bids_count) == (D("50333.50"), b.pk, 3)


def test_two_bots_and_a_manual_bidder_exact_prices(session, suppliers):
    (a, a_user), (b, b_user), (c, c_user) = suppliers
    autobid_set(session=session, supplier_user=b_user, floor_price=D("48000.00"), now=LATER)
    autobid_set(session=session, supplier_user=c_user, floor_price=D("49000.00"), now=LATER)
    # C reaches 7 steps below B's 50 844,50 (49 056,00); B answers one step below
    assert log(session) == [
        (1, b.pk, D("50844.50"), True),
        (2, c.pk, D("49056.00"), True),
        (3, b.pk, D("48800.50"), True),
    ]
    bid_place(session=session, supplier_user=a_user, price=D("48545.00"), now=LATER)
    bid_place(session=session, supplier_user=a_user, price=D("48034.00"), now=LATER)  # B's floor is reached
    assert log(session)[3:] == [
        (4, a.pk, D("48545.00"), False),
        (5, b.pk, D("48289.50"), True),
        (6, a.pk, D("48034.00"), False),
    ]
    # invariants of the stored log: strictly decreasing within the step rule, no self-undercut
    prices = [row[2] for row in log(session)]
    steps = [x - y for x, y in zip([D("51100.00"), *prices], prices, strict=False)]
    assert all(D("255.50") <= s <= D("2555.00") for s in steps)
    suppliers_in_order = [row[1] for row in log(session)]
    assert all(x != y for x, y in zip(suppliers_in_order, suppliers_in_order[1:], strict=False))
    session.refresh_from_db()
    assert session.best_bid.supplier_id == a.pk == log(session)[-1][1]


def test_cancelled_bot_stays_silent(session, suppliers):
    (a, a_user), (_, b_user), _ = suppliers
    autobid_set(session=session, supplier_user=b_user, floor_price=D("48000.00"), now=LATER)
    autobid_cancel(session=session, supplier_user=b_user, now=LATER)
    bid_place(session=session, supplier_user=a_user, price=D("50589.00"), now=LATER)
    assert [row[2] for row in log(session)] == [D("50844.50"), D("50589.00")]
    assert AutoBid.objects.get().active is False


def test_autobid_floor_must_be_below_the_start_price(session, suppliers):
    _, (_, b_user), _ = suppliers
    with pytest.raises(ValidationFailed) as exc:
        autobid_set(session=session, supplier_user=b_user, floor_price=D("51100.00"), now=LATER)
    assert exc.value.errors == {"floor_price": "Минимальная цена должна быть ниже НМЦК"}
    assert not AutoBid.objects.exists()
    assert not Bid.objects.exists()


# --- anonymity --------------------------------------------------------------------------------------


def test_public_view_is_anonymous_during_bidding(session, suppliers, customer_user, region):
    (a, a_user), (b, b_user), (c, c_user) = suppliers
    autobid_set(session=session, supplier_user=b_user, floor_price=D("48000.00"), now=LATER)
    bid_place(session=session, supplier_user=a_user, price=D("50589.00"), now=LATER)
    for viewer in (c_user, customer_user, None):
        view = session_public_view(session=session, viewer=viewer, now=LATER)
        text = repr(view)
        for org in (a, b):
            assert org.name not in text
            assert org.inn not in text
        assert [e.label for e in view.ladder] == ["Участник 1", "Участник 2", "Участник 1"]
        assert all(e.is_auto is None and e.supplier_name is None for e in view.ladder)
        assert view.revealed is False
        assert view.my_number is None
    mine = session_public_view(session=session, viewer=a_user, now=LATER)
    assert (mine.my_number, mine.my_rank, mine.my_best_price, mine.my_is_leader) == (
        2,
        2,
        D("50589.00"),
        False,
    )
    assert [e.is_own for e in mine.ladder] == [False, True, False]
    assert (mine.next_price_max, mine.next_price_min) == (D("50078.00"), D("47778.50"))
    bot_owner = session_public_view(session=session, viewer=b_user, now=LATER)
    assert (bot_owner.my_rank, bot_owner.my_autobid_floor, bot_owner.ladder[0].is_auto) == (
        1,
        D("48000.00"),
        True,
    )
    # after the end: names are revealed with the protocol
    session_close(session=session, now=session.ends_at)
    after = session_public_view(session=session, viewer=None, now=session.ends_at)
    assert after.revealed is True
    assert after.winner_name == "ООО «Бета»"
    assert [e.supplier_name for e in after.ladder] == ["ООО «Бета»", "ООО «Альфа»", "ООО «Бета»"]
