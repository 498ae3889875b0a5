from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from zakupki.analytics import methodology as m
from zakupki.analytics.errors import MethodologyFileError
from zakupki.analytics.thresholds import Direction

SHIPPED = m.METHODOLOGY_DIR / "common.yaml"


def _indicator(**fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": "x1",
        "name": "Экономия",
        "formula": "savings_weighted",
        "unit": "%",
        "direction": "higher_better",
        "thresholds": [10, 5, 2],
        "weight": None,
        "informational": False,
    }
    return {**base, **fields}


def _write(
    tmp_path: Path, *indicators: dict[str, object], versions: list[tuple[str, str | None]] | None = None
) -> Path:
    spans = versions or [("2025-01-01", None)]
    document = {
        "id": "test",
        "name": "Проверочная",
        "source": "тест",
        "tag": "U",
        "versions": [
            {
                "effective_from": start,
                "effective_to": end,
                "criteria": [
                    {"id": "1", "name": "Экономность", "indicators": list(indicators) or [_indicator()]}
                ],
            }
            for start, end in spans
        ],
    }
    path = tmp_path / "test.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def _refusal(path: Path) -> str:
    with pytest.raises(MethodologyFileError) as caught:
        m.load_methodology(path)
    return str(caught.value)


def test_shipped_methodologies_load() -> None:
    loaded = m.load_methodologies()

    assert sorted(loaded) == ["common", "tyumen"]
    k13 = next(i for i in loaded["tyumen"].versions[0].indicators if i.id == "К1.3")
    assert k13.thresholds == (Decimal(4), Decimal(3), Decimal(2))
    assert k13.direction == Direction.HIGHER_BETTER
    assert loaded["tyumen"].version_on(dt.date(2018, 10, 16)) is None


def test_overlapping_versions_are_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, versions=[("2025-01-01", "2025-06-30"), ("2025-06-30", None)])

    assert _refusal(path) == (
        f"Ошибка в файле методики «{path}»: периоды версий пересекаются: версия с 01.01.2025 действует "
        "до 30.06.2025, а следующая начинается 30.06.2025"
    )


def test_open_ended_version_followed_by_another_is_an_overlap(tmp_path: Path) -> None:
    path = _write(tmp_path, versions=[("2026-01-01", None), ("2025-01-01", None)])

    assert "версия с 01.01.2025 действует бессрочно" in _refusal(path)


def test_unknown_formula_is_refused_naming_the_indicator(tmp_path: Path) -> None:
    path = _write(tmp_path, _indicator(id="К5", formula="bribes_share"))

    assert _refusal(path).startswith(
        f"Ошибка в файле методики «{path}», показатель «К5»: неизвестная формула «bribes_share», есть: savings_weighted"
    )


def test_non_monotonic_thresholds_are_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, _indicator(id="К1.2.1", direction="lower_better", thresholds=[25, 50, 35]))

    assert _refusal(path) == (
        f"Ошибка в файле методики «{path}», показатель «К1.2.1»: границы 25, 50, 35 должны строго "
        "возрастать (чем меньше, тем лучше)"
    )


def test_missing_field_is_refused(tmp_path: Path) -> None:
    broken = _indicator()
    del broken["direction"]
    path = _write(tmp_path, broken)

    assert _refusal(path).endswith("показатель «x1»: не заполнено обязательное поле «direction»")


def test_methodology_check_reports_ok() -> None:
    out = io.StringIO()

    call_command("methodology_check", stdout=out)

    assert out.getvalue().strip() == "Методики в порядке: common (версий — 1), tyumen (версий — 1)"


def test_methodology_check_exits_2_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path, _indicator(formula="nope"))
    monkeypatch.setattr(m, "METHODOLOGY_DIR", tmp_path)
    monkeypatch.setattr(m.load_methodologies, "__defaults__", (tmp_path,))
    err = io.StringIO()

    with pytest.raises(SystemExit) as exited:
        call_command("methodology_check", stderr=err)

    assert exited.value.code == 2
    assert len(err.getvalue().strip().splitlines()) == 1
    assert "неизвестная формула «nope»" in err.getvalue()


def test_broken_file_stops_start_up_but_not_the_check_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.core.exceptions import ImproperlyConfigured

    from zakupki.analytics.startup import load_methodologies_at_startup

    _write(tmp_path, _indicator(thresholds=[1, 2, 3]))
    monkeypatch.setattr(m.load_methodologies, "__defaults__", (tmp_path,))
    try:
        with pytest.raises(ImproperlyConfigured, match="границы 1, 2, 3 должны строго убывать"):
            load_methodologies_at_startup(["manage.py", "runserver"])
        load_methodologies_at_startup(["manage.py", "methodology_check"])
    finally:
        monkeypatch.undo()
        m.reset_methodologies()
    assert sorted(m.get_methodologies()) == ["common", "tyumen"]
