"""`manage.py import_eis`: files, folders, zips; the summary; exit codes 0 / 1 / 2."""

import io
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zakupki.interop.models import EisContract, EisDocument
from zakupki.interop.tests.builders import CONTRACT_XML, export, procedure, write

pytestmark = pytest.mark.django_db


def _run(*paths):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_eis", *[str(p) for p in paths], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_zip_folder_and_file_together_with_a_summary(tmp_path):
    archive = tmp_path / "data.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("jan/contractProcedure_1.xml", export(procedure(reg_num="2790000000018000001")))
        zf.writestr("jan/contractProcedure_1.xml.sig", b"not xml")
        zf.write(CONTRACT_XML, "contract_2790100900118000001.xml")
    folder = tmp_path / "folder"
    (folder / "deep").mkdir(parents=True)
    write(folder / "deep" / "p.xml", procedure(reg_num="2790000000018000002"))
    (folder / "SHA256SUMS").write_text("ignored")

    out, err = _run(archive, folder)

    assert out.splitlines() == [
        "Файлов: 3, отклонено файлов: 0",
        "Документов: 3 (contract: 1, contractProcedure: 2)",
        "Импортировано: 3, обновлено: 0, без изменений: 0, устарело: 0, отклонено: 0",
    ]
    assert err == ""  # not a terminal: no progress bar
    assert EisDocument.objects.count() == 3
    assert EisContract.objects.get().reg_num == "2790100900118000001"


def test_rejected_documents_give_exit_code_1_and_are_listed(tmp_path):
    path = write(tmp_path / "mixed.xml", procedure(reg_num="2790000000018000001"), procedure(reg_num="123"))
    out = io.StringIO()

    with pytest.raises(CommandError) as failure:
        call_command("import_eis", str(path), stdout=out, stderr=io.StringIO())

    assert failure.value.returncode == 1
    assert out.getvalue().splitlines() == [
        "Файлов: 1, отклонено файлов: 0",
        "Документов: 2 (contractProcedure: 2)",
        "Импортировано: 1, обновлено: 0, без изменений: 0, устарело: 0, отклонено: 1",
        "  mixed.xml, документ 2 (contractProcedure 123): реестровый номер «123» — не 19 цифр",
        "Отклонено документов: 1, файлов: 0",
    ]
    assert EisDocument.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.xml", None, "нет такого файла или папки"),
        ("notes.txt", b"just text", "не XML и не zip"),
        ("broken.zip", b"PK\x03\x04 not really a zip", "не XML и не zip"),
    ],
)
def test_unusable_input_exits_2_with_one_line(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)

    with pytest.raises(CommandError) as failure:
        _run(path)

    assert failure.value.returncode == 2
    assert str(failure.value) == f"{path}: {message}"
    assert EisDocument.objects.count() == 0


def test_zip_without_xml_is_unusable(tmp_path):
    archive = tmp_path / "empty.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("readme.txt", "nothing")

    with pytest.raises(CommandError) as failure:
        _run(archive)

    assert (failure.value.returncode, str(failure.value)) == (2, f"{archive}: в архиве нет файлов .xml")


def test_empty_folder_is_unusable(tmp_path):
    with pytest.raises(CommandError) as failure:
        _run(tmp_path)

    assert (failure.value.returncode, str(failure.value)) == (
        2,
        f"{tmp_path}: в папке нет файлов .xml или .zip",
    )


def test_cli_process_exit_codes_and_stderr_line(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    missing = tmp_path / "nothing-here"

    done = subprocess.run(  # noqa: S603 — our own manage.py with a path we made
        [sys.executable, "manage.py", "import_eis", str(missing)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [f"CommandError: {missing}: нет такого файла или папки"]
    assert done.stdout == ""
