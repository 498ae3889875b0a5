from __future__ import annotations

import os
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from zakupki.core.testing import run_python
from zakupki.rules.loader import get_registry
from zakupki.rules.startup import load_rules_at_startup

from .conftest import WriteYaml

BROKEN = 'parameters:\n  - key: cbr.key_rate\n    periods:\n      - {from: 2025-12-22, value: "15"}\n'


def _broken_message(path: Path) -> str:
    return f"Ошибка в файле правил «{path}», параметр «cbr.key_rate»: два периода начинаются в один день — 22.12.2025"


def test_startup_refuses_a_broken_extra_file(settings, fresh_rules, write_yaml: WriteYaml):
    path = write_yaml("extra/key_rate.yaml", BROKEN)
    settings.ZAKUPKI_RULES_EXTRA_DIR = str(path.parent)

    with pytest.raises(ImproperlyConfigured) as caught:
        load_rules_at_startup(argv=["manage.py", "runserver"])

    assert str(caught.value) == _broken_message(path)


def test_startup_lets_rules_check_report_the_defect_itself(settings, fresh_rules, write_yaml: WriteYaml):
    path = write_yaml("extra/key_rate.yaml", BROKEN)
    settings.ZAKUPKI_RULES_EXTRA_DIR = str(path.parent)

    load_rules_at_startup(argv=["manage.py", "rules_check"])


def test_startup_loads_the_registry_once(fresh_rules):
    load_rules_at_startup(argv=["manage.py", "runserver"])

    assert get_registry() is get_registry()


def test_rules_check_prints_the_parameter_count():
    out = StringIO()

    call_command("rules_check", stdout=out)

    assert out.getvalue().startswith(f"Правила в порядке: параметров — {len(get_registry())}, ")


def test_rules_check_prints_one_line_and_exits_2(settings, write_yaml: WriteYaml):
    path = write_yaml("extra/key_rate.yaml", BROKEN)
    settings.ZAKUPKI_RULES_EXTRA_DIR = str(path.parent)
    err = StringIO()

    with pytest.raises(SystemExit) as caught:
        call_command("rules_check", stderr=err, no_color=True)

    assert caught.value.code == 2
    assert err.getvalue() == _broken_message(path) + "\n"


def _manage(*args: str, extra_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "ZAKUPKI_RULES_EXTRA_DIR": str(extra_dir),
        "DATABASE_URL": "sqlite:///:memory:",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    return run_python(["manage.py", *args], env)


def test_manage_py_rules_check_exit_code_2(write_yaml: WriteYaml):
    path = write_yaml("extra/key_rate.yaml", BROKEN)

    result = _manage("rules_check", extra_dir=path.parent)

    assert result.returncode == 2
    assert result.stderr.strip() == _broken_message(path)
    assert len(result.stderr.strip().splitlines()) == 1


def test_process_refuses_to_start_with_a_broken_file(write_yaml: WriteYaml):
    path = write_yaml("extra/key_rate.yaml", BROKEN)

    result = _manage("check", extra_dir=path.parent)

    assert result.returncode != 0
    assert f"django.core.exceptions.ImproperlyConfigured: {_broken_message(path)}" in result.stderr
