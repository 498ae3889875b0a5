"""Subcontracts reported by the supplier under ч.5 ст.30 (they count into the SMP volume of К7 and К8)."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from zakupki.accounts.identifiers import make_inn
from zakupki.contracts.models import Contract, ContractSubcontract
from zakupki.contracts.services import contract_subcontract_add, contract_terminate_by_court
from zakupki.contracts.tests.terms_givens import Parties, concluded, draft
from zakupki.core.errors import Conflict, PermissionDenied, ValidationFailed
from zakupki.core.timeutil import local_date
from zakupki.documents.events import EventType
from zakupki.documents.models import AuditEvent

pytestmark = pytest.mark.django_db

SUB_INN = make_inn("720300001")


def today(parties: Parties) -> dt.date:
    return local_date(timezone.now(), parties.customer.region.timezone)


def add(parties: Parties, contract: Contract, **fields: Any) -> ContractSubcontract:
    values: dict[str, Any] = {
        "subcontractor_inn": SUB_INN,
        "subcontractor_name": "ООО «Малое предприятие»",
        "subcontractor_is_smp": True,
        "amount": Decimal("1500.00"),
        "concluded_on": today(parties),
    }
    return contract_subcontract_add(contract=contract, actor=parties.seller, **{**values, **fields})


def test_the_supplier_reports_a_subcontract_and_it_is_journaled():
    parties = Parties()
    contract = concluded(parties)
    sub = add(parties, contract, subcontractor_name="  ООО   «Малое предприятие» ")
    assert (sub.subcontractor_inn, sub.subcontractor_name, sub.subcontractor_is_smp, sub.amount) == (
        SUB_INN,
        "ООО «Малое предприятие»",
        True,
        Decimal("1500.00"),
    )
    event = AuditEvent.objects.get(event=EventType.CONTRACT_SUBCONTRACT_ADDED)
    assert event.object_id == str(sub.pk)
    assert event.details == {
        "contract": contract.number,
        "subcontractor": SUB_INN,
        "is_smp": True,
        "amount": "1500.00",
        "concluded_on": today(parties).isoformat(),
    }


def test_subcontracts_together_may_not_exceed_the_contract_price():
    parties = Parties()
    contract = concluded(parties)  # 6000.00
    add(parties, contract, amount=Decimal("4000.00"))
    with pytest.raises(ValidationFailed) as refused:
        add(parties, contract, amount=Decimal("2000.01"))
    assert refused.value.errors == {
        "amount": "Сумма договоров субподряда 6\u00a0000,01\u00a0₽ превысит цену контракта 6\u00a0000,00\u00a0₽"
    }
    add(parties, contract, amount=Decimal("2000.00"))
    assert ContractSubcontract.objects.filter(contract=contract).count() == 2


def test_bad_input_is_refused_field_by_field_and_nothing_is_written():
    parties = Parties()
    contract = concluded(parties)
    with pytest.raises(ValidationFailed) as refused:
        add(
            parties,
            contract,
            subcontractor_inn="7203000012",
            subcontractor_name=" ",
            amount=Decimal("0"),
            concluded_on=today(parties) + dt.timedelta(days=1),
        )
    assert refused.value.errors == {
        "subcontractor_inn": "Неверная контрольная сумма ИНН: проверьте номер",
        "subcontractor_name": "Укажите наименование субподрядчика",
        "amount": "Сумма договора субподряда должна быть больше нуля",
        "concluded_on": "Дата договора не может быть в будущем",
    }
    with pytest.raises(ValidationFailed) as refused:
        add(parties, contract, subcontractor_inn=parties.supplier.inn, amount=Decimal("1.005"))
    assert refused.value.errors == {
        "subcontractor_inn": "Субподрядчик не может совпадать с поставщиком по контракту",
        "amount": "Сумма — не более двух знаков после запятой",
    }
    with pytest.raises(ValidationFailed) as refused:
        add(parties, contract, concluded_on=today(parties) - dt.timedelta(days=1))
    assert refused.value.errors == {
        "concluded_on": "Договор субподряда не может быть заключён раньше контракта"
    }
    assert not ContractSubcontract.objects.exists()
    assert not AuditEvent.objects.filter(event=EventType.CONTRACT_SUBCONTRACT_ADDED).exists()


def test_only_the_supplier_and_only_while_the_contract_is_in_force():
    parties = Parties()
    with pytest.raises(Conflict, match="Проект контракта"):
        add(parties, draft(parties))
    contract = concluded(parties)
    with pytest.raises(PermissionDenied, match="только сотрудник поставщика"):
        contract_subcontract_add(
            contract=contract,
            actor=parties.buyer,
            subcontractor_inn=SUB_INN,
            subcontractor_name="ООО «Малое предприятие»",
            subcontractor_is_smp=True,
            amount=Decimal("1.00"),
            concluded_on=today(parties),
        )
    contract_terminate_by_court(contract=contract, user=parties.buyer, decision_ref="А70-1/2026")
    with pytest.raises(Conflict, match="Расторгнут"):
        add(parties, contract)
    assert not ContractSubcontract.objects.exists()
