import datetime as dt

import pytest

from zakupki.accounts.enums import OrganizationKind, UserRole
from zakupki.accounts.models import Region
from zakupki.core.errors import NotFound, ValidationFailed
from zakupki.oversight.enums import Decision
from zakupki.oversight.selectors import (
    complaint_get_visible,
    complaint_k9_counts,
    complaints_of_viewer,
    control_body_dashboard,
    decisions_public,
)
from zakupki.oversight.services.review import complaint_accept, complaint_decide
from zakupki.oversight.tests.conftest import NOW, bid_both, file_terms, make_org, make_user

MARCH_FROM, MARCH_TO = dt.date(2026, 3, 1), dt.date(2026, 3, 31)


def decide(world, complaint, decision, at):
    complaint_accept(complaint=complaint, actor=world.inspector, suspend=False, now=at)
    complaint_decide(
        complaint=complaint, actor=world.inspector, decision=decision, decision_text="Мотивировка", now=at
    )


def test_k9_counts_justified_and_partly_justified_per_customer_and_tells_no_data_from_zero(world):
    other_customer = make_org(world.region, OrganizationKind.CUSTOMER, "ГБУ «Жилищник»")
    decide(world, file_terms(world), Decision.JUSTIFIED, NOW + dt.timedelta(hours=1))
    decide(
        world, file_terms(world, by=world.beta_user), Decision.PARTLY_JUSTIFIED, NOW + dt.timedelta(hours=1)
    )
    decide(world, file_terms(world, by=world.outsider_user), Decision.UNFOUNDED, NOW + dt.timedelta(hours=1))
    file_terms(world)  # still open: not counted
    # a region that joined after the period began, and one without a control body: no data
    late = Region.objects.create(
        code="50", name="Московская область", timezone="Europe/Moscow", joined_on=dt.date(2026, 3, 15)
    )
    make_org(late, OrganizationKind.CONTROL_BODY, "Главконтроль МО")
    late_customer = make_org(late, OrganizationKind.CUSTOMER, "Школа МО")
    bare = Region.objects.create(
        code="47", name="Ленинградская область", timezone="Europe/Moscow", joined_on=dt.date(2025, 1, 1)
    )
    bare_customer = make_org(bare, OrganizationKind.CUSTOMER, "Школа ЛО")

    counts = complaint_k9_counts(date_from=MARCH_FROM, date_to=MARCH_TO)

    assert counts == {world.customer.pk: 2, other_customer.pk: 0}
    assert late_customer.pk not in counts
    assert bare_customer.pk not in counts
    assert complaint_k9_counts(
        customer_ids=[world.customer.pk, world.alpha.pk], date_from=MARCH_FROM, date_to=MARCH_TO
    ) == {world.customer.pk: 2}
    assert complaint_k9_counts(
        region=world.region, date_from=dt.date(2026, 4, 1), date_to=dt.date(2026, 4, 30)
    ) == {
        world.customer.pk: 0,
        other_customer.pk: 0,
    }


def test_k9_uses_the_decision_date_in_the_region(world):
    # 23:30 MSK on 31 March is 20:30 UTC: still March in Moscow
    at = dt.datetime(2026, 3, 31, 20, 30, tzinfo=dt.UTC)
    complaint = file_terms(world)
    decide(world, complaint, Decision.JUSTIFIED, at)
    assert complaint_k9_counts(date_from=MARCH_FROM, date_to=MARCH_TO)[world.customer.pk] == 1
    april = complaint_k9_counts(date_from=dt.date(2026, 4, 1), date_to=dt.date(2026, 4, 30))
    assert april[world.customer.pk] == 0
    with pytest.raises(ValidationFailed):
        complaint_k9_counts(date_from=dt.date(2026, 4, 1), date_to=dt.date(2026, 3, 1))


def test_role_matrix_for_a_complaint_in_progress_and_a_decision(world):
    citizen = make_user(None, UserRole.CITIZEN, key=False)
    moderator = make_user(None, UserRole.MODERATOR, key=False)
    spb = Region.objects.create(
        code="78", name="Санкт-Петербург", timezone="Europe/Moscow", joined_on=dt.date(2025, 1, 1)
    )
    foreign_body = make_user(
        make_org(spb, OrganizationKind.CONTROL_BODY, "Комитет СПб"), UserRole.CONTROL_BODY
    )
    in_progress = file_terms(world)
    decided = file_terms(world, by=world.beta_user)
    decide(world, decided, Decision.UNFOUNDED, NOW + dt.timedelta(hours=1))
    from django.contrib.auth.models import AnonymousUser

    viewers = {
        "anonymous": AnonymousUser(),
        "citizen": citizen,
        "moderator": moderator,
        "customer": world.customer_user,
        "control_body": world.inspector,
        "other_region_control_body": foreign_body,
        "complainant": world.alpha_user,
        "other_supplier": world.outsider_user,
    }
    sees_in_progress = {"customer", "control_body", "complainant"}
    for name, viewer in viewers.items():
        assert complaint_get_visible(complaint_id=decided.pk, viewer=viewer) == decided, name
        if name in sees_in_progress:
            assert complaint_get_visible(complaint_id=in_progress.pk, viewer=viewer) == in_progress, name
        else:
            with pytest.raises(NotFound, match="^Жалоба не найдена$"):
                complaint_get_visible(complaint_id=in_progress.pk, viewer=viewer)
    assert list(complaints_of_viewer(viewer=world.inspector).order_by("pk")) == [in_progress, decided]
    assert list(complaints_of_viewer(viewer=world.alpha_user)) == [in_progress]
    assert list(complaints_of_viewer(viewer=world.outsider_user)) == []
    assert list(complaints_of_viewer(viewer=citizen)) == []
    assert list(complaints_of_viewer(viewer=foreign_body)) == []
    assert list(decisions_public()) == [decided]
    assert list(decisions_public(decision=Decision.JUSTIFIED)) == []
    assert list(decisions_public(region=spb)) == []
    assert list(decisions_public(customer_id=world.customer.pk, date_from=dt.date(2026, 3, 2))) == [decided]
    assert list(decisions_public(date_from=dt.date(2026, 3, 3))) == []


def test_the_dashboard_splits_due_and_overdue_by_the_clock(world):
    from zakupki.contracts.enums import SourceKind
    from zakupki.oversight.services.complaints import complaint_file
    from zakupki.procedures.services import session_close

    bid_both(world)
    first = file_terms(world)
    session_close(session=world.session, now=world.session.ends_at)
    second = complaint_file(
        actor=world.beta_user,
        target_kind=SourceKind.QUOTATION_SESSION,
        target_id=world.session.pk,
        subject="result",
        respondent="commission",
        grounds=["Протокол составлен с нарушением"],
        remedy="Отменить протокол",
        now=dt.datetime(2026, 3, 5, 9, 0, tzinfo=dt.UTC),
    )
    assert second.review_due_at == dt.datetime(2026, 3, 13, 20, 59, 59, 999999, tzinfo=dt.UTC)
    board = control_body_dashboard(region=world.region, now=first.review_due_at)
    assert (board.due, board.overdue) == ([first, second], [])
    board = control_body_dashboard(region=world.region, now=first.review_due_at + dt.timedelta(seconds=1))
    assert (board.due, board.overdue) == ([second], [first])
    assert (board.open_orders, board.overdue_orders) == ([], [])
