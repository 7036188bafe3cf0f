"""Backup and restore, end to end, the way an operator runs them (docs/deployment.md).

A site of its own: a throwaway database of the kind this suite runs on (on PostgreSQL a new
database on the same server, on SQLite a file), brought up to date with ``manage.py migrate`` in a
subprocess, given a published page and an uploaded image in a temporary ``MEDIA_ROOT``. Then
``scripts/backup.sh`` and ``scripts/restore.sh`` run as real processes, into a second throwaway
database and media directory, and the restored copy must hold the page and the image's exact
bytes. The suite's own test database is never dumped or restored: the scripts see only the
throwaway ones. CI runs the suite on both databases, so both paths of the scripts (pg_dump and
pg_restore; SQLite's backup API) are tested there.
"""

import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
BACKUP = ROOT / "scripts" / "backup.sh"
RESTORE = ROOT / "scripts" / "restore.sh"
PAGE_SLUG = "back-up-proef"
PAGE_TITLE = "Pagina die de back-up overleeft"
IMAGE_TITLE = "Foto die de back-up overleeft"
# Migrating a whole database is most of this module's time; on a busy machine it can take minutes.
COMMAND_TIMEOUT = 600

# Runs inside the throwaway site (``manage.py shell -c``): one published page below the home page
# the migrations made, and one image with a real file in MEDIA_ROOT. Prints the image's file name.
MAKE_CONTENT = f"""
import io, random
from django.core.files.images import ImageFile
from PIL import Image
from wagtail.images import get_image_model
from home.models import HomePage, StandardPage

home = HomePage.objects.get(depth=2, locale__language_code="nl")
page = home.add_child(instance=StandardPage(title={PAGE_TITLE!r}, slug={PAGE_SLUG!r}))
page.save_revision().publish()
# Noise, so that the file has bytes worth comparing (and no two runs make the same file).
picture = Image.frombytes("RGB", (64, 48), random.randbytes(64 * 48 * 3))
buffer = io.BytesIO()
picture.save(buffer, "PNG")
image = get_image_model().objects.create(title={IMAGE_TITLE!r}, file=ImageFile(buffer, name="proef.png"))
print(image.file.name)
"""


def on_postgres():
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def server_url(name):
    """A URL for database ``name`` on the PostgreSQL server this suite uses."""
    db = settings.DATABASES["default"]
    credentials = quote(db["USER"] or "")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"])
    return f"postgres://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{name}"


def run(command, env, *, check=True):
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=COMMAND_TIMEOUT, check=False
    )
    if check and result.returncode != 0:
        pytest.fail(
            f"{command[:3]} exited {result.returncode}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return result


def query_one(database_url, sql, parameters):
    """One row from the database at ``database_url``, read without Django."""
    if database_url.startswith("sqlite:"):
        with closing(sqlite3.connect(database_url.removeprefix("sqlite://"))) as connection:
            return connection.execute(sql.replace("%s", "?"), parameters).fetchone()
    import psycopg  # noqa: PLC0415 - only installed where PostgreSQL is used

    with psycopg.connect(database_url) as connection:
        return connection.execute(sql, parameters).fetchone()


@pytest.fixture(scope="module")
def throwaway_databases(tmp_path_factory):
    """URLs of a source and a target database of this suite's kind; the target does not exist yet.

    On PostgreSQL both are dropped afterwards (``restore.sh`` creates the target itself).
    """
    if not on_postgres():
        folder = tmp_path_factory.mktemp("databases")
        yield SimpleNamespace(
            source=f"sqlite:///{folder / 'source.sqlite3'}", target=f"sqlite:///{folder / 'target.sqlite3'}"
        )
        return
    import psycopg  # noqa: PLC0415
    from psycopg import sql  # noqa: PLC0415

    # Unique per run: two suites on one server (CI's jobs, helpers on a laptop) never meet.
    prefix = f"ops_backup_{os.getpid()}_{secrets.token_hex(3)}"
    names = (f"{prefix}_source", f"{prefix}_target")
    maintenance = server_url("postgres")
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(names[0])))
    try:
        yield SimpleNamespace(source=server_url(names[0]), target=server_url(names[1]))
    finally:
        with psycopg.connect(maintenance, autocommit=True) as connection:
            for name in names:
                connection.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )


@pytest.fixture(scope="module")
def source_site(throwaway_databases, tmp_path_factory):
    """The throwaway site, migrated and with its page and image; the image's bytes as uploaded."""
    folder = tmp_path_factory.mktemp("source-site")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": throwaway_databases.source,
        "VAR_DIR": str(folder),
        "MEDIA_ROOT": str(folder / "media"),
    }
    # The scripts read the environment only; no cache of another site is touched by the content.
    env.pop("REDIS_URL", None)
    env.pop("BACKUP_DIR", None)
    run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    image_name = run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", MAKE_CONTENT], env
    ).stdout.split()[-1]
    image_bytes = (folder / "media" / image_name).read_bytes()
    return SimpleNamespace(env=env, folder=folder, image_name=image_name, image_bytes=image_bytes)


@pytest.fixture(scope="module")
def backup(source_site):
    """The directory ``backup.sh`` wrote, named on its last line of output."""
    result = run(["bash", str(BACKUP), "--output", str(source_site.folder / "backups")], source_site.env)
    return Path(result.stdout.strip().splitlines()[-1])


def restore(backup_dir, env, database_url, media_root, *extra):
    return run(
        [
            "bash",
            str(RESTORE),
            str(backup_dir),
            "--database-url",
            database_url,
            "--media-root",
            str(media_root),
            *extra,
        ],
        env,
        check=False,
    )


def test_backup_is_one_finished_directory_with_checksums(backup):
    database_file = "database.pgdump" if on_postgres() else "database.sqlite3"
    assert sorted(path.name for path in backup.iterdir()) == sorted(
        ["MANIFEST", "SHA256SUMS", database_file, "media.tar"]
    )
    manifest = (backup / "MANIFEST").read_text()
    assert f"engine: {'postgresql' if on_postgres() else 'sqlite'}" in manifest
    assert "media_files: 1" in manifest
    # Nothing half-written is left beside it.
    assert [path.name for path in backup.parent.iterdir()] == [backup.name]


def test_restore_brings_back_the_page_and_the_image_bytes(backup, source_site, throwaway_databases, tmp_path):
    media = tmp_path / "restored-media"
    result = restore(backup, source_site.env, throwaway_databases.target, media)
    assert result.returncode == 0, result.stderr

    page = query_one(
        throwaway_databases.target, "SELECT title, live FROM wagtailcore_page WHERE slug = %s", [PAGE_SLUG]
    )
    assert page is not None and page[0] == PAGE_TITLE and page[1]
    (image_file,) = query_one(
        throwaway_databases.target, "SELECT file FROM wagtailimages_image WHERE title = %s", [IMAGE_TITLE]
    )
    assert image_file == source_site.image_name
    assert (media / image_file).read_bytes() == source_site.image_bytes
    # The restored database is the site's whole schema: Django finds no migration left to apply.
    restored_env = {**source_site.env, "DATABASE_URL": throwaway_databases.target, "MEDIA_ROOT": str(media)}
    assert run([sys.executable, "manage.py", "migrate", "--check"], restored_env, check=False).returncode == 0

    # Again into the same, now filled, database: refused without --force, and nothing changed.
    other_media = tmp_path / "other-media"
    again = restore(backup, source_site.env, throwaway_databases.target, other_media)
    assert again.returncode != 0
    assert "is not empty" in again.stderr and "--force" in again.stderr
    assert not other_media.exists()
    # With --force it replaces the database and keeps the old media folder beside the new one.
    forced = restore(backup, source_site.env, throwaway_databases.target, media, "--force")
    assert forced.returncode == 0, forced.stderr
    assert (media / image_file).read_bytes() == source_site.image_bytes
    assert len(list(tmp_path.glob("restored-media.replaced-*"))) == 1


def test_restore_refuses_a_damaged_backup_before_changing_anything(backup, source_site, tmp_path):
    damaged = tmp_path / "damaged"
    shutil.copytree(backup, damaged)
    tar = damaged / "media.tar"
    data = bytearray(tar.read_bytes())
    data[len(data) // 3] ^= 0xFF
    tar.write_bytes(bytes(data))
    # A database that does not exist: restore.sh would create it, had it gone past the checksums.
    never = f"ops_backup_never_{secrets.token_hex(4)}"
    target = server_url(never) if on_postgres() else f"sqlite:///{tmp_path / 'never.sqlite3'}"

    result = restore(damaged, source_site.env, target, tmp_path / "media", "--force")

    assert result.returncode != 0
    assert "SHA256SUMS" in result.stderr and "nothing was restored" in result.stderr
    assert not (tmp_path / "media").exists()
    if on_postgres():
        assert query_one(
            server_url("postgres"), "SELECT count(*) FROM pg_database WHERE datname = %s", [never]
        ) == (0,)
    else:
        assert not (tmp_path / "never.sqlite3").exists()
