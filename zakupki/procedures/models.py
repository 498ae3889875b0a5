"""Quotation sessions (котировочные сессии): a customer's НМЦК is bid down by suppliers for 3/6/24 hours.

Money is Decimal with two places. Rows are changed only by `zakupki.procedures.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zakupki.accounts.models import Organization, Region
from zakupki.contracts.enums import PurchaseBasis
from zakupki.core.models import TimeStampedModel
from zakupki.procedures.enums import OfferStatus, SessionStatus, SubjectKind, ViolationKind


class QuotationSession(TimeStampedModel):
    customer = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="quotation_sessions")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="quotation_sessions")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField("предмет закупки", max_length=500)
    delivery_terms = models.TextField("условия поставки", blank=True)
    subject_kind = models.CharField(
        "вид предмета", max_length=10, choices=SubjectKind.choices, default=SubjectKind.GOODS
    )
    basis = models.CharField(
        "основание", max_length=4, choices=PurchaseBasis.choices, default=PurchaseBasis.P4
    )
    start_price = models.DecimalField("НМЦК", max_digits=15, decimal_places=2)
    # Only SMP and SONKO may bid. The purchase stays one under п.4/п.5 ч.1 ст.93, not a procedure of
    # п.1 ч.1 ст.30, so its contract is not `smp_procedure` (docs/analytics/k7_k8.md)
    smp_only = models.BooleanField("только для СМП и СОНКО", default=False)
    duration_hours = models.PositiveSmallIntegerField("продолжительность, часов")
    status = models.CharField(
        "статус", max_length=30, choices=SessionStatus.choices, default=SessionStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField("опубликована", null=True, blank=True)
    ends_at = models.DateTimeField("окончание приёма предложений", null=True, blank=True)
    # Steps are fixed at publication from the rules in force, so a rule change never moves a running session.
    step_min = models.DecimalField("минимальный шаг", null=True, blank=True, max_digits=15, decimal_places=2)
    step_max = models.DecimalField("максимальный шаг", null=True, blank=True, max_digits=15, decimal_places=2)
    best_price = models.DecimalField("лучшая цена", null=True, blank=True, max_digits=15, decimal_places=2)
    best_bid = models.ForeignKey("Bid", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    bids_count = models.PositiveIntegerField("предложений", default=0)
    participants_count = models.PositiveIntegerField("участников", default=0)
    last_seq = models.PositiveIntegerField(default=0)
    # Active bots of the session, kept by the auto-bid services under the session lock: a bid skips the
    # bots' query entirely while it is 0 (most sessions never have one).
    autobids_active = models.PositiveIntegerField(default=0)
    closed_at = models.DateTimeField("подведены итоги", null=True, blank=True)
    winner = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="won_quotation_sessions"
    )
    winning_price = models.DecimalField(
        "цена победителя", null=True, blank=True, max_digits=15, decimal_places=2
    )
    economy_rub = models.DecimalField("снижение, ₽", null=True, blank=True, max_digits=15, decimal_places=2)
    economy_pct = models.DecimalField("снижение, %", max_digits=5, decimal_places=2, null=True, blank=True)
    # Protocol: [{"rank", "number", "supplier_id", "name", "inn", "price", "placed_at", "seq"}], rank 1 = winner.
    ranking = models.JSONField("итоговая ранжировка", default=list, blank=True)
    protocol = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancel_reason = models.CharField("причина отмены", max_length=1000, blank=True)
    next_check_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "котировочная сессия"
        verbose_name_plural = "котировочные сессии"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"КС № {self.pk}: {self.title}"


class SessionItem(models.Model):
    """A snapshot of what is bought; `catalog_ref` is the СТЕ id when the item came from the catalogue."""

    session = models.ForeignKey(QuotationSession, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField("№")
    name = models.CharField("наименование", max_length=500)
    unit = models.CharField("единица измерения", max_length=50)
    quantity = models.DecimalField("количество", max_digits=15, decimal_places=3)
    unit_price = models.DecimalField("начальная цена за единицу", max_digits=15, decimal_places=2)
    catalog_ref = models.CharField("СТЕ", max_length=64, blank=True)

    class Meta:
        verbose_name = "позиция сессии"
        verbose_name_plural = "позиции сессии"
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="session_item_position_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Participant(models.Model):
    """A supplier that has bid; «Участник N» is assigned at its first bid, in order of first bids."""

    session = models.ForeignKey(QuotationSession, on_delete=models.CASCADE, related_name="participants")
    supplier = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField("номер участника")
    first_bid_at = models.DateTimeField()
    best_price = models.DecimalField("лучшая цена участника", max_digits=15, decimal_places=2)
    best_seq = models.PositiveIntegerField("№ лучшего предложения")

    class Meta:
        verbose_name = "участник сессии"
        verbose_name_plural = "участники сессии"
        ordering = ["session", "number"]
        constraints = [
            models.UniqueConstraint(fields=["session", "supplier"], name="participant_supplier_unique"),
            models.UniqueConstraint(fields=["session", "number"], name="participant_number_unique"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"Участник {self.number}"


class Bid(models.Model):
    """An accepted price offer. Accepted prices of a session strictly decrease, so (session, price) is unique
    — the database refuses a second bid against the same best price even if the lock were forgotten."""

    session = models.ForeignKey(QuotationSession, on_delete=models.CASCADE, related_name="bids")
    seq = models.PositiveIntegerField("№ предложения")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="bids")
    supplier = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    price = models.DecimalField("цена", max_digits=15, decimal_places=2)
    placed_at = models.DateTimeField("время")
    is_auto = models.BooleanField("автоставка", default=False)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "ценовое предложение"
        verbose_name_plural = "ценовые предложения"
        ordering = ["session", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["session", "seq"], name="bid_session_seq_unique"),
            models.UniqueConstraint(fields=["session", "price"], name="bid_session_price_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}#{self.seq} {self.price}"


class AutoBid(models.Model):
    """A supplier's bidding bot: it answers on the supplier's behalf down to `floor_price` (kept secret)."""

    session = models.ForeignKey(QuotationSession, on_delete=models.CASCADE, related_name="autobids")
    supplier = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    floor_price = models.DecimalField("минимальная цена", max_digits=15, decimal_places=2)
    active = models.BooleanField("включена", default=True)
    # Ties between bots with the same reach go to the earlier one; changing the floor resets it.
    priority_at = models.DateTimeField("установлена")
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "автоставка"
        verbose_name_plural = "автоставки"
        constraints = [
            models.UniqueConstraint(fields=["session", "supplier"], name="autobid_supplier_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.supplier_id} ≥ {self.floor_price}"


class ContractOffer(models.Model):
    """The contract offered to the participant of `rank` (1 = winner) at its best price."""

    session = models.ForeignKey(QuotationSession, on_delete=models.PROTECT, related_name="offers")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="offers")
    rank = models.PositiveIntegerField("место")
    price = models.DecimalField("цена контракта", max_digits=15, decimal_places=2)
    status = models.CharField(
        "статус", max_length=20, choices=OfferStatus.choices, default=OfferStatus.OFFERED
    )
    offered_at = models.DateTimeField("направлено")
    due_at = models.DateTimeField("подписать до")
    responded_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = models.CharField("причина отказа", max_length=1000, blank=True)
    contract = models.ForeignKey(
        "contracts.Contract", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    next_check_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "предложение заключить контракт"
        verbose_name_plural = "предложения заключить контракт"
        ordering = ["session", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["session", "rank"], name="contract_offer_rank_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}: место {self.rank}"


class SupplierViolation(models.Model):
    supplier = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="session_violations")
    session = models.ForeignKey(QuotationSession, on_delete=models.PROTECT, related_name="violations")
    offer = models.OneToOneField(ContractOffer, on_delete=models.PROTECT, related_name="violation")
    kind = models.CharField("нарушение", max_length=20, choices=ViolationKind.choices)
    at = models.DateTimeField("когда")
    ban = models.ForeignKey("oversight.SupplierBan", on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        verbose_name = "нарушение поставщика"
        verbose_name_plural = "нарушения поставщиков"
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.supplier_id}: {self.kind}"
