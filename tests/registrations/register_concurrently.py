"""Many registrations for one meeting at the same moment, each in its own thread and connection.

    DATABASE_URL=... python tests/registrations/register_concurrently.py MEETING_ID COUNT

Run by ``test_concurrency.py`` in a subprocess against the test database (see ``tests.database``).
All threads wait at a barrier and then register at once; the script prints one JSON line with
the outcome of each.
"""

import json
import os
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from knowledge.models import MeetingPage  # noqa: E402
from registrations import places  # noqa: E402


def main(meeting_id, count):
    meeting = MeetingPage.objects.get(pk=meeting_id)
    connection.close()
    barrier = threading.Barrier(count)
    outcomes = [None] * count

    def register(n):
        try:
            barrier.wait()
            outcome, _registration = places.register(
                meeting,
                language="nl",
                name=f"Deelnemer {n}",
                email=f"deelnemer{n}@gemeente.example",
                municipality=None,
                organisation="Gemeente",
                role="policy",
                accessibility_needs="",
                case="",
            )
            outcomes[n] = str(outcome)
        except Exception as error:  # reported, so that the test says what went wrong
            outcomes[n] = f"error: {type(error).__name__}: {error}"
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(json.dumps(outcomes))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
