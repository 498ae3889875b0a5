from django.db import models


class OfferStatus(models.TextChoices):
    ACTIVE = "active", "Действует"
    WITHDRAWN = "withdrawn", "Отозвана"


class CatalogSort(models.TextChoices):
    RELEVANCE = "relevance", "По релевантности"
    PRICE_ASC = "price_asc", "Сначала дешевле"
    PRICE_DESC = "price_desc", "Сначала дороже"
    NAME = "name", "По названию"
