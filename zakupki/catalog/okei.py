"""A small extract of ОКЕИ (ОК 015-94), the units a catalogue item is sold in. Full dumps are loaded by
the operator; these are the codes the demo and the portal data need."""

from __future__ import annotations

from typing import NamedTuple


class Unit(NamedTuple):
    code: str
    name: str
    short: str


DEFAULT_OKEI = "796"

OKEI: dict[str, Unit] = {
    unit.code: unit
    for unit in (
        Unit("796", "Штука", "шт."),
        Unit("166", "Килограмм", "кг"),
        Unit("112", "Литр", "л"),
        Unit("006", "Метр", "м"),
        Unit("055", "Квадратный метр", "м²"),
        Unit("113", "Кубический метр", "м³"),
        Unit("778", "Упаковка", "упак."),
        Unit("704", "Набор", "набор"),
        Unit("715", "Пара (2 шт.)", "пар"),
        Unit("839", "Комплект", "компл."),
        Unit("876", "Условная единица", "усл. ед."),
    )
}


def unit_short(code: str, name: str = "") -> str:
    unit = OKEI.get(code)
    if unit is not None:
        return unit.short
    return name or code
