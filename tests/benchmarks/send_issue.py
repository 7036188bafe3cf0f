"""Send benchmark: how fast an issue goes out over SMTP, and whether memory stays flat.

    python tests/benchmarks/send_issue.py [--sizes 10000 50000] [--bare 5000] [--databases ...]

It runs once per database: on PostgreSQL when ``DATABASE_URL`` names a PostgreSQL server (a
database of its own, ``send_benchmark_<pid>``, made there and dropped afterwards; yours is never
touched), and on SQLite (a file in a temporary directory). Each run migrates its database, makes
an issue with a few sections and times ``render_issue`` on it. An SMTP sink (aiosmtpd, accepting
everything) runs in a separate process on loopback. Then:

- **bare**: a plain ``smtplib`` loop sends one pre-built message of the same size as an issue,
  ``--bare`` times over one connection: what this machine and the sink can do at best;
- **send N**: for each size a fresh child process makes N subscribers, runs ``start_send`` and
  sends everything with ``run_send`` (rows claimed in batches, one connection per batch, one
  commit per message). It reports messages per second and the child's peak memory (peak RSS,
  which includes Django itself: what matters is that it does not grow with N).

The target is at least half the bare throughput on each database, and a peak that does not grow
with N. The script measures and never gates: it exits 0, prints each database's ratio, and sums up
in a last ``VERDICT:`` line.
"""

import argparse
import json
import multiprocessing
import os
import resource
import shutil
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
TARGET_RATIO = 0.5
MEMORY_SLACK = 1.15  # the peak for the largest N may be at most 15 % above the smallest's


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_sink(port, ready):
    """An aiosmtpd server that accepts and counts, in its own process (so it costs us no GIL)."""
    from aiosmtpd.controller import Controller

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    while True:
        time.sleep(3600)


def setup_django(workdir):
    """Django on the test settings, on the database ``DATABASE_URL`` names (set by ``suite``)."""
    sys.path.insert(0, str(ROOT))
    os.environ["VAR_DIR"] = str(workdir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["BASE_URL"] = "https://www.leefbaarheid.example"
    os.environ.setdefault("NEWSLETTER_SEND_RATE", "0")
    import django

    django.setup()


def smtp_settings(port):
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port


def make_issue(title):
    from newsletter.models import NewsletterIndexPage
    from tests.factories.knowledge import KnowledgeItemPageFactory, MeetingPageFactory, build_site
    from tests.factories.newsletter import NewsletterIssuePageFactory

    index = NewsletterIndexPage.objects.first()
    if index is None:
        tree = build_site()
        pages = [
            KnowledgeItemPageFactory(parent=tree.knowledge_index, title=f"Methode {n}") for n in range(6)
        ] + [MeetingPageFactory(parent=tree.meeting_index, title=f"Intervisie {n}") for n in range(4)]
        for n, page in enumerate(pages):
            page.themes.set([list(tree.themes.values())[n % len(tree.themes)]])
            page.save()  # a ParentalManyToManyField is written on save
        index = tree.newsletter_index
    else:
        pages = []
    from wagtail.models import Page

    pages = pages or list(Page.objects.filter(depth=4).exclude(title__startswith="Kwartaalupdate")[:10])
    sections = [
        {
            "type": "section",
            "value": {
                "kind": kind,
                "note": "Een toelichting van de redactie.",
                "items": [
                    {"type": "item", "id": f"{kind}{n}", "value": {"page": page.pk, "note": ""}}
                    for n, page in enumerate(chunk)
                ],
            },
        }
        for kind, chunk in (("knowledge", pages[:6]), ("meetings", pages[6:]))
    ]
    return NewsletterIssuePageFactory(parent=index, title=title, sections=sections)


def child(size, port):
    """One send of ``size`` subscribers in this (fresh) process; prints a JSON line."""
    from django.conf import settings

    from newsletter.delivery import counts, run_send, start_send
    from newsletter.models import Subscriber

    smtp_settings(port)
    issue = make_issue(f"Kwartaalupdate {size}")
    prefix = f"n{size}-"
    for start in range(0, size, 5000):
        Subscriber.objects.bulk_create(
            Subscriber(
                email=f"{prefix}{n}@gemeente.example",
                status=Subscriber.Status.CONFIRMED,
                consent_source=Subscriber.Source.IMPORT,
            )
            for n in range(start, min(size, start + 5000))
        )
    # Every third subscriber follows a theme, so their copies carry the "In uw thema's" block.
    from knowledge.models import ThemePage

    themes = list(ThemePage.objects.filter(locale__language_code="nl"))
    follows = Subscriber.themes.through
    subscriber_ids = Subscriber.objects.filter(email__startswith=prefix).values_list("pk", flat=True)
    follows.objects.bulk_create(
        (
            follows(subscriber_id=pk, themepage_id=themes[pk % len(themes)].pk)
            for pk in subscriber_ids.iterator()
            if pk % 3 == 0
        ),
        batch_size=5000,
    )
    # Only this size's subscribers are confirmed; earlier runs' are set aside.
    Subscriber.objects.exclude(email__startswith=prefix).update(status=Subscriber.Status.UNSUBSCRIBED)
    started = time.perf_counter()
    send = start_send(issue)
    rows_seconds = time.perf_counter() - started
    started = time.perf_counter()
    run_send(send, batch_size=settings.NEWSLETTER_BATCH_SIZE)
    send_seconds = time.perf_counter() - started
    result = counts(send)
    print(
        json.dumps(
            {
                "size": size,
                "sent": result["sent"],
                "rows_seconds": rows_seconds,
                "send_seconds": send_seconds,
                "rss_peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
            }
        )
    )


def measure_render(issue, runs=5):
    from newsletter.rendering import render_issue

    times = []
    for _ in range(runs):
        started = time.perf_counter()
        rendered = render_issue(issue)
        times.append(time.perf_counter() - started)
    return rendered, sorted(times)[len(times) // 2]


def bare_loop(port, message_bytes, count):
    sender, recipient = "leefbaarheid@gelderland.nl", "lezer@gemeente.example"
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        started = time.perf_counter()
        for _ in range(count):
            smtp.sendmail(sender, [recipient], message_bytes)
        return count / (time.perf_counter() - started)


def run_child(mode, size, port, workdir):
    env = {**os.environ}
    output = subprocess.run(
        [sys.executable, __file__, f"--{mode}", str(size), "--port", str(port), "--workdir", str(workdir)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if output.returncode != 0:
        raise RuntimeError(output.stderr[-3000:])
    return json.loads(output.stdout.strip().splitlines()[-1])


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--bare", type=int, default=5000, help="messages in the bare smtplib loop")
    parser.add_argument(
        "--databases",
        nargs="+",
        choices=["postgresql", "sqlite"],
        help="default: postgresql (when DATABASE_URL names one) and sqlite",
    )
    parser.add_argument("--suite", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    return parser.parse_args()


def suite(args, workdir):
    """Everything on one database (``DATABASE_URL``), against the sink on ``args.port``.

    Prints a table and, last, a ``RESULT {json}`` line that ``main`` reads.
    """
    port = args.port
    setup_django(workdir)
    from django.core.management import call_command

    from newsletter.messages import IssueMail
    from newsletter.models import Subscriber

    started = time.perf_counter()
    from django.db import connection

    call_command("migrate", verbosity=0)
    print(
        f"Database ({connection.vendor}) migrated in {time.perf_counter() - started:.1f} s; "
        f"sink on port {port}."
    )
    issue = make_issue("Kwartaalupdate voorbeeld")
    rendered, render_seconds = measure_render(issue)
    sample = Subscriber(pk=1, email="lezer@gemeente.example", language="nl")
    urls = {
        key: f"https://www.leefbaarheid.example/kwartaalupdate/{key}/abcdefghijklmnopqrstuvwxyz0123456789/"
        for key in ("preferences", "unsubscribe", "one_click")
    }
    message_bytes = IssueMail(issue, rendered).message_for(sample, urls).raw
    size_kib = len(message_bytes) / 1024
    print(f"render_issue: {render_seconds * 1000:.0f} ms (median of 5); message {size_kib:.1f} KiB")
    bare = bare_loop(port, message_bytes, args.bare)
    print(f"bare smtplib loop: {bare:.0f} messages/s ({args.bare} messages, one connection)")
    print()
    print(f"{'subscribers':>11}  {'rows s':>7}  {'send s':>7}  {'msg/s':>7}  {'of bare':>7}  {'RSS peak':>9}")
    results = []
    for size in args.sizes:
        traced = untraced = run_child("child", size, port, workdir)
        rate = untraced["sent"] / untraced["send_seconds"]
        results.append((size, traced, untraced, rate))
        seconds = untraced["send_seconds"]
        print(
            f"{size:>11}  {traced['rows_seconds']:>7.1f}  {seconds:>7.1f}  {rate:>7.0f}  "
            f"{rate / bare:>6.0%}  {traced['rss_peak'] / 2**20:>5.0f} MiB"
        )
        if traced["sent"] != size or untraced["sent"] != size:
            print(f"  !! sent {traced['sent']} and {untraced['sent']} of {size}")
    print()
    slowest = min(rate for *_rest, rate in results)
    heaps = [traced["rss_peak"] for _size, traced, *_rest in results]
    fast_enough = slowest >= TARGET_RATIO * bare
    flat = max(heaps) <= MEMORY_SLACK * heaps[0]
    complete = all(t["sent"] == s and u["sent"] == s for s, t, u, _r in results)
    result = {
        "vendor": connection.vendor,
        "bare": bare,
        "slowest": slowest,
        "fast_enough": fast_enough,
        "flat": flat,
        "complete": complete,
        "rss": [heaps[0], max(heaps)],
    }
    print("RESULT " + json.dumps(result))


# Orchestration: one suite per database, the sink shared ------------------------------------------


def postgres_database(url):
    """A fresh database next to the one ``url`` names; returns its URL and a function that drops it."""
    import psycopg

    parts = urlsplit(url)
    name = f"send_benchmark_{os.getpid()}"
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}"')
        db.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(server, autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return urlunsplit(parts._replace(path=f"/{name}")), drop


def run_suite(database, args, port):
    """One database's suite in a fresh process; its output passes through, its RESULT is returned."""
    workdir = Path(tempfile.mkdtemp(prefix="leefbaarheid-send-benchmark-"))
    (workdir / "static").mkdir()
    drop = None
    if database == "postgresql":
        url, drop = postgres_database(os.environ["DATABASE_URL"])
    else:
        url = f"sqlite:///{workdir / 'send-benchmark.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": url, "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, __file__, "--suite", "--port", str(port), "--workdir", str(workdir)]
    command += ["--sizes", *map(str, args.sizes), "--bare", str(args.bare)]
    result = None
    try:
        with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) as process:
            for line in process.stdout:
                if line.startswith("RESULT "):
                    result = json.loads(line[len("RESULT ") :])
                else:
                    print(line, end="", flush=True)
        if process.returncode != 0 or result is None:
            raise RuntimeError(f"the {database} run failed (exit {process.returncode})")
    finally:
        if drop:
            drop()
        shutil.rmtree(workdir, ignore_errors=True)
    return result


def main():
    args = parse_args()
    if args.child:
        setup_django(Path(args.workdir))
        child(args.child, args.port)
        return 0
    if args.suite:
        suite(args, Path(args.workdir))
        return 0

    databases = args.databases or (
        ["postgresql", "sqlite"]
        if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
        else ["sqlite"]
    )
    port = free_port()
    ready = multiprocessing.Event()
    sink = multiprocessing.Process(target=run_sink, args=(port, ready), daemon=True)
    sink.start()
    results = []
    try:
        ready.wait(10)
        for database in databases:
            print(f"== {database} ==")
            results.append(run_suite(database, args, port))
            print()
    finally:
        sink.terminate()
    for result in results:
        print(
            f"{result['vendor']}: slowest send {result['slowest']:.0f} msg/s = "
            f"{result['slowest'] / result['bare']:.2f}x the bare loop ({result['bare']:.0f} msg/s)"
        )
    if "postgresql" not in databases:
        print("PostgreSQL not measured: set DATABASE_URL=postgres://... to include it.")
    load = os.getloadavg()[0]
    if load > (os.cpu_count() or 1):
        print(f"Note: load average {load:.1f} on {os.cpu_count()} cores while measuring.")
    good = all(r["fast_enough"] and r["flat"] and r["complete"] for r in results)
    ratios = ", ".join(f"{r['vendor']} {r['slowest'] / r['bare']:.2f}x" for r in results)
    rss = ", ".join(
        f"{r['vendor']} {r['rss'][0] / 2**20:.0f} -> {r['rss'][1] / 2**20:.0f} MiB" for r in results
    )
    incomplete = "" if all(r["complete"] for r in results) else "; NOT EVERY MESSAGE WAS SENT"
    print(
        f"VERDICT: {'meets' if good else 'misses'} the target (>= {TARGET_RATIO:.1f}x bare on each "
        f"database): {ratios}; peak RSS {rss} from {args.sizes[0]} to {args.sizes[-1]} subscribers"
        f"{incomplete}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
