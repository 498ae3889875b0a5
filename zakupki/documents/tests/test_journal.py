import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from zakupki.accounts.models import Region
from zakupki.documents.events import EventType
from zakupki.documents.journal import canonical_form, chain_hash
from zakupki.documents.models import GENESIS_HASH, AuditEvent, JournalHead
from zakupki.documents.services.audit import audit_record
from zakupki.documents.services.verification import journal_verify


@pytest.fixture
def region(db):
    return Region.objects.create(
        code="72", name="Тюменская область", timezone="Asia/Yekaterinburg", joined_on="2026-01-15"
    )


def _record(region, n=1):
    return [
        audit_record(actor=None, event=EventType.REGION_SETTINGS_CHANGED, obj=region, details={"i": i})
        for i in range(n)
    ]


def test_events_are_chained_from_the_genesis(region):
    first, second = _record(region, 2)
    assert (first.seq, second.seq) == (1, 2)
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    assert first.actor_label == "Система"
    assert first.object_type == "accounts.region"
    assert first.object_id == str(region.pk)
    assert JournalHead.objects.get().seq == 2
    assert JournalHead.objects.get().hash == second.hash


def test_hash_is_sha256_over_the_canonical_form(region):
    (event,) = _record(region)
    expected = chain_hash(
        canonical_form(
            seq=1,
            prev_hash=GENESIS_HASH,
            occurred_at=event.occurred_at,
            actor_id=None,
            actor_label="Система",
            event="region.settings_changed",
            object_type="accounts.region",
            object_id=str(region.pk),
            details={"i": 0},
        )
    )
    assert event.hash == expected
    assert len(event.hash) == 64


def test_decimal_and_dates_in_details_are_stored_as_strings(region):
    import datetime as dt
    from decimal import Decimal

    event = audit_record(
        actor=None,
        event=EventType.RULE_OVERRIDE_SET,
        obj=region,
        details={"amount": Decimal("600000.00"), "from": dt.date(2026, 1, 1)},
    )
    event.refresh_from_db()
    assert event.details == {"amount": "600000.00", "from": "2026-01-01"}
    assert journal_verify().ok


def test_unknown_event_names_are_refused(region):
    with pytest.raises(TypeError):
        audit_record(actor=None, event="made.up", obj=region)  # type: ignore[arg-type]
    assert AuditEvent.objects.count() == 0


def test_an_event_rolls_back_with_the_change_it_describes(region):
    def failing_service():
        with transaction.atomic():
            _record(region)
            raise RuntimeError("service failed after the audit call")

    with pytest.raises(RuntimeError):
        failing_service()
    assert AuditEvent.objects.count() == 0
    assert JournalHead.objects.get().seq == 0


def test_verify_journal_command_on_an_intact_chain(region, capsys):
    _record(region, 3)
    call_command("verify_journal")
    assert capsys.readouterr().out.strip() == "Журнал цел: проверено событий: 3"


def test_updates_are_refused_by_the_database(region):
    (event,) = _record(region)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(details={"i": 99})


def _tamper(sql, params):
    """Simulates an attacker with owner rights who switches the append-only trigger off."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute(sql, params)
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS documents_auditevent_no_update")
            cursor.execute(sql, params)


def test_a_changed_detail_is_found_and_named(region):
    events = _record(region, 5)
    _tamper("UPDATE documents_auditevent SET details = %s WHERE id = %s", ['{"i": 42}', events[2].pk])
    report = journal_verify()
    assert (report.ok, report.broken_seq, report.checked) == (False, 3, 2)
    assert report.reason == "содержимое события изменено: хеш не совпадает"
    with pytest.raises(CommandError) as exc:
        call_command("verify_journal")
    assert str(exc.value) == (
        "Журнал нарушен: событие №3: содержимое события изменено: хеш не совпадает (проверено целых событий: 2)"
    )
    assert exc.value.returncode == 1


def test_a_recomputed_hash_still_breaks_the_link_to_the_next_event(region):
    events = _record(region, 3)
    forged = chain_hash(b"forged")
    _tamper("UPDATE documents_auditevent SET hash = %s WHERE id = %s", [forged, events[1].pk])
    report = journal_verify()
    assert report.broken_seq == 2


def test_a_deleted_event_is_found(region):
    events = _record(region, 4)
    _tamper("DELETE FROM documents_auditevent WHERE id = %s", [events[1].pk])
    report = journal_verify()
    assert (report.broken_seq, report.reason) == (2, "событие №2 отсутствует")


def test_a_deleted_last_event_is_found_through_the_head(region):
    events = _record(region, 3)
    _tamper("DELETE FROM documents_auditevent WHERE id = %s", [events[2].pk])
    report = journal_verify()
    assert (report.broken_seq, report.checked) == (3, 2)
    assert report.reason == "журнал обрывается: последнее событие №3 удалено"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_do_not_fork_the_chain():
    region = Region.objects.create(code="77", name="Москва", timezone="Europe/Moscow", joined_on="2026-01-15")
    threads_count, per_thread = 8, 25
    barrier = threading.Barrier(threads_count)
    failures: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            barrier.wait()
            for i in range(per_thread):
                with transaction.atomic():
                    audit_record(
                        actor=None,
                        event=EventType.REGION_SETTINGS_CHANGED,
                        obj=region,
                        details={"t": n, "i": i},
                    )
        except BaseException as exc:  # noqa: BLE001 - reported to the main thread
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    total = threads_count * per_thread
    assert AuditEvent.objects.count() == total
    assert list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True)) == list(range(1, total + 1))
    assert AuditEvent.objects.values("prev_hash").distinct().count() == total
    report = journal_verify()
    assert (report.ok, report.checked) == (True, total)
