"""Two customer employees decide the same acceptance document at once: exactly one decision wins."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from zakupki.contracts.enums import AcceptanceStatus
from zakupki.contracts.models import AcceptanceDocument
from zakupki.contracts.services import AcceptanceLineData, acceptance_decide, acceptance_submit
from zakupki.contracts.tests import factories as f
from zakupki.contracts.tests.test_lifecycle import Parties, concluded, items, stage_of
from zakupki.core.errors import Conflict
from zakupki.documents.models import AuditEvent
from zakupki.documents.services.signatures import signing_key_issue
from zakupki.documents.services.verification import journal_verify


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_people_accepting_the_same_document_at_once_cannot_both_succeed():
    # given: a submitted document and two employees of the customer
    parties = Parties()
    contract = concluded(parties)
    paper, pens = items(contract)
    document = acceptance_submit(
        stage=stage_of(contract),
        user=parties.seller,
        lines=[
            AcceptanceLineData(item=paper, quantity=Decimal(10)),
            AcceptanceLineData(item=pens, quantity=Decimal(20)),
        ],
    )
    deciders = [parties.buyer, f.member_of(parties.customer)]
    signing_key_issue(user=deciders[1], actor=None)  # a decision is a signed document
    start = threading.Barrier(len(deciders))
    won: list[AcceptanceStatus] = []
    refused: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def decide(index: int) -> None:
        try:
            start.wait()
            if index == 0:
                result = acceptance_decide(document=document, user=deciders[0], full=True)
            else:
                result = acceptance_decide(
                    document=document, user=deciders[1], accepted_lines={paper.pk: Decimal(5)}
                )
            with lock:
                won.append(AcceptanceStatus(result.status))
        except Conflict as exc:
            with lock:
                refused.append(exc.message)
        except BaseException as exc:  # surfaced below: an assert inside a thread would be lost
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(i,)) for i in range(len(deciders))]
    # when
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    # then
    assert errors == []
    assert len(won) == 1
    assert refused == ["Решение по этому документу о приёмке уже принято"]
    document.refresh_from_db()
    assert document.status == won[0]
    expected = Decimal("6000.00") if won[0] == AcceptanceStatus.ACCEPTED else Decimal("2500.00")
    assert document.accepted_amount == expected
    assert AcceptanceDocument.objects.count() == 1
    assert AuditEvent.objects.filter(event="contract.acceptance_decided").count() == 1
    assert journal_verify().ok
