"""The text of a supplementary agreement: a PDF with the items before and after and the new price in
figures and in words; stored content-addressed and signed by both sides (changes.py)."""

from __future__ import annotations

from zakupki.contracts.change_states import ChangeKind
from zakupki.contracts.models import ContractChange, ContractChangeLine
from zakupki.contracts.services._common import quantity_text
from zakupki.core.money import format_rub
from zakupki.core.timeutil import format_ru_date
from zakupki.core.words import amount_in_words
from zakupki.documents.pdf import render_pdf

BASIS = {
    ChangeKind.QUANTITY: (
        "подп. «б» п. 1 ч. 1 ст. 95 44-ФЗ: изменение количества товара не более чем на 10 % "
        "с изменением цены пропорционально количеству, исходя из цены единицы товара"
    ),
    ChangeKind.PRICE_REDUCTION: (
        "подп. «а» п. 1 ч. 1 ст. 95 44-ФЗ: снижение цены контракта без изменения количества товара"
    ),
}


def change_document_context(change: ContractChange, rows: list[ContractChangeLine]) -> dict[str, object]:
    contract = change.contract
    tz = contract.customer.region.timezone
    lines = [
        {
            "position": row.contract_item.position,
            "name": row.contract_item.name,
            "unit": row.contract_item.unit,
            "quantity_before": quantity_text(row.quantity_before),
            "quantity_after": quantity_text(row.quantity_after),
            "unit_price_before": format_rub(row.unit_price_before),
            "unit_price_after": format_rub(row.unit_price_after),
            "amount_before": format_rub(row.amount_before),
            "amount_after": format_rub(row.amount_after),
        }
        for row in rows
    ]
    return {
        "change": change,
        "contract": contract,
        "customer": contract.customer,
        "supplier": contract.supplier,
        "concluded_text": format_ru_date(contract.concluded_at, tz),
        "date_text": format_ru_date(change.proposed_at, tz),
        "basis_text": BASIS[ChangeKind(change.kind)],
        "lines": lines,
        "price_before_text": format_rub(change.price_before),
        "price_after_text": format_rub(change.price_after),
        "price_after_words": amount_in_words(change.price_after),
    }


def change_document_render(change: ContractChange, rows: list[ContractChangeLine]) -> bytes:
    return render_pdf("contracts/change.html", change_document_context(change, rows))
