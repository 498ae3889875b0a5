from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from zakupki.accounts.models import Organization, Region
from zakupki.catalog.enums import OfferStatus
from zakupki.catalog.okei import DEFAULT_OKEI, unit_short
from zakupki.core.models import TimeStampedModel


class Category(TimeStampedModel):
    """A category of the supplier portal's catalogue («Мячи футбольные»)."""

    name = models.CharField("наименование", max_length=500, unique=True)

    class Meta:
        verbose_name = "категория"
        verbose_name_plural = "категории"

    def __str__(self) -> str:
        return self.name


class CatalogItem(TimeStampedModel):
    """СТЕ, a standard catalogue item of the portal.

    Search support is maintained by the services and the importer (never by signals):
    `search_stems`/`search_name_stems` hold Russian/English Snowball stems (` stem stem `) for the SQLite
    fallback; `search_vector` holds `to_tsvector('russian', ...)` on PostgreSQL (NULL elsewhere)."""

    ste_id = models.CharField("ID СТЕ", max_length=32, unique=True)
    name = models.CharField("наименование", max_length=1000)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="items")
    kpgz_code = models.CharField("код КПГЗ", max_length=40, db_index=True)
    okpd2_code = models.CharField("код ОКПД2", max_length=20, blank=True)
    okei_code = models.CharField("код ОКЕИ", max_length=4, default=DEFAULT_OKEI)
    unit_name = models.CharField("единица измерения", max_length=100, default="Штука")
    characteristics = models.JSONField("характеристики", default=list, blank=True)
    search_name_stems = models.TextField(blank=True, editable=False)
    search_stems = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = "СТЕ"
        verbose_name_plural = "СТЕ (каталог)"

    def __str__(self) -> str:
        return f"{self.ste_id} {self.name}"

    @property
    def unit_short(self) -> str:
        return unit_short(self.okei_code, self.unit_name)


class SupplierOffer(TimeStampedModel):
    """A supplier's offer (оферта): price per unit and stock of one СТЕ, delivered to some regions."""

    supplier = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="catalog_offers")
    item = models.ForeignKey(CatalogItem, on_delete=models.PROTECT, related_name="offers")
    price = models.DecimalField("цена за единицу", max_digits=15, decimal_places=2)
    stock = models.DecimalField("остаток", max_digits=15, decimal_places=3)
    delivery_regions = models.ManyToManyField(Region, related_name="catalog_offers", verbose_name="регионы")
    valid_from = models.DateField("действует с")
    valid_until = models.DateField("действует по")
    status = models.CharField(
        "статус", max_length=20, choices=OfferStatus.choices, default=OfferStatus.ACTIVE
    )
    withdrawn_at = models.DateTimeField("отозвана", null=True, blank=True)

    class Meta:
        verbose_name = "оферта"
        verbose_name_plural = "оферты"
        indexes = [models.Index(fields=["item", "status"], name="catalog_offer_item_status")]
        constraints = [
            models.CheckConstraint(condition=models.Q(price__gt=0), name="catalog_offer_price_positive"),
            models.CheckConstraint(condition=models.Q(stock__gte=0), name="catalog_offer_stock_not_negative"),
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("valid_from")),
                name="catalog_offer_validity_order",
            ),
            models.UniqueConstraint(
                fields=["supplier", "item"],
                condition=models.Q(status=OfferStatus.ACTIVE),
                name="catalog_offer_one_active_per_supplier_item",
            ),
        ]

    def __str__(self) -> str:
        return f"Оферта {self.pk}: {self.item.name}"


class CatalogImport(models.Model):
    """One run of `import_catalog` / `import_offers`: the object the audit event is about."""

    kind = models.CharField("что", max_length=20)
    source = models.CharField("файл", max_length=500)
    started_at = models.DateTimeField("начат", auto_now_add=True)
    imported = models.PositiveIntegerField("импортировано", default=0)
    skipped = models.PositiveIntegerField("пропущено", default=0)

    class Meta:
        verbose_name = "импорт каталога"
        verbose_name_plural = "импорты каталога"

    def __str__(self) -> str:
        return f"{self.kind} {self.source}"
