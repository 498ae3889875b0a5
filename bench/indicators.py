"""The whole methodology for every customer of every region, through the bulk path, against DuckDB.

    .venv/bin/python bench/indicators.py [--contracts 10000000] [--suppliers 400000] [--customers 60000]
                                         [--regions 85] [--year 2025] [--keep] [--passes]
                                         [--database-url postgres://postgres@127.0.0.1:5432/bench_indicators]

Creates (drops first) the PostgreSQL database of --database-url, migrates it with Django and fills it with
set-based SQL (INSERT … SELECT generate_series): regions in 11 time zones, customers with a skewed share
of the contracts (customer = ⌊C·u³⌋), suppliers (70% SMP), contracts of the year and of the year before
with one stage each, acceptance documents (some late), payments, payment plans by year, SMP subcontracts,
quotation sessions with participant counts, terminations and decided complaints. No EIS import rows.
Then it times, in one process:
  (a) every indicator of the `common` and `tyumen` methodologies, scoring and Rп for every customer of
      every region, through `analytics.bulk` (wall time; peak RSS of this process from getrusage; the
      PostgreSQL side as the backends' time, which is the wall time minus the Python part measured);
  (b) export of what К7 and savings need to Parquet (PostgreSQL COPY TO STDOUT → CSV → DuckDB COPY),
      and hand-written DuckDB SQL computing К7 and savings per customer;
  (c) the same two indicators through the bulk path alone;
  (d) the number of customers whose К7 or savings differ between DuckDB and the bulk path (must be 0);
  with --passes, then each bulk pass alone (where the time of (a) goes).
Session settings set for the run: work_mem = 256MB, max_parallel_workers_per_gather = --workers (default:
this machine's cores minus one, since the leader process scans too; the database runs on this machine).
"""

# The SQL here is built from integers and constants of this file, never from outside input.
# ruff: noqa: S608

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ZONES = (
    "Europe/Kaliningrad",
    "Europe/Moscow",
    "Europe/Samara",
    "Asia/Yekaterinburg",
    "Asia/Omsk",
    "Asia/Krasnoyarsk",
    "Asia/Irkutsk",
    "Asia/Yakutsk",
    "Asia/Vladivostok",
    "Asia/Magadan",
    "Asia/Kamchatka",
)


def generate_sql(*, contracts: int, suppliers: int, customers: int, regions: int, year: int) -> list[str]:
    """The statements that fill a freshly migrated database; ids are dense, so rows refer by arithmetic."""
    n, s, c, r, y = contracts, suppliers, customers, regions, year
    zones = "ARRAY[" + ",".join(f"'{z}'" for z in ZONES) + "]"

    def zone_of(customer: str) -> str:
        """The zone of a customer's region, by the same arithmetic as the inserts below."""
        return f"({zones})[1 + (1 + {customer} % {r}) % {len(ZONES)}]"

    org = (
        "INSERT INTO accounts_organization (id, created_at, updated_at, kind, status, name, short_name, inn, kpp,"
        " ogrn, is_smp, is_sonko, email, phone, status_reason, region_id) "
    )
    return [
        "SELECT setseed(0.42)",
        f"INSERT INTO accounts_region (id, created_at, updated_at, code, name, timezone, joined_on, authority_name,"
        f" contact_email) SELECT i, now(), now(), lpad(i::text, 3, '0'), 'Регион ' || i,"
        f" ({zones})[1 + i % {len(ZONES)}], '{y - 1}-01-01', '', '' FROM generate_series(1, {r}) i",
        "INSERT INTO accounts_user (id, password, is_superuser, username, first_name, last_name, email, is_staff,"
        " is_active, date_joined, full_name, role) VALUES (1, '!', false, 'bench', '', '', '', false, true, now(),"
        " 'Бенч', 'citizen')",
        # customers 1..C (region by id), suppliers C+1..C+S, one control body per region after them
        f"{org} SELECT i, now(), now(), 'customer', 'confirmed', 'Заказчик ' || i, 'З' || i,"
        f" lpad(i::text, 10, '0'), '770101001', lpad(i::text, 13, '0'), false, false, '', '', '', 1 + i % {r}"
        f" FROM generate_series(1, {c}) i",
        f"{org} SELECT i, now(), now(), 'supplier', 'confirmed', 'Поставщик ' || i, 'П' || i,"
        f" lpad(i::text, 12, '0'), '', lpad(i::text, 15, '0'), random() < 0.7, false, '', '', '', 1 + i % {r}"
        f" FROM generate_series({c + 1}, {c + s}) i",
        f"{org} SELECT i, now(), now(), 'control_body', 'confirmed', 'УФАС ' || i, 'У' || i,"
        f" lpad(i::text, 10, '9'), '770101002', lpad(i::text, 13, '9'), false, false, '', '', '', i - {c + s}"
        f" FROM generate_series({c + s + 1}, {c + s + r}) i",
        # contracts: 90% concluded in the year, 10% the year before; 5% terminated, 10% SMP-only procedures,
        # 30% with a ч.1.1 ground; НМЦК unknown for 10%
        f"""INSERT INTO contracts_contract (id, created_at, updated_at, number, status, price, nmck, basis,
            source_kind, source_id, subject, supplier_is_smp, customer_id, supplier_id, termination_kind,
            termination_reason, sgoz_exclusion, smp_procedure, concluded_at, concluded_on, terminated_at)
        SELECT i, now(), now(), 'Б-' || i, CASE WHEN t < 0.05 THEN 'terminated' WHEN t < 0.6 THEN 'executed'
                ELSE 'executing' END,
            price, CASE WHEN random() < 0.1 THEN NULL ELSE round(price * (1 + random() * 0.3)::numeric, 2) END,
            'p4', 'quotation_session', i, 'Поставка', random() < 0.7,
            cu, {c + 1} + floor(random() * {s})::int,
            CASE WHEN t < 0.05 THEN 'agreement' ELSE '' END, '',
            CASE WHEN random() < 0.3 THEN 'single_supplier' ELSE '' END, random() < 0.1, concluded,
            (concluded AT TIME ZONE {zone_of("cu")})::date,
            CASE WHEN t < 0.05 THEN concluded + interval '40 days' END
        FROM (SELECT i, random() AS t, round((1000 + power(random(), 2) * 5000000)::numeric, 2) AS price,
                     1 + floor({c} * power(random(), 3))::int AS cu,
                     CASE WHEN random() < 0.1 THEN timestamptz '{y - 1}-01-01 00:00+00'
                          ELSE timestamptz '{y}-01-01 00:00+00' END + random() * interval '365 days' AS concluded
              FROM generate_series(1, {n}) i) g""",
        # 80% of the stages are done, decided at 08:00 UTC (the same date in every zone of the platform), 15%
        # of them after the due date; the stage keeps its first accepted decision date as save() would
        """INSERT INTO contracts_stage (id, created_at, updated_at, number, due_date, amount, status, contract_id,
            first_accepted_on)
        SELECT id, now(), now(), 1, due, price,
            CASE WHEN u < 0.6 THEN 'accepted' WHEN u < 0.8 THEN 'paid' ELSE 'pending' END, id,
            CASE WHEN u < 0.8 THEN due + CASE WHEN random() < 0.15 THEN 3 ELSE -2 END END
        FROM (SELECT id, (concluded_at + interval '60 days')::date AS due, price, random() AS u
              FROM contracts_contract) c""",
        """INSERT INTO contracts_acceptancedocument (id, number, version, status, total, submitted_at,
            decision_due_at, decided_at, decided_on, refusal_reason, accepted_amount, paid_amount, submitted_by_id,
            stage_id)
        SELECT id, '1', 1, 'accepted', amount, due_date - 5, due_date,
            (first_accepted_on + time '08:00') AT TIME ZONE 'UTC', first_accepted_on, '', amount, 0, 1, id
        FROM contracts_stage WHERE first_accepted_on IS NOT NULL""",
        """INSERT INTO contracts_payment (id, amount, paid_on, created_at, document_id, recorded_by_id)
        SELECT id, round(total * 0.5, 2), decided_on + 7, now(), id, 1
        FROM contracts_acceptancedocument WHERE random() < 0.5""",
        # payment plans: last year's contracts pay half in each year; 20% of this year's spill into the next
        f"""INSERT INTO contracts_contractpaymentplan (year, amount, contract_id)
        SELECT y, amount, id FROM (
            SELECT id, {y - 1} AS y, round(price / 2, 2) AS amount FROM contracts_contract
             WHERE concluded_at < '{y}-01-01'
            UNION ALL SELECT id, {y}, price - round(price / 2, 2) FROM contracts_contract
             WHERE concluded_at < '{y}-01-01'
            UNION ALL SELECT id, {y}, CASE WHEN id % 5 = 0 THEN round(price * 0.7, 2) ELSE price END
              FROM contracts_contract WHERE concluded_at >= '{y}-01-01'
            UNION ALL SELECT id, {y + 1}, price - round(price * 0.7, 2) FROM contracts_contract
             WHERE concluded_at >= '{y}-01-01' AND id % 5 = 0) p""",
        f"""INSERT INTO contracts_contractsubcontract (subcontractor_inn, subcontractor_name, subcontractor_is_smp,
            amount, concluded_on, created_at, contract_id)
        SELECT '7700000000', 'Субподрядчик', random() < 0.7, round(price * 0.2, 2),
            date '{y}-01-01' + floor(random() * 365)::int, now(), id
        FROM contracts_contract WHERE random() < 0.1""",
        f"""INSERT INTO procedures_quotationsession (created_at, updated_at, title, delivery_terms, subject_kind,
            basis, start_price, smp_only, duration_hours, status, bids_count, participants_count, last_seq,
            ranking, cancel_reason, created_by_id, customer_id, region_id, autobids_active, closed_at)
        SELECT now(), now(), 'Сессия', '', 'goods', 'p4', 1000, false, 24, st, p, p, 0, '[]', '', 1, cu,
            1 + cu % {r}, 0, timestamptz '{y}-01-01 00:00+00' + random() * interval '365 days'
        FROM (SELECT 1 + floor({c} * power(random(), 3))::int AS cu, floor(random() * 8)::int AS p,
                     (ARRAY['finished','contract_concluded','cancelled'])[1 + floor(random() * 3)::int] AS st
              FROM generate_series(1, {max(n // 4, 1)})) g""",
        "UPDATE procedures_quotationsession SET status = 'failed' WHERE participants_count = 0",
        f"""INSERT INTO oversight_complaint (created_at, updated_at, number, status, target_kind, target_id,
            target_title, subject, respondent, grounds, remedy, filed_at, review_due_at, suspends, return_reason,
            decision, decision_text, complainant_id, control_body_id, customer_id, filed_by_id, region_id,
            decided_at)
        SELECT now(), now(), 'Ж-' || i, 'decided', 'quotation_session', i, 'Закупка', 'terms', 'customer', '[]',
            'Отменить', d - interval '7 days', d, false, '',
            (ARRAY['justified','partly_justified','unfounded'])[1 + floor(random() * 3)::int], '',
            {c + 1}, {c + s} + 1 + cu % {r}, cu, 1, 1 + cu % {r}, d
        FROM (SELECT i, 1 + floor({c} * random())::int AS cu,
                     timestamptz '{y}-01-01 00:00+00' + random() * interval '365 days' AS d
              FROM generate_series(1, {max(n // 200, 1)}) i) g""",
        "ANALYZE",
    ]


# The data К7 and savings need, flattened by PostgreSQL on the way out (local dates per region's zone).
EXPORTS = {
    "contracts": """SELECT c.id, c.customer_id, c.status, c.price, c.nmck, c.sgoz_exclusion <> '' AS excluded, c.smp_procedure,
            c.concluded_on,
            (coalesce(c.terminated_at, c.termination_effective_at) AT TIME ZONE r.timezone)::date AS terminated_on
        FROM contracts_contract c JOIN accounts_organization o ON o.id = c.customer_id
        JOIN accounts_region r ON r.id = o.region_id""",
    "plans": "SELECT contract_id, year, amount FROM contracts_contractpaymentplan",
    "payments": """SELECT s.contract_id, p.amount, p.paid_on FROM contracts_payment p
        JOIN contracts_acceptancedocument d ON d.id = p.document_id JOIN contracts_stage s ON s.id = d.stage_id""",
    "subcontracts": """SELECT contract_id, amount, concluded_on, subcontractor_is_smp
        FROM contracts_contractsubcontract""",
}

# part × 100 ÷ whole in hundredths, half up, in integer kopecks: DuckDB divides DECIMALs as DOUBLEs.
DUCKDB_MACRO = """CREATE MACRO hundredths(part, whole) AS
    (CAST(part * 100 AS HUGEINT) * 20000 + CAST(whole * 100 AS HUGEINT)) // (CAST(whole * 100 AS HUGEINT) * 2)"""

# Hand-written DuckDB SQL: the generated data has no EIS rows, no termination pending and a year that is over
# (С = 0), so К7 = V_SMP ÷ (П + Т − exclusions) and savings = Σ(НМЦК − цена) ÷ ΣНМЦК, as analytics.bulk.
DUCKDB_SQL = """
WITH c AS (SELECT * FROM read_parquet('{d}/contracts.parquet') WHERE status NOT IN ('draft', 'signed_by_supplier')),
paid_year AS (SELECT contract_id, sum(amount) AS paid FROM read_parquet('{d}/payments.parquet')
              WHERE year(paid_on) = {y} GROUP BY 1),
paid_all AS (SELECT contract_id, sum(amount) AS paid FROM read_parquet('{d}/payments.parquet') GROUP BY 1),
base AS (
  SELECT c.customer_id,
         sum(CASE WHEN c.terminated_on IS NULL OR year(c.terminated_on) > {y} THEN p.amount
                  WHEN year(c.terminated_on) < {y} THEN 0 ELSE coalesce(py.paid, 0) END) AS sgoz,
         sum(CASE WHEN NOT c.excluded THEN 0
                  WHEN c.terminated_on IS NULL OR year(c.terminated_on) > {y} THEN p.amount
                  WHEN year(c.terminated_on) < {y} THEN 0 ELSE coalesce(py.paid, 0) END) AS excluded
  FROM read_parquet('{d}/plans.parquet') p JOIN c ON c.id = p.contract_id
  LEFT JOIN paid_year py ON py.contract_id = c.id
  WHERE p.year = {y} AND c.concluded_on <= DATE '{y}-12-31'
  GROUP BY 1),
procedures AS (
  SELECT c.customer_id,
         sum(CASE WHEN c.terminated_on IS NOT NULL AND c.terminated_on <= DATE '{y}-12-31'
                  THEN coalesce(pa.paid, 0) ELSE c.price END) AS v
  FROM c LEFT JOIN paid_all pa ON pa.contract_id = c.id
  WHERE c.smp_procedure AND NOT c.excluded AND year(c.concluded_on) = {y}
  GROUP BY 1),
subs AS (
  SELECT c.customer_id, sum(s.amount) AS v
  FROM read_parquet('{d}/subcontracts.parquet') s JOIN c ON c.id = s.contract_id
  WHERE s.subcontractor_is_smp AND NOT c.smp_procedure AND NOT c.excluded AND year(s.concluded_on) = {y}
  GROUP BY 1),
savings AS (
  SELECT customer_id, sum(nmck - price) AS saved, sum(nmck) AS nmck FROM c
  WHERE nmck > 0 AND year(concluded_on) = {y} GROUP BY 1)
SELECT coalesce(b.customer_id, sv.customer_id) AS customer_id,
       CASE WHEN b.sgoz - b.excluded > 0 THEN hundredths(coalesce(pr.v, 0) + coalesce(su.v, 0),
            b.sgoz - b.excluded) END AS k7,
       hundredths(sv.saved, sv.nmck) AS savings
FROM base b FULL JOIN savings sv ON sv.customer_id = b.customer_id
LEFT JOIN procedures pr ON pr.customer_id = coalesce(b.customer_id, sv.customer_id)
LEFT JOIN subs su ON su.customer_id = coalesce(b.customer_id, sv.customer_id)
"""


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def generate(url: str, sizes: dict[str, int]) -> float:
    """Fill the (migrated) database; returns seconds."""
    import psycopg

    started = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        # A bulk load skips the row triggers that mark changed customers (ADR 0010): every customer starts
        # without stored figures, which `figures_store` builds afterwards, as after any bulk load.
        conn.execute("SET session_replication_role = replica")
        for statement in generate_sql(**sizes):
            conn.execute(statement)
        # Freshly loaded rows would make the first run set their hint bits (writing every page back) and
        # have no visibility map; a live database's autovacuum has done both long before a rating is read.
        conn.execute("VACUUM (ANALYZE)")
    return time.perf_counter() - started


def export_parquet(conn: Any, target: Path) -> float:
    """PostgreSQL (a psycopg connection) → CSV (COPY TO STDOUT) → Parquet (DuckDB COPY); returns seconds."""
    import duckdb

    started = time.perf_counter()
    with duckdb.connect() as duck:
        for name, query in EXPORTS.items():
            csv = target / f"{name}.csv"
            with (
                csv.open("wb") as out,
                conn.cursor().copy(f"COPY ({query}) TO STDOUT WITH CSV HEADER") as copy,
            ):
                for chunk in copy:
                    out.write(chunk)
            money = ", ".join(
                f"'{c}': 'DECIMAL(18,2)'" for c in ("price", "nmck", "amount") if f" {c}" in query
            )
            duck.execute(
                f"COPY (SELECT * FROM read_csv('{csv}', header = true, types = {{{money}}})) "
                f"TO '{target / name}.parquet' (FORMAT parquet)"
            )
            csv.unlink()
    return time.perf_counter() - started


def duckdb_k7_savings(target: Path, year: int) -> dict[int, tuple[Decimal | None, Decimal | None]]:
    import duckdb

    with duckdb.connect() as duck:
        duck.execute(DUCKDB_MACRO)
        rows = duck.execute(DUCKDB_SQL.format(d=target, y=year)).fetchall()
    return {
        cid: (
            None if k7 is None else Decimal(k7) / 100,
            None if sv is None else Decimal(sv) / 100,
        )
        for cid, k7, sv in rows
        if k7 is not None or sv is not None
    }


def bulk_k7_savings(year: int, as_of: Any) -> dict[int, tuple[Decimal | None, Decimal | None]]:
    from zakupki.accounts.enums import OrganizationKind
    from zakupki.accounts.models import Organization, Region
    from zakupki.analytics.bulk import bulk_values
    from zakupki.analytics.formulas.base import Period

    regions = list(Region.objects.all())
    customers = list(Organization.objects.filter(kind=OrganizationKind.CUSTOMER))
    values = bulk_values(
        ["k7_smp_share", "savings_weighted"],
        customers,
        regions=regions,
        period=Period.year(year, as_of=as_of),
    )
    return {
        cid: (v["k7_smp_share"].value, v["savings_weighted"].value)
        for cid, v in values.items()
        if v["k7_smp_share"].value is not None or v["savings_weighted"].value is not None
    }


def store_figures(year: int, as_of: Any) -> int:
    """`manage.py figures_store` for the year: every customer's bundle stored (ADR 0010)."""
    from zakupki.accounts.models import Region
    from zakupki.analytics.bulk.stored import customer_figures_store
    from zakupki.analytics.bulk.tuning import analytic_statements

    with analytic_statements():
        return customer_figures_store(regions=list(Region.objects.all()), year=year, as_of=as_of)


def forget_figures(year: int) -> None:
    from zakupki.analytics.models import CustomerChange, CustomerYearFigures

    CustomerYearFigures.objects.filter(year=year).delete()
    CustomerChange.objects.all().delete()


def change_customers(total: int, count: int) -> list[int]:
    """Touch one contract of each of `count` of the `total` customers, spread over the ids (a price up a
    kopeck and back: the data stays, the triggers mark each customer changed); returns their ids."""
    from django.db import connection

    step = max(total // count, 1)
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH touched AS (SELECT DISTINCT ON (customer_id) id FROM contracts_contract"
            f" WHERE customer_id % {step} = 0 ORDER BY customer_id, id)"
            " UPDATE contracts_contract SET price = price + 0.01 WHERE id IN (SELECT id FROM touched)"
        )
        cursor.execute(
            "UPDATE contracts_contract c SET price = c.price - 0.01 FROM analytics_customerchange ch"
            " WHERE ch.customer_id = c.customer_id AND c.id = (SELECT min(id) FROM contracts_contract"
            " WHERE customer_id = ch.customer_id)"
        )
        cursor.execute("SELECT customer_id FROM analytics_customerchange ORDER BY 1")
        return [row[0] for row in cursor.fetchall()]


def worker_refresh() -> tuple[int, float]:
    """The worker's passes over the changed customers until none is due: (customers handled, seconds)."""
    from django.utils import timezone

    from zakupki.worker.registry import discover_time_events
    from zakupki.worker.runner import run_pass

    events = [e for e in discover_time_events() if e.name == "analytics.customer_changed"]
    started, handled = time.perf_counter(), 0
    while (result := run_pass(events=events, now=timezone.now())).handled:
        handled += result.handled
    return handled, time.perf_counter() - started


def full_methodology(year: int, as_of: Any) -> tuple[int, int]:
    """Every indicator of every methodology, scored, for every customer of every region: (customers, rows)."""
    from zakupki.accounts.enums import OrganizationKind
    from zakupki.accounts.models import Organization, Region
    from zakupki.analytics.bulk import bulk_values
    from zakupki.analytics.formulas.base import Period
    from zakupki.analytics.methodology import get_methodologies
    from zakupki.analytics.scoring import score
    from zakupki.analytics.selectors import methodology_version

    regions = list(Region.objects.all())
    customers = list(Organization.objects.filter(kind=OrganizationKind.CUSTOMER))
    versions = [methodology_version(m, year) for m in get_methodologies().values()]
    formulas = {i.formula for v in versions for i in v.indicators}
    values = bulk_values(formulas, customers, regions=regions, period=Period.year(year, as_of=as_of))
    scored = 0
    for version in versions:
        for c in customers:
            score(version, {i.id: values[c.pk][i.formula] for i in version.indicators}, {})
            scored += 1
    return len(customers), scored


# BulkRun's passes in the order the twins first read them; `platform` includes the late contracts
PASSES = ("platform", "eis", "sessions", "k9", "sgoz_platform", "sgoz_eis", "unplanned", "volumes", "smp")


def pass_times(year: int, as_of: Any) -> dict[str, float]:
    """Each bulk pass of the full methodology timed alone (seconds, wall)."""
    from zakupki.accounts.models import Region
    from zakupki.analytics.bulk import BulkRun
    from zakupki.analytics.bulk.tuning import analytic_statements
    from zakupki.analytics.formulas.base import Period

    run = BulkRun(list(Region.objects.all()), Period.year(year, as_of=as_of))
    times = {}
    with analytic_statements():
        for name in PASSES:
            started = time.perf_counter()
            getattr(run, name)
            times[name] = time.perf_counter() - started
    return times


def mismatches(a: dict[int, Any], b: dict[int, Any]) -> int:
    return sum(1 for k in set(a) | set(b) if a.get(k) != b.get(k))


def _tune(workers: int) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET work_mem = '256MB'")
        cursor.execute(f"SET max_parallel_workers_per_gather = {int(workers)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contracts", type=int, default=10_000_000)
    parser.add_argument("--suppliers", type=int, default=400_000)
    parser.add_argument("--customers", type=int, default=60_000)
    parser.add_argument("--regions", type=int, default=85)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--keep", action="store_true", help="reuse the generated database and keep it")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/bench_indicators")
    parser.add_argument("--passes", action="store_true", help="also time each bulk pass alone")
    parser.add_argument(
        "--workers",
        type=int,
        default=max(1, (os.cpu_count() or 2) - 1),
        help="PostgreSQL parallel workers per query (max_parallel_workers_per_gather)",
    )
    args = parser.parse_args()
    import datetime as dt
    import subprocess

    import psycopg

    url, name = args.database_url, args.database_url.rsplit("/", 1)[1]
    admin = args.database_url.rsplit("/", 1)[0] + "/postgres"
    sizes = {
        "contracts": args.contracts,
        "suppliers": args.suppliers,
        "customers": args.customers,
        "regions": args.regions,
        "year": args.year,
    }
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        fresh = not (args.keep and exists)
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": url}
    if fresh:
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        print(f"generated {sizes} in {generate(url, sizes):.1f} s", flush=True)
    _setup_django(url)
    _tune(args.workers)
    as_of = dt.datetime(args.year + 1, 1, 15, 9, tzinfo=dt.UTC)
    rss_before = _rss_mb()
    forget_figures(args.year)  # a kept database may hold an earlier run's

    started = time.perf_counter()
    cpu_before = time.process_time()
    customers, scored = full_methodology(args.year, as_of)
    full_s, full_cpu = time.perf_counter() - started, time.process_time() - cpu_before
    rss_full = _rss_mb()

    started = time.perf_counter()
    bulk = bulk_k7_savings(args.year, as_of)
    bulk_s = time.perf_counter() - started

    started = time.perf_counter()
    stored = store_figures(args.year, as_of)
    store_s = time.perf_counter() - started

    started = time.perf_counter()
    cpu_before = time.process_time()
    full_methodology(args.year, as_of)
    warm_s, warm_cpu = time.perf_counter() - started, time.process_time() - cpu_before
    rss_warm = _rss_mb()

    started = time.perf_counter()
    bulk_warm = bulk_k7_savings(args.year, as_of)
    bulk_warm_s = time.perf_counter() - started

    changed = change_customers(args.customers, args.customers // 100)
    started = time.perf_counter()
    full_methodology(args.year, as_of)
    changed_s = time.perf_counter() - started
    refreshed, refresh_s = worker_refresh()

    with tempfile.TemporaryDirectory(prefix="bench_indicators_") as tmp:
        with psycopg.connect(url) as conn:
            export_s = export_parquet(conn, Path(tmp))
        started = time.perf_counter()
        duck = duckdb_k7_savings(Path(tmp), args.year)
        duck_s = time.perf_counter() - started

    size = psycopg.connect(admin).execute("SELECT pg_size_pretty(pg_database_size(%s))", [name]).fetchone()
    load = os.getloadavg()
    print()
    print(
        f"data: {sizes}, database size {size[0] if size else '?'}; load average {load[0]:.2f}/{load[1]:.2f};"
        f" parallel workers per query {args.workers}"
    )
    print()
    print("| step | wall s | notes |")
    print("|---|---|---|")
    print(
        f"| (a) full methodology, bulk, nothing stored (common + tyumen, scoring, Rп) | {full_s:.1f} | "
        f"{customers} customers, {scored} scores; Python CPU {full_cpu:.1f} s, so PostgreSQL ≈ "
        f"{max(full_s - full_cpu, 0):.1f} s wall; peak RSS {rss_full:.0f} MB (before {rss_before:.0f} MB) |"
    )
    print(f"| (c) bulk К7 + savings, nothing stored | {bulk_s:.1f} | {len(bulk)} customers |")
    print(
        f"| (s) store every customer's figures of the year (`figures_store`) | {store_s:.1f} | {stored} bundles |"
    )
    print(
        f"| (a′) full methodology over the stored figures | {warm_s:.1f} | Python CPU {warm_cpu:.1f} s; "
        f"peak RSS {rss_warm:.0f} MB |"
    )
    print(
        f"| (c′) bulk К7 + savings over the stored figures | {bulk_warm_s:.2f} | {len(bulk_warm)} customers |"
    )
    print(
        f"| (a″) full methodology after {len(changed)} customers changed (computed live for them) | "
        f"{changed_s:.1f} | |"
    )
    print(f"| (w) the worker stores the changed customers again | {refresh_s:.1f} | {refreshed} customers |")
    print(f"| (b1) export to Parquet (COPY → CSV → DuckDB) | {export_s:.1f} | 4 tables |")
    print(f"| (b2) DuckDB К7 + savings | {duck_s:.2f} | {len(duck)} customers |")
    print(
        f"| (d) mismatches DuckDB vs bulk (c), and (c) vs (c′) | {mismatches(duck, bulk)}, {mismatches(bulk, bulk_warm)} | must be 0 |"
    )
    if args.passes:
        print()
        print("| pass | wall s |")
        print("|---|---|")
        for name, seconds in pass_times(args.year, as_of).items():
            print(f"| {name} | {seconds:.1f} |")
    if not args.keep:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}"')


if __name__ == "__main__":
    main()
