#!/usr/bin/env bash
# Back up the site's database and uploaded media into one timestamped directory.
#
#   scripts/backup.sh [--output DIR]        (default: $BACKUP_DIR, else VAR_DIR/backups)
#
# Reads the same environment as the site: DATABASE_URL (PostgreSQL, or SQLite; default
# sqlite:///VAR_DIR/db.sqlite3) and MEDIA_ROOT (default VAR_DIR/media). It writes
#
#   leefbaarheid-YYYYMMDDTHHMMSSZ/   (UTC, so the names sort in time order)
#     database.pgdump      PostgreSQL: pg_dump's custom format (compressed; pg_restore reads it)
#     database.sqlite3     SQLite: a consistent copy made with SQLite's backup API
#     media.tar            every file below MEDIA_ROOT (originals, renditions, documents)
#     MANIFEST             what, from where, when, with which tools
#     SHA256SUMS           checksums of the above (`sha256sum -c SHA256SUMS`); restore.sh checks them
#
# The work happens in a hidden ".partial" directory that is renamed only when everything is
# written: an interrupted backup leaves no directory that looks complete (and the partial one is
# removed). The site may keep running: pg_dump reads one snapshot, SQLite's backup API copies a
# consistent state, and a file uploaded during the tar is at worst left out.
# Progress goes to standard error, the finished directory to standard output (for scripts).
# scripts/restore.sh puts a backup back.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY="$ROOT/.venv/bin/python"
[ -x "$PY" ] || PY=python3

say() { printf '[backup %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
fail() {
    printf '[backup] error: %s\n' "$*" >&2
    exit 1
}

VAR_DIR=${VAR_DIR:-$ROOT/var}
DATABASE_URL=${DATABASE_URL:-sqlite:///$VAR_DIR/db.sqlite3}
MEDIA_ROOT=${MEDIA_ROOT:-$VAR_DIR/media}
OUTPUT=${BACKUP_DIR:-$VAR_DIR/backups}

while [ $# -gt 0 ]; do
    case "$1" in
    --output) OUTPUT=${2:?--output needs a directory}; shift 2 ;;
    --output=*) OUTPUT=${1#--output=}; shift ;;
    -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) fail "unknown argument '$1' (see --help)" ;;
    esac
done

mkdir -p "$OUTPUT" || fail "cannot create the backup directory $OUTPUT"
OUTPUT=$(cd "$OUTPUT" && pwd)
NAME="leefbaarheid-$(date -u +%Y%m%dT%H%M%SZ)"
FINAL="$OUTPUT/$NAME"
WORK="$OUTPUT/.$NAME.partial"
[ -e "$FINAL" ] && fail "$FINAL already exists (two backups in the same second?)"

cleanup() {
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'echo; say "interrupted: nothing written"; exit 130' INT TERM
mkdir "$WORK"

# The address without its password, for the messages and the manifest.
shown_database=$(printf '%s' "$DATABASE_URL" | sed -E 's#//([^:/@]+):[^@]*@#//\1:***@#')

case "$DATABASE_URL" in
postgres://* | postgresql://*)
    command -v pg_dump >/dev/null || fail "pg_dump not found: install the PostgreSQL client (apt-get install postgresql-client)"
    engine=postgresql
    database_file=database.pgdump
    tool=$(pg_dump --version)
    say "dumping $shown_database with $tool"
    # libpq reads the URL itself (sslmode and other parameters included). No owners or grants:
    # the restore may go to another server, whose role names differ.
    pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$WORK/$database_file" ||
        fail "pg_dump of $shown_database failed (see above)"
    ;;
sqlite:*)
    engine=sqlite
    database_file=database.sqlite3
    path=${DATABASE_URL#sqlite://}
    [ -f "$path" ] || fail "no SQLite database at $path (DATABASE_URL=$DATABASE_URL)"
    tool="python sqlite3 $("$PY" -c 'import sqlite3; print(sqlite3.sqlite_version)')"
    say "copying $path with SQLite's backup API"
    "$PY" "$ROOT/scripts/sqlite_copy.py" "$path" "$WORK/$database_file" || fail "SQLite backup of $path failed (see above)"
    ;;
*)
    fail "DATABASE_URL must start with postgres://, postgresql:// or sqlite:, not '${DATABASE_URL%%:*}:'"
    ;;
esac
say "  database: $(du -h "$WORK/$database_file" | cut -f1)"

if [ -d "$MEDIA_ROOT" ]; then
    say "archiving media from $MEDIA_ROOT"
    tar --create --file="$WORK/media.tar" --directory="$MEDIA_ROOT" . || fail "tar of $MEDIA_ROOT failed"
    media_files=$(find "$MEDIA_ROOT" -type f | wc -l)
else
    say "no media directory at $MEDIA_ROOT: the archive is empty"
    tar --create --file="$WORK/media.tar" --files-from=/dev/null
    media_files=0
fi
say "  media: $media_files files, $(du -h "$WORK/media.tar" | cut -f1)"

cat >"$WORK/MANIFEST" <<EOF
format: leefbaarheid-backup 1
created: $(date -u +%Y-%m-%dT%H:%M:%SZ)
host: $(hostname)
engine: $engine
database: $shown_database
database_file: $database_file
database_tool: $tool
media_root: $MEDIA_ROOT
media_file: media.tar
media_files: $media_files
release: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
EOF

say "writing checksums"
(cd "$WORK" && sha256sum "$database_file" media.tar MANIFEST >SHA256SUMS)
sync "$WORK"/* 2>/dev/null || sync
mv "$WORK" "$FINAL"
trap - EXIT
say "done: $FINAL"
echo "$FINAL"
