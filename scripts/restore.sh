#!/usr/bin/env bash
# Put a backup made by scripts/backup.sh back: the database and the uploaded media.
#
#   scripts/restore.sh BACKUP_DIR [--database-url URL] [--media-root DIR] [--force]
#
# The targets default to the site's own environment (DATABASE_URL, MEDIA_ROOT, as in backup.sh);
# name others to restore beside the live site (a restore drill, a copy for staging).
#
# - First checks every file against SHA256SUMS: a damaged or incomplete backup changes nothing.
# - PostgreSQL: a missing database is created (the user needs CREATEDB, or create it first); the
#   dump is loaded with pg_restore in one transaction, so a failed restore leaves the database as
#   it was. SQLite: the file is written through SQLite's backup API.
# - Refuses to write into a database that has tables, or a media directory that has files, unless
#   --force. With --force the database's public schema is emptied first (PostgreSQL) or the file
#   overwritten (SQLite), and the old media directory is kept beside the new one as
#   DIR.replaced-YYYYMMDDTHHMMSSZ (delete it when the restore is checked).
# - Stop gunicorn and db_worker before restoring over the live site; afterwards run
#   `manage.py migrate` (always: it also starts a new content version, so nothing the cache kept
#   from the database before the restore is shown) and start them again.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY="$ROOT/.venv/bin/python"
[ -x "$PY" ] || PY=python3

say() { printf '[restore %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
fail() {
    printf '[restore] error: %s\n' "$*" >&2
    exit 1
}

VAR_DIR=${VAR_DIR:-$ROOT/var}
TARGET_URL=${DATABASE_URL:-sqlite:///$VAR_DIR/db.sqlite3}
TARGET_MEDIA=${MEDIA_ROOT:-$VAR_DIR/media}
FORCE=no
BACKUP=""

while [ $# -gt 0 ]; do
    case "$1" in
    --database-url) TARGET_URL=${2:?--database-url needs a URL}; shift 2 ;;
    --database-url=*) TARGET_URL=${1#--database-url=}; shift ;;
    --media-root) TARGET_MEDIA=${2:?--media-root needs a directory}; shift 2 ;;
    --media-root=*) TARGET_MEDIA=${1#--media-root=}; shift ;;
    --force) FORCE=yes; shift ;;
    -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    -*) fail "unknown option '$1' (see --help)" ;;
    *) [ -z "$BACKUP" ] || fail "give one backup directory, not '$BACKUP' and '$1'"; BACKUP=$1; shift ;;
    esac
done
[ -n "$BACKUP" ] || fail "which backup? scripts/restore.sh BACKUP_DIR [--database-url URL] [--media-root DIR] [--force]"
[ -d "$BACKUP" ] || fail "no backup directory at $BACKUP"
BACKUP=$(cd "$BACKUP" && pwd)
[ -f "$BACKUP/SHA256SUMS" ] && [ -f "$BACKUP/MANIFEST" ] ||
    fail "$BACKUP has no MANIFEST and SHA256SUMS: not a finished backup of scripts/backup.sh"

shown_database=$(printf '%s' "$TARGET_URL" | sed -E 's#//([^:/@]+):[^@]*@#//\1:***@#')
manifest() { sed -n "s/^$1: //p" "$BACKUP/MANIFEST"; }

# --- 1. Is the backup whole? ------------------------------------------------------------------------
say "checking the checksums of $BACKUP"
(cd "$BACKUP" && sha256sum --check --quiet --strict SHA256SUMS) ||
    fail "the backup does not match its SHA256SUMS: damaged or incomplete, nothing was restored"
engine=$(manifest engine)
database_file=$(manifest database_file)
say "  ok: $engine database ($(manifest created), from $(manifest database)), $(manifest media_files) media files"

case "$TARGET_URL" in
postgres://* | postgresql://*) target_engine=postgresql ;;
sqlite:*) target_engine=sqlite ;;
*) fail "the target database URL must start with postgres://, postgresql:// or sqlite:" ;;
esac
[ "$engine" = "$target_engine" ] ||
    fail "this is a $engine backup and $shown_database is $target_engine: restore into a $engine database"

# --- 2. Refuse before changing anything -----------------------------------------------------------
# PostgreSQL: "missing", "empty" or "tables N"; the helper also creates and empties databases.
postgres() {
    "$PY" - "$@" <<'PYTHON'
import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

action, url = sys.argv[1], sys.argv[2]
parts = urlsplit(url)
name = parts.path.lstrip("/")
USER_TABLES = """
    SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
"""
try:
    if action == "state":
        try:
            with psycopg.connect(url, connect_timeout=5) as connection:
                tables = connection.execute(USER_TABLES).fetchone()[0]
            print(f"tables {tables}" if tables else "empty")
        except psycopg.OperationalError:
            # A missing database is an error of the connection, without an SQLSTATE: ask the
            # server's own list (through its maintenance database) whether that is the reason.
            maintenance = urlunsplit(parts._replace(path="/postgres"))
            with psycopg.connect(maintenance, connect_timeout=5) as connection:
                listed = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if listed:
                raise
            print("missing")
    elif action == "create":
        maintenance = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(maintenance, autocommit=True, connect_timeout=5) as connection:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    elif action == "empty":
        # What Django made lives in the public schema; dropping it takes every table, sequence and
        # view with it, and needs only ownership of the schema, not the right to drop databases.
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as connection:
            connection.execute("DROP SCHEMA public CASCADE")
            connection.execute("CREATE SCHEMA public")
except psycopg.Error as error:
    sys.exit(f"[restore] error: PostgreSQL ({action} {name}): {str(error).strip()}")
PYTHON
}

if [ "$engine" = postgresql ]; then
    command -v pg_restore >/dev/null || fail "pg_restore not found: install the PostgreSQL client (apt-get install postgresql-client)"
    state=$(postgres state "$TARGET_URL") || exit 1
else
    sqlite_path=${TARGET_URL#sqlite://}
    state=$("$PY" - "$sqlite_path" <<'PYTHON'
import os
import sqlite3
import sys

path = sys.argv[1]
if not os.path.exists(path):
    print("missing")
else:
    connection = sqlite3.connect(path)
    tables = connection.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    connection.close()
    print(f"tables {tables}" if tables else "empty")
PYTHON
    ) || exit 1
fi
media_has_files=no
if [ -d "$TARGET_MEDIA" ] && [ -n "$(find "$TARGET_MEDIA" -mindepth 1 -print -quit)" ]; then
    media_has_files=yes
fi
if [ "$FORCE" = no ]; then
    case "$state" in
    tables*) fail "the database $shown_database is not empty (${state#tables } tables): give --force to replace it" ;;
    esac
    [ "$media_has_files" = no ] || fail "the media directory $TARGET_MEDIA is not empty: give --force to replace it"
fi

# --- 3. The database ------------------------------------------------------------------------------
if [ "$engine" = postgresql ]; then
    if [ "$state" = missing ]; then
        say "creating the database $shown_database"
        postgres create "$TARGET_URL" || exit 1
    elif [ "$state" != empty ]; then
        say "--force: emptying the database $shown_database (${state#tables } tables)"
        postgres empty "$TARGET_URL" || exit 1
    fi
    say "restoring the database into $shown_database with $(pg_restore --version)"
    pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
        --dbname="$TARGET_URL" "$BACKUP/$database_file" ||
        fail "pg_restore failed (see above); the database was left as it was before pg_restore"
else
    [ "$state" = missing ] || [ "$state" = empty ] || say "--force: overwriting $sqlite_path"
    say "restoring the database into $sqlite_path"
    mkdir -p "$(dirname "$sqlite_path")"
    "$PY" "$ROOT/scripts/sqlite_copy.py" "$BACKUP/$database_file" "$sqlite_path" || fail "the SQLite restore failed (see above)"
fi
say "  database restored"

# --- 4. The media ---------------------------------------------------------------------------------
TARGET_MEDIA=${TARGET_MEDIA%/}
parent=$(dirname "$TARGET_MEDIA")
mkdir -p "$parent"
partial="$parent/.$(basename "$TARGET_MEDIA").restoring-$$"
trap 'rm -rf "$partial"' EXIT
mkdir "$partial"
say "unpacking media into $TARGET_MEDIA"
tar --extract --file="$BACKUP/media.tar" --directory="$partial" --no-same-owner ||
    fail "unpacking media.tar failed; $TARGET_MEDIA was not changed"
if [ -d "$TARGET_MEDIA" ]; then
    if [ "$media_has_files" = yes ]; then
        kept="$TARGET_MEDIA.replaced-$(date -u +%Y%m%dT%H%M%SZ)"
        mv "$TARGET_MEDIA" "$kept"
        say "  the old media directory is now $kept (delete it when the restore is checked)"
    else
        rmdir "$TARGET_MEDIA"
    fi
fi
mv "$partial" "$TARGET_MEDIA"
trap - EXIT
say "  media restored: $(find "$TARGET_MEDIA" -type f | wc -l) files"
say "done. Next: manage.py migrate (always: it also retires what the cache kept), then start the site"
