"""Givens for the contract-terms tests (changes, stage plans, signing deadlines): two parties with
signing keys and a two-item contract built through the real services."""

from __future__ import annotations

from decimal import Decimal

from zakupki.accounts.models import Organization, User
from zakupki.contracts.enums import PurchaseBasis, SourceKind
from zakupki.contracts.models import Contract, ContractItem
from zakupki.contracts.services import (
    ContractItemData,
    contract_create_from_award,
    contract_sign_customer,
    contract_sign_supplier,
)
from zakupki.contracts.tests import factories as f
from zakupki.documents.services.signatures import signing_key_issue

_sources = iter(range(700001, 799999))


class Parties:
    def __init__(self) -> None:
        self.customer: Organization = f.customer()
        self.supplier: Organization = f.supplier()
        self.buyer: User = f.member_of(self.customer)
        self.seller: User = f.member_of(self.supplier)
        signing_key_issue(user=self.buyer, actor=None)
        signing_key_issue(user=self.seller, actor=None)


def draft(parties: Parties, *, paper: str = "500.00", basis: PurchaseBasis = PurchaseBasis.P4) -> Contract:
    """10 packs of paper at `paper` each and 20 pens at 50.00."""
    price = Decimal(paper) * 10 + Decimal("1000.00")
    return contract_create_from_award(
        customer=parties.customer,
        supplier=parties.supplier,
        items=[
            ContractItemData(
                name="Бумага офисная А4", unit="пач", quantity=Decimal(10), unit_price=Decimal(paper)
            ),
            ContractItemData(
                name="Ручка шариковая", unit="шт", quantity=Decimal(20), unit_price=Decimal("50.00")
            ),
        ],
        price=price,
        basis=basis,
        source_kind=SourceKind.QUOTATION_SESSION,
        source_id=next(_sources),
        subject="Поставка канцелярских товаров",
        actor=parties.buyer,
    )


def conclude(parties: Parties, contract: Contract) -> Contract:
    contract_sign_supplier(contract=contract, user=parties.seller)
    contract_sign_customer(contract=contract, user=parties.buyer)
    contract.refresh_from_db()
    return contract


def concluded(parties: Parties, *, paper: str = "500.00") -> Contract:
    return conclude(parties, draft(parties, paper=paper))


def items(contract: Contract) -> tuple[ContractItem, ContractItem]:
    paper, pens = contract.items.order_by("position")
    return paper, pens
