#!/usr/bin/env bash
# Runs a command with DATABASE_URL pointing at PostgreSQL:
#   1. DATABASE_URL already set to postgres:// -> use it;
#   2. a server answers at 127.0.0.1:5432       -> use its `test` database;
#   3. PostgreSQL binaries are installed         -> start a throwaway cluster, stop it afterwards;
#   4. nothing at all                            -> run on SQLite; PostgreSQL tests skip (fail when CI=true).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

if [[ "${DATABASE_URL:-}" == postgres* ]]; then
  exec "$@"
fi

if command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432; then
  export DATABASE_URL="postgres://postgres@127.0.0.1:5432/test"
  exec "$@"
fi

bindir=""
for d in /usr/lib/postgresql/*/bin; do
  [ -x "$d/initdb" ] && bindir="$d"
done
if [ -z "$bindir" ] && command -v initdb >/dev/null 2>&1; then
  bindir="$(dirname "$(command -v initdb)")"
fi

if [ -z "$bindir" ]; then
  echo "with-postgres: PostgreSQL is not installed; PostgreSQL tests will skip" >&2
  if [ "${CI:-}" = "true" ]; then
    echo "with-postgres: CI=true requires PostgreSQL" >&2
    exit 1
  fi
  export DATABASE_URL="sqlite:///:memory:"
  exec "$@"
fi

data="$root/var/pg-throwaway"
port=55432
rm -rf "$data"
mkdir -p "$data"
as_pg=()
if [ "$(id -u)" = "0" ]; then
  # initdb refuses to run as root.
  chown postgres "$data" 2>/dev/null || { useradd -r postgres && chown postgres "$data"; }
  as_pg=(runuser -u postgres --)
fi
"${as_pg[@]}" "$bindir/initdb" -D "$data" -U postgres -A trust -E UTF8 >/dev/null
"${as_pg[@]}" "$bindir/pg_ctl" -D "$data" -o "-p $port -k $data -c listen_addresses=127.0.0.1" -l "$data/log" -w start >/dev/null
cleanup() { "${as_pg[@]}" "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null || true; }
trap cleanup EXIT
"${as_pg[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres test
export DATABASE_URL="postgres://postgres@127.0.0.1:$port/test"
"$@"
