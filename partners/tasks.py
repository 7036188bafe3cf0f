"""Partner feeds are imported every ``FEEDS_IMPORT_INTERVAL_MINUTES`` (60), by the Tasks API.

``import_partner_feeds_regularly`` queues its own next run before it imports (``core.recurring``),
so ``db_worker`` keeps it going once ``manage.py import_partner_feeds --schedule`` has started
it; without a backend that can wait the command runs from cron (see the README).
"""

from datetime import timedelta

from django.conf import settings
from django_tasks import task

from core.recurring import queue_next_run

from .feed_import import feed_partners, import_all_feeds, import_feed


def interval():
    return timedelta(minutes=settings.FEEDS_IMPORT_INTERVAL_MINUTES)


@task()
def import_partner_feeds_regularly():
    """Queue the next run, then import every partner's feed; how many feeds failed."""
    queue_next_run(import_partner_feeds_regularly, interval())
    runs = import_all_feeds()
    return sum(run.status == run.Status.ERROR for run in runs)


@task()
def import_partner_feed(partner_id):
    """Import one partner's feed now (an editor's *Nu ophalen*); the ``FeedRun``'s id, or None
    when the partner has no feed (any more)."""
    partner = feed_partners().filter(pk=partner_id).first()
    if partner is None:
        return None
    return import_feed(partner).pk
