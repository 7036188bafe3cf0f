"""The test database, reached from a subprocess: what tests of several processes need.

On SQLite the test database is in memory, which no other process can open: ``database_url``
copies it into a file with SQLite's backup API and returns that file's URL. On PostgreSQL it
returns the test database itself, which a ``transaction=True`` test's committed data is in.
"""

import sqlite3
from urllib.parse import quote

from django.db import connection


def database_url(tmp_path):
    """A URL for the subprocess that reaches the data this test wrote."""
    if connection.vendor == "sqlite":
        path = tmp_path / "crash.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{path}"
    db = connection.settings_dict
    credentials = quote(db["USER"] or "")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"])
    host = f"{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
    return f"postgres://{host}/{db['NAME']}"
