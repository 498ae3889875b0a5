"""Bid placement through the real HTTP API on PostgreSQL, beside pgbench running the same transaction.

    .venv/bin/python bench/bids.py [--url postgres://postgres@127.0.0.1:5432/postgres]
                                   [--bidders 100] [--sessions 1000] [--seconds 15] [--workers 4]

Scenarios (each bounded by --seconds):
  (a) hot:    --bidders concurrent bidders on one session; when its price nears the floor of the step grid
              they move on to the next fresh session (a session takes at most ~190 minimum steps).
  (a') the same hot session with a --think pause between a bidder's bids (people, not a flood).
  (b) spread: the same bidders spread over --sessions open sessions.
Every request is a real `POST /api/v1/sessions/{id}/bids` with a personal API token, served by gunicorn
(sync workers) with the full bid path on: validation, session row lock, bid row, audit journal event,
NOTIFY for live pages. A bidder offers 1–4 minimum steps below the best price it last saw, so under
contention many offers arrive late and are refused (HTTP 422): both counts are reported.

Beside each scenario, in the same run, pgbench runs the same SQL transaction as the bid path (captured from
a real bid below and printed) with the same number of clients: the physical limit.
Creates and drops a scratch database `zakupki_bench_bids`.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "zakupki_bench_bids"
PORT = 8765
START_PRICE = Decimal("500000.00")

# The statements of one accepted bid (see `capture_bid_sql` output): lock the session, find the
# participant, update it, insert the bid, append to the journal (lock head, insert event, move head),
# save the session, NOTIFY.
PGBENCH_SCRIPT = """
\\set sid random(:first_sid, :last_sid)
BEGIN;
SELECT id, best_price, last_seq FROM procedures_quotationsession WHERE id = :sid FOR UPDATE;
SELECT id FROM procedures_participant WHERE session_id = :sid ORDER BY id LIMIT 1;
UPDATE procedures_participant SET best_price = best_price WHERE id = (SELECT id FROM procedures_participant WHERE session_id = :sid ORDER BY id LIMIT 1);
INSERT INTO pgbench_bids (session_id, price, placed_at) SELECT :sid, best_price - 0.01 * (random() * 100)::int, now() FROM procedures_quotationsession WHERE id = :sid;
UPDATE documents_journalhead SET seq = seq WHERE id = 1;
SELECT seq, hash FROM documents_journalhead WHERE id = 1 FOR UPDATE;
INSERT INTO pgbench_events (seq, details) SELECT seq + 1, '{"bench": true}' FROM documents_journalhead WHERE id = 1;
UPDATE documents_journalhead SET seq = seq + 1 WHERE id = 1;
UPDATE procedures_quotationsession SET bids_count = bids_count + 1, last_seq = last_seq + 1, updated_at = now() WHERE id = :sid;
SELECT pg_notify('session_' || :sid, 'bench');
END;
"""


def run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload, no-any-return]


def setup_database(url: str) -> str:
    base = url.rsplit("/", 1)[0]
    subprocess.run(
        ["psql", f"{base}/postgres", "-qc", f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)'], check=True
    )
    run(["psql", f"{base}/postgres", "-qc", f'CREATE DATABASE "{DB_NAME}"'])
    db_url = f"{base}/{DB_NAME}"
    os.environ["DATABASE_URL"] = db_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return db_url


@dataclass
class Seed:
    tokens: list[str]
    hot: list[int]
    spread: list[int]
    step_min: Decimal


def seed(*, suppliers: int, hot_sessions: int, spread_sessions: int) -> Seed:
    import datetime as dt

    from django.contrib.auth.hashers import make_password

    from zakupki.accounts.enums import OrganizationKind, OrganizationStatus, UserRole
    from zakupki.accounts.identifiers import make_inn, make_ogrn
    from zakupki.accounts.models import Organization, Region, User
    from zakupki.accounts.services.tokens import api_token_create
    from zakupki.procedures.services import SessionItemData, session_create, session_publish

    region = Region.objects.create(
        code="77", name="Москва", timezone="Europe/Moscow", joined_on=dt.date(2024, 1, 1)
    )
    password = make_password("bench-pass-2026")

    def org(kind: str, n: int) -> Organization:
        return Organization.objects.create(
            kind=kind,
            status=OrganizationStatus.CONFIRMED,
            name=f"{kind} {n}",
            inn=make_inn(f"77{n:07d}"),
            kpp=f"7701{n % 100:02d}001",
            ogrn=make_ogrn(f"1027700{n:05d}"),
            region=region,
        )

    customer = org(OrganizationKind.CUSTOMER, 1)
    manager = User.objects.create(
        username="customer", password=password, role=UserRole.CUSTOMER, organization=customer
    )
    tokens = []
    for n in range(suppliers):
        supplier = org(OrganizationKind.SUPPLIER, 1000 + n)
        user = User.objects.create(
            username=f"s{n}", password=password, role=UserRole.SUPPLIER, organization=supplier
        )
        tokens.append(api_token_create(user=user, name="bench")[1])

    def session() -> int:
        draft = session_create(
            actor=manager,
            title="Бумага офисная А4",
            items=[
                SessionItemData(
                    name="Бумага А4", unit="пачка", quantity=Decimal(1000), unit_price=START_PRICE / 1000
                )
            ],
            duration_hours=24,
            delivery_terms="10 рабочих дней",
        )
        return session_publish(session=draft, actor=manager).pk

    hot = [session() for _ in range(hot_sessions)]
    spread = [session() for _ in range(spread_sessions)]
    from zakupki.procedures.models import QuotationSession

    step_min = QuotationSession.objects.get(pk=hot[0]).step_min
    assert step_min is not None
    return Seed(tokens=tokens, hot=hot, spread=spread, step_min=step_min)


def capture_bid_sql(session_id: int) -> list[str]:
    """Places one real bid through the service and returns its SQL, to keep pgbench honest."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zakupki.accounts.models import User
    from zakupki.procedures.models import QuotationSession
    from zakupki.procedures.services import bid_place

    session = QuotationSession.objects.get(pk=session_id)
    user = User.objects.get(username="s0")
    connection.queries_log.clear()  # seeding filled the DEBUG query log to its limit
    with CaptureQueriesContext(connection) as ctx:
        bid_place(session=session, supplier_user=user, price=START_PRICE - session.step_min)  # type: ignore[operator]
    return [q["sql"] for q in ctx.captured_queries]


def start_server(db_url: str, workers: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=db_url,
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        DJANGO_SECRET_KEY="bench-only-secret",  # noqa: S106 - a throwaway server on loopback
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
    )
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
            "--backlog",
            "512",
        ],
        cwd=ROOT,
        env=env,
        stderr=open(ROOT / "var" / "bench-gunicorn.log", "wb"),  # noqa: SIM115 - lives as long as the server
    )
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=1)
            conn.request("GET", "/api/v1/regions")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("gunicorn did not start")


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    accepted: list[float] = field(default_factory=list)
    refused: int = 0
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Board:
    """What bidders know of each session's best price (from responses)."""

    def __init__(self, sessions: list[int]) -> None:
        self.best = dict.fromkeys(sessions, START_PRICE)
        self.lock = threading.Lock()

    def offer(self, sid: int, step: Decimal, rng: random.Random) -> Decimal:
        # People bid different amounts: 1 to 4 minimum steps below the best price they saw. Offers made
        # against the same stale best price can then all be accepted, in decreasing order.
        with self.lock:
            return self.best[sid] - step * rng.randint(1, 4)

    def saw(self, sid: int, best: Decimal) -> None:
        with self.lock:
            self.best[sid] = min(self.best[sid], best)


def bidder(
    token: str, pick: object, board: Board, step: Decimal, stop: float, stats: Stats, think: float = 0.0
) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    rng = random.Random(token)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    while time.perf_counter() < stop:
        if think:
            time.sleep(rng.uniform(0.5 * think, 1.5 * think))  # a person reading the page before bidding
        sid = pick()  # type: ignore[operator]
        if sid is None:
            return
        price = board.offer(sid, step, rng)
        body = json.dumps({"price": str(price)})
        started = time.perf_counter()
        try:
            conn.request("POST", f"/api/v1/sessions/{sid}/bids", body=body, headers=headers)
            response = conn.getresponse()
            payload = response.read()
        except (OSError, http.client.HTTPException):
            with stats.lock:
                stats.errors += 1
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
            continue
        elapsed = time.perf_counter() - started
        with stats.lock:
            stats.latencies.append(elapsed)
        if response.status == 201:
            best = json.loads(payload)["session"]["best_price"]
            board.saw(sid, Decimal(best))
            with stats.lock:
                stats.accepted.append(elapsed)
        elif response.status in (409, 422):
            with stats.lock:
                stats.refused += 1
            # Someone was faster: learn the new best price (not timed, as a person's page would).
            conn.request("GET", f"/api/v1/sessions/{sid}", headers=headers)
            detail = json.loads(conn.getresponse().read())
            if detail.get("best_price"):
                board.saw(sid, Decimal(detail["best_price"]))
        else:
            with stats.lock:
                stats.errors += 1


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct))] * 1000


def scenario(
    name: str,
    tokens: list[str],
    pick: object,
    board: Board,
    step: Decimal,
    seconds: float,
    think: float = 0.0,
) -> str:
    stats = Stats()
    stop = time.perf_counter() + seconds
    threads = [
        threading.Thread(target=bidder, args=(t, pick, board, step, stop, stats, think)) for t in tokens
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    n = len(stats.latencies)
    return (
        f"{name}: {len(tokens)} bidders, {wall:.1f} s: {n / wall:.0f} bid requests/s "
        f"(accepted {len(stats.accepted) / wall:.0f}/s, refused as late {stats.refused}, errors {stats.errors}); "
        f"all requests p50 {statistics.median(stats.latencies) * 1000:.1f} ms p99 {percentile(stats.latencies, 0.99):.1f} ms; "
        f"accepted p50 {percentile(stats.accepted, 0.5):.1f} ms p99 {percentile(stats.accepted, 0.99):.1f} ms"
    )


def max_clients(db_url: str, wanted: int) -> int:
    """pgbench needs one connection per client; leave room for the server's and background connections."""
    limit = int(run(["psql", db_url, "-Atc", "SHOW max_connections"]).stdout.strip())
    used = int(run(["psql", db_url, "-Atc", "SELECT count(*) FROM pg_stat_activity"]).stdout.strip())
    return min(wanted, limit - used - 2)


def pgbench(db_url: str, clients: int, seconds: int, first_sid: int, last_sid: int) -> str:
    run(
        [
            "psql",
            db_url,
            "-qc",
            "CREATE UNLOGGED TABLE IF NOT EXISTS pgbench_bids (session_id bigint, price numeric(15,2), placed_at timestamptz); "
            "CREATE TABLE IF NOT EXISTS pgbench_events (seq bigint, details jsonb)",
        ]
    )
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
        script.write(PGBENCH_SCRIPT)
    result = run(
        [
            "pgbench",
            "-n",
            "-c",
            str(clients),
            "-j",
            "2",
            "-T",
            str(seconds),
            "-f",
            script.name,
            "-D",
            f"first_sid={first_sid}",
            "-D",
            f"last_sid={last_sid}",
            "-r",
            db_url,
        ]
    )
    os.unlink(script.name)
    lines = result.stdout.splitlines()
    tps = next(line for line in lines if line.startswith("tps")).split("(")[0].strip()
    latency = next(line for line in lines if line.startswith("latency average"))
    return f"pgbench, {clients} clients, sessions {first_sid}..{last_sid}: {tps}; {latency}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--bidders", type=int, default=100)
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--think", type=float, default=2.0, help="mean pause between a bidder's bids in (a')")
    args = parser.parse_args()

    db_url = setup_database(args.url)
    t0 = time.perf_counter()
    data = seed(suppliers=args.bidders, hot_sessions=60, spread_sessions=args.sessions)
    print(
        f"seeded {args.bidders} suppliers, 60 hot + {args.sessions} spread sessions in {time.perf_counter() - t0:.0f} s"
    )
    print("SQL of one accepted bid (mirrored by the pgbench script):")
    for sql in capture_bid_sql(data.hot[-1]):
        print("   ", sql[:160])
    from django.db import connections

    connections.close_all()

    server = start_server(db_url, args.workers)
    try:
        hot = list(data.hot[:-1])
        floor = START_PRICE * Decimal("0.06")
        hot_board = Board(hot)
        current = {"i": 0}
        pick_lock = threading.Lock()

        def pick_hot() -> int | None:
            with pick_lock:
                while current["i"] < len(hot) and hot_board.best[hot[current["i"]]] < floor:
                    current["i"] += 1
                return hot[current["i"]] if current["i"] < len(hot) else None

        print(scenario("(a) hot session", data.tokens, pick_hot, hot_board, data.step_min, args.seconds))
        print(
            scenario(
                f"(a') hot session, {args.think:g} s think time",
                data.tokens,
                pick_hot,
                hot_board,
                data.step_min,
                args.seconds,
                think=args.think,
            )
        )
        print(pgbench(db_url, max_clients(db_url, args.bidders), int(args.seconds), data.hot[0], data.hot[0]))

        spread_board = Board(data.spread)
        rng = random.Random(2026)
        rng_lock = threading.Lock()

        def pick_spread() -> int:
            with rng_lock:
                return rng.choice(data.spread)

        print(
            scenario(
                "(b) spread sessions", data.tokens, pick_spread, spread_board, data.step_min, args.seconds
            )
        )
        print(
            pgbench(
                db_url, max_clients(db_url, args.bidders), int(args.seconds), data.spread[0], data.spread[-1]
            )
        )
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
