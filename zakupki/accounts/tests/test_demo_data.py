import io
from collections import Counter
from decimal import Decimal

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.hashers import check_password, get_hasher, make_password
from django.core.management import CommandError, call_command
from django.test import override_settings

from zakupki.accounts.demo.generator import generate
from zakupki.accounts.demo.hashing import fast_demo_hashing
from zakupki.accounts.demo.plan import DEMO_PASSWORD
from zakupki.accounts.demo.summary import DEMO_LOGINS, demo_counts
from zakupki.accounts.enums import OrganizationKind, OrganizationStatus
from zakupki.accounts.identifiers import clean_inn, clean_kpp, clean_ogrn
from zakupki.accounts.models import Organization, Region
from zakupki.accounts.roles import role_of
from zakupki.catalog.models import SupplierOffer
from zakupki.contracts.models import Contract
from zakupki.documents.models import AuditEvent
from zakupki.documents.services.verification import journal_verify
from zakupki.procedures.models import QuotationSession

SMALL_COUNTS = {
    "regions": 6,
    "customers": 48,
    "pending": 6,
    "suppliers": 120,
    "smp": 90,
    "sonko": 2,
    "individuals": 30,
    "control_bodies": 6,
    "users": 183,  # admin + 6 regional admins + 6 control body users + 48 + 120 + citizen + moderator
}


# What the complaints demo adds to counters shared with the contracts demo: 14 signed step PDFs and the
# keys of the control body and of three suppliers that had none.
COMPLAINT_SHARED_EVENTS = {"document.stored": 14, "document.signed": 14, "signing_key.issued": 4}


def run_demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo_data", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db):
    return run_demo("--scale", "small")


def test_demo_gives_exact_counts_and_a_second_run_changes_nothing(demo):
    counts = demo_counts()
    events = counts.pop("audit_events")
    assert counts == SMALL_COUNTS
    # region + 2 staff users + control body + 168 registrations + 42 confirmations, citizen, admin;
    # then the catalogue: one import of the real portal items and the demo suppliers' offers.
    offers = SupplierOffer.objects.count()
    assert AuditEvent.objects.filter(event="catalog.imported").count() == 1
    assert AuditEvent.objects.filter(event="offer.published").count() == offers
    # Moscow sessions: 3 created, 2 published, 6 bids, 1 summed up (+ its protocol document, + the
    # contract offered to the winner).
    assert sorted(QuotationSession.objects.values_list("status", flat=True)) == [
        "contract_concluded",
        "draft",
        "published",
    ]
    assert QuotationSession.objects.get(status="draft").smp_only is True
    finished = QuotationSession.objects.get(status="contract_concluded")
    assert (finished.winning_price, finished.economy_rub, finished.economy_pct) == (
        Decimal("64800.00"),
        Decimal("5200.00"),
        Decimal("7.43"),
    )
    assert finished.protocol is not None
    # Contracts: the session's winner accepts; four direct purchases; keys issued, both sides sign, one
    # contract executed, one half delivered and paid, one late with a unilateral refusal pending, one
    # waiting for the customer's signature, one terminated by agreement.
    assert sorted(Contract.objects.values_list("status", flat=True)) == [
        "concluded",
        "concluded",
        "executed",
        "executing",
        "signed_by_supplier",
        "terminated",
        "termination_pending",
    ]
    contract_events = {
        "session.contract_offer_accepted": 1,
        "purchase.direct_created": 6,
        "contract.created": 7,
        "signing_key.issued": 7,
        # + an acceptance PDF and a decision PDF, each stored and signed, for both acceptances; + the
        # refusal decision (signed by the customer) and the termination agreement (signed by both)
        "document.stored": 14,
        "document.signed": 22,
        "contract.termination_paper_signed": 2,
        "contract.signed_by_supplier": 7,
        "contract.concluded": 6,
        "contract.stage_created": 5,
        "contract.acceptance_submitted": 2,
        "contract.acceptance_decided": 2,
        "contract.executing": 2,
        "contract.payment_recorded": 2,
        "contract.executed": 1,
        "contract.unilateral_refusal": 1,
        "contract.terminated": 1,
        # contract terms (zakupki/accounts/demo/contracts.py, 6 and 7): a two-stage plan, a change in force
        "contract.stage_plan_set": 1,
        "contract.change_proposed": 1,
        "contract.change_signed_by_supplier": 1,
        "contract.change_in_force": 1,
        # СГОЗ/К7/К8 (zakupki/accounts/demo/smp_share.py): an SMP subcontract and one EIS import run
        "contract.subcontract_added": 1,
        "interop.eis_imported": 1,
    }
    for event, count in contract_events.items():
        assert (event, AuditEvent.objects.filter(event=event).count()) == (
            event,
            count
            + (event == "document.stored") * 2  # + the session protocol + a signal's photo
            + COMPLAINT_SHARED_EVENTS.get(event, 0),
        )
    # Citizens' signals (zakupki/public_signals/demo.py) in every state; each step notifies someone
    # (17 notification.sent), one photo is stored, and the «moderator» login is registered.
    signal_events = {
        "signal.submitted": 8,
        "signal.published": 6,
        "signal.rejected": 1,
        "signal.answer_submitted": 4,
        "signal.answer_published": 3,
        "signal.rated": 1,
        "signal.returned": 1,
    }
    for event, count in signal_events.items():
        assert (event, AuditEvent.objects.filter(event=event).count()) == (event, count)
    assert (
        AuditEvent.objects.filter(event="notification.sent", details__kind__startswith="signal.").count()
        == 17
    )
    signals_total = sum(signal_events.values()) + 17 + 1 + 1
    # Complaints (zakupki/oversight/demo.py): six, one per state; each step a stored and signed PDF.
    complaint_events = {
        "complaint.filed": 6,
        "complaint.accepted": 3,
        "complaint.returned": 1,
        "complaint.withdrawn": 1,
        "complaint.decided": 2,
        "complaint.order_issued": 1,
    }
    for event, count in complaint_events.items():
        assert (event, AuditEvent.objects.filter(event=event).count()) == (event, count)
    complaint_notices = AuditEvent.objects.filter(
        event="notification.sent", details__kind__startswith="complaint."
    ).count()
    assert complaint_notices == 25
    signals_total += (
        sum(complaint_events.values()) + sum(COMPLAINT_SHARED_EVENTS.values()) + complaint_notices
    )
    # Deadline reminders of the demo contracts (zakupki/notifications/demo.py runs the sweep at once): the
    # late contract's overdue stage to both sides, the customer's signature soon due.
    contract_notices = dict(
        Counter(
            AuditEvent.objects.filter(
                event="notification.sent", details__kind__startswith="contract."
            ).values_list("details__kind", flat=True)
        )
    )
    assert contract_notices == {"contract.stage_overdue": 2, "contract.customer_signing_due_soon": 1}
    signals_total += sum(contract_notices.values())
    assert events == signals_total + (
        6 * 4 + 168 + 42 + 2 + 1 + offers + 3 + 2 + 6 + 1 + 1 + 1 + sum(contract_events.values())
    )

    second = run_demo("--scale", "small")

    assert second.startswith("В базе уже есть регионы (6): демо-данные не загружаю.\n")
    assert demo_counts() == {**counts, "audit_events": events}
    assert "регионов: 6" in demo
    assert "  supplier " in second


def test_demo_regions_are_real_subjects_in_several_time_zones(demo):
    regions = list(Region.objects.order_by("code").values_list("code", "name", "timezone"))
    assert regions == [
        ("39", "Калининградская область", "Europe/Kaliningrad"),
        ("41", "Камчатский край", "Asia/Kamchatka"),
        ("50", "Московская область", "Europe/Moscow"),
        ("72", "Тюменская область", "Asia/Yekaterinburg"),
        ("77", "Москва", "Europe/Moscow"),
        ("79", "Еврейская автономная область", "Asia/Vladivostok"),
    ]


def test_every_identifier_is_valid_and_carries_its_region_code(demo):
    for org in Organization.objects.select_related("region"):
        individual = len(org.inn) == 12
        assert clean_inn(org.inn) == org.inn
        assert clean_ogrn(org.ogrn, individual=individual) == org.ogrn
        assert org.inn.startswith(org.region.code)
        if individual:
            assert org.kpp == ""
            assert org.ogrn.startswith("3")
            assert org.is_smp
        else:
            assert clean_kpp(org.kpp) == org.kpp
            assert org.kpp == org.inn[:4] + "01001"
            assert org.ogrn[3:5] == org.region.code


def test_one_customer_per_region_waits_and_the_moscow_one_is_overdue(demo):
    pending = Organization.objects.filter(kind=OrganizationKind.CUSTOMER, status=OrganizationStatus.PENDING)
    assert sorted(pending.values_list("region__code", flat=True)) == ["39", "41", "50", "72", "77", "79"]
    overdue = [o for o in pending if o.next_check_at is not None and o.next_check_at < o.created_at]
    assert [(o.region.code, o.next_check_at == o.confirmation_due_at) for o in overdue] == [("77", True)]


EXPECTED_ROLES = {
    "admin": "platform_admin",
    "region77": "regional_admin",
    "customer": "customer",
    "supplier": "supplier",
    "control": "control_body",
    "moderator": "moderator",
    "citizen": "citizen",
}


def test_each_demo_login_authenticates_with_its_role(demo):
    for username in DEMO_LOGINS:
        user = authenticate(username=username, password=DEMO_PASSWORD)
        assert user is not None, username
        assert role_of(user) == EXPECTED_ROLES[username]
    assert authenticate(username="admin", password="wrong-pass-2026") is None


def test_fixed_logins_belong_to_moscow_organizations_of_the_right_kind(demo):
    customer = Organization.objects.get(members__username="customer")
    supplier = Organization.objects.get(members__username="supplier")
    control = Organization.objects.get(members__username="control")
    assert (customer.region.code, customer.kind, customer.status) == ("77", "customer", "confirmed")
    assert (supplier.region.code, supplier.kind, supplier.is_smp) == ("77", "supplier", True)
    assert (control.region.code, control.kind) == ("77", "control_body")


def test_journal_verifies_after_the_demo(demo):
    report = journal_verify()
    assert report.ok
    assert report.checked == AuditEvent.objects.count()


def test_demo_is_deterministic(demo):
    # given: the plan regenerated in memory, twice
    plan = generate(scale="small")
    # then: same plan each time, and exactly what the database holds
    assert plan == generate(scale="small")
    assert generate(scale="small", seed=1) != plan
    expected = sorted((o.inn, o.kpp, o.ogrn, o.short_name) for o in plan.organizations())
    stored = sorted(Organization.objects.values_list("inn", "kpp", "ogrn", "short_name"))
    assert stored == expected


def test_region_scale_plan_has_unique_valid_identifiers():
    plan = generate(scale="region")
    orgs = plan.organizations()
    assert len(orgs) == 6 * (1 + 80 + 400)
    assert len({(o.inn, o.kpp) for o in orgs}) == len(orgs)
    assert len({o.person.username for o in orgs}) == len(orgs)
    assert sum(o.is_smp for o in orgs) == 6 * 300


def test_national_scale_is_refused_for_now(db):
    with pytest.raises(CommandError, match="будет добавлен вместе с бенчмарками"):
        run_demo("--scale", "national")
    assert not Region.objects.exists()


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"])
def test_fast_demo_hashes_verify_normally_and_are_upgraded_on_login():
    with fast_demo_hashing():
        encoded = make_password(DEMO_PASSWORD)

    assert encoded.startswith("pbkdf2_sha256$1000$")
    assert check_password(DEMO_PASSWORD, encoded)
    assert get_hasher().must_update(encoded)  # Django re-hashes at full strength on login
