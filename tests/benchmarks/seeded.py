"""The throwaway database a benchmark measures against: migrated, with the demo content.

Django is set up on ``tests.benchmarks.settings`` with ``VAR_DIR`` in a temporary folder, a fresh
test database is created (SQLite, or the server ``DATABASE_URL`` names) and ``seed_demo`` fills
it. Everything is removed again when the ``with`` block ends, also after an error or Ctrl-C.
"""

import io
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def seeded_database():
    """Yields the temporary folder; the database is the default connection's."""
    workdir = Path(tempfile.mkdtemp(prefix="leefbaarheid-benchmark-"))
    # whitenoise warns at start-up when STATIC_ROOT (VAR_DIR/static) is missing.
    (workdir / "static").mkdir()
    os.environ["VAR_DIR"] = str(workdir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.benchmarks.settings"

    import django  # noqa: PLC0415 - only once the environment above is set

    django.setup()

    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415

    old_name = connection.settings_dict["NAME"]
    started = time.perf_counter()
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        call_command("seed_demo", stdout=io.StringIO())
        print(
            f"Database ({connection.vendor}) migrated and seeded in {time.perf_counter() - started:.1f} s.\n"
        )
        yield workdir
    finally:
        if os.environ.get("BENCHMARK_KEEP_DATABASE"):
            # For profiling afterwards: point DATABASE_URL at it (and drop it by hand).
            print(f"Kept the database {connection.settings_dict['NAME']}.")
        else:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(workdir, ignore_errors=True)
