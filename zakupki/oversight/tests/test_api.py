import base64
import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from zakupki.accounts.enums import UserRole
from zakupki.api.tests.helpers import as_user, error, errors, get, post
from zakupki.contracts.enums import PurchaseBasis, SourceKind
from zakupki.contracts.models import RnpReferral
from zakupki.contracts.services import ContractItemData, contract_create_from_award
from zakupki.oversight.enums import ComplaintStatus
from zakupki.oversight.models import Complaint, SupplierBan
from zakupki.oversight.tests.conftest import make_user

PDF = b"%PDF-1.4\n% evidence\n"


@pytest.fixture
def live_world(world):
    """The world's session re-published to end in the future (the API runs on the real clock)."""
    from zakupki.procedures.models import QuotationSession

    QuotationSession.objects.filter(pk=world.session.pk).update(
        ends_at=timezone.now() + dt.timedelta(hours=3)
    )
    return world


def body(world, **changes):
    values = {
        "target_kind": "quotation_session",
        "target_id": world.session.pk,
        "subject": "terms",
        "respondent": "customer",
        "grounds": ["Срок поставки 1 день ограничивает конкуренцию"],
        "remedy": "Выдать предписание",
        "attachments": [
            {
                "name": "доказательство.pdf",
                "content_type": "application/pdf",
                "content_base64": base64.b64encode(PDF).decode(),
            }
        ],
    }
    return {**values, **changes}


def test_the_whole_complaint_goes_through_the_api(live_world):
    w, client = live_world, Client()
    supplier, inspector, customer = as_user(w.alpha_user), as_user(w.inspector), as_user(w.customer_user)
    filed = post(client, "/complaints", body(w), supplier)
    assert filed.status_code == 201, filed.json()
    data = filed.json()
    cid = data["id"]
    assert (data["status"], data["complainant"]["name"], [d["step"] for d in data["documents"]]) == (
        "filed",
        "ООО «Альфа»",
        ["attachment", "complaint"],
    )
    assert data["documents"][1]["signed_as"] == "заявитель"
    refused = post(client, f"/complaints/{cid}/accept", {"suspend": True}, customer)
    assert refused.status_code == 403
    assert refused.json() == errors(
        error("Решения по жалобе принимает контрольный орган региона, в который она подана", code="forbidden")
    )
    accepted = post(client, f"/complaints/{cid}/accept", {"suspend": True}, inspector)
    assert (accepted.status_code, accepted.json()["status"], accepted.json()["suspends"]) == (
        200,
        "accepted",
        True,
    )
    board = get(client, "/oversight/dashboard", inspector).json()
    assert [c["id"] for c in board["due"]] == [cid]
    due = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    decided = post(
        client,
        f"/complaints/{cid}/decide",
        {
            "decision": "justified",
            "decision_text": "Довод подтвердился",
            "order_text": "Изменить извещение",
            "order_due": due,
        },
        inspector,
    )
    assert decided.status_code == 200, decided.json()
    assert (decided.json()["decision_label"], decided.json()["order"]["status"]) == ("Обоснованная", "issued")
    assert [c["id"] for c in get(client, "/oversight/dashboard", inspector).json()["open_orders"]] == [cid]
    reported = post(client, f"/complaints/{cid}/order/report", {"report": "Извещение изменено"}, customer)
    assert (reported.status_code, reported.json()["order"]["status"]) == (200, "executed")
    assert [d["step"] for d in reported.json()["documents"]] == [
        "attachment",
        "complaint",
        "acceptance",
        "decision",
        "order",
        "order_report",
    ]
    public = get(Client(), "/decisions", region="77", decision="justified").json()
    assert [(d["id"], d["complainant"]["inn"]) for d in public] == [(cid, w.alpha.inn)]
    assert get(Client(), "/decisions", decision="unfounded").json() == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"grounds": []}, error("Изложите хотя бы один довод жалобы", field="grounds")),
        ({"remedy": " "}, error("Укажите требование заявителя", field="remedy")),
        (
            {"attachments": [{"name": "x.pdf", "content_type": "application/pdf", "content_base64": "@@@"}]},
            error("Содержимое файла «x.pdf» должно быть в base64", field="attachments"),
        ),
        (
            {
                "attachments": [
                    {"name": "x.exe", "content_type": "application/x-msdownload", "content_base64": "TVo="}
                ]
            },
            error("Файл «x.exe»: допустимы PDF, Word, JPEG, PNG и текст", field="attachments"),
        ),
    ],
)
def test_bad_complaints_are_refused_with_field_errors_and_change_nothing(live_world, changes, expected):
    response = post(Client(), "/complaints", body(live_world, **changes), as_user(live_world.alpha_user))
    assert (response.status_code, response.json()) == (422, errors(expected))
    assert Complaint.objects.count() == 0


def test_a_complaint_after_the_window_is_refused_over_the_api(world):
    response = post(Client(), "/complaints", body(world), as_user(world.alpha_user))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "subject"
    assert response.json()["errors"][0]["message"].startswith(
        "Жалоба на положения извещения подаётся до окончания"
    )
    assert Complaint.objects.count() == 0


def test_who_sees_a_complaint_in_progress_over_the_api(live_world):
    w = live_world
    cid = post(Client(), "/complaints", body(w), as_user(w.alpha_user)).json()["id"]
    viewers = {
        "citizen": make_user(None, UserRole.CITIZEN, key=False),
        "moderator": make_user(None, UserRole.MODERATOR, key=False),
        "other_supplier": w.outsider_user,
        "customer": w.customer_user,
        "control_body": w.inspector,
        "complainant": w.alpha_user,
    }
    seen = {
        name: get(Client(), f"/complaints/{cid}", as_user(user)).status_code for name, user in viewers.items()
    }
    seen["anonymous"] = get(Client(), f"/complaints/{cid}").status_code
    assert seen == {
        "citizen": 404,
        "moderator": 404,
        "other_supplier": 404,
        "customer": 200,
        "control_body": 200,
        "complainant": 200,
        "anonymous": 404,
    }
    lists = {
        name: [c["id"] for c in get(Client(), "/complaints", as_user(u)).json()]
        for name, u in viewers.items()
    }
    assert lists == {
        "citizen": [],
        "moderator": [],
        "other_supplier": [],
        "customer": [cid],
        "control_body": [cid],
        "complainant": [cid],
    }
    assert get(Client(), "/complaints").status_code == 401
    assert get(Client(), "/oversight/dashboard", as_user(w.alpha_user)).status_code == 403
    withdrawn = post(Client(), f"/complaints/{cid}/withdraw", {}, as_user(w.alpha_user))
    assert (withdrawn.status_code, withdrawn.json()["status"]) == (200, ComplaintStatus.WITHDRAWN.value)


def test_bans_and_rnp_referrals_are_public(world):
    now = timezone.now()
    SupplierBan.objects.create(
        supplier=world.outsider,
        region=world.region,
        reason="Уклонение от заключения контракта",
        starts_at=now - dt.timedelta(days=1),
        ends_at=now + dt.timedelta(days=29),
        source="Котировочная сессия № 7: отказ от заключения контракта",
    )
    contract = contract_create_from_award(
        customer=world.customer,
        supplier=world.beta,
        items=[
            ContractItemData(name="Бумага", unit="пачка", quantity=Decimal(1), unit_price=Decimal("100.00"))
        ],
        price=Decimal("100.00"),
        basis=PurchaseBasis.P4,
        source_kind=SourceKind.DIRECT_PURCHASE,
        source_id=424242,
        subject="Бумага",
        actor=None,
    )
    referral = RnpReferral.objects.create(
        contract=contract, supplier=world.beta, reason="Существенное нарушение"
    )
    bans = get(Client(), "/bans").json()
    assert [(b["supplier"]["name"], b["region"], b["in_force"], b["source"]) for b in bans] == [
        ("ООО «Сторонний»", "77", True, "Котировочная сессия № 7: отказ от заключения контракта")
    ]
    rnp = get(Client(), "/rnp").json()
    day = timezone.localtime(referral.created_at).date()
    assert [(r["supplier"]["name"], r["reason"], r["until"], r["contract_number"]) for r in rnp] == [
        ("ООО «Бета»", "Существенное нарушение", day.replace(year=day.year + 2).isoformat(), contract.number)
    ]
    assert get(Client(), "/rnp", inn="0000000000").json() == []
