"""Copy a SQLite database with SQLite's backup API and check the copy: backup.sh and restore.sh.

    python scripts/sqlite_copy.py SOURCE TARGET

Through the backup API, not a file copy: a database in WAL mode that is being written is copied
consistently, the target's own -wal and -shm files stay consistent with what is now in it, and a
reader never sees half a file. The source is not opened read-only: a read-only connection to a WAL
database fails when its -shm file is missing. The caller checks that the source exists (connect()
would otherwise make an empty one). Exits non-zero with a message when the copy fails
``PRAGMA integrity_check``.
"""

import sqlite3
import sys

source = sqlite3.connect(sys.argv[1])
target = sqlite3.connect(sys.argv[2])
with target:
    source.backup(target)
check = target.execute("PRAGMA integrity_check").fetchone()[0]
target.close()
source.close()
if check != "ok":
    sys.exit(f"the copy fails SQLite's integrity check: {check}")
