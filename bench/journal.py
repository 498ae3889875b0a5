"""Audit journal append throughput on PostgreSQL, beside pgbench running the same SQL transaction.

    .venv/bin/python bench/journal.py [--url postgres://postgres@127.0.0.1:5432/postgres] [--events 2000]

Creates a scratch database `zakupki_bench_journal`, migrates it, then for 1, 8 and 32 client threads
appends events through `audit_record` (each in its own transaction, as a service would) and reports
events/s with p50/p99 latency. Then runs pgbench with the same statements (lock the head row, read it,
insert the event, move the head) and the same client counts: the physical limit of one chained journal.
Finally verifies the chain. Bounded: a fixed number of events per run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "zakupki_bench_journal"

PGBENCH_SCRIPT = """
BEGIN;
UPDATE documents_journalhead SET seq = seq WHERE id = 1 RETURNING seq, hash;
INSERT INTO documents_auditevent (seq, occurred_at, actor_label, event, object_type, object_id, details, prev_hash, hash)
  SELECT seq + 1, now(), 'bench', 'region.settings_changed', 'accounts.region', '1', '{}',
         md5(random()::text) || md5(random()::text), md5(random()::text) || md5(random()::text)
  FROM documents_journalhead WHERE id = 1;
UPDATE documents_journalhead SET seq = seq + 1 WHERE id = 1;
END;
"""


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
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _run_threads(clients: int, events: int) -> tuple[float, list[float]]:
    from django.db import connection, transaction

    from zakupki.accounts.models import Region
    from zakupki.documents.events import EventType
    from zakupki.documents.services.audit import audit_record

    region, _ = Region.objects.get_or_create(
        code="72",
        defaults={"name": "Тюменская область", "timezone": "Asia/Yekaterinburg", "joined_on": "2026-01-01"},
    )
    per_client = events // clients
    latencies: list[float] = []
    lock = threading.Lock()
    barrier = threading.Barrier(clients + 1)

    def client() -> None:
        mine: list[float] = []
        barrier.wait()
        for i in range(per_client):
            started = time.perf_counter()
            with transaction.atomic():
                audit_record(
                    actor=None, event=EventType.REGION_SETTINGS_CHANGED, obj=region, details={"i": i}
                )
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, latencies


def _pgbench(url: str, clients: int, transactions_per_client: int) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
        script.write(PGBENCH_SCRIPT)
    result = subprocess.run(
        [
            "pgbench",
            "-n",
            "-c",
            str(clients),
            "-j",
            "2",
            "-t",
            str(transactions_per_client),
            "-f",
            script.name,
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    os.unlink(script.name)
    tps = [line for line in result.stdout.splitlines() if line.startswith("tps")]
    latency = [line for line in result.stdout.splitlines() if line.startswith("latency average")]
    return f"{tps[0].split('(')[0].strip()}; {latency[0]}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--events", type=int, default=2000)
    args = parser.parse_args()
    _setup_django(args.url)
    db_url = os.environ["DATABASE_URL"]
    print(f"events per run: {args.events}")
    for clients in (1, 8, 32):
        elapsed, latencies = _run_threads(clients, args.events)
        latencies.sort()
        p50 = statistics.median(latencies) * 1000
        p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
        rate = len(latencies) / elapsed
        print(
            f"audit_record, {clients:>2} threads: {rate:8.0f} events/s  p50 {p50:6.1f} ms  p99 {p99:6.1f} ms"
        )
        print(
            f"pgbench,      {clients:>2} clients: {_pgbench(db_url, clients, max(1, args.events // clients))}"
        )
    from zakupki.documents.services.verification import journal_verify

    report = journal_verify()
    print(
        f"journal_verify: ok={report.ok} checked={report.checked} (pgbench rows carry fake hashes: expected broken)"
    )


if __name__ == "__main__":
    main()
