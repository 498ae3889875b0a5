import os
import subprocess
import sys
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zakupki.catalog.enums import OfferStatus
from zakupki.catalog.models import CatalogImport, CatalogItem, Category, SupplierOffer
from zakupki.catalog.services import items as item_services
from zakupki.catalog.tests import factories as f
from zakupki.core.errors import DomainError
from zakupki.documents.models import AuditEvent

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[3]
SAMPLE = REPO / "zakupki" / "catalog" / "fixtures" / "portal_sample.csv"
HEADER = "ID СТЕ;Название СТЕ;Категория;Код КПГЗ;Характеристики"
BALL_JSON = '"[{""Name"":""Модель"",""Id"":283795036,""Value"":""REGATEADOR5-R""}]"'


def run(command, *args):
    out, err = StringIO(), StringIO()
    call_command(command, *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path, text, name="cte.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_real_portal_file_imports_every_item(portal_xlsx):
    out, err = run("import_catalog", portal_xlsx)

    assert out == "Импортировано: 99, пропущено: 0\n"
    assert err.endswith("\rИмпорт: 99 из 99 (100%)\n")
    assert CatalogItem.objects.count() == 99
    assert Category.objects.count() == 14
    ball = CatalogItem.objects.get(ste_id="1153097")
    assert (ball.name, ball.category.name, ball.kpgz_code, ball.okei_code, ball.unit_name) == (
        "мяч футбольный MIKASA REGATEADOR5-G",
        "Мячи футбольные",
        "01.08.01.13.01",
        "796",
        "Штука",
    )
    assert ball.characteristics[0] == {"name": "Модель", "value": "REGATEADOR5-R", "unit": ""}
    assert ball.characteristics[-1] == {"name": "Размер", "value": "5", "unit": "усл. ед"}
    assert ball.search_stems.startswith(" мяч футбольн mikasa regateador5 g ")
    # The portal leaves "Value" out where nothing was filled in.
    washer = CatalogItem.objects.get(ste_id="1159594").characteristics
    assert {"name": "Емкость для воды", "value": "", "unit": "л;^дм[3*]"} in washer
    # Trailing spaces in the portal's category names do not make a second category.
    assert CatalogItem.objects.get(ste_id="1153130").category.name == "Мячи волейбольные"


def test_reimport_updates_in_place(portal_xlsx):
    run("import_catalog", portal_xlsx)
    CatalogItem.objects.filter(ste_id="1153097").update(name="испорчено")

    out, _ = run("import_catalog", portal_xlsx, "--format", "portal-xlsx")

    assert out == "Импортировано: 99, пропущено: 0\n"
    assert CatalogItem.objects.count() == 99
    assert CatalogItem.objects.get(ste_id="1153097").name == "мяч футбольный MIKASA REGATEADOR5-G"
    imports = list(AuditEvent.objects.filter(event="catalog.imported").values_list("details", flat=True))
    assert imports[-1] == {
        "file": "cte_test.xlsx",
        "format": "portal-xlsx",
        "imported": 99,
        "created": 0,
        "updated": 99,
        "skipped": 0,
    }
    assert CatalogImport.objects.count() == 2


def test_shipped_sample_is_real_portal_data(portal_xlsx):
    """The fixture holds rows copied from the portal file, unchanged."""
    run("import_catalog", portal_xlsx)
    real = {
        i.ste_id: (i.name, i.category.name, i.kpgz_code, i.characteristics) for i in CatalogItem.objects.all()
    }
    CatalogItem.objects.all().delete()

    out, _ = run("import_catalog", SAMPLE)

    assert out == "Импортировано: 33, пропущено: 0\n"
    sample = {
        i.ste_id: (i.name, i.category.name, i.kpgz_code, i.characteristics) for i in CatalogItem.objects.all()
    }
    assert sample == {ste_id: real[ste_id] for ste_id in sample}


def test_bad_rows_are_skipped_with_their_line_and_leave_nothing(tmp_path):
    path = write(
        tmp_path,
        "\n".join(
            [
                HEADER,
                f"1153097;мяч футбольный MIKASA REGATEADOR5-G;Мячи футбольные;01.08.01.13.01;{BALL_JSON}",
                "1153098;мяч;Новая категория;01.08.01.13.01;[{not json",
                "1153099;;Мячи;01.08;[]",
                "abc;мяч;Мячи;01.08;[]",
                "1153100;мяч;Ещё категория;1.8;[]",
                '1153101;мяч;Мячи;01.08;"{""Name"":""x""}"',
                '1153103;мяч;Мячи;01.08;"[{""Value"":""x""}]"',
                "",
                "1153102;мяч волейбольный;Мячи волейбольные;01.08.01.14.03.01;",
            ]
        ),
    )

    out, _ = run("import_catalog", path)

    assert out.splitlines() == [
        "Импортировано: 2, пропущено: 6",
        "строка 3: неверный JSON характеристик",
        "строка 4: не указано название СТЕ",
        "строка 5: неверный ID СТЕ «abc»: ожидаются цифры",
        "строка 6: неверный код КПГЗ «1.8»",
        "строка 7: характеристики должны быть списком",
        "строка 8: у характеристики нет поля Name",
    ]
    assert sorted(CatalogItem.objects.values_list("ste_id", flat=True)) == ["1153097", "1153102"]
    assert sorted(Category.objects.values_list("name", flat=True)) == ["Мячи волейбольные", "Мячи футбольные"]


def test_a_row_failing_half_way_is_rolled_back_whole(tmp_path, monkeypatch):
    original = item_services.catalog_item_refresh_search

    def failing(*, item):
        if item.ste_id == "2":
            raise DomainError("не удалось обновить поиск")
        original(item=item)

    monkeypatch.setattr(item_services, "catalog_item_refresh_search", failing)
    path = write(
        tmp_path, f"{HEADER}\n1;первый;Кат А;01.01;[]\n2;второй;Кат Б;01.02;[]\n3;третий;Кат А;01.01;[]\n"
    )

    out, _ = run("import_catalog", path)

    assert out.splitlines() == ["Импортировано: 2, пропущено: 1", "строка 3: не удалось обновить поиск"]
    assert sorted(CatalogItem.objects.values_list("ste_id", flat=True)) == ["1", "3"]
    assert list(Category.objects.values_list("name", flat=True)) == ["Кат А"]


def test_comma_delimited_csv_with_bom(tmp_path):
    path = tmp_path / "cte.csv"
    path.write_text(
        "\ufeffID СТЕ,Название СТЕ,Категория,Код КПГЗ,Характеристики,Код ОКЕИ\n"
        '900001,"Песок строительный, мытый",Песок,01.02.03,"[{""Name"":""Фракция"",""Value"":""0-5"",""Unit"":""мм""}]",166\n',
        encoding="utf-8",
    )

    out, _ = run("import_catalog", path, "--format", "csv")

    assert out == "Импортировано: 1, пропущено: 0\n"
    sand = CatalogItem.objects.get()
    assert (sand.name, sand.okei_code, sand.unit_name, sand.characteristics) == (
        "Песок строительный, мытый",
        "166",
        "Килограмм",
        [{"name": "Фракция", "value": "0-5", "unit": "мм"}],
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "Файл не найден: {path}"),
        ("ID СТЕ;Название СТЕ;Категория\n1;мяч;Мячи\n", "В файле нет колонок: «Код КПГЗ», «Характеристики»"),
        ("", "Файл cte.csv пуст"),
    ],
)
def test_a_bad_file_exits_with_code_2(tmp_path, content, message):
    path = tmp_path / "cte.csv"
    if content is not None:
        path.write_text(content, encoding="utf-8")

    with pytest.raises(CommandError) as caught:
        run("import_catalog", path)

    assert caught.value.returncode == 2
    assert str(caught.value) == message.format(path=path)
    assert CatalogItem.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_a_broken_xlsx_exits_with_code_2(tmp_path):
    path = write(tmp_path, "not a zip", name="cte.xlsx")

    with pytest.raises(CommandError) as caught:
        run("import_catalog", path)

    assert caught.value.returncode == 2
    assert str(caught.value) == "Не удалось прочитать файл XLSX cte.xlsx: файл повреждён или это не XLSX"


def test_the_real_exit_code_and_one_line_on_stderr(tmp_path):
    missing = tmp_path / "нет.xlsx"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": "sqlite:///:memory:",
    }

    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, str(REPO / "manage.py"), "import_catalog", str(missing)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=False,
    )

    assert result.returncode == 2
    assert result.stderr == f"CommandError: Файл не найден: {missing}\n"


# --- offers ---------------------------------------------------------------------------------------------


def test_import_offers_publishes_then_updates(tmp_path):
    user = f.supplier_user()
    f.region("50")
    f.item()
    f.item(
        ste_id="1153130",
        name="мяч волейбольный Gala Pro-Line 10 FIVB",
        category="Мячи волейбольные",
        kpgz_code="01.08.01.14.03.01",
    )
    path = write(
        tmp_path,
        "ste_id;price;stock;regions;valid_from;valid_until\n"
        "1153097;2489,50;12;77, 50;01.01.2026;31.12.2099\n"
        "1153130;3100;4;77;2026-01-01;2099-12-31\n"
        "1153131;100;1;77;01.01.2026;31.12.2099\n"
        "1153130;0;4;77;01.01.2026;31.12.2099\n"
        "1153097;10;1;77;32.01.2026;31.12.2099\n",
        name="offers.csv",
    )

    out, _ = run("import_offers", path, "--supplier-inn", f.org_of(user).inn)

    assert out.splitlines() == [
        "Импортировано: 2, пропущено: 3",
        "строка 4: СТЕ «1153131» нет в каталоге",
        "строка 5: цена должна быть больше нуля",
        "строка 6: неверная дата начала «32.01.2026»: ожидается ДД.ММ.ГГГГ",
    ]
    offers = SupplierOffer.objects.order_by("item__ste_id")
    assert [(o.item.ste_id, o.price, o.stock, o.status) for o in offers] == [
        ("1153097", Decimal("2489.50"), Decimal("12.000"), OfferStatus.ACTIVE),
        ("1153130", Decimal("3100.00"), Decimal("4.000"), OfferStatus.ACTIVE),
    ]

    path.write_text(
        'ste_id,price,stock,regions,valid_from,valid_until\n1153097,2300,12,"77,50",01.01.2026,31.12.2099\n'
    )
    out, _ = run("import_offers", path, "--supplier-inn", f.org_of(user).inn)

    assert out == "Импортировано: 1, пропущено: 0\n"
    assert SupplierOffer.objects.get(item__ste_id="1153097").price == Decimal("2300.00")
    assert AuditEvent.objects.filter(event="offer.changed").get().details == {"price": ["2489.50", "2300.00"]}


def test_import_offers_for_an_unknown_supplier_exits_with_code_2(tmp_path):
    path = write(tmp_path, "ste_id;price;stock;regions;valid_from;valid_until\n", name="offers.csv")

    with pytest.raises(CommandError) as caught:
        run("import_offers", path, "--supplier-inn", "7707083893")

    assert caught.value.returncode == 2
    assert str(caught.value) == "Поставщик с ИНН 7707083893 не зарегистрирован"
