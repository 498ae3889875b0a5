"""Subcontracts of a contract (ч.5 ст.30 44-ФЗ): the supplier reports them, both parties see them; those
with SMP/SONKO count into the customer's SMP volume (К7, К8)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from zakupki.api.auth import AUTH, current_user
from zakupki.api.encoding import money_text
from zakupki.api.schemas.common import ERROR_CODES, ErrorOut
from zakupki.api.schemas.contract_subcontracts import SubcontractIn, SubcontractOut
from zakupki.contracts.models import ContractSubcontract
from zakupki.contracts.selectors import contract_visible_to
from zakupki.contracts.selectors_subcontracts import contract_subcontracts
from zakupki.contracts.services import contract_subcontract_add
from zakupki.core.errors import ValidationFailed
from zakupki.core.money import to_money

router = Router(tags=["Контракты: субподряд"])
PATH = "/contracts/{contract_id}/subcontracts"


def subcontract_out(subcontract: ContractSubcontract) -> SubcontractOut:
    return SubcontractOut(
        id=subcontract.pk,
        subcontractor_inn=subcontract.subcontractor_inn,
        subcontractor_name=subcontract.subcontractor_name,
        subcontractor_is_smp=subcontract.subcontractor_is_smp,
        amount=money_text(subcontract.amount),
        concluded_on=subcontract.concluded_on,
        created_at=subcontract.created_at,
    )


@router.get(PATH, auth=AUTH, response={200: list[SubcontractOut], ERROR_CODES: ErrorOut})
def subcontract_list_view(request: HttpRequest, contract_id: int) -> list[SubcontractOut]:
    """Договоры субподряда по контракту: видят обе стороны."""
    contract = contract_visible_to(contract_id=contract_id, viewer=current_user(request))
    return [subcontract_out(s) for s in contract_subcontracts(contract=contract)]


@router.post(PATH, auth=AUTH, response={201: SubcontractOut, ERROR_CODES: ErrorOut})
def subcontract_add_view(
    request: HttpRequest, contract_id: int, payload: SubcontractIn
) -> Status[SubcontractOut]:
    """Поставщик сообщает о договоре субподряда; сумма всех договоров — не больше цены контракта."""
    user = current_user(request)
    contract = contract_visible_to(contract_id=contract_id, viewer=user)
    try:
        amount = to_money(payload.amount)
    except ValueError as exc:
        raise ValidationFailed({"amount": f"Сумма договора субподряда: {exc}"}) from None
    subcontract = contract_subcontract_add(
        contract=contract,
        actor=user,
        subcontractor_inn=payload.subcontractor_inn,
        subcontractor_name=payload.subcontractor_name,
        subcontractor_is_smp=payload.subcontractor_is_smp,
        amount=amount,
        concluded_on=payload.concluded_on,
    )
    return Status(201, subcontract_out(subcontract))
