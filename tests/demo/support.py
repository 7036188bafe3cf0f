"""Running the demo seed from a test."""

from io import StringIO

from django.core.management import call_command


def seed():
    """Run ``manage.py seed_demo`` and return what it printed."""
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()
