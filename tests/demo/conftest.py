"""The demo content, loaded once per test module.

Seeding takes a while, so each module that needs the demo site seeds it once (``demo_site``), inside
a transaction that is rolled back when the module is done; each test runs in a savepoint of its own
on top of it, so what a test changes is gone before the next one.
"""

from types import SimpleNamespace

import pytest
from django.db import transaction

from .support import seed


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo content, seeded once for the module; ``first`` is what that run printed.

    Other module-scoped fixtures can build on it with ``django_db_blocker.unblock()``: what they
    write is rolled back together with the demo content.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield SimpleNamespace(first=seed())
        transaction.set_rollback(True)
