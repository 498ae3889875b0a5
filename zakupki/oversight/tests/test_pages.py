import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from zakupki.accounts.enums import UserRole
from zakupki.oversight.enums import ComplaintStatus, Decision
from zakupki.oversight.models import Complaint, SupplierBan
from zakupki.oversight.services.review import complaint_accept, complaint_decide
from zakupki.oversight.tests.conftest import NOW, file_terms, make_user


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def live_world(world):
    from zakupki.procedures.models import QuotationSession

    QuotationSession.objects.filter(pk=world.session.pk).update(
        ends_at=timezone.now() + dt.timedelta(hours=3)
    )
    return world


def test_a_supplier_files_through_the_page_and_bad_input_is_shown_next_to_the_field(live_world):
    w = live_world
    client = client_for(w.alpha_user)
    form = {
        "target_kind": "quotation_session",
        "target_id": str(w.session.pk),
        "subject": "terms",
        "respondent": "customer",
        "grounds": "Срок поставки 1 день\n\nНе указаны требования",
        "remedy": "Выдать предписание",
    }
    bad = client.post(
        "/complaints/new/",
        {**form, "attachments": SimpleUploadedFile("v.exe", b"MZ", "application/x-msdownload")},
    )
    assert bad.status_code == 400
    assert "Файл «v.exe»: допустимы PDF, Word, JPEG, PNG и текст" in bad.content.decode()
    empty = client.post("/complaints/new/", {**form, "grounds": "  \n "})
    assert empty.status_code == 400
    assert "Изложите хотя бы один довод жалобы" in empty.content.decode()
    assert Complaint.objects.count() == 0
    ok = client.post(
        "/complaints/new/",
        {**form, "attachments": SimpleUploadedFile("a.pdf", b"%PDF-1.4", "application/pdf")},
    )
    complaint = Complaint.objects.get()
    assert (ok.status_code, ok["Location"]) == (302, f"/complaints/{complaint.pk}/")
    assert complaint.grounds == ["Срок поставки 1 день", "Не указаны требования"]
    page = client.get(ok["Location"]).content.decode()
    assert f"Жалоба № {complaint.number}" in page
    assert "Отозвать жалобу" in page
    document = complaint.documents.get(step="complaint")
    pdf = client.get(f"/complaints/{complaint.pk}/documents/{document.pk}/")
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    assert pdf.getvalue().startswith(b"%PDF")


def test_the_control_body_accepts_and_decides_on_the_page(live_world):
    w = live_world
    complaint = file_terms(w, at=timezone.now())
    inspector = client_for(w.inspector)
    board = inspector.get("/complaints/").content.decode()
    assert "Сводка контрольного органа" in board
    assert f"№ {complaint.number}" in board
    assert (
        client_for(w.customer_user).post(f"/complaints/{complaint.pk}/accept/", {"suspend": "on"}).status_code
        == 403
    )
    assert Complaint.objects.get(pk=complaint.pk).status == ComplaintStatus.FILED
    session_page = f"/sessions/{w.session.pk}/"
    assert (
        'data-testid="session-suspended"' not in client_for(w.alpha_user).get(session_page).content.decode()
    )
    accepted = inspector.post(f"/complaints/{complaint.pk}/accept/", {"suspend": "on"})
    assert accepted.status_code == 302
    assert Complaint.objects.get(pk=complaint.pk).suspends is True
    assert "Закупка приостановлена по жалобе в части заключения контракта" in (
        client_for(w.alpha_user).get(session_page).content.decode()
    )
    refused = inspector.post(
        f"/complaints/{complaint.pk}/decide/", {"decision": "justified", "decision_text": " "}
    )
    assert refused.status_code == 400
    assert "Изложите мотивировку решения" in refused.content.decode()
    decided = inspector.post(
        f"/complaints/{complaint.pk}/decide/",
        {"decision": "unfounded", "decision_text": "Доводы не подтвердились"},
    )
    assert decided.status_code == 302
    assert Complaint.objects.get(pk=complaint.pk).decision == Decision.UNFOUNDED


def test_role_matrix_of_the_complaint_pages(world):
    in_progress = file_terms(world)
    decided = file_terms(world, by=world.beta_user)
    complaint_accept(complaint=decided, actor=world.inspector, suspend=False, now=NOW + dt.timedelta(hours=1))
    complaint_decide(
        complaint=decided,
        actor=world.inspector,
        decision=Decision.JUSTIFIED,
        decision_text="Довод подтвердился",
        now=NOW + dt.timedelta(hours=1),
    )
    viewers = {
        "anonymous": None,
        "citizen": make_user(None, UserRole.CITIZEN, key=False),
        "moderator": make_user(None, UserRole.MODERATOR, key=False),
        "customer": world.customer_user,
        "control_body": world.inspector,
        "complainant": world.alpha_user,
        "other_supplier": world.outsider_user,
    }
    progress = {
        n: client_for(u).get(f"/complaints/{in_progress.pk}/").status_code for n, u in viewers.items()
    }
    assert progress == {
        "anonymous": 404,
        "citizen": 404,
        "moderator": 404,
        "customer": 200,
        "control_body": 200,
        "complainant": 200,
        "other_supplier": 404,
    }
    public = {n: client_for(u).get(f"/complaints/{decided.pk}/").status_code for n, u in viewers.items()}
    assert set(public.values()) == {200}
    page = client_for(None).get("/decisions/", {"decision": "justified"}).content.decode()
    assert "ООО «Бета»" in page
    assert f"№ {decided.number}" in page
    assert f"№ {in_progress.number}" not in page
    assert client_for(None).get("/decisions/", {"date_from": "вчера"}).status_code == 400
    assert client_for(None).get("/complaints/").status_code == 302  # to the login page


def test_bans_and_rnp_pages_are_public(world):
    now = timezone.now()
    SupplierBan.objects.create(
        supplier=world.outsider,
        region=None,
        reason="Уклонение от заключения контракта",
        starts_at=now - dt.timedelta(days=1),
        ends_at=now + dt.timedelta(days=29),
        source="Котировочная сессия № 7",
    )
    bans = client_for(None).get("/bans/")
    text = bans.content.decode()
    assert bans.status_code == 200
    assert "ООО «Сторонний»" in text
    assert "Котировочная сессия № 7" in text
    assert "вся площадка" in text
    rnp = client_for(None).get("/rnp/")
    assert rnp.status_code == 200
    assert "Сведений нет." in rnp.content.decode()
