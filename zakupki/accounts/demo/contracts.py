"""Demo contracts in Moscow, one in each state a contract manager meets, all through the real services
(GOST keys issued, both sides sign, acceptance, payment, termination, a two-stage plan, a supplementary
agreement in force). The only shortcut: the overdue contract gets an execution date in the past before
it is concluded, so that its stage is late today."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from zakupki.accounts.demo.smp_share import load_demo_smp_share
from zakupki.accounts.models import User
from zakupki.catalog.models import SupplierOffer
from zakupki.catalog.selectors import item_buyable_offers, region_today
from zakupki.contracts.change_states import ChangeKind
from zakupki.contracts.models import Contract
from zakupki.contracts.services import (
    AcceptanceLineData,
    StagePlanData,
    acceptance_decide,
    acceptance_submit,
    contract_change_propose,
    contract_change_sign_customer,
    contract_change_sign_supplier,
    contract_sign_customer,
    contract_sign_supplier,
    contract_stage_plan_set,
    contract_terminate_by_agreement,
    contract_unilateral_refusal,
    payment_record,
)
from zakupki.core.money import round_money
from zakupki.documents.services.signatures import signing_key_issue
from zakupki.procedures.enums import OfferStatus
from zakupki.procedures.models import QuotationSession
from zakupki.procedures.services import contract_offer_accept
from zakupki.purchases.services.direct import direct_purchase_create


def _member(org_id: int) -> User:
    user = User.objects.filter(organization_id=org_id, is_active=True).order_by("pk").first()
    if user is None:
        raise LookupError(f"no member of organization {org_id}")
    return user


def _key(user: User) -> None:
    if not user.signing_keys.filter(revoked_at__isnull=True).exists():
        signing_key_issue(user=user, valid_days=365, actor=user)


def _signed(contract: Contract, *, customer_user: User, customer_too: bool = True) -> Contract:
    supplier_user = _member(contract.supplier_id)
    _key(supplier_user)
    contract = contract_sign_supplier(contract=contract, user=supplier_user)
    if customer_too:
        _key(customer_user)
        contract = contract_sign_customer(contract=contract, user=customer_user)
    return contract


def _offers(customer: User) -> QuerySet[SupplierOffer]:
    assert customer.organization is not None  # noqa: S101 - the demo customer has one
    region = customer.organization.region
    return SupplierOffer.objects.filter(
        pk__in=[
            offer.pk
            for offer in SupplierOffer.objects.filter(stock__gte=5, price__lte=20000).order_by(
                "item__ste_id", "pk"
            )
            if item_buyable_offers(item=offer.item, region=region).filter(pk=offer.pk).exists()
        ]
    ).order_by("item__ste_id", "pk")


def _bought(customer: User, offer: SupplierOffer, quantity: int) -> Contract:
    purchase = direct_purchase_create(actor=customer, offer=offer, quantity=quantity)
    assert purchase.contract is not None  # noqa: S101 - a created purchase always has its contract
    return purchase.contract


def load_demo_contracts() -> list[Contract]:
    customer = User.objects.filter(username="customer").select_related("organization__region").first()
    if customer is None or customer.organization is None:
        return []
    contracts: list[Contract] = []

    # 1. From the summed-up quotation session: accepted by the winner, signed, half delivered and paid.
    session = QuotationSession.objects.filter(
        customer=customer.organization, offers__status=OfferStatus.OFFERED
    ).first()
    if session is not None:
        offer = session.offers.get(status=OfferStatus.OFFERED)
        winner = _member(offer.participant.supplier_id)
        contract = _signed(contract_offer_accept(offer=offer, supplier_user=winner), customer_user=customer)
        stage = contract.stages.get()
        item = contract.items.get()
        document = acceptance_submit(
            stage=stage, user=winner, lines=[AcceptanceLineData(item=item, quantity=item.quantity / 2)]
        )
        document = acceptance_decide(document=document, user=customer, full=True)
        payment_record(
            document=document,
            user=customer,
            amount=document.accepted_amount,
            paid_on=region_today(customer.organization.region),
        )
        contracts.append(contract)

    offers = list(_offers(customer)[:6])
    if len(offers) < 4:
        return contracts
    today = region_today(customer.organization.region)

    # 2. Executed: delivered in full, accepted and paid.
    executed = _signed(_bought(customer, offers[0], 2), customer_user=customer)
    stage = executed.stages.get()
    supplier_user = _member(executed.supplier_id)
    document = acceptance_submit(
        stage=stage,
        user=supplier_user,
        lines=[AcceptanceLineData(item=i, quantity=i.quantity) for i in executed.items.all()],
    )
    document = acceptance_decide(document=document, user=customer, full=True)
    payment_record(document=document, user=customer, amount=document.accepted_amount, paid_on=today)
    contracts.append(executed)

    # 3. Late: its stage was due five days ago and nothing was delivered; the customer has decided to
    # refuse the contract unilaterally (takes effect in 10 days unless the supplier cures the breach).
    late = _bought(customer, offers[1], 3)
    Contract.objects.filter(pk=late.pk).update(execution_due_date=today - dt.timedelta(days=5))
    late.refresh_from_db()
    late = _signed(late, customer_user=customer)
    contract_unilateral_refusal(
        contract=late, user=customer, reason="Товар не поставлен в срок, установленный контрактом"
    )
    contracts.append(late)

    # 4. Waiting for the customer's signature.
    contracts.append(_signed(_bought(customer, offers[2], 1), customer_user=customer, customer_too=False))

    # 5. Terminated by agreement right after conclusion.
    agreed = _signed(_bought(customer, offers[3], 1), customer_user=customer)
    contract_terminate_by_agreement(
        contract=agreed,
        customer_user=customer,
        supplier_user=_member(agreed.supplier_id),
        reason="Потребность отпала",
    )
    contracts.append(agreed)
    contracts.extend(_terms_demo(customer, offers[4:6], today))
    return contracts


def _terms_demo(customer: User, offers: list[SupplierOffer], today: dt.date) -> list[Contract]:
    """6. Two stages planned in the draft (half in ten days, half on 20 January next year, so its payment
    plan spans two years), with an SMP subcontract and the EIS contracts of smp_share.py; 7. a price
    reduction by a supplementary agreement signed by both sides and in force."""
    if len(offers) < 2:
        return []
    staged = _bought(customer, offers[0], 2)
    (item,) = staged.items.all()
    half = item.quantity / 2
    contract_stage_plan_set(
        contract=staged,
        user=customer,
        stages=[
            StagePlanData(due_date=today + dt.timedelta(days=10), quantities={item.pk: half}),
            StagePlanData(
                due_date=max(today + dt.timedelta(days=40), dt.date(today.year + 1, 1, 20)),
                quantities={item.pk: item.quantity - half},
            ),
        ],
    )
    staged = _signed(staged, customer_user=customer)
    load_demo_smp_share(
        customer=customer, staged=staged, supplier_user=_member(staged.supplier_id), today=today
    )

    reduced = _signed(_bought(customer, offers[1], 1), customer_user=customer)
    (item,) = reduced.items.all()
    change = contract_change_propose(
        contract=reduced,
        user=customer,
        kind=ChangeKind.PRICE_REDUCTION,
        reason="Поставщик предложил скидку 5 % после заключения контракта",
        unit_prices={item.pk: round_money(item.unit_price * 95 / 100)},
    )
    contract_change_sign_supplier(change=change, user=_member(reduced.supplier_id))
    contract_change_sign_customer(change=change, user=customer)
    reduced.refresh_from_db()
    return [staged, reduced]
