#!/usr/bin/env bash
# A production-like run on this machine: `make serve` (or scripts/serve.sh directly).
#
# The same processes as production (docs/deployment.md), on loopback and with local-only values:
# gunicorn with config.settings.production (static files by whitenoise, after collectstatic),
# PostgreSQL, Redis for the cache, and `manage.py db_worker` for the background tasks (django-tasks-db:
# search index updates, mail, scheduled publishing). Unlike `make run` nothing runs inside the request.
#
# It checks that PostgreSQL and Redis answer (and says what to install or start when they don't),
# creates the database if it is missing, migrates, loads the demo content once into an empty
# database, starts gunicorn and the worker, prints the address and stops both on Ctrl+C or SIGTERM.
#
# Environment (all optional):
#   PORT          8000
#   DATABASE_URL  postgres://postgres@127.0.0.1:5432/leefbaarheid_serve (created when missing)
#   REDIS_URL     redis://127.0.0.1:6379/1
#   VAR_DIR       var/serve: its own media, collected static files, secret key and cache, apart
#                 from `make run`'s var/ (its database is apart too)
#   WEB_WORKERS   2 gunicorn worker processes
#   SECRET_KEY    generated once into VAR_DIR/secret_key, so sessions survive a restart
#   EMAIL_BACKEND django.core.mail.backends.console.EmailBackend: mail is printed in this log
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
GUNICORN="$ROOT/.venv/bin/gunicorn"

say() { printf '[serve %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
fail() {
    printf '[serve] %s\n' "$@" >&2
    exit 1
}

[ -x "$PY" ] && [ -x "$GUNICORN" ] || fail "No virtualenv with gunicorn in .venv/: run 'make serve' (it installs requirements.txt)."

PORT=${PORT:-8000}
export DJANGO_SETTINGS_MODULE=config.settings.production
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/leefbaarheid_serve}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/1}
export VAR_DIR=${VAR_DIR:-$ROOT/var/serve}
export MEDIA_ROOT=${MEDIA_ROOT:-$VAR_DIR/media}
export BASE_URL=${BASE_URL:-http://127.0.0.1:$PORT}
# Local-only values: no TLS proxy in front, so no redirect to https (HSTS headers are sent, and
# browsers ignore them over http). The Secure cookies still work: browsers treat 127.0.0.1 and
# localhost as secure origins.
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost}
export CSRF_TRUSTED_ORIGINS=${CSRF_TRUSTED_ORIGINS:-http://127.0.0.1:$PORT,http://localhost:$PORT}
export SECURE_SSL_REDIRECT=${SECURE_SSL_REDIRECT:-false}
export EMAIL_BACKEND=${EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend}
export RELEASE=${RELEASE:-serve-$(date +%s)}
WEB_WORKERS=${WEB_WORKERS:-2}
mkdir -p "$VAR_DIR" "$MEDIA_ROOT"

if [ -z "${SECRET_KEY:-}" ]; then
    # Made once per VAR_DIR and readable by this user only; production gets its own from the operator.
    if [ ! -s "$VAR_DIR/secret_key" ]; then
        (umask 077 && "$PY" -c 'import secrets; print(secrets.token_urlsafe(50))' >"$VAR_DIR/secret_key")
    fi
    SECRET_KEY=$(cat "$VAR_DIR/secret_key")
    export SECRET_KEY
fi

# --- Are the services there? ---------------------------------------------------------------------

say "checking PostgreSQL, Redis and port $PORT"
case "$DATABASE_URL" in
postgres://* | postgresql://*)
    # Connects to the database; when it does not exist yet, creates it through the server's
    # maintenance database. Exit 3: the server does not answer.
    "$PY" - "$DATABASE_URL" <<'PYTHON' || exit 1
import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

url = sys.argv[1]
parts = urlsplit(url)
name = parts.path.lstrip("/")
where = f"{parts.hostname or 'localhost'}:{parts.port or 5432}"
try:
    try:
        psycopg.connect(url, connect_timeout=3).close()
        print(f"[serve] PostgreSQL answers at {where}; database {name} is there")
    except psycopg.OperationalError:
        # A missing database is an error of the connection, without an SQLSTATE: ask the server's
        # own list (through its maintenance database), and create the database if that is why.
        maintenance = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(maintenance, autocommit=True, connect_timeout=3) as connection:
            if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                raise
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        print(f"[serve] PostgreSQL answers at {where}; created database {name}")
except psycopg.OperationalError as error:
    print(
        f"[serve] PostgreSQL does not answer at {where}: {str(error).strip()}\n"
        "[serve] Install and start it (Debian/Ubuntu: sudo apt-get install postgresql &&\n"
        "[serve] sudo service postgresql start), or point DATABASE_URL at a server you can reach.",
        file=sys.stderr,
    )
    sys.exit(3)
PYTHON
    ;;
sqlite:*)
    say "DATABASE_URL is SQLite: fine for trying, production uses PostgreSQL"
    ;;
*)
    fail "DATABASE_URL must start with postgres://, postgresql:// or sqlite:, not '${DATABASE_URL%%:*}:'."
    ;;
esac

"$PY" - "$REDIS_URL" <<'PYTHON' || exit 1
import sys

import redis

url = sys.argv[1]
try:
    redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    print(f"[serve] Redis answers at {url}")
except redis.RedisError as error:
    print(
        f"[serve] Redis does not answer at {url}: {error}\n"
        "[serve] Install and start it (Debian/Ubuntu: sudo apt-get install redis-server &&\n"
        "[serve] sudo service redis-server start), or point REDIS_URL at a server you can reach.",
        file=sys.stderr,
    )
    sys.exit(3)
PYTHON

"$PY" - "$PORT" <<'PYTHON' || exit 1
import socket
import sys

port = int(sys.argv[1])
with socket.socket() as probe:
    if probe.connect_ex(("127.0.0.1", port)) == 0:
        print(
            f"[serve] Something already listens on 127.0.0.1:{port} (make run?). Stop it, or: make serve PORT=8001",
            file=sys.stderr,
        )
        sys.exit(3)
PYTHON

# --- The database and the static files -----------------------------------------------------------

say "migrating"
"$PY" manage.py migrate --noinput -v 0
# The demo content only goes into an empty database (nothing below the home page the migrations
# make): a second `make serve` keeps what was edited. seed_demo lives in the demo app, which only
# the dev settings install; it writes the same database and media folder.
has_content=$("$PY" manage.py shell -v 0 -c \
    "from wagtail.models import Page; print('yes' if Page.objects.filter(depth__gt=2).exists() else 'no')" | tail -n 1)
if [ "$has_content" = no ]; then
    say "empty database: loading the demo content (a minute or two, once)"
    DJANGO_SETTINGS_MODULE=config.settings.dev "$PY" manage.py seed_demo
else
    say "the database has content: demo not loaded again"
fi
# The recurring tasks production starts once (README, Background tasks), which /healthz watches:
# scheduled publishing, partner feeds, the retention purge. A chain already queued gets no second.
for command in publish_scheduled import_partner_feeds purge_personal_data; do
    "$PY" manage.py "$command" --schedule >/dev/null
done
say "collecting static files into $VAR_DIR/static"
"$PY" manage.py collectstatic --noinput -v 0

# --- Run, and stop everything on the way out -----------------------------------------------------

gunicorn_pid=""
worker_pid=""

stop_children() {
    # SIGTERM: gunicorn finishes the requests in flight, db_worker the task it is running. What is
    # still there after 20 s is killed, so nothing outlives this script.
    trap - INT TERM EXIT
    local pids=()
    for pid in $gunicorn_pid $worker_pid; do
        kill -0 "$pid" 2>/dev/null && pids+=("$pid") && kill -TERM "$pid" 2>/dev/null || true
    done
    for _ in $(seq 1 200); do
        local alive=0
        for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        [ "$alive" = 0 ] && break
        sleep 0.1
    done
    for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
on_signal() {
    echo
    say "stopping gunicorn and db_worker"
    stop_children
    say "stopped"
    exit 0
}
trap on_signal INT TERM
trap stop_children EXIT

say "starting gunicorn ($WEB_WORKERS workers) and db_worker"
# Each in a session of its own, so that Ctrl+C reaches only this script, which then sends each one
# SIGTERM once: a second signal makes db_worker abandon the task it is running. The site logs a
# line per request itself (production settings), so gunicorn keeps no access log of its own.
setsid "$GUNICORN" serve_wsgi:application --pythonpath "$ROOT/scripts,$ROOT" \
    --bind "127.0.0.1:$PORT" --workers "$WEB_WORKERS" --timeout 30 --graceful-timeout 10 \
    --no-control-socket &
gunicorn_pid=$!
setsid "$PY" manage.py db_worker --queue-name '*' --interval 1 &
worker_pid=$!

# Up once gunicorn answers at all: /healthz may still say 503 while the worker catches up on a queue.
answers() {
    "$PY" - "http://127.0.0.1:$PORT/healthz" <<'PYTHON' 2>/dev/null
import sys
import urllib.error
import urllib.request

try:
    urllib.request.urlopen(sys.argv[1], timeout=2)
except urllib.error.HTTPError:
    pass
PYTHON
}
for _ in $(seq 1 300); do
    answers && break
    kill -0 "$gunicorn_pid" 2>/dev/null || fail "gunicorn stopped while starting: see its messages above."
    sleep 0.2
done

# The database's address without its password, if it has one.
shown_database=$(printf '%s' "$DATABASE_URL" | sed -E 's#//([^:/@]+):[^@]*@#//\1:***@#')
cat <<EOF

  Leefbaarheid Gelderland (production settings) runs on  $BASE_URL/
  English:                                               $BASE_URL/en/
  Admin:                                                 $BASE_URL/admin/
  Demo logins (the admin asks to set up a second factor): redacteur / leefbaar-demo,
  hoofdredacteur / leefbaar-demo
  Database $shown_database, Redis $REDIS_URL, media and static in $VAR_DIR
  Mail is printed below by db_worker. Stop with Ctrl+C.

EOF

# Until a signal comes or one of the two stops by itself; then the other one is stopped too.
set +e
wait -n "$gunicorn_pid" "$worker_pid"
status=$?
say "a process stopped by itself (exit $status): stopping the other"
stop_children
exit 1
