"""CPU per bid request, in-process: the server side of `bench/bids.py` without the load generator.

    .venv/bin/python bench/bid_cpu.py [--url postgres://postgres@127.0.0.1:5432/postgres]
                                      [--requests 2000] [--repeat 3] [--profile PREFIX]

Requests go through Django's WSGI handler with the production settings (`config.settings.prod`: the
full middleware stack, DEBUG off, persistent connection) exactly as gunicorn hands them over, one after
another in one thread: `POST /api/v1/sessions/{id}/bids` with a supplier's Bearer token and the full bid
path on. Two kinds of request are timed separately:
  accepted  a bid one minimum step below the session's best price (a returning participant mostly);
  late      an offer above the best price, refused with HTTP 422 (most requests of the hot scenario).
For each kind it reports the Python process's CPU per request (`time.process_time`), the database
backend's CPU per request (read from /proc), the statements per request and the wall time; the best of
--repeat rounds is kept, since other work on a shared machine only ever adds to a measurement.
With --profile, a cProfile of one extra round of each kind is written to PREFIX-<kind>.prof and its top
functions are printed. Creates and drops a scratch database `zakupki_bench_bidcpu`.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bids import PRODUCTION_ENV, START_PRICE, CpuMeter, seed, setup_database  # noqa: E402

DB_NAME = "zakupki_bench_bidcpu"
SESSIONS = 201  # coprime with the 100 bidders: consecutive bids on a session come from different bidders


def wsgi_call(app: Any, *, path: str, token: str, body: bytes) -> tuple[int, bytes]:
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8765",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_AUTHORIZATION": f"Bearer {token}",
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(body)),
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(body),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    status: list[str] = []

    def start_response(line: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        status.append(line)

    result = app(environ, start_response)
    try:
        payload = b"".join(result)
    finally:
        result.close()  # request_finished: what gunicorn does after each response
    return int(status[0].split()[0]), payload


@contextmanager
def statement_counter() -> Iterator[Counter[str]]:
    from django.db import connection

    counts: Counter[str] = Counter()

    def wrapper(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        counts["statements"] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield counts


class Driver:
    def __init__(self, tokens: list[str], sessions: list[int], step: Decimal) -> None:
        from django.core.wsgi import get_wsgi_application

        self.app = get_wsgi_application()
        self.tokens, self.sessions, self.step = tokens, sessions, step
        self.best = dict.fromkeys(sessions, START_PRICE)
        self.i = 0

    def request(self, kind: str) -> int:
        self.i += 1
        sid = self.sessions[self.i % len(self.sessions)]
        token = self.tokens[self.i % len(self.tokens)]
        # A late offer is above the best price: refused after the lock and the step rule.
        price = self.best[sid] - self.step if kind == "accepted" else self.best[sid] + self.step
        status, payload = wsgi_call(
            self.app,
            path=f"/api/v1/sessions/{sid}/bids",
            token=token,
            body=json.dumps({"price": str(price)}).encode(),
        )
        if status == 201:
            self.best[sid] = Decimal(json.loads(payload)["session"]["best_price"])
        return status


def measure(driver: Driver, db_url: str, kind: str, requests: int) -> dict[str, Any]:
    statuses: Counter[int] = Counter()
    # The meter polls the database's backends (the connection is renewed after CONN_MAX_AGE) and reads
    # this process's own CPU; its poller thread costs ~0.1 ms every 0.2 s.
    with CpuMeter(db_url, None) as meter, statement_counter() as counts:
        wall_before = time.perf_counter()
        for _ in range(requests):
            statuses[driver.request(kind)] += 1
        wall = time.perf_counter() - wall_before
    cpu, db = meter.client, meter.seconds("database")
    return {
        "kind": kind,
        "statuses": dict(statuses),
        "server_ms": 1000 * cpu / requests,
        "db_ms": 1000 * db / requests,
        "wall_ms": 1000 * wall / requests,
        "statements": counts["statements"] / requests,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", default="", help="write cProfile output to PREFIX-<kind>.prof")
    parser.add_argument(
        "--prepare",
        type=int,
        default=-1,
        help="psycopg server-side binding with this prepare_threshold (-1: the settings' own binding)",
    )
    args = parser.parse_args()

    os.environ.update(PRODUCTION_ENV)  # an in-process run on a scratch database
    db_url = setup_database(args.url, name=DB_NAME, settings=PRODUCTION_ENV["DJANGO_SETTINGS_MODULE"])
    if args.prepare >= 0:
        from django.db import connections

        connections.close_all()
        options = connections["default"].settings_dict.setdefault("OPTIONS", {})
        options.update(server_side_binding=True, prepare_threshold=args.prepare)
    data = seed(suppliers=100, hot_sessions=1, spread_sessions=SESSIONS)
    driver = Driver(data.tokens, data.spread, data.step_min)
    for _ in range(2 * len(data.spread)):  # every session gets bids; the first requests warm the caches
        driver.request("accepted")
    print(f"{args.requests} requests per round, best of {args.repeat} rounds; uptime: {os.getloadavg()}")
    for kind in ("accepted", "late"):
        rounds = [measure(driver, db_url, kind, args.requests) for _ in range(args.repeat)]
        best = min(rounds, key=lambda r: r["server_ms"])
        each = ", ".join(f"{r['server_ms']:.2f}" for r in rounds)
        print(
            f"{kind:8} statuses {best['statuses']}: server CPU {best['server_ms']:.2f} ms/request "
            f"(rounds: {each}), "
            f"database CPU {best['db_ms']:.2f} ms, {best['statements']:.1f} statements, "
            f"wall {best['wall_ms']:.2f} ms"
        )
        if args.profile:
            profiler = cProfile.Profile(time.process_time)  # CPU, not the wait for the database
            profiler.enable()
            for _ in range(args.requests):
                driver.request(kind)
            profiler.disable()
            profiler.dump_stats(f"{args.profile}-{kind}.prof")
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            print(f"    {stats.total_calls / args.requests:.0f} Python function calls per request")  # type: ignore[attr-defined]
            stats.sort_stats("tottime").print_stats(25)
            print(out.getvalue())


if __name__ == "__main__":
    main()
