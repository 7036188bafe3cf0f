"""The people in the demo: subscribers of the kwartaalupdate and registrations for meetings.

Without them the subscriber list, the send screens, a meeting's registrations, its waitlist and
attendance list show nothing to try. Everyone here is made up, with addresses under ``.example``
(a domain that never receives mail), and the same on every run: a seeded random generator picks
names, municipalities and themes, so a second run finds every row and adds nothing.

- ``seed_subscribers``: ``SUBSCRIBERS`` readers, most confirmed, some waiting for confirmation,
  unsubscribed or bounced; Dutch and a few English; each with a municipality from the database and
  one to three themes.
- ``seed_registrations``: on every past meeting a room of confirmed people, most marked present; on
  the first upcoming meeting with a limit every place taken and ``WAITLIST`` people waiting; on
  the other upcoming meetings some places taken and one registration not yet confirmed.

Rows are written with ``bulk_create``: no signal runs, so nobody is mailed and no task is queued,
and a few hundred rows take a fraction of a second.
"""

import datetime
import random

from django.utils import timezone

from knowledge.models import MeetingPage, Municipality, ThemePage
from newsletter.models import Subscriber
from registrations.models import Registration

SUBSCRIBERS = 300
WAITLIST = 3
DOMAIN = "demo-lezers.example"

FIRST_NAMES = [
    "Anna", "Bram", "Carla", "Daan", "Eva", "Fatima", "Gert", "Hanneke", "Ilse", "Jeroen", "Karin",
    "Lars", "Mirjam", "Noah", "Olga", "Pieter", "Rachid", "Sanne", "Tom", "Ursula", "Vera", "Wim",
    "Yara", "Zeynep",
]  # fmt: skip
LAST_NAMES = [
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos", "Vos",
    "Peters", "Hendriks", "van Dijk", "Kok", "Yilmaz", "El Amrani", "Willems", "van den Berg",
]  # fmt: skip
ORGANISATIONS = ["Movisie", "Platform31", "Welzijn Oost", "Dorpshuis De Schakel", "GGD Gelderland-Zuid"]


def _person(number):
    """A made-up name and its address, the same for the same ``number``."""
    first = FIRST_NAMES[number % len(FIRST_NAMES)]
    last = LAST_NAMES[(number // len(FIRST_NAMES)) % len(LAST_NAMES)]
    local = f"{first}.{last}".lower().replace(" ", "")
    return f"{first} {last}", f"{local}.{number}@{DOMAIN}"


def seed_subscribers(tally):
    rng = random.Random(21)
    municipalities = list(Municipality.objects.order_by("name"))
    themes = list(ThemePage.objects.filter(locale__language_code="nl").order_by("path"))
    existing = set(Subscriber.objects.filter(email__endswith=f"@{DOMAIN}").values_list("email", flat=True))
    now = timezone.now()
    statuses = (
        [Subscriber.Status.CONFIRMED] * 40
        + [Subscriber.Status.PENDING] * 3
        + [Subscriber.Status.UNSUBSCRIBED] * 2
        + [Subscriber.Status.BOUNCED]
    )
    new, chosen_themes = [], {}
    for number in range(1, SUBSCRIBERS + 1):
        name, email = _person(number)
        # Draw for every person, new or not, so the choices stay the same for each number.
        status = rng.choice(statuses)
        language = "en" if rng.random() < 0.15 else "nl"
        municipality = rng.choice(municipalities) if municipalities and rng.random() < 0.8 else None
        picked = rng.sample(themes, k=min(len(themes), rng.randint(1, 3)))
        days_ago = rng.randint(1, 700)
        if email in existing:
            tally.unchanged += 1
            continue
        since = now - datetime.timedelta(days=days_ago)
        new.append(
            Subscriber(
                email=email,
                name=name,
                language=language,
                municipality=municipality,
                organisation="" if municipality else rng.choice(ORGANISATIONS),
                status=status,
                consent_source=Subscriber.Source.FORM,
                consent_form="Demo",
                consent_given_at=since,
                confirmed_at=since if status != Subscriber.Status.PENDING else None,
                unsubscribed_at=now if status == Subscriber.Status.UNSUBSCRIBED else None,
                bounce_count=3 if status == Subscriber.Status.BOUNCED else 0,
            )
        )
        chosen_themes[email] = picked
    if not new:
        return
    Subscriber.objects.bulk_create(new, ignore_conflicts=True)
    ids = dict(Subscriber.objects.filter(email__in=chosen_themes).values_list("email", "pk"))
    Through = Subscriber.themes.through
    Through.objects.bulk_create(
        [
            Through(subscriber_id=ids[email], themepage_id=theme.pk)
            for email, picked in chosen_themes.items()
            for theme in picked
        ],
        ignore_conflicts=True,
    )
    tally.created += len(new)


def _registration(meeting, number, status, rng, municipalities, **extra):
    name, email = _person(1000 + number)
    municipality = rng.choice(municipalities) if municipalities and rng.random() < 0.85 else None
    return Registration(
        meeting=meeting,
        name=name,
        email=email,
        municipality=municipality,
        organisation="" if municipality else rng.choice(ORGANISATIONS),
        role=rng.choice(Registration.Role.values),
        status=status,
        # As the public form leaves it: told of these times, so moving the meeting tells them again.
        notified_start=meeting.start,
        notified_end=meeting.end,
        **extra,
    )


def seed_registrations(tally):
    rng = random.Random(2026)
    municipalities = list(Municipality.objects.order_by("name"))
    meetings = list(MeetingPage.objects.filter(locale__language_code="nl").order_by("start", "pk"))
    taken = set(Registration.objects.filter(meeting__in=meetings).values_list("meeting_id", "email"))
    now = timezone.now()
    confirmed, waitlisted, pending = (
        Registration.Status.CONFIRMED,
        Registration.Status.WAITLISTED,
        Registration.Status.PENDING,
    )
    # The last coming meeting with a limit is the full one (with a waitlist): the first stays open
    # with places left, for whoever tries the public form after ``make run`` (and the browser tests).
    coming = [
        meeting for meeting in meetings if meeting.end >= now and meeting.capacity and not meeting.cancelled
    ]
    full = coming[-1] if coming else None
    rows = []
    for index, meeting in enumerate(meetings):
        first = index * 100  # each meeting its own run of people, the same on every run
        wanted = []
        if meeting.end < now:
            room = min(meeting.capacity or 20, 18)
            for number in range(room):
                registered = meeting.start - datetime.timedelta(days=20 - number % 10)
                wanted.append(
                    (first + number, confirmed, {"created_at": registered, "attended": number % 6 != 0})
                )
        elif meeting == full:
            opened = meeting.registration_opens or now - datetime.timedelta(days=30)
            for number in range(meeting.capacity + WAITLIST):
                status = confirmed if number < meeting.capacity else waitlisted
                registered = min(opened + datetime.timedelta(hours=6 * number), now)
                wanted.append((first + number, status, {"created_at": registered}))
        else:
            for number in range(min(meeting.capacity or 12, 12) // 2):
                wanted.append(
                    (first + number, confirmed, {"created_at": now - datetime.timedelta(days=5 + number)})
                )
            wanted.append((first + 50, pending, {"created_at": now - datetime.timedelta(hours=2)}))
        for number, status, extra in wanted:
            row = _registration(meeting, number, status, rng, municipalities, **extra)
            if (meeting.pk, row.email) in taken:
                tally.unchanged += 1
                continue
            rows.append(row)
    Registration.objects.bulk_create(rows, ignore_conflicts=True)
    tally.created += len(rows)
