"""EIS open-data import throughput and memory on a large synthetic file made of real documents.

    .venv/bin/python bench/eis_import.py [--url postgres://postgres@127.0.0.1:5432/postgres]
                                         [--documents 100000] [--keep-file]

Builds one `export` file of --documents documents by replicating the 117 real `contractProcedure`
documents of ../shared/data/eis with fresh registry numbers (region 79 kept), so every document is a new
identity. Creates a scratch database `zakupki_bench_eis`, migrates it, then:
  (1) parses the whole file with the streaming parser alone (docs/s, peak RSS);
  (2) imports it through `eis_import` (docs/s, peak RSS);
  (3) imports it again: every document unchanged (docs/s).
Peak RSS is the process's high-water mark (`ru_maxrss`) read after each step.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_EIS = ROOT / ".." / "shared" / "data" / "eis"
DB_NAME = "zakupki_bench_eis"
HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<ns2:export xmlns="http://zakupki.gov.ru/oos/types/1" xmlns:ns2="http://zakupki.gov.ru/oos/export/1" '
    'xmlns:ns3="http://zakupki.gov.ru/oos/printform/1" xmlns:ns4="http://zakupki.gov.ru/oos/control99/1">\n'
)
_DOCUMENT = re.compile(rb"(<ns2:contractProcedure\b.*?</ns2:contractProcedure>)", re.S)
_REG_NUM = re.compile(rb"<regNum>\d{19}</regNum>")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_file(path: Path, documents: int) -> int:
    templates = []
    for file in sorted(SHARED_EIS.glob("*.xml")):
        match = _DOCUMENT.search(file.read_bytes())
        if match is None:
            raise SystemExit(f"{file}: no contractProcedure element")
        templates.append(match.group(1))
    with path.open("wb") as out:
        out.write(HEAD.encode())
        for i in range(documents):
            reg_num = f"2790{i:015d}".encode()
            out.write(
                _REG_NUM.sub(b"<regNum>" + reg_num + b"</regNum>", templates[i % len(templates)], count=1)
            )
            out.write(b"\n")
        out.write(b"</ns2:export>\n")
    return path.stat().st_size


def _setup_django(url: str) -> None:
    base = url.rsplit("/", 1)[0]
    subprocess.run(
        ["psql", f"{base}/postgres", "-qc", f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)'], check=True
    )
    subprocess.run(["psql", f"{base}/postgres", "-qc", f'CREATE DATABASE "{DB_NAME}"'], check=True)
    os.environ["DATABASE_URL"] = f"{base}/{DB_NAME}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # DEBUG keeps every query (each with a document's XML) in memory: it would be measured as ours.
    settings.DEBUG = False

    call_command("migrate", verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--keep-file", action="store_true")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="eis-bench-"))
    path = workdir / "contractProcedure_bench.xml"
    started = time.perf_counter()
    size = build_file(path, args.documents)
    print(
        f"file: {args.documents} documents, {size / 1e6:.0f} MB, built in {time.perf_counter() - started:.1f} s"
    )
    _setup_django(args.url)
    print(f"after Django setup and migrate: peak RSS {_rss_mb():.0f} MB")

    from zakupki.interop.eis.parser import iter_export
    from zakupki.interop.eis.sources import collect_sources
    from zakupki.interop.models import EisDocument
    from zakupki.interop.services.eis_import import eis_import

    started = time.perf_counter()
    with path.open("rb") as stream:
        parsed = sum(1 for _ in iter_export(stream, path.name))
    elapsed = time.perf_counter() - started
    print(
        f"(1) parse only: {parsed} documents in {elapsed:.1f} s = {parsed / elapsed:.0f} docs/s; peak RSS {_rss_mb():.0f} MB"
    )

    for label in ("(2) import", "(3) re-import"):
        started = time.perf_counter()
        report = eis_import(sources=collect_sources([path]))
        elapsed = time.perf_counter() - started
        outcomes = ", ".join(f"{k}={v}" for k, v in sorted(report.outcomes.items()))
        print(
            f"{label}: {report.documents} documents in {elapsed:.1f} s = {report.documents / elapsed:.0f} docs/s"
            f" ({outcomes}); peak RSS {_rss_mb():.0f} MB"
        )
    print(f"rows: {EisDocument.objects.count()} documents stored")
    if args.keep_file:
        print(f"kept {path}")
    else:
        path.unlink()
        workdir.rmdir()


if __name__ == "__main__":
    main()
