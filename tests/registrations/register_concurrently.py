"""Many registrations for one meeting at the same moment, each in its own thread and connection.

    DATABASE_URL=... python tests/registrations/register_concurrently.py MEETING_ID COUNT MODE

Run by ``test_concurrency.py`` in a subprocess against the test database (see ``tests.database``).
All threads wait at a barrier and then act at once; the script prints one JSON line with the
outcome of each. ``MODE``:

- ``confirm``: COUNT people, each from a client and mail domain of their own, register at once
  (all are stored without a place), then all press "confirm" at once: the outcomes of the
  confirmations.
- ``one-client``: COUNT registrations from the same client address at once: the outcomes of the
  registrations (the limit per client must hold under concurrency too).
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


def at_once(count, action):
    """Run ``action(n)`` in ``count`` threads that start together; their results, as strings."""
    barrier = threading.Barrier(count)
    outcomes = [None] * count

    def run(n):
        try:
            barrier.wait()
            outcomes[n] = action(n)
        except Exception as error:  # reported, so that the test says what went wrong
            outcomes[n] = f"error: {type(error).__name__}: {error}"
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def register(meeting, n, client):
    return places.register(
        meeting,
        language="nl",
        client=client,
        name=f"Deelnemer {n}",
        email=f"deelnemer{n}@gemeente{n}.example",
        municipality=None,
        organisation="Gemeente",
        role="policy",
        accessibility_needs="",
        case="",
    )


def main(meeting_id, count, mode):
    meeting = MeetingPage.objects.get(pk=meeting_id)
    connection.close()
    if mode == "one-client":
        outcomes = at_once(count, lambda n: str(register(meeting, n, "203.0.113.9")[0]))
    else:
        registered = at_once(count, lambda n: register(meeting, n, f"198.51.100.{n}"))
        stored = [result for result in registered if not isinstance(result, str) and result[0] == "pending"]
        if len(stored) < count:  # every one must be stored (without a place) before confirming
            outcomes = [
                result if isinstance(result, str) else f"registered: {result[0]}" for result in registered
            ]
        else:
            outcomes = at_once(count, lambda n: str(places.confirm(registered[n][1])[0]))
    print(json.dumps(outcomes))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
