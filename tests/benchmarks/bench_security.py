"""Security benchmark: do the public pages keep their throughput while the site is being attacked?

    python tests/benchmarks/bench_security.py [--seconds 8] [--workers 2]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python tests/benchmarks/bench_security.py

The site refuses attacks in two places where refusing is cheap, and this script measures whether
"cheap" holds under load, through the HTTP stack of production (gunicorn with
``config.settings.production``, whitenoise, the CSRF check, django-axes, the second factor):

- **Wrong passwords** (``accounts/throttling.py``). Checking a password costs a worker hundreds of
  milliseconds of CPU: Django hashes it with PBKDF2 on purpose, so that a stolen hash is slow to
  crack. Four attackers posting wrong passwords in a loop would keep two workers busy hashing all
  day. django-axes refuses a client (and an account name) after ``AXES_FAILURE_LIMIT`` failures
  with a 429, *before* any hashing: after the first few attempts the attack should cost no more
  than a small page each.
- **Renditions** (``core/images.py``). Wagtail's admin preview renders any size it is asked for,
  on every request: ``width-9000`` of a 40 Mpx photo holds a worker for seconds and well over a
  gigabyte. The site answers only its own sizes, from the stored rendition, and refuses any other
  size before the image is opened. A partner (any account that may upload) could otherwise take the
  site down with a browser tab.

How: the script builds a throwaway world in a temporary directory (a SQLite file, or a new
PostgreSQL database on the server ``DATABASE_URL`` names; Redis database ``--redis-db`` if Redis
answers on 127.0.0.1:6379), migrates it, loads the demo content and collects the static files. It
makes a partner account in Movisie's group with a confirmed TOTP device, and puts a 6300x6300
photo (just under the 40 Mpx limit) in Movisie's collection. Then it starts gunicorn with
production settings and runs ``wrk`` on four public pages (home, knowledge base, one item, one
theme) three times:

    a. alone: the baseline;
    b. while four clients (each from its own loopback address) post wrong passwords to
       ``/admin/login/`` as a real attacker does (the login page for the CSRF token, then the POST):
       how many were hashed (answered 200, the form again) and how many refused (429), and what
       django-axes wrote to the database meanwhile;
    c. while four partner clients, logged in with password and TOTP code through the real pages,
       ask ``/admin/images/<id>/preview/width-9000/`` (refused: 404) and ``.../max-800x600/``
       (allowed: 200) of the big photo in a loop.

In b and c wrk starts once the attack is in its steady state: every attacker refused at least
once, every partner client served from the stored rendition. What comes before (about ten hashed
passwords, one rendition made from the original) happens once per attack and lockout, not per
request; inside an 8-second window it would weigh more or less depending on ``--seconds``, so it
is reported on its own. ``--cold`` starts wrk together with the attack instead.

The ratios b/a and c/a are what the issue asks about: a failed attempt must not cost the public
pages their throughput. The attackers' own requests still take their share of two workers, so
the ratios can't be 1.0: four clients beside wrk's eight connections keep 0.8 only if each of
their requests costs the workers less than about half a public page. The target is 0.8. To show
where the work went, each phase also reports the workers' CPU time (from /proc): per public page
in phase a, and what is left per attacking request in b and c. On a busy machine the rates move
with the other load; the CPU per request less so.

Memory: the peak resident memory of each gunicorn worker (``VmHWM``) after each phase; after the
partner uploads a second just-under-the-limit photo through the admin's add view and opens its edit
page (which renders it whole, as ``original``, and as ``max-800x600``); after a visitor first opens
a published partner article that shows the photo in an image block (``srcset_image`` in three
widths, made on that first view); and after the partner uploads an 11000x11000 "pixel bomb" (a
1-bit PNG of a few KB that would decode to 121 million pixels), which must be refused without an
image being made. The target is under 500 MB: a worker that needs gigabytes for one upload or one
page is a worker the machine's memory killer takes, with the requests of everybody else on it.

The script measures and never gates: it exits 0 whatever the figures (2 when it can't set up,
130 on Ctrl-C) and sums up in a last ``VERDICT:`` line. Everything it starts is stopped, and the
database and temporary directory are removed, also after an error or Ctrl-C.
"""

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from statistics import median
from urllib.parse import urlsplit

import requests
from bs4 import BeautifulSoup
from requests.adapters import HTTPAdapter
from requests.cookies import RequestsCookieJar

# Run as a script: the project's root on the path, for the shared serving helpers.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.benchmarks.serving import (  # noqa: E402
    ROOT,
    SetupError,
    Workers,
    World,
    build_world,
    database,
    environment,
    gunicorn,
    production_environment,
    progress,
    redis_database,
    run,
    run_wrk,
)

TARGET_RATIO = 0.8
TARGET_PEAK_MB = 500
# The limits of config/settings/base.py, repeated here so that the attack sits just below them.
MAX_IMAGE_PIXELS = 40_000_000
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
AXES_FAILURE_LIMIT = 10
PHOTO_SIDE = 6300  # 39.7 Mpx: as big as the site accepts
BOMB_SIDE = 11_000  # 121 Mpx: three times the limit, in a file of a few KB
# The public pages wrk rotates over; the knowledge item is looked up in the seeded database.
PUBLIC_PATHS = ["/", "/kennisbank/", "/themas/eenzaamheid/"]
PARTNER = "Movisie"
PARTNER_USERNAME = "partner-bench"
# An attacker goes for an account that exists and is worth having: the demo's editor-in-chief.
ATTACKED_USERNAME = "hoofdredacteur"
REFUSED_SPEC, ALLOWED_SPEC = "width-9000", "max-800x600"
LOGIN_PATH = "/admin/login/"
VERIFY_PATH = "/admin/tweestapsverificatie/code/"
# Generous: a 40 Mpx rendition on a busy two-core machine; gunicorn's own timeout is 30 s.
REQUEST_TIMEOUT = 40
# How long an attack may take to reach its steady state before wrk starts anyway.
PRIME_TIMEOUT = 90
TOKEN_PATTERN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


# --- The attackers' material ----------------------------------------------------------------------


def photo_jpeg(path, side=PHOTO_SIDE):
    """A photo-like JPEG of ``side`` x ``side`` just under the upload limit in bytes too.

    Not all zeros (which would compress to nothing and decode to nothing interesting): large
    smooth shapes, a gradient and fine grain, like a camera's picture of a cloudy sky.
    """
    from PIL import Image, ImageChops  # noqa: PLC0415

    grain = Image.effect_noise((side, side), 40)
    channels = []
    for number in range(3):
        shapes = Image.effect_noise((side // 90, side // 90), 60).resize(
            (side, side), Image.Resampling.BICUBIC
        )
        gradient = Image.linear_gradient("L").resize((side, side)).rotate(90 * number)
        shifted = ImageChops.offset(grain, 997 * number, 1999 * number)
        channels.append(Image.blend(Image.blend(shapes, gradient, 0.4), shifted, 0.3))
    picture = Image.merge("RGB", channels)
    # The best quality that stays under the byte limit: the attacker wants the biggest file allowed.
    for quality in (90, 85, 80, 75, 70, 60, 50):
        picture.save(path, "JPEG", quality=quality)
        if path.stat().st_size < MAX_UPLOAD_BYTES * 0.95:
            return path
    raise SetupError(f"Could not make a {side}x{side} JPEG under {MAX_UPLOAD_BYTES} bytes")


def prepare_in_django(photo, password):
    """Runs in a child process with dev settings on the world's database; prints ``key=value`` lines.

    The partner's account, with a confirmed TOTP device whose key the benchmark uses to compute
    codes as an authenticator app would, and the big photo in the partner's collection, owned by
    that account (a partner may change, and so preview, only its own images). And a published
    article in the partner's section with the same photo (its own image row, so no rendition of it
    exists yet) in an image block: what an editor publishes after approving a partner's draft.
    """
    sys.path.insert(0, str(ROOT))
    import django  # noqa: PLC0415 - the environment is the parent's

    django.setup()
    from django.contrib.auth import get_user_model  # noqa: PLC0415
    from django.core.files.images import ImageFile  # noqa: PLC0415
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415
    from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: PLC0415
    from wagtail.images import get_image_model  # noqa: PLC0415

    from core.images import fit_for_the_web  # noqa: PLC0415
    from knowledge.models import KnowledgeItemPage, NewsPage  # noqa: PLC0415
    from partners.setup import set_up_partner  # noqa: PLC0415

    partner = set_up_partner(PARTNER)  # made by seed_demo already: this finds it
    user, _created = get_user_model().objects.get_or_create(
        username=PARTNER_USERNAME, defaults={"email": "partner-bench@movisie.example"}
    )
    user.set_password(password)
    user.save()
    user.groups.add(partner.group)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)

    def big_photo(title, name):
        # Stored as the admin's upload stores a photo (core.images.fit_for_the_web): web-sized.
        with open(photo, "rb") as file:
            stored = fit_for_the_web(SimpleUploadedFile(name, file.read(), content_type="image/jpeg"))
        return get_image_model().objects.create(
            title=title,
            file=ImageFile(stored, name=name),
            collection=partner.collection,
            uploaded_by_user=user,
        )

    image = big_photo("Grote persfoto (benchmark)", "groot-persfoto.jpg")
    section = partner.section
    article = section.add_child(
        instance=NewsPage(
            title="Partnerartikel met een grote foto (benchmark)",
            slug="partnerartikel-grote-foto",
            category=NewsPage.Category.PARTNER,
            organisation=partner.organisation,
            locale=section.locale,
            body=[("image", {"image": big_photo("Foto bij partnerartikel (benchmark)", "artikelfoto.jpg")})],
        )
    )
    article.save_revision().publish()
    item = (
        KnowledgeItemPage.objects.live().public().filter(locale__language_code="nl").order_by("path").first()
    )
    values = {
        "group": partner.group.name,
        "collection": partner.collection_id,
        "image": image.pk,
        "image_size": f"{image.width}x{image.height}",
        "totp_key": device.key,
        "totp_step": device.step,
        "totp_t0": device.t0,
        "totp_digits": device.digits,
        "totp_drift": device.drift,
        "item_path": urlsplit(item.full_url).path if item else "",
        "article_path": urlsplit(article.full_url).path,
    }
    for key, value in values.items():
        print(f"{key}={value}")


def prepare(world, photo, password):
    env = environment(world, "config.settings.dev")
    command = [sys.executable, str(Path(__file__).resolve()), "--prepare", str(photo), password]
    output = run(command, env, "partner account, TOTP device and photo")
    return dict(line.split("=", 1) for line in output.splitlines() if "=" in line)


def query(world, sql, params=()):
    """Rows of ``sql`` (``%s`` placeholders), read straight from the world's database."""
    if world.sqlite_path:
        with closing(sqlite3.connect(world.sqlite_path, timeout=20)) as connection:
            return connection.execute(sql.replace("%s", "?"), params).fetchall()
    import psycopg  # noqa: PLC0415

    with psycopg.connect(world.database_url) as connection:
        return connection.execute(sql, params).fetchall()


def image_ids(world, title):
    return [row[0] for row in query(world, "SELECT id FROM wagtailimages_image WHERE title = %s", (title,))]


def failure_records(world):
    """django-axes' records of failed logins: rows, failures counted, the longest ``post_data`` (bytes).

    Each failure it records appends the (masked) form to its row's ``post_data``; a row that grows
    with every refused attempt makes each refusal slower, the longer an attack goes on.
    """
    sql = (
        "SELECT COUNT(*), COALESCE(SUM(failures_since_start), 0), COALESCE(MAX(LENGTH(post_data)), 0) "
        "FROM axes_accessattempt"
    )
    return query(world, sql)[0]


# --- HTTP clients -----------------------------------------------------------------------------------


class CookiesBehindProxy(RequestsCookieJar):
    """Keeps production's Secure cookies (session, CSRF) sendable over the plain HTTP of this benchmark.

    The TLS proxy is missing here; the clients say ``X-Forwarded-Proto: https`` as it would. A cookie
    jar returns Secure cookies only to https URLs, so they are stored as not Secure. (A cookie policy
    would not do: requests merges the cookies into a fresh jar, with the default policy, per request.)
    """

    def set_cookie(self, cookie, *args, **kwargs):
        cookie.secure = False
        return super().set_cookie(cookie, *args, **kwargs)


class SourceAddressAdapter(HTTPAdapter):
    """Connects from a given loopback address: each attacker is a client of its own to django-axes."""

    def __init__(self, address, **kwargs):
        self.source_address = (address, 0)
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = self.source_address
        super().init_poolmanager(*args, **kwargs)


def http_client(world, source_address=None):
    session = requests.Session()
    session.cookies = CookiesBehindProxy()
    # What a browser sends through the proxy: https, and the site's own origin (the CSRF check).
    session.headers.update(
        {"X-Forwarded-Proto": "https", "Origin": world.origin, "Referer": world.origin + LOGIN_PATH}
    )
    if source_address:
        session.mount("http://", SourceAddressAdapter(source_address))
    return session


def csrf_token(response):
    match = TOKEN_PATTERN.search(response.text)
    if match is None:
        raise SetupError(f"No CSRF token in {response.url} (status {response.status_code})")
    return match.group(1)


def totp_code(values):
    from django_otp.oath import totp  # noqa: PLC0415 - plain Python, no Django settings needed

    code = totp(
        bytes.fromhex(values["totp_key"]),
        step=int(values["totp_step"]),
        t0=int(values["totp_t0"]),
        digits=int(values["totp_digits"]),
        drift=int(values["totp_drift"]),
    )
    return f"{code:0{int(values['totp_digits'])}d}"


def log_in_partner(world, password, values):
    """Logs the partner in as a person does: password, then the app's code. Returns the session."""
    session = http_client(world)
    login = world.base + LOGIN_PATH
    token = csrf_token(session.get(login, timeout=REQUEST_TIMEOUT))
    data = {
        "username": PARTNER_USERNAME,
        "password": password,
        "csrfmiddlewaretoken": token,
        "next": "/admin/",
    }
    answer = session.post(login, data=data, allow_redirects=False, timeout=REQUEST_TIMEOUT)
    if answer.status_code != 302:
        raise SetupError(f"The partner's password was not accepted: status {answer.status_code}")
    # Django gives a new CSRF token at login: the code page's form has it.
    page = session.get(f"{world.base}{VERIFY_PATH}?next=/admin/", timeout=REQUEST_TIMEOUT)
    if page.status_code != 200:
        raise SetupError(f"The code page answered {page.status_code} after the password")
    data = {"code": totp_code(values), "csrfmiddlewaretoken": csrf_token(page), "next": "/admin/"}
    answer = session.post(world.base + VERIFY_PATH, data=data, allow_redirects=False, timeout=REQUEST_TIMEOUT)
    if answer.status_code != 302 or VERIFY_PATH in answer.headers.get("Location", ""):
        raise SetupError(f"The partner's TOTP code was not accepted: status {answer.status_code}")
    home = session.get(world.base + "/admin/", allow_redirects=False, timeout=REQUEST_TIMEOUT)
    if home.status_code != 200:
        raise SetupError(f"The admin answered {home.status_code} after password and code")
    return session


def clone(world, session):
    """Another connection of the same logged-in partner (a second browser tab)."""
    copy = http_client(world)
    copy.cookies.update(session.cookies)
    return copy


@dataclass
class Tally:
    """What the background clients got, one (label, status, seconds, finished at) per request.

    ``window`` is when wrk measured; the answers before it are the attack's start-up (see ``phase``).
    list.append is atomic, so the client threads share one list without a lock.
    """

    answers: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    started: float = 0.0
    window: tuple = (0.0, 0.0)
    primed: bool | None = None  # None: the clients started together with wrk (--cold)

    def select(self, label=None, part="window"):
        start, end = self.window
        for kind, status, seconds, finished in self.answers:
            if label is not None and kind != label:
                continue
            if part == "window" and not start <= finished <= end:
                continue
            if part == "before" and finished >= start:
                continue
            yield kind, status, seconds

    def count(self, label=None, part="window"):
        return Counter(status for _kind, status, _seconds in self.select(label, part))

    def rate(self):
        start, end = self.window
        return sum(self.count().values()) / max(end - start, 1e-9)

    def median_ms(self, label, status=None, part="window"):
        times = [s for _kind, code, s in self.select(label, part) if status is None or code == status]
        return median(times) * 1000 if times else None

    def slowest_ms(self, label, part="before"):
        return max((s for _kind, _code, s in self.select(label, part)), default=0.0) * 1000


def timed(tally, label, call):
    started = time.monotonic()
    response = call()
    finished = time.monotonic()
    tally.answers.append((label, response.status_code, finished - started, finished))
    return response


def attacker(world, source_address, stop, tally):
    """Guesses the editor-in-chief's password in a loop: login page, then POST, as a script would."""
    session = http_client(world, source_address)
    login = world.base + LOGIN_PATH
    while not stop.is_set():
        try:
            page = timed(tally, "login page", lambda: session.get(login, timeout=REQUEST_TIMEOUT))
            data = {
                "username": ATTACKED_USERNAME,
                "password": secrets.token_urlsafe(12),
                "csrfmiddlewaretoken": csrf_token(page),
            }
            timed(
                tally,
                "password",
                lambda data=data: session.post(
                    login, data=data, allow_redirects=False, timeout=REQUEST_TIMEOUT
                ),
            )
        except (requests.RequestException, SetupError) as error:
            tally.errors.append(f"{type(error).__name__}: {error}")
            stop.wait(0.1)


def partner_client(world, session, image_id, stop, tally):
    """Asks the admin's preview for a size the site refuses and one it allows, in turn."""
    while not stop.is_set():
        for spec in (REFUSED_SPEC, ALLOWED_SPEC):
            url = f"{world.base}/admin/images/{image_id}/preview/{spec}/"
            try:
                # requests reads the whole answer (the image) before it returns, as a browser would.
                timed(
                    tally,
                    spec,
                    lambda url=url: session.get(url, allow_redirects=False, timeout=REQUEST_TIMEOUT),
                )
            except requests.RequestException as error:
                tally.errors.append(f"{type(error).__name__}: {error}")
                stop.wait(0.1)


# --- wrk ----------------------------------------------------------------------------------------------

WRK_SCRIPT = """
-- Rotates over the public pages; the proxy in front of gunicorn would say https.
local paths = {%s}
local counter = 0
wrk.headers["X-Forwarded-Proto"] = "https"

request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end

done = function(summary, latency, requests)
  io.write(string.format("LATENCY_MS %%.1f %%.1f %%.1f\\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def write_wrk_script(world, paths):
    path = world.workdir / "public_pages.lua"
    path.write_text(WRK_SCRIPT % ", ".join(f'"{p}"' for p in paths))
    return path


def phase(world, workers, script, seconds, clients=(), ready=None):
    """wrk on the public pages while ``clients`` (functions of ``stop`` and ``tally``) run in threads.

    With ``ready`` (a test on the tally) wrk starts only once the attack is in its steady state: the
    lockout reached, the rendition stored. What comes before (a few hashed passwords, one rendition
    made from the original) happens once per attack, not per request, and would weigh more or less
    in the figure depending on ``--seconds``; it is reported on its own. ``--cold`` measures from
    the first request instead.
    """
    stop, tally = threading.Event(), Tally()
    threads = [threading.Thread(target=client, args=(stop, tally), daemon=True) for client in clients]
    tally.started = time.monotonic()
    for thread in threads:
        thread.start()
    try:
        if ready is not None:
            deadline = time.monotonic() + PRIME_TIMEOUT
            while not ready(tally) and time.monotonic() < deadline:
                stop.wait(0.05)
            tally.primed = ready(tally)
        start, cpu, own_cpu = time.monotonic(), workers.cpu(), time.process_time()
        result = run_wrk(world, script, seconds)
        tally.window = (start, time.monotonic())
        # The workers' CPU per request, which the load of other processes on the machine does not
        # inflate as much as it does the rates; and this process's own (the clients' threads).
        result["worker_cpu"] = workers.cpu() - cpu
        result["client_cpu"] = time.process_time() - own_cpu
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=REQUEST_TIMEOUT + 5)
    if not tally.window[1]:
        tally.window = (tally.started, time.monotonic())
    result["tally"] = tally
    return result


# --- Uploads ------------------------------------------------------------------------------------------


def form_fields(html):
    """The values the admin's upload form would send as it stands (its file field left out)."""
    form = BeautifulSoup(html, "html.parser").find("form", attrs={"enctype": "multipart/form-data"})
    if form is None:
        raise SetupError("No upload form on the image add page")
    fields = {}
    for element in form.find_all(["input", "select", "textarea"]):
        name = element.get("name")
        if not name or element.has_attr("disabled"):
            continue
        if element.name == "select":
            option = element.find("option", selected=True) or element.find("option")
            fields[name] = option.get("value", "") if option else ""
        elif element.name == "textarea":
            fields[name] = element.get_text()
        else:
            kind = (element.get("type") or "text").lower()
            if kind in {"file", "submit", "button", "image", "reset"}:
                continue
            if kind in {"checkbox", "radio"}:
                if element.has_attr("checked"):
                    fields[name] = element.get("value", "on")
            else:
                fields[name] = element.get("value", "")
    return fields


def upload(world, session, collection, title, filename, content, content_type):
    """The partner uploads through ``/admin/images/add/``; returns the answer's status and text."""
    url = world.base + "/admin/images/add/"
    page = session.get(url, timeout=REQUEST_TIMEOUT)
    if page.status_code != 200:
        raise SetupError(f"The image add page answered {page.status_code} to the partner")
    data = {**form_fields(page.text), "title": title}
    if "collection" in data:
        data["collection"] = collection
    files = {"file": (filename, content, content_type)}
    answer = session.post(url, data=data, files=files, allow_redirects=False, timeout=REQUEST_TIMEOUT * 2)
    return answer.status_code, answer.text


def form_errors(html):
    """The error messages of a form the admin shows again (Wagtail's field and form errors)."""
    soup = BeautifulSoup(html, "html.parser")
    found = [" ".join(e.get_text(" ").split()) for e in soup.select(".w-field__errors, .error-message")]
    # dict: each message once (a field's message is inside its errors' list, both are matched).
    return "; ".join(dict.fromkeys(text for text in found if text))


# --- Report -------------------------------------------------------------------------------------------


def table(headers, rows, numeric=()):
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))]

    def line(row):
        cells = [
            str(c).rjust(widths[i]) if i in numeric else str(c).ljust(widths[i]) for i, c in enumerate(row)
        ]
        return "  ".join(cells).rstrip()

    return "\n".join([line(headers), "  ".join("-" * w for w in widths), *(line(row) for row in rows)])


def statuses(counter):
    return ", ".join(f"{status}: {count}" for status, count in sorted(counter.items(), key=str)) or "none"


def ms(value):
    return f"{value:.0f} ms" if value is not None else "-"


def cpu_ratio(result, alone):
    """Public pages per second of worker CPU, against phase a: the share of the workers still theirs."""
    if not result["worker_cpu"] or not alone["worker_cpu"] or not alone["requests"]:
        return 0.0
    return (result["requests"] / result["worker_cpu"]) / (alone["requests"] / alone["worker_cpu"])


def cpu_summary(a, b, c):
    """Where the workers' CPU went: per public page (phase a), and what is left per attacking request."""
    per_page = a["worker_cpu"] / max(a["requests"], 1)
    lines = [
        f"Workers' CPU: {per_page * 1000:.1f} ms per public page (phase a: {a['worker_cpu']:.1f} s for "
        f"{a['requests']} pages)."
    ]
    for name, result, what in (
        ("b", b, "attacking request (login page or POST)"),
        ("c", c, "preview request"),
    ):
        theirs = sum(result["tally"].count().values())
        left = result["worker_cpu"] - result["requests"] * per_page
        each = f"{left / theirs * 1000:.1f} ms" if theirs else "-"
        lines.append(
            f"Phase {name}: {result['worker_cpu']:.1f} s, of which the {result['requests']} public pages "
            f"{result['requests'] * per_page:.1f} s: about {each} per {what} ({theirs} of them)."
        )
    clients = ", ".join(f"{name} {r['client_cpu']:.1f} s" for name, r in (("b", b), ("c", c)))
    lines.append(f"This script's own client threads used CPU on the same machine too: {clients}.")
    return "\n".join(lines)


def report(args, world, results, workers, uploads, problems):
    a, b, c = results["a"], results["b"], results["c"]
    ratio_b, ratio_c = b["rate"] / a["rate"], c["rate"] / a["rate"]
    cpu_b, cpu_c = cpu_ratio(b, a), cpu_ratio(c, a)
    database_kind = world.database_url.split(":")[0]
    cache = f"Redis {world.redis_url}" if world.redis_url else "files in VAR_DIR (no Redis)"
    print()
    print(f"Public pages: wrk -t2 -c8 -d{args.seconds}s rotating over {', '.join(results['paths'])}")
    print(
        f"gunicorn --workers {args.workers} --timeout 30, production settings; "
        f"{database_kind} database; {cache}"
    )
    print()
    rows = []
    for label, result, ratio, by_cpu in (
        ("a. alone", a, 1.0, 1.0),
        (f"b. {args.attackers} clients posting wrong passwords", b, ratio_b, cpu_b),
        (f"c. {args.partners} partner clients asking for renditions", c, ratio_c, cpu_c),
    ):
        rows.append(
            (
                label,
                f"{result['rate']:.1f}",
                f"{ratio:.2f}",
                f"{by_cpu:.2f}",
                f"{result['p50']:.0f}" if result["p50"] is not None else "-",
                f"{result['p99']:.0f}" if result["p99"] is not None else "-",
                result["non_2xx"],
                result["socket_errors"],
                f"{result['tally'].rate():.1f}" if result["tally"].answers else "-",
            )
        )
    headers = (
        "phase",
        "public req/s",
        "ratio",
        "by CPU",
        "p50 ms",
        "p99 ms",
        "non-2xx",
        "sock err",
        "their req/s",
    )
    print(table(headers, rows, numeric={1, 2, 3, 4, 5, 6, 7, 8}))
    print("ratio: public req/s against phase a. by CPU: public pages per second of the workers' CPU against")
    print("phase a (the same ratio, less moved by other load on the machine). their req/s: the attacking")
    print("clients' own requests, answered by the same workers.")
    print()
    print(cpu_summary(a, b, c))

    attack = b["tally"]
    print()
    print(f"b. Wrong passwords for '{ATTACKED_USERNAME}', each client from its own address:")
    if attack.primed is not None:
        before = attack.count("password", "before")
        took = attack.window[0] - attack.started
        hashed = attack.median_ms("password", 200, "before")
        print(
            f"   before the window, until the lockout: {sum(before.values())} POSTs in {took:.1f} s "
            f"({statuses(before)}); median of the hashed ones {ms(hashed)}"
        )
    posts = attack.count("password")
    print(
        f"   in the window: {sum(posts.values())} POSTs and "
        f"{sum(attack.count('login page').values())} login pages (for the CSRF token)"
    )
    for status, meaning in (
        (200, "wrong password, hashed (the form again)"),
        (429, "locked out, not hashed"),
    ):
        took = attack.median_ms("password", status)
        print(f"     {status} {meaning}: {posts.get(status, 0)}, median {ms(took)}")
    rows, recorded, longest = results["axes"]
    sent = sum(attack.count("password", "all").values())
    print(
        f"   django-axes recorded {recorded} failures in {rows} rows ({sent} attempts sent); "
        f"the longest row's post_data: {longest / 1024:.1f} KB"
    )
    renditions = c["tally"]
    print(f"c. The admin's preview of a {results['image_size']} photo, as partner '{PARTNER_USERNAME}':")
    if renditions.primed is not None:
        took = renditions.window[0] - renditions.started
        print(
            f"   before the window, until every client had its {ALLOWED_SPEC}: {took:.1f} s; the slowest "
            f"(the rendition made from the original) took {renditions.slowest_ms(ALLOWED_SPEC) / 1000:.1f} s"
        )
    for spec in (REFUSED_SPEC, ALLOWED_SPEC):
        print(
            f"   in the window, {spec}: {statuses(renditions.count(spec))}, "
            f"median {ms(renditions.median_ms(spec))}"
        )

    print()
    print("Worker peak resident memory (VmHWM, the most each worker has held since it started):")
    rows = [
        (label, f"{peak:.0f}", " ".join(f"{pid}:{mb:.0f}" for pid, mb in sorted(peaks.items())), gone or "")
        for label, peak, peaks, gone in workers.rows
    ]
    print(table(("after", "max MB", "per worker (pid:MB)", "workers gone"), rows, numeric={1}))
    print()
    for line in uploads:
        print(line)

    if problems:
        print()
        print("Problems seen:")
        for problem in problems:
            print(f"  - {problem}")
    load = os.getloadavg()[0]
    if load > (os.cpu_count() or 1):
        print(f"\nNote: load average {load:.1f} on {os.cpu_count()} cores: other work shared the machine.")

    peak = max((row[1] for row in workers.rows), default=0.0)
    missed = [
        what
        for what, failed in (
            (f"b/a {ratio_b:.2f} < {TARGET_RATIO}", ratio_b < TARGET_RATIO),
            (f"c/a {ratio_c:.2f} < {TARGET_RATIO}", ratio_c < TARGET_RATIO),
            (f"peak {peak:.0f} MB >= {TARGET_PEAK_MB} MB", peak >= TARGET_PEAK_MB),
        )
        if failed
    ]
    print(
        f"VERDICT: public pages {a['rate']:.0f} req/s alone, {b['rate']:.0f} under password attack "
        f"(b/a {ratio_b:.2f}, by CPU {cpu_b:.2f}), {c['rate']:.0f} under rendition requests "
        f"(c/a {ratio_c:.2f}, by CPU {cpu_c:.2f}); "
        f"max worker peak RSS {peak:.0f} MB; target ratios >= {TARGET_RATIO} and peak < {TARGET_PEAK_MB} MB: "
        f"{'MISSED (' + ', '.join(missed) + ')' if missed else 'met'}"
        f"{f'; {len(problems)} problem(s) seen' if problems else ''}"
    )


def log_problems(log):
    """What gunicorn's log says went wrong: 500s, killed or timed-out workers."""
    text = log.read_text(errors="replace")
    found = []
    for pattern, what in (
        (r"Internal Server Error: (\S+)", "500 Internal Server Error on"),
        (r"WORKER TIMEOUT \(pid:(\d+)\)", "worker timed out (killed by gunicorn), pid"),
        (r"Worker \(pid:(\d+)\) was sent (SIG\w+)", "worker was sent a signal, pid"),
        (r"Perhaps out of memory", "a worker may have run out of memory"),
    ):
        matches = re.findall(pattern, text)
        if matches:
            examples = sorted({" ".join(m) if isinstance(m, tuple) else m for m in matches})[:5]
            found.append(f"gunicorn log: {len(matches)} x {what} {', '.join(examples)}")
    return found


def check_memory(workers, problems):
    """Each step that took a worker past the target, and each worker that disappeared."""
    previous = 0.0
    for label, peak, _peaks, gone in workers.rows:
        if peak >= TARGET_PEAK_MB and peak > previous:
            problems.append(f"a worker's peak reached {peak:.0f} MB (over {TARGET_PEAK_MB} MB) with: {label}")
        if gone:
            problems.append(f"worker(s) {', '.join(map(str, gone))} gone (killed or restarted) by: {label}")
        previous = max(previous, peak)


def check_answers(args, results, problems):
    """What the clients got, and django-axes wrote, that a site refusing attacks cheaply would not."""
    attack = results["b"]["tally"]
    posts = attack.count("password", "all")
    if unexpected := {s: n for s, n in posts.items() if s not in (200, 429)}:
        problems.append(
            f"wrong passwords answered with {statuses(Counter(unexpected))} (expected 200 or 429)"
        )
    # By account name the limit is AXES_FAILURE_LIMIT; attempts already on their way may add one each.
    if posts.get(200, 0) > AXES_FAILURE_LIMIT + args.attackers:
        problems.append(
            f"{posts[200]} wrong passwords were hashed (answered 200): more than the limit of "
            f"{AXES_FAILURE_LIMIT} per account name plus one per attacker: not throttled?"
        )
    _rows, recorded, longest = results["axes"]
    # Hashed attempts are recorded; one per attacker more for the attempts that reached the limit
    # (hashed, then answered 429) and for attempts under way when the limit was reached.
    hashed = posts.get(200, 0)
    if recorded > hashed + args.attackers:
        problems.append(
            f"django-axes recorded {recorded} failures for {hashed} hashed attempts: every refused "
            f"attempt is written too (a row update appending the form to post_data, now "
            f"{longest / 1024:.0f} KB), so a refusal gets slower the longer an attack lasts "
            "(AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT, default True)"
        )
    if attack.primed is False:
        problems.append(f"the attackers were not locked out within {PRIME_TIMEOUT} s")
    renditions = results["c"]["tally"]
    if set(renditions.count(REFUSED_SPEC, "all")) - {404}:
        problems.append(f"{REFUSED_SPEC} answered {statuses(renditions.count(REFUSED_SPEC, 'all'))}, not 404")
    if set(renditions.count(ALLOWED_SPEC, "all")) - {200}:
        problems.append(f"{ALLOWED_SPEC} answered {statuses(renditions.count(ALLOWED_SPEC, 'all'))}, not 200")
    if renditions.primed is False:
        problems.append(f"not every partner client had its {ALLOWED_SPEC} within {PRIME_TIMEOUT} s")
    for name in "abc":
        result = results[name]
        if result["non_2xx"] or result["socket_errors"]:
            problems.append(
                f"phase {name}: the public pages got {result['non_2xx']} non-2xx answers and "
                f"{result['socket_errors']} socket errors"
            )
        if result["tally"].errors:
            examples = "; ".join(sorted(set(result["tally"].errors))[:3])
            problems.append(f"phase {name}: {len(result['tally'].errors)} client errors ({examples})")


# --- The run ------------------------------------------------------------------------------------------


def loopback_addresses(count):
    """``count`` loopback addresses to attack from, or 127.0.0.1 for all when others can't be bound."""
    addresses = [f"127.0.0.{n + 2}" for n in range(count)]
    try:
        for address in addresses:
            with socket.socket() as probe:
                probe.bind((address, 0))
    except OSError:
        return ["127.0.0.1"] * count
    return addresses


def upload_photo(world, partner, values, photo, uploads, problems):
    """The partner uploads a second big photo through the add view, then opens its edit page."""
    title = "Tweede grote foto (benchmark)"
    started = time.monotonic()
    status, text = upload(
        world, partner, values["collection"], title, photo.name, photo.read_bytes(), "image/jpeg"
    )
    took = time.monotonic() - started
    what = f"Upload of a {PHOTO_SIDE}x{PHOTO_SIDE} JPEG ({photo.stat().st_size / 1024 / 1024:.1f} MB)"
    ids = image_ids(world, title)
    if not ids:
        uploads.append(f"{what}: status {status}, NO image made: {form_errors(text) or 'no message'}")
        problems.append(f"a {PHOTO_SIDE}x{PHOTO_SIDE} photo within the limits was refused ({status})")
        return
    started = time.monotonic()
    edit = partner.get(f"{world.base}/admin/images/{ids[0]}/", timeout=REQUEST_TIMEOUT * 2)
    uploads.append(
        f"{what}: status {status} in {took:.1f} s, image {ids[0]} made; its edit page (which renders "
        f"'original' and '{ALLOWED_SPEC}'): status {edit.status_code} in {time.monotonic() - started:.1f} s"
    )
    if edit.status_code != 200:
        problems.append(f"the edit page of the uploaded photo answered {edit.status_code}")


def upload_bomb(world, partner, values, uploads, problems):
    """The partner uploads a pixel bomb: it must be refused before it is decoded, and nothing made."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.image_files import bomb_png  # noqa: PLC0415 - the file the upload test makes too

    bomb = bomb_png(BOMB_SIDE, BOMB_SIDE)
    title = "Pixelbom (benchmark)"
    status, text = upload(world, partner, values["collection"], title, "bom.png", bomb, "image/png")
    made = image_ids(world, title)
    outcome = "IMAGE MADE" if made else "refused, no image made"
    uploads.append(
        f"Upload of a {BOMB_SIDE}x{BOMB_SIDE} 1-bit PNG pixel bomb ({len(bomb) / 1024:.0f} KB): status "
        f"{status}, {outcome}: {form_errors(text) or 'no message'}"
    )
    if made or status >= 500:
        problems.append(f"the pixel bomb was not refused cleanly (status {status}, image made: {bool(made)})")


def open_article(world, values, uploads, problems):
    """The first view of the article: its image block makes three renditions of the photo at once."""
    started = time.monotonic()
    answer = requests.get(
        world.base + values["article_path"],
        headers={"X-Forwarded-Proto": "https"},
        timeout=REQUEST_TIMEOUT * 2,
    )
    uploads.append(
        f"First view of a published article with the {values['image_size']} photo in an image block "
        f"(srcset of width-640, -960 and -1280): status {answer.status_code} "
        f"in {time.monotonic() - started:.1f} s"
    )
    if answer.status_code != 200:
        problems.append(f"the article with the photo answered {answer.status_code}")


def measure(args, world, listener, env, values, password, second_photo, log):
    results = {"image_size": values["image_size"]}
    paths = [*PUBLIC_PATHS[:2], values["item_path"], PUBLIC_PATHS[2]] if values["item_path"] else PUBLIC_PATHS
    results["paths"] = paths
    problems, uploads = [], []
    progress(f"starting gunicorn with production settings, {args.workers} workers, on {world.base}…")
    with gunicorn(world, listener, env, args.workers, log) as server:
        workers = Workers(server.pid)
        for path in paths:
            answer = requests.get(world.base + path, headers={"X-Forwarded-Proto": "https"}, timeout=30)
            if answer.status_code != 200:
                raise SetupError(f"{path} answered {answer.status_code}, not 200")
        script = write_wrk_script(world, paths)
        progress("warming up (wrk for 3 s, not counted)…")
        run_wrk(world, script, 3)
        progress("logging the partner in (password, then TOTP code)…")
        # Before the attack: afterwards 127.0.0.1 would be locked out if the attackers had to share it.
        partner = log_in_partner(world, password, values)
        workers.measure("start-up and warm-up")

        progress("phase a: public pages alone…")
        results["a"] = phase(world, workers, script, args.seconds)
        workers.measure("phase a (public pages)")

        progress(f"phase b: public pages while {args.attackers} clients post wrong passwords…")
        addresses = loopback_addresses(args.attackers)
        if len(set(addresses)) < args.attackers:
            problems.append("could not bind 127.0.0.2 and up: all attackers came from 127.0.0.1")
        attackers = [partial(attacker, world, address) for address in addresses]
        # Steady state: every attacker has been refused at least once (the lockout is in force).
        locked = None if args.cold else (lambda tally: tally.count("password", "all")[429] >= args.attackers)
        results["b"] = phase(world, workers, script, args.seconds, attackers, locked)
        results["axes"] = failure_records(world)
        workers.measure("phase b (password attack)")

        progress(f"phase c: public pages while {args.partners} partner clients ask for renditions…")
        image = int(values["image"])
        partners = [
            partial(partner_client, world, clone(world, partner), image) for _ in range(args.partners)
        ]
        # Steady state: the rendition is stored (each client has had one answer from it).
        stored = None if args.cold else (lambda tally: tally.count(ALLOWED_SPEC, "all")[200] >= args.partners)
        results["c"] = phase(world, workers, script, args.seconds, partners, stored)
        workers.measure("phase c (renditions)")

        # Each of the following starts on fresh workers: its figure is its own peak alone.
        progress("uploading a second photo as the partner and opening its edit page…")
        workers.restart(world.base)
        upload_photo(world, partner, values, second_photo, uploads, problems)
        workers.measure(f"upload and edit page of a {PHOTO_SIDE}x{PHOTO_SIDE} photo")

        progress("opening the partner's article with the photo in an image block, as a visitor…")
        workers.restart(world.base)
        open_article(world, values, uploads, problems)
        workers.measure("the article's first view (srcset, 3 widths)")

        progress("uploading a pixel bomb as the partner…")
        workers.restart(world.base)
        upload_bomb(world, partner, values, uploads, problems)
        workers.measure(f"upload of a {BOMB_SIDE}x{BOMB_SIDE} pixel bomb")
    return results, workers, uploads, problems


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=8, help="length of each phase (default 8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument(
        "--attackers", type=int, default=4, help="clients posting wrong passwords (default 4)"
    )
    parser.add_argument(
        "--partners", type=int, default=4, help="partner clients asking renditions (default 4)"
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="start wrk together with the attacks (the first, hashed, attempts and the first rendition "
        "fall inside the window) instead of once they are in their steady state",
    )
    parser.add_argument(
        "--redis-db", type=int, default=15, help="Redis database to use and flush (default 15)"
    )
    parser.add_argument(
        "--no-redis", action="store_true", help="use production's file cache even when Redis answers"
    )
    parser.add_argument(
        "--database-url", help="a PostgreSQL server to use (default: DATABASE_URL, else SQLite)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (gunicorn's log)")
    parser.add_argument("--prepare", nargs=2, help=argparse.SUPPRESS)  # the child process's entry
    args = parser.parse_args()
    if args.seconds < 1 or args.workers < 1 or args.attackers < 1 or args.partners < 1:
        parser.error("--seconds, --workers, --attackers and --partners must be at least 1")
    if args.attackers > 250:
        parser.error("--attackers: at most 250 (one loopback address each)")
    # The photos must be accepted and the bomb refused, or the memory figures measure nothing.
    assert PHOTO_SIDE**2 < MAX_IMAGE_PIXELS < BOMB_SIDE**2
    return args


def interrupted(signum, frame):
    # SIGTERM as Ctrl-C: the finally blocks stop gunicorn and drop the database either way.
    raise KeyboardInterrupt


def main():
    args = parse_args()
    if args.prepare:
        prepare_in_django(*args.prepare)
        return 0
    if shutil.which("wrk") is None:
        print("This benchmark needs wrk (apt-get install wrk).", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, interrupted)
    server_url = args.database_url or os.environ.get("DATABASE_URL", "")
    workdir = Path(tempfile.mkdtemp(prefix="leefbaarheid-security-"))
    # whitenoise warns at start-up when STATIC_ROOT (VAR_DIR/static) is missing.
    (workdir / "static").mkdir()
    log = workdir / "gunicorn.log"
    try:
        with (
            database(workdir, server_url) as (url, sqlite_path),
            redis_database(None if args.no_redis else args.redis_db) as redis_url,
            # The port first: seed_demo points the Wagtail site at it, gunicorn gets the socket.
            socket.create_server(("127.0.0.1", 0), backlog=256) as listener,
        ):
            world = World(workdir=workdir, database_url=url, redis_url=redis_url, sqlite_path=sqlite_path)
            world.base = f"http://127.0.0.1:{listener.getsockname()[1]}"
            progress(
                f"world in {workdir}: {url.split('://')[0]} database, {redis_url or 'file cache (no Redis)'}"
            )
            env = production_environment(world)
            build_world(world, env)
            progress(f"making two {PHOTO_SIDE}x{PHOTO_SIDE} photos and the partner's account…")
            photo, second_photo = photo_jpeg(workdir / "groot.jpg"), photo_jpeg(workdir / "tweede.jpg")
            password = secrets.token_urlsafe(16)
            values = prepare(world, photo, password)
            if not values.get("image"):
                raise SetupError(f"The partner's photo was not made: {values}")
            results, workers, uploads, problems = measure(
                args, world, listener, env, values, password, second_photo, log
            )
            check_answers(args, results, problems)
            check_memory(workers, problems)
            problems.extend(log_problems(log))
            report(args, world, results, workers, uploads, problems)
    except SetupError as error:
        print(f"\nSetup failed: {error}", file=sys.stderr)
        if log.exists():
            print(f"gunicorn's log ends:\n{log.read_text(errors='replace')[-2000:]}", file=sys.stderr)
        return 2
    except requests.RequestException as error:
        # gunicorn itself (not a worker) stopped answering: nothing left to measure.
        print(f"\nThe site stopped answering: {error}", file=sys.stderr)
        if log.exists():
            print(f"gunicorn's log ends:\n{log.read_text(errors='replace')[-2000:]}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(
            "\nInterrupted: gunicorn stopped, the database and temporary directory removed.", file=sys.stderr
        )
        return 130
    finally:
        if args.keep:
            print(f"Kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
