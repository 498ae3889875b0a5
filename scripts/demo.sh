#!/usr/bin/env bash
# `make demo`: the whole platform on one machine from a fresh clone, nothing else to install or set up.
# Embedded SQLite at var/demo.sqlite3 (unless DATABASE_URL says otherwise), demo data loaded once, the
# deadline worker and the web server side by side. Ctrl-C (or SIGTERM) stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
HOST="${DEMO_HOST:-127.0.0.1}"
PORT="${DEMO_PORT:-8000}"
URL="http://$HOST:$PORT"
export ZAKUPKI_PUBLIC_URL="${ZAKUPKI_PUBLIC_URL:-$URL}"  # the links in the worker's e-mails
export PYTHONUNBUFFERED=1  # worker and server lines appear as they happen, not when a buffer fills

if [ ! -x "$PY" ]; then
  echo "demo: нет $PY — запустите «make demo», он создаст окружение" >&2
  exit 1
fi

mkdir -p var
echo "База данных: ${DATABASE_URL:-var/demo.sqlite3 (встроенная SQLite)}"
echo "== Миграции"
"$PY" manage.py migrate --noinput --verbosity 0
echo "== Демо-данные"
# Loads only into an empty database, so a second `make demo` keeps what you did in the first.
demo_output="$("$PY" manage.py demo_data --scale small)"
echo "$demo_output"

pids=()
stop_all() {
  trap - EXIT INT TERM
  if [ ${#pids[@]} -gt 0 ]; then
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
  echo "Демо остановлено."
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== Исполнитель сроков и веб-сервер"
"$PY" manage.py run_worker --interval 5 &
pids+=($!)
# runserver with DEBUG (config.settings.dev) serves static files itself: no collectstatic needed.
"$PY" manage.py runserver "$HOST:$PORT" --noreload &
pids+=($!)

# Announce the URL only once the server really answers (bash's /dev/tcp: no curl needed).
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; then
    break
  fi
  if ! kill -0 "${pids[1]}" 2>/dev/null; then
    echo "demo: веб-сервер не запустился (порт $PORT занят? задайте DEMO_PORT)" >&2
    exit 1
  fi
  sleep 0.2
done

echo
echo "Демо работает: $URL"
echo "$demo_output" | sed -n '/^Учётные записи/,$p'
echo "Остановить: Ctrl-C"
echo

# Whichever stops first (a crash, a signal), the trap stops the other.
wait -n "${pids[@]}"
