"""Direct purchase from a supplier offer (прямая закупка по оферте), п.4 ч.1 ст.93 44-FZ.

One transaction: lock the offer, take the stock with a conditional UPDATE, create the contract (which
charges and locks the customer's small-purchase ledger), record the audit event. Any refusal rolls all of
it back, the stock included. Lock order everywhere: offer → ledger → audit journal (the journal is always
last, so a purchase never holds the journal while it waits for a ledger)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from zakupki.accounts.models import User
from zakupki.catalog.models import SupplierOffer
from zakupki.catalog.selectors import format_quantity, offer_buyable
from zakupki.catalog.services.offers import offer_reserve_stock
from zakupki.contracts.enums import PurchaseBasis, SourceKind
from zakupki.contracts.services import ContractItemData, contract_create_from_award
from zakupki.core.errors import Conflict
from zakupki.core.money import format_rub, round_money
from zakupki.core.timeutil import local_date
from zakupki.core.transitions import check_transition
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record
from zakupki.purchases.enums import DirectPurchaseStatus
from zakupki.purchases.models import DirectPurchase
from zakupki.purchases.services.common import acting_customer, check_not_banned, clean_money, clean_quantity
from zakupki.purchases.states import DIRECT_PURCHASE_TRANSITIONS

NOT_ENOUGH_STOCK = "Недостаточно товара"


def direct_purchase_create(
    *,
    actor: User,
    offer: SupplierOffer,
    quantity: Decimal | int | str,
    expected_unit_price: Decimal | str | None = None,
) -> DirectPurchase:
    """Buys `quantity` units of the offer for the actor's customer organization.

    `expected_unit_price` is the price the buyer saw; if the supplier changed it since, the purchase is
    refused rather than made at a price nobody agreed to."""
    customer = acting_customer(actor)
    amount = clean_quantity(quantity)
    expected = (
        clean_money(expected_unit_price, field="expected_unit_price", what="Цена")
        if expected_unit_price is not None
        else None
    )
    now = timezone.now()
    today = local_date(now, customer.region.timezone)
    with transaction.atomic():
        locked = SupplierOffer.objects.select_for_update().select_related("item", "supplier").get(pk=offer.pk)
        offer_buyable(offer=locked, region=customer.region, on=today, quantity=amount)
        check_not_banned(supplier=locked.supplier, region=customer.region, at=now)
        if expected is not None and expected != locked.price:
            raise Conflict(
                f"Цена оферты изменилась: {format_rub(locked.price)} за единицу вместо {format_rub(expected)}. "
                "Проверьте сумму и оформите закупку заново",
                field="expected_unit_price",
                code="price_changed",
            )
        unit_price = Decimal(locked.price)
        total = round_money(amount * unit_price)
        purchase = DirectPurchase.objects.create(
            customer=customer,
            supplier=locked.supplier,
            offer=locked,
            ste_id=locked.item.ste_id,
            item_name=locked.item.name,
            unit=locked.item.unit_short,
            quantity=amount,
            unit_price=unit_price,
            total=total,
            status=DirectPurchaseStatus.PENDING,
            created_by=actor,
        )
        if not offer_reserve_stock(offer=locked, quantity=amount):
            raise Conflict(NOT_ENOUGH_STOCK, field="quantity", code="offer_stock")
        contract = contract_create_from_award(
            customer=customer,
            supplier=locked.supplier,
            items=[
                ContractItemData(
                    name=locked.item.name,
                    unit=locked.item.unit_short,
                    quantity=amount,
                    unit_price=unit_price,
                    catalog_ref=locked.item.ste_id,
                )
            ],
            price=total,
            basis=PurchaseBasis.P4,
            source_kind=SourceKind.DIRECT_PURCHASE,
            source_id=purchase.pk,
            subject=locked.item.name,
            actor=actor,
        )
        check_transition(
            DIRECT_PURCHASE_TRANSITIONS,
            DirectPurchaseStatus.PENDING,
            DirectPurchaseStatus.CONTRACTED,
            what="Прямая закупка",
        )
        purchase.status = DirectPurchaseStatus.CONTRACTED
        purchase.contract = contract
        purchase.save(update_fields=["status", "contract"])
        audit_record(
            actor=actor,
            event=EventType.DIRECT_PURCHASE_CREATED,
            obj=purchase,
            details={
                "offer": locked.pk,
                "ste_id": locked.item.ste_id,
                "supplier": locked.supplier.inn,
                "quantity": format_quantity(amount),
                "unit_price": unit_price,
                "total": total,
                "contract": contract.number,
            },
        )
    return purchase
