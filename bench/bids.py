"""Bid placement through the real HTTP API on PostgreSQL, beside pgbench running the same transaction.

    .venv/bin/python bench/bids.py [--url postgres://postgres@127.0.0.1:5432/postgres]
                                   [--bidders 100] [--sessions 1000] [--seconds 15]
                                   [--workers 2] [--threads 8] [--refresh] [--only atb]

Scenarios (each bounded by --seconds):
  (a) hot:    --bidders concurrent bidders on one session; when its price nears the floor of the step grid
              they move on to the next fresh session (a session takes at most ~190 minimum steps).
  (a') the same hot session with a --think pause between a bidder's bids (people, not a flood).
  (b) spread: the same bidders spread over --sessions open sessions.
Every request is a real `POST /api/v1/sessions/{id}/bids` with a personal API token, served by gunicorn
(gthread workers with keep-alive by default; --threads 1 gives sync workers) with the full bid path on:
validation, session row lock, bid row, audit journal event, NOTIFY for live pages. A bidder offers 1–4
minimum steps below the best price it last saw, so under contention many offers arrive late and are
refused (HTTP 422): both counts are reported. The bidders are asyncio tasks of this one process. Before
the first scenario each bidder sends three offers the step rule refuses (`warm_up`), so that the server's
lazy set-up is not measured as the first scenario's tail.

Besides wall-clock figures, each scenario reports the CPU spent per request by the server workers, the
database backends and the load generator, read from /proc: the machine is shared, and CPU per request
is what bounds the throughput on 2 idle cores whatever else runs.

Beside each scenario, in the same run, pgbench runs the same SQL transaction as the bid path (captured from
a real bid below and printed) with the same number of clients and prepared statements, as our path
uses: the physical limit; its own p50/p99 come from its per-transaction log.
Creates and drops a scratch database `zakupki_bench_bids`.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "zakupki_bench_bids"
PORT = 8765
START_PRICE = Decimal("500000.00")

# The statements of one accepted bid of a returning participant (see `capture_bid_sql` output): lock the
# session row only; read the bidder's and the leader's participant rows; update the participant and insert
# the bid in one statement, save the session (its RETURNING sends the NOTIFY); last, append to the journal
# (lock and read the head; insert the event and move the head in one statement) and commit. The bid and event tables are ordinary logged
# tables, like ours. pgbench runs it with prepared statements (-M prepared), as our path does since the
# fifth run (zakupki.core.rawsql.hot_cursor).
PGBENCH_SCRIPT = """
\\set sid random(:first_sid, :last_sid)
\\set supplier random(1, 100)
BEGIN;
SELECT * FROM procedures_quotationsession WHERE id = :sid FOR UPDATE;
SELECT id, number, supplier_id, best_seq FROM procedures_participant WHERE session_id = :sid AND (supplier_id = :supplier OR best_seq = (SELECT last_seq FROM procedures_quotationsession WHERE id = :sid));
WITH seat AS (UPDATE procedures_participant SET best_price = best_price WHERE id = (SELECT id FROM procedures_participant WHERE session_id = :sid ORDER BY id LIMIT 1)) INSERT INTO pgbench_bids (session_id, price, placed_at) SELECT :sid, best_price - 0.01 * (random() * 100)::int, now() FROM procedures_quotationsession WHERE id = :sid;
UPDATE procedures_quotationsession SET bids_count = bids_count + 1, last_seq = last_seq + 1, updated_at = now() WHERE id = :sid RETURNING pg_notify('session_' || :sid, 'bench');
UPDATE documents_journalhead SET seq = seq WHERE id = 1 RETURNING seq, hash;
WITH ins AS (INSERT INTO pgbench_events (seq, details) SELECT seq + 1, '{"bench": true}' FROM documents_journalhead WHERE id = 1 RETURNING seq) UPDATE documents_journalhead SET seq = ins.seq FROM ins WHERE documents_journalhead.id = 1;
END;
"""


def run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload, no-any-return]


def setup_database(url: str, name: str = DB_NAME, settings: str = "config.settings.dev") -> str:
    base = url.rsplit("/", 1)[0]
    subprocess.run(
        ["psql", f"{base}/postgres", "-qc", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'], check=True
    )
    run(["psql", f"{base}/postgres", "-qc", f'CREATE DATABASE "{name}"'])
    db_url = f"{base}/{name}"
    os.environ["DATABASE_URL"] = db_url
    os.environ["DJANGO_SETTINGS_MODULE"] = settings
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
    """Places real bids through the service and returns the SQL of a returning participant's bid, to keep
    pgbench honest."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zakupki.accounts.models import User
    from zakupki.procedures.models import QuotationSession
    from zakupki.procedures.services import bid_place

    first, second = User.objects.get(username="s0"), User.objects.get(username="s1")
    step = QuotationSession.objects.get(pk=session_id).step_min
    assert step is not None
    bid_place(
        session=QuotationSession.objects.get(pk=session_id), supplier_user=first, price=START_PRICE - step
    )
    bid_place(
        session=QuotationSession.objects.get(pk=session_id),
        supplier_user=second,
        price=START_PRICE - 2 * step,
    )
    session = QuotationSession.objects.select_related("region", "customer").get(pk=session_id)
    assert first.organization is not None  # loaded before, as the API's visibility check does
    connection.queries_log.clear()  # seeding filled the DEBUG query log to its limit
    with CaptureQueriesContext(connection) as ctx:
        bid_place(session=session, supplier_user=first, price=START_PRICE - 3 * step)
    return [q["sql"] for q in ctx.captured_queries]


# What the production settings require of the environment, for a throwaway server on loopback
# (tests/test_bench_bids.py boots the settings with it: a new requirement must not break the bench
# unnoticed, as ZAKUPKI_PUBLIC_URL once did).
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.prod",
    "DJANGO_SECRET_KEY": "bench-only-secret",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "ZAKUPKI_PUBLIC_URL": f"http://127.0.0.1:{PORT}",
}


def start_server(db_url: str, workers: int, threads: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, **PRODUCTION_ENV, "DATABASE_URL": db_url}
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi",
            "-w",
            str(workers),
            "--threads",
            str(threads),
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
    refused: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)


class Board:
    """What bidders know of each session's best price: every accepted bid's answer carries the session's
    new best price, and all accepted bids pass through this load generator, so the board is what a live
    page (NOTIFY → SSE) would show. With --refresh a refused bidder also re-reads the card over HTTP."""

    def __init__(self, sessions: list[int]) -> None:
        self.best = dict.fromkeys(sessions, START_PRICE)

    def offer(self, sid: int, step: Decimal, rng: random.Random) -> Decimal:
        # People bid different amounts: 1 to 4 minimum steps below the best price they saw. Offers made
        # against the same stale best price can then all be accepted, in decreasing order.
        return self.best[sid] - step * rng.randint(1, 4)

    def saw(self, sid: int, best: Decimal) -> None:
        self.best[sid] = min(self.best[sid], best)


class Connection:
    """A minimal HTTP/1.1 client on asyncio streams: the load generator shares the 2 cores with the server
    and the database, so it must cost far less per request than the request itself (http.client in 100
    threads took about half the CPU). Reconnects when the server closes the connection (sync gunicorn
    workers close after every response)."""

    def __init__(self, token: str) -> None:
        self.auth = f"Authorization: Bearer {token}\r\n"
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: bytes = b"") -> tuple[int, bytes]:
        reused = self.writer is not None
        try:
            return await self._exchange(method, path, body)
        except (ConnectionError, asyncio.IncompleteReadError, IndexError):
            if not reused:
                raise
            # The server closed an idle keep-alive connection (a bidder thinking): reconnect once.
            self.close()
            return await self._exchange(method, path, body)

    async def _exchange(self, method: str, path: str, body: bytes) -> tuple[int, bytes]:
        if self.writer is None or self.reader is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", PORT)
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{self.auth}"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        self.writer.write(head.encode() + body)
        status_line = await self.reader.readline()
        length, close = 0, False
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "connection" and value.strip().lower() == "close":
                close = True
        payload = await self.reader.readexactly(length)
        if close:
            self.close()
        return int(status_line.split()[1]), payload

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def bidder(
    token: str,
    pick: Callable[[], int | None],
    board: Board,
    step: Decimal,
    stop: float,
    stats: Stats,
    think: float,
    refresh: bool,
) -> None:
    conn = Connection(token)
    rng = random.Random(token)
    while time.perf_counter() < stop:
        if think:
            await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))  # a person reading the page
        sid = pick()
        if sid is None:
            break
        body = json.dumps({"price": str(board.offer(sid, step, rng))}).encode()
        started = time.perf_counter()
        try:
            status, payload = await conn.request("POST", f"/api/v1/sessions/{sid}/bids", body)
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError) as exc:
            stats.errors[type(exc).__name__] += 1
            conn.close()
            continue
        elapsed = time.perf_counter() - started
        stats.latencies.append(elapsed)
        if status == 201:
            board.saw(sid, Decimal(json.loads(payload)["session"]["best_price"]))
            stats.accepted.append(elapsed)
        elif status in (409, 422):
            stats.refused.append(elapsed)
            if refresh:  # someone was faster: re-read the card (not timed), as a page without SSE would
                _, detail = await conn.request("GET", f"/api/v1/sessions/{sid}")
                best = json.loads(detail).get("best_price")
                if best:
                    board.saw(sid, Decimal(best))
        else:
            stats.errors[f"HTTP {status}"] += 1
    conn.close()


TICK = os.sysconf("SC_CLK_TCK")


def cpu_of(pid: int) -> float | None:
    """User + system CPU seconds of a process so far (None once it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK


def children_of(pid: int) -> list[int]:
    return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


class CpuMeter:
    """CPU spent by the server's workers and by the database backends of the bench database while a
    scenario runs. Other work on the machine (other people's tests) steals wall time from both the HTTP
    path and pgbench; CPU per request does not depend on it, and on 2 cores it bounds the throughput:
    at most 2 s of CPU per second. Backends that exit mid-run (pgbench's) are polled every 0.2 s."""

    def __init__(self, db_url: str, server_pid: int | None) -> None:
        self.db_url, self.server_pid = db_url, server_pid
        self.start: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.groups: dict[int, str] = {}
        self.stop = threading.Event()
        self.poller = threading.Thread(target=self._poll, daemon=True)

    def _pids(self) -> dict[int, str]:
        found = {}
        if self.server_pid is not None:
            found = dict.fromkeys(children_of(self.server_pid), "server")
        backends = self.conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
        found.update(dict.fromkeys((pid for (pid,) in backends), "database"))
        return found

    def _sample(self) -> None:
        for pid, group in self._pids().items():
            cpu = cpu_of(pid)
            if cpu is None:
                continue
            self.groups[pid] = group
            self.start.setdefault(pid, cpu)
            self.last[pid] = cpu

    def _poll(self) -> None:
        while not self.stop.wait(0.2):
            self._sample()

    def __enter__(self) -> CpuMeter:
        import psycopg

        self.conn = psycopg.connect(self.db_url, autocommit=True)
        self._sample()
        self.own = os.times()
        self.poller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.poller.join()
        self._sample()
        self.conn.close()
        own = os.times()
        self.client = (
            own.user
            - self.own.user
            + own.system
            - self.own.system
            + own.children_user
            - self.own.children_user
            + own.children_system
            - self.own.children_system
        )

    def seconds(self, group: str) -> float:
        return sum(self.last[pid] - self.start[pid] for pid, g in self.groups.items() if g == group)

    def per_request(self, requests: int) -> str:
        server, database = self.seconds("server"), self.seconds("database")
        total = server + database + self.client
        ms = 1000 / max(requests, 1)
        return (
            f"CPU per request: server {server * ms:.2f} ms, database {database * ms:.2f} ms, "
            f"client {self.client * ms:.2f} ms; total {total * ms:.2f} ms -> "
            f"at most {2 * requests / total if total else 0:.0f}/s on 2 idle cores"
        )


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct))] * 1000


def scenario(
    meter: CpuMeter,
    name: str,
    tokens: list[str],
    pick: Callable[[], int | None],
    board: Board,
    step: Decimal,
    seconds: float,
    think: float = 0.0,
    refresh: bool = False,
) -> str:
    stats = Stats()

    async def run_all() -> float:
        started = time.perf_counter()
        stop = started + seconds
        await asyncio.gather(*(bidder(t, pick, board, step, stop, stats, think, refresh) for t in tokens))
        return time.perf_counter() - started

    with meter:
        wall = asyncio.run(run_all())
    n = len(stats.latencies)
    return (
        f"{name}: {len(tokens)} bidders, {wall:.1f} s: {n / wall:.0f} bid requests/s "
        f"(accepted {len(stats.accepted) / wall:.0f}/s, refused as late {len(stats.refused)}, errors {dict(stats.errors) or 0}); "
        f"all requests p50 {percentile(stats.latencies, 0.5):.1f} ms p99 {percentile(stats.latencies, 0.99):.1f} ms; "
        f"accepted p50 {percentile(stats.accepted, 0.5):.1f} ms p99 {percentile(stats.accepted, 0.99):.1f} ms; "
        f"refused p50 {percentile(stats.refused, 0.5):.1f} ms p99 {percentile(stats.refused, 0.99):.1f} ms\n"
        f"    {meter.per_request(n)}"
    )


def warm_up(tokens: list[str], session_id: int, rounds: int = 3) -> str:
    """Every bidder sends a few offers at the start price, which the step rule refuses and which write
    nothing, before any scenario is measured: a fresh server's first requests pay for its lazy set-up
    (each thread's database connection, URL and API tables) — up to 1.8 s each with 100 bidders at once,
    which otherwise land in the first scenario's p99."""
    body = json.dumps({"price": str(START_PRICE)}).encode()
    statuses: Counter[int] = Counter()

    async def one(token: str) -> None:
        conn = Connection(token)
        for _ in range(rounds):
            status, _ = await conn.request("POST", f"/api/v1/sessions/{session_id}/bids", body)
            statuses[status] += 1
        conn.close()

    async def run_all() -> None:
        await asyncio.gather(*(one(t) for t in tokens))

    asyncio.run(run_all())
    return f"warm-up: {sum(statuses.values())} refused offers, statuses {dict(statuses)}"


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
            "CREATE TABLE IF NOT EXISTS pgbench_bids (session_id bigint, price numeric(15,2), placed_at timestamptz); "
            "CREATE TABLE IF NOT EXISTS pgbench_events (seq bigint, details jsonb)",
        ]
    )
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
        script.write(PGBENCH_SCRIPT)
    meter = CpuMeter(db_url, None)
    logs = tempfile.mkdtemp(prefix="pgbench-log-")
    with meter:
        result = run(
            [
                "pgbench",
                "-n",
                "-M",
                "prepared",
                "-l",
                f"--log-prefix={logs}/tx",
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
    # pgbench's own per-transaction log (third column: latency in µs), for a p50/p99 beside ours.
    latencies = []
    for log in Path(logs).iterdir():
        latencies += [int(line.split()[2]) / 1e6 for line in log.read_text().splitlines() if line]
        log.unlink()
    os.rmdir(logs)
    lines = result.stdout.splitlines()
    tps = next(line for line in lines if line.startswith("tps")).split("(")[0].strip()
    latency = next(line for line in lines if line.startswith("latency average"))
    done = int(next(line for line in lines if "actually processed" in line).split(":")[1].split("/")[0])
    return (
        f"pgbench, {clients} clients, sessions {first_sid}..{last_sid}: {tps}; {latency}; "
        f"p50 {percentile(latencies, 0.5):.1f} ms p99 {percentile(latencies, 0.99):.1f} ms\n"
        f"    {meter.per_request(done)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--bidders", type=int, default=100)
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8, help="gunicorn threads per worker (>1: gthread)")
    parser.add_argument("--think", type=float, default=2.0, help="mean pause between a bidder's bids in (a')")
    parser.add_argument("--refresh", action="store_true", help="re-read the session card after a refusal")
    parser.add_argument(
        "--only", default="atb", help="scenarios to run: a = hot, t = hot with think time, b = spread"
    )
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

    server = start_server(db_url, args.workers, args.threads)
    print(f"gunicorn: {args.workers} workers x {args.threads} threads; load generator: asyncio, 1 process")
    try:
        print(warm_up(data.tokens, data.spread[-1]))
        hot = list(data.hot[:-1])
        floor = START_PRICE * Decimal("0.06")
        hot_board = Board(hot)
        current = {"i": 0}

        def pick_hot() -> int | None:
            while current["i"] < len(hot) and hot_board.best[hot[current["i"]]] < floor:
                current["i"] += 1
            return hot[current["i"]] if current["i"] < len(hot) else None

        if "a" in args.only:
            print(
                scenario(
                    CpuMeter(db_url, server.pid),
                    "(a) hot session",
                    data.tokens,
                    pick_hot,
                    hot_board,
                    data.step_min,
                    args.seconds,
                    refresh=args.refresh,
                )
            )
            print(
                pgbench(
                    db_url, max_clients(db_url, args.bidders), int(args.seconds), data.hot[0], data.hot[0]
                )
            )
        if "t" in args.only:
            print(
                scenario(
                    CpuMeter(db_url, server.pid),
                    f"(a') hot session, {args.think:g} s think time",
                    data.tokens,
                    pick_hot,
                    hot_board,
                    data.step_min,
                    args.seconds,
                    think=args.think,
                    refresh=args.refresh,
                )
            )
        if "b" in args.only:
            spread_board = Board(data.spread)
            rng = random.Random(2026)

            def pick_spread() -> int:
                return rng.choice(data.spread)

            print(
                scenario(
                    CpuMeter(db_url, server.pid),
                    "(b) spread sessions",
                    data.tokens,
                    pick_spread,
                    spread_board,
                    data.step_min,
                    args.seconds,
                    refresh=args.refresh,
                )
            )
            print(
                pgbench(
                    db_url,
                    max_clients(db_url, args.bidders),
                    int(args.seconds),
                    data.spread[0],
                    data.spread[-1],
                )
            )
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
