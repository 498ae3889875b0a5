"""Races around contract changes on PostgreSQL: two proposals at once, and a change coming into force
while the supplier submits a delivery for the same stage (the lock order stages → contract holds)."""

from decimal import Decimal

import pytest

from zakupki.contracts.change_states import ChangeKind, ChangeStatus
from zakupki.contracts.models import AcceptanceDocument, ContractChange, Stage
from zakupki.contracts.services import (
    AcceptanceLineData,
    acceptance_submit,
    contract_change_propose,
    contract_change_sign_customer,
    contract_change_sign_supplier,
)
from zakupki.contracts.tests import factories as f
from zakupki.contracts.tests.terms_givens import Parties, concluded, items
from zakupki.core.testing import race
from zakupki.documents.services.verification import journal_verify


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_proposals_leave_exactly_one_open_change():
    parties = Parties()
    contract = concluded(parties)
    paper, pens = items(contract)
    colleague = f.member_of(parties.customer)

    def propose(user, item_id, quantity):
        return lambda: contract_change_propose(
            contract=contract,
            user=user,
            kind=ChangeKind.QUANTITY,
            reason="Изменение потребности",
            quantities={item_id: Decimal(quantity)},
        )

    won, refused, errors = race([propose(parties.buyer, paper.pk, "11"), propose(colleague, pens.pk, "22")])
    assert errors == []
    assert len(won) == 1
    assert refused == [
        "По контракту уже есть дополнительное соглашение, ожидающее подписания: дождитесь его или отзовите"
    ]
    assert list(ContractChange.objects.values_list("number", "status")) == [(1, ChangeStatus.PROPOSED)]
    assert journal_verify().ok


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_decrease_racing_a_delivery_never_goes_below_what_is_delivered():
    # given: paper 10 → 9 signed by the supplier; the supplier delivers all 10 at the same moment
    parties = Parties()
    contract = concluded(parties)
    paper, _ = items(contract)
    change = contract_change_propose(
        contract=contract,
        user=parties.buyer,
        kind=ChangeKind.QUANTITY,
        reason="Меньше бумаги",
        quantities={paper.pk: Decimal(9)},
    )
    contract_change_sign_supplier(change=change, user=parties.seller)
    stage = Stage.objects.get(contract=contract)

    def deliver() -> object:
        return acceptance_submit(
            stage=stage, user=parties.seller, lines=[AcceptanceLineData(item=paper, quantity=Decimal(10))]
        )

    def sign() -> object:
        return contract_change_sign_customer(change=change, user=parties.buyer)

    won, refused, errors = race([deliver, sign])
    # then: exactly one of them happened, and the contract stays consistent
    assert errors == []
    assert len(won) == 1
    assert len(refused) == 1
    paper.refresh_from_db()
    delivered = sum(
        (d.total for d in AcceptanceDocument.objects.filter(stage__contract=contract)), Decimal(0)
    )
    if isinstance(won[0], AcceptanceDocument):
        assert (paper.quantity, delivered) == (Decimal("10.000"), Decimal("5000.00"))
        change.refresh_from_db()
        assert change.status == ChangeStatus.SIGNED_BY_SUPPLIER
    else:
        assert (paper.quantity, delivered) == (Decimal("9.000"), Decimal("0"))
        assert refused[0].startswith("Нельзя передать к приёмке больше, чем предусмотрено контрактом")
    assert journal_verify().ok
