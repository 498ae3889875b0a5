"""Two subcontracts reported at the same moment that together exceed the price: exactly one is kept."""

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.utils import timezone

from zakupki.accounts.identifiers import make_inn
from zakupki.accounts.models import User
from zakupki.contracts.models import ContractSubcontract
from zakupki.contracts.services import contract_subcontract_add
from zakupki.contracts.tests import factories as f
from zakupki.contracts.tests.terms_givens import Parties, concluded
from zakupki.core.testing import race
from zakupki.core.timeutil import local_date
from zakupki.documents.services.verification import journal_verify


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_subcontracts_cannot_together_exceed_the_price():
    parties = Parties()
    contract = concluded(parties)  # 6000.00
    colleague = f.member_of(parties.supplier)
    today = local_date(timezone.now(), parties.customer.region.timezone)

    def report(n: int, user: User) -> Callable[[], object]:
        return lambda: contract_subcontract_add(
            contract=contract,
            actor=user,
            subcontractor_inn=make_inn(f"72030000{n}"),
            subcontractor_name=f"ООО «Субподрядчик-{n}»",
            subcontractor_is_smp=True,
            amount=Decimal("4000.00"),
            concluded_on=today,
        )

    won, refused, errors = race([report(1, parties.seller), report(2, colleague)])

    assert errors == []
    assert len(won) == 1
    assert refused == [
        "Сумма договоров субподряда 8\u00a0000,00\u00a0₽ превысит цену контракта 6\u00a0000,00\u00a0₽"
    ]
    assert list(ContractSubcontract.objects.values_list("amount", flat=True)) == [Decimal("4000.00")]
    assert journal_verify().ok
