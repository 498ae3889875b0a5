"""The per-region list of municipalities signals are filed under: reference data, seeded per region."""

from __future__ import annotations

from django.db import transaction

from zakupki.accounts.models import Region
from zakupki.public_signals.models import Municipality

# A small seed for the demo regions: Moscow's administrative okrugs, a few municipalities elsewhere.
SEED: dict[str, tuple[str, ...]] = {
    "77": (
        "Центральный административный округ",
        "Северный административный округ",
        "Северо-Восточный административный округ",
        "Восточный административный округ",
        "Юго-Восточный административный округ",
        "Южный административный округ",
        "Юго-Западный административный округ",
        "Западный административный округ",
        "Северо-Западный административный округ",
        "Зеленоградский административный округ",
        "Новомосковский административный округ",
        "Троицкий административный округ",
    ),
    "50": (
        "городской округ Балашиха",
        "городской округ Подольск",
        "городской округ Химки",
        "городской округ Мытищи",
    ),
    "16": ("город Казань", "город Набережные Челны", "Альметьевский муниципальный район"),
    "25": ("Владивостокский городской округ", "Артёмовский городской округ", "Находкинский городской округ"),
}


def municipalities_seed(*, region: Region, names: tuple[str, ...] | None = None) -> int:
    """Adds the missing municipalities of the region (from SEED unless given); returns how many."""
    wanted = names if names is not None else SEED.get(region.code, ())
    with transaction.atomic():
        existing = set(Municipality.objects.filter(region=region).values_list("name", flat=True))
        missing = [Municipality(region=region, name=name) for name in wanted if name not in existing]
        Municipality.objects.bulk_create(missing)
    return len(missing)
