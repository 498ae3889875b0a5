from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from zakupki.rules.errors import RulesFileError
from zakupki.rules.loader import load_rules
from zakupki.rules.paths import DATA_DIR

from .conftest import WriteYaml

HEADER = """
parameters:
  - key: test.cap
    title: Тестовый предел
    type: {type}
    unit: ₽
    source: тест
    tag: V
    periods:
"""


def _param(periods: str, *, ptype: str = "decimal") -> str:
    return HEADER.format(type=ptype) + periods


def _refusal(path: Path, directory: Path | None = None) -> str:
    with pytest.raises(RulesFileError) as caught:
        load_rules(directory or path.parent)
    return str(caught.value)


def test_shipped_rules_load():
    registry = load_rules(DATA_DIR)

    assert len(registry) >= 50
    assert "cbr.key_rate" in registry.parameters


def test_a_valid_file_loads_with_typed_values(write_yaml: WriteYaml):
    path = write_yaml(
        "rules/a.yaml",
        _param(
            '      - {from: 2020-01-01, until: 2021-01-01, value: "100000.50"}\n'
            '      - {from: 2022-01-01, value: "600000"}\n'
        ),
    )

    parameter = load_rules(path.parent).parameters["test.cap"]

    assert [(p.valid_from, p.valid_until, p.value) for p in parameter.periods] == [
        (dt.date(2020, 1, 1), dt.date(2021, 1, 1), Decimal("100000.50")),
        (dt.date(2022, 1, 1), None, Decimal("600000")),
    ]
    # The gap between the periods is allowed and answers "not defined".
    assert parameter.period_on(dt.date(2021, 6, 1)) is None
    assert parameter.period_on(dt.date(2020, 12, 31)) is not None


def test_period_without_from_is_refused(write_yaml: WriteYaml):
    path = write_yaml("rules/a.yaml", _param('      - {value: "1"}\n'))

    assert (
        _refusal(path)
        == f"Ошибка в файле правил «{path}», параметр «test.cap»: у периода №1 нет даты начала (from)"
    )


def test_impossible_date_is_refused(write_yaml: WriteYaml):
    path = write_yaml("rules/a.yaml", _param('      - {from: 2025-02-30, value: "1"}\n'))

    assert _refusal(path) == (
        f"Ошибка в файле правил «{path}», параметр «test.cap»: "
        "период №1: неверная дата «2025-02-30» в поле from, нужен формат ГГГГ-ММ-ДД"
    )


def test_russian_date_format_is_refused(write_yaml: WriteYaml):
    path = write_yaml("rules/a.yaml", _param('      - {from: 2025-01-01, until: 15.09.2025, value: "1"}\n'))

    assert _refusal(path) == (
        f"Ошибка в файле правил «{path}», параметр «test.cap»: "
        "период №1: неверная дата «15.09.2025» в поле until, нужен формат ГГГГ-ММ-ДД"
    )


def test_until_not_after_from_is_refused(write_yaml: WriteYaml):
    path = write_yaml("rules/a.yaml", _param('      - {from: 2025-01-01, until: 2025-01-01, value: "1"}\n'))

    assert _refusal(path) == (
        f"Ошибка в файле правил «{path}», параметр «test.cap»: "
        "период №1: дата окончания until 01.01.2025 должна быть позже даты начала from 01.01.2025"
    )


def test_two_periods_starting_the_same_day_are_refused(write_yaml: WriteYaml):
    path = write_yaml(
        "rules/a.yaml",
        _param('      - {from: 2025-01-01, value: "1"}\n      - {from: 2025-01-01, value: "2"}\n'),
    )

    assert _refusal(path) == (
        f"Ошибка в файле правил «{path}», параметр «test.cap»: два периода начинаются в один день — 01.01.2025"
    )


def test_until_running_past_the_next_from_is_refused(write_yaml: WriteYaml):
    # Written out of order on purpose: the loader sorts before checking.
    path = write_yaml(
        "rules/a.yaml",
        _param(
            '      - {from: 2022-01-01, value: "2"}\n      - {from: 2021-01-01, until: 2022-03-01, value: "1"}\n'
        ),
    )

    assert _refusal(path) == (
        f"Ошибка в файле правил «{path}», параметр «test.cap»: "
        "период с 01.01.2021 до 01.03.2022 пересекается со следующим периодом с 01.01.2022"
    )


def test_until_equal_to_the_next_from_is_fine(write_yaml: WriteYaml):
    path = write_yaml(
        "rules/a.yaml",
        _param(
            '      - {from: 2021-01-01, until: 2022-01-01, value: "1"}\n      - {from: 2022-01-01, value: "2"}\n'
        ),
    )

    assert len(load_rules(path.parent).parameters["test.cap"].periods) == 2


def test_duplicate_key_in_one_file_is_refused(write_yaml: WriteYaml):
    text = _param('      - {from: 2021-01-01, value: "1"}\n')
    path = write_yaml("rules/a.yaml", text + text.split("parameters:\n", 1)[1])

    assert _refusal(path) == (
        f"Ошибка в файле правил «{path}», параметр «test.cap»: "
        f"параметр объявлен повторно: он уже есть в файле «{path}»"
    )


def test_duplicate_key_across_files_is_refused(write_yaml: WriteYaml):
    first = write_yaml("rules/a.yaml", _param('      - {from: 2021-01-01, value: "1"}\n'))
    second = write_yaml("rules/b.yaml", _param('      - {from: 2023-01-01, value: "2"}\n'))

    assert _refusal(second) == (
        f"Ошибка в файле правил «{second}», параметр «test.cap»: "
        f"параметр объявлен повторно: он уже есть в файле «{first}»"
    )


def test_unknown_type_is_refused(write_yaml: WriteYaml):
    path = write_yaml("rules/a.yaml", _param('      - {from: 2021-01-01, value: "1"}\n', ptype="money"))

    assert _refusal(path) == (
        f"Ошибка в файле правил «{path}», параметр «test.cap»: "
        "неизвестный тип «money», допустимы: decimal, percent, int, bool, str, list, brackets"
    )


def test_unquoted_float_for_a_decimal_is_refused(write_yaml: WriteYaml):
    path = write_yaml("rules/a.yaml", _param("      - {from: 2021-01-01, value: 0.1}\n"))

    assert _refusal(path) == (
        f"Ошибка в файле правил «{path}», параметр «test.cap»: период №1 (с 01.01.2021): "
        'значение: нужна строка в кавычках, например "600000" или "0.1", а записано дробное число 0.1 без кавычек'
    )


def test_unquoted_integer_for_a_decimal_is_refused(write_yaml: WriteYaml):
    path = write_yaml("rules/a.yaml", _param("      - {from: 2021-01-01, value: 600000}\n"))

    assert _refusal(path) == (
        f"Ошибка в файле правил «{path}», параметр «test.cap»: период №1 (с 01.01.2021): "
        'значение: нужна строка в кавычках, например "600000", а записано число 600000 без кавычек'
    )


def test_text_that_is_not_a_number_is_refused(write_yaml: WriteYaml):
    path = write_yaml("rules/a.yaml", _param('      - {from: 2021-01-01, value: "600 000"}\n'))

    assert _refusal(path) == (
        f"Ошибка в файле правил «{path}», параметр «test.cap»: период №1 (с 01.01.2021): "
        'значение «600 000» не является числом (пример записи: "600000" или "16.5")'
    )


def test_percent_above_100_is_refused(write_yaml: WriteYaml):
    path = write_yaml("rules/a.yaml", _param('      - {from: 2021-01-01, value: "125"}\n', ptype="percent"))

    assert _refusal(path) == (
        f"Ошибка в файле правил «{path}», параметр «test.cap»: период №1 (с 01.01.2021): "
        "процент должен быть от 0 до 100, а указано 125"
    )


def test_quoted_number_for_an_int_is_refused(write_yaml: WriteYaml):
    path = write_yaml("rules/a.yaml", _param('      - {from: 2021-01-01, value: "7"}\n', ptype="int"))

    assert _refusal(path) == (
        f"Ошибка в файле правил «{path}», параметр «test.cap»: период №1 (с 01.01.2021): "
        "значение должно быть целым числом, а записано «7»"
    )


def test_boolean_for_an_int_is_refused(write_yaml: WriteYaml):
    path = write_yaml("rules/a.yaml", _param("      - {from: 2021-01-01, value: true}\n", ptype="int"))

    assert _refusal(path) == (
        f"Ошибка в файле правил «{path}», параметр «test.cap»: период №1 (с 01.01.2021): "
        "значение должно быть целым числом, а записано логическое значение true"
    )


def test_float_inside_a_list_is_refused(write_yaml: WriteYaml):
    path = write_yaml("rules/a.yaml", _param("      - {from: 2021-01-01, value: [3, 6.5]}\n", ptype="list"))

    assert _refusal(path) == (
        f"Ошибка в файле правил «{path}», параметр «test.cap»: период №1 (с 01.01.2021): "
        "элемент №2 списка должен быть целым числом или строкой, а записано дробное число 6.5 без кавычек"
    )


def test_brackets_out_of_order_are_refused(write_yaml: WriteYaml):
    path = write_yaml(
        "rules/a.yaml",
        _param(
            "      - from: 2021-01-01\n"
            "        value:\n"
            '          - {up_to: "50000000", value: "5"}\n'
            '          - {up_to: "3000000", value: "10"}\n',
            ptype="brackets",
        ),
    )

    assert _refusal(path) == (
        f"Ошибка в файле правил «{path}», параметр «test.cap»: период №1 (с 01.01.2021): "
        "границы шкалы должны строго возрастать: ступень №2 (3000000) не больше предыдущей (50000000)"
    )


def test_open_bracket_must_be_last(write_yaml: WriteYaml):
    path = write_yaml(
        "rules/a.yaml",
        _param(
            "      - from: 2021-01-01\n"
            "        value:\n"
            '          - {up_to: null, value: "0.1"}\n'
            '          - {up_to: "3000000", value: "10"}\n',
            ptype="brackets",
        ),
    )

    assert _refusal(path) == (
        f"Ошибка в файле правил «{path}», параметр «test.cap»: период №1 (с 01.01.2021): "
        "ступень №1 без верхней границы (up_to: null) должна быть последней"
    )


def test_unquoted_bracket_bound_is_refused(write_yaml: WriteYaml):
    path = write_yaml(
        "rules/a.yaml",
        _param(
            '      - from: 2021-01-01\n        value:\n          - {up_to: 3000000, value: "10"}\n',
            ptype="brackets",
        ),
    )

    assert _refusal(path) == (
        f"Ошибка в файле правил «{path}», параметр «test.cap»: период №1 (с 01.01.2021): "
        'граница up_to: нужна строка в кавычках, например "600000", а записано число 3000000 без кавычек'
    )


def test_misspelt_period_field_is_refused(write_yaml: WriteYaml):
    # A silently ignored "untill" would make the period open-ended.
    path = write_yaml("rules/a.yaml", _param('      - {from: 2021-01-01, untill: 2022-01-01, value: "1"}\n'))

    assert _refusal(path) == (
        f"Ошибка в файле правил «{path}», параметр «test.cap»: "
        "период №1: неизвестное поле «untill», допустимы: from, until, value, source, tag, note"
    )


def test_missing_required_field_is_refused(write_yaml: WriteYaml):
    path = write_yaml(
        "rules/a.yaml",
        """
        parameters:
          - key: test.cap
            type: int
            unit: дней
            source: тест
            tag: V
            periods: []
        """,
    )

    assert (
        _refusal(path)
        == f"Ошибка в файле правил «{path}», параметр «test.cap»: не заполнено обязательное поле «title»"
    )


def test_bad_tag_is_refused(write_yaml: WriteYaml):
    path = write_yaml("rules/a.yaml", _param('      - {from: 2021-01-01, value: "1", tag: X}\n'))

    assert _refusal(path) == (
        f"Ошибка в файле правил «{path}», параметр «test.cap»: метка достоверности tag должна быть V, B или U, а указано «X»"
    )


def test_yaml_syntax_error_is_one_line(write_yaml: WriteYaml):
    path = write_yaml("rules/a.yaml", "parameters:\n  - key: [unclosed\n")

    message = _refusal(path)

    assert message.startswith(f"Ошибка в файле правил «{path}»: не удаётся разобрать YAML: ")
    assert "\n" not in message


def test_file_without_parameters_list_is_refused(write_yaml: WriteYaml):
    path = write_yaml("rules/a.yaml", "- key: test.cap\n")

    assert _refusal(path) == (
        f"Ошибка в файле правил «{path}»: ожидается словарь с ключом parameters — списком параметров"
    )


def test_calendar_file_is_not_read_as_parameters(write_yaml: WriteYaml):
    path = write_yaml("rules/calendar_overrides.yaml", "days_off: []\nworking_days: []\n")

    assert len(load_rules(path.parent)) == 0


def test_extra_dir_adds_a_period_to_an_existing_parameter(write_yaml: WriteYaml):
    base = write_yaml("rules/a.yaml", _param('      - {from: 2021-01-01, value: "1"}\n'))
    extra = write_yaml(
        "extra/a.yaml",
        """
        parameters:
          - key: test.cap
            periods:
              - {from: 2026-02-13, value: "2", source: решение от 13.02.2026}
        """,
    )

    parameter = load_rules(base.parent, extra.parent).parameters["test.cap"]

    assert [(p.valid_from, p.valid_until, p.value, p.source) for p in parameter.periods] == [
        (dt.date(2021, 1, 1), dt.date(2026, 2, 13), Decimal("1"), "тест"),
        (dt.date(2026, 2, 13), None, Decimal("2"), "решение от 13.02.2026"),
    ]
    assert parameter.files == (str(base), str(extra))


def test_extra_dir_may_declare_a_new_parameter(write_yaml: WriteYaml):
    base = write_yaml("rules/a.yaml", _param('      - {from: 2021-01-01, value: "1"}\n'))
    extra = write_yaml(
        "extra/b.yaml",
        """
        parameters:
          - key: test.new_days
            title: Новый срок
            type: int
            unit: дней
            source: региональный акт
            tag: U
            periods:
              - {from: 2026-01-01, value: 4}
        """,
    )

    registry = load_rules(base.parent, extra.parent)

    assert registry.parameters["test.new_days"].periods[0].value == 4


def test_extra_period_overlapping_the_base_is_refused_naming_the_extra_file(write_yaml: WriteYaml):
    base = write_yaml("rules/a.yaml", _param('      - {from: 2021-01-01, value: "1"}\n'))
    extra = write_yaml(
        "extra/a.yaml",
        'parameters:\n  - key: test.cap\n    periods:\n      - {from: 2021-01-01, value: "2"}\n',
    )

    with pytest.raises(RulesFileError) as caught:
        load_rules(base.parent, extra.parent)

    assert str(caught.value) == (
        f"Ошибка в файле правил «{extra}», параметр «test.cap»: два периода начинаются в один день — 01.01.2021"
    )


def test_extra_dir_may_not_redefine_a_parameter(write_yaml: WriteYaml):
    base = write_yaml("rules/a.yaml", _param('      - {from: 2021-01-01, value: "1"}\n'))
    extra = write_yaml(
        "extra/a.yaml",
        "parameters:\n  - key: test.cap\n    type: int\n    periods:\n      - {from: 2026-01-01, value: 2}\n",
    )

    with pytest.raises(RulesFileError) as caught:
        load_rules(base.parent, extra.parent)

    assert str(caught.value) == (
        f"Ошибка в файле правил «{extra}», параметр «test.cap»: параметр уже объявлен в файле «{base}»; "
        "дополнительный файл может только добавить ему периоды (поля key и periods), а указано поле «type»"
    )


def test_missing_extra_dir_is_refused(tmp_path: Path, write_yaml: WriteYaml):
    base = write_yaml("rules/a.yaml", _param('      - {from: 2021-01-01, value: "1"}\n'))

    with pytest.raises(RulesFileError) as caught:
        load_rules(base.parent, tmp_path / "absent")

    assert str(caught.value) == (
        f"Ошибка в файле правил «{tmp_path / 'absent'}»: каталог дополнительных правил ZAKUPKI_RULES_EXTRA_DIR не найден"
    )
