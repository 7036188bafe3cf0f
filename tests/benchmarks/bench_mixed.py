"""Mixed-load benchmark: a minute of visitors while an editor publishes and the worker sends mail.

    python tests/benchmarks/bench_mixed.py [--seconds 60] [--connections 32] [--subscribers 20000]

It builds a throwaway world (``serving.py``: a SQLite file, or a database of its own on the server
``DATABASE_URL`` names; Redis database 13 when Redis answers; the demo content) and starts, all with
production settings:

- gunicorn (``--workers``, default 2);
- the task worker (``manage.py db_worker``), with an SMTP sink (aiosmtpd, in a process of its own)
  as its mail server, sending a kwartaalupdate to ``--subscribers`` made-up subscribers;
- an editor (``--editor-every``, default 3 s) who publishes a new title of a knowledge item,
  which makes every cached page of the site stale at once;
- ``wrk -t2 -c32`` for ``--seconds`` over the home page, filtered listings, detail pages of every
  type, searches and the news feed and sitemap.

It reports requests per second, latency, every answer that was not 2xx or 3xx and every socket
error, what the editor and the worker got done meanwhile, and each gunicorn worker's resident
memory when the load starts and when it ends. The target: no errors at all, and worker memory
flat (at most ``MEMORY_SLACK`` above where it started). The script measures and never gates; a
last ``VERDICT:`` line sums up. Everything it starts is stopped and removed again, also after an
error or Ctrl-C.
"""

import argparse
import json
import multiprocessing
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

# Run as a script: the project's root on the path, for the shared serving helpers.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.benchmarks.bench_serve import page_urls  # noqa: E402
from tests.benchmarks.serving import (  # noqa: E402
    ROOT,
    SetupError,
    build_world,
    gunicorn,
    production_environment,
    progress,
    run,
    run_wrk,
    throwaway_world,
    worker_pids,
)

MEMORY_SLACK = 1.2
SEARCHES = ["eenzaamheid", "buurthuis kosten", "vrijwilligers", "corona", "participatie"]
FILTERED = ["/kennisbank/?thema=eenzaamheid", "/nieuws/?categorie=monitor", "/leernetwerk/?wanneer=alle"]
FEEDS = ["/nieuws/rss/", "/sitemap.xml"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60, help="seconds of load (default 60)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (default 32)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--subscribers", type=int, default=20000, help="kwartaalupdate recipients")
    parser.add_argument("--editor-every", type=float, default=3.0, help="seconds between publishes")
    parser.add_argument("--redis-db", type=int, default=13, help="Redis database number (default 13)")
    parser.add_argument("--no-redis", action="store_true", help="the file cache, as without REDIS_URL")
    parser.add_argument("--database-url", default="", help="PostgreSQL server (default: $DATABASE_URL)")
    # The steps that run inside Django, in a process of their own with the world's environment.
    parser.add_argument("--django", choices=["subscribers", "send", "editor"], help=argparse.SUPPRESS)
    parser.add_argument("--count", type=float, default=0, help=argparse.SUPPRESS)
    return parser.parse_args()


# --- Inside Django ------------------------------------------------------------------------------------


def django_subscribers(count):
    """``count`` confirmed subscribers, some following a theme, as an import would add them."""
    from knowledge.models import ThemePage  # noqa: PLC0415
    from newsletter.models import Subscriber  # noqa: PLC0415

    for start in range(0, int(count), 5000):
        Subscriber.objects.bulk_create(
            Subscriber(
                email=f"lezer{n}@gemeente-{n % 51}.example",
                status=Subscriber.Status.CONFIRMED,
                consent_source=Subscriber.Source.IMPORT,
            )
            for n in range(start, min(int(count), start + 5000))
        )
    themes = list(ThemePage.objects.filter(locale__language_code="nl"))
    follows = Subscriber.themes.through
    ids = Subscriber.objects.filter(email__startswith="lezer").values_list("pk", flat=True)
    follows.objects.bulk_create(
        (follows(subscriber_id=pk, themepage_id=themes[pk % len(themes)].pk) for pk in ids if pk % 3 == 0),
        batch_size=5000,
    )
    print(f"subscribers={Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).count()}")


def django_send():
    """A new kwartaalupdate, sent to every confirmed subscriber by the task worker."""
    from newsletter.delivery import start_send  # noqa: PLC0415
    from newsletter.tasks import enqueue_send  # noqa: PLC0415
    from tests.benchmarks.send_issue import make_issue  # noqa: PLC0415

    send = start_send(make_issue("Kwartaalupdate onder belasting"))
    enqueue_send(send)
    print(f"send={send.pk}")


def django_editor(every, seconds):
    """Publishes a new title of one knowledge item after another, every ``every`` seconds."""
    from knowledge.models import KnowledgeItemPage  # noqa: PLC0415

    items = list(KnowledgeItemPage.objects.live().filter(locale__language_code="nl").order_by("pk")[:20])
    deadline, published = time.monotonic() + seconds, 0
    while time.monotonic() < deadline:
        page = items[published % len(items)]
        page.title = re.sub(r" \(\d+\)$", "", page.title) + f" ({published})"
        page.save_revision().publish()
        published += 1
        time.sleep(every)
    print(f"published={published}")


def in_django(args):
    import django  # noqa: PLC0415 - the environment is the parent's

    django.setup()
    if args.django == "subscribers":
        django_subscribers(args.count)
    elif args.django == "send":
        django_send()
    else:
        django_editor(args.editor_every, args.count)


# --- Around it -------------------------------------------------------------------------------------------


def count_messages(port, received, ready):
    """An aiosmtpd sink that accepts everything and counts, in a process of its own."""
    from aiosmtpd.controller import Controller  # noqa: PLC0415

    # Forked from the parent, whose SIGTERM handler would print a traceback when the sink is stopped.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            with received.get_lock():
                received.value += 1
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    while True:
        time.sleep(3600)


@contextmanager
def smtp_sink():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    received, ready = multiprocessing.Value("i", 0), multiprocessing.Event()
    sink = multiprocessing.Process(target=count_messages, args=(port, received, ready), daemon=True)
    sink.start()
    if not ready.wait(30):
        raise SetupError("The SMTP sink did not start")
    try:
        yield port, received
    finally:
        sink.terminate()
        sink.join()


@contextmanager
def background(command, env, log):
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def django_step(env, step, what, count=0, extra=()):
    command = [sys.executable, str(Path(__file__).resolve()), "--django", step, "--count", str(count), *extra]
    return run(command, env, what)


def rss_mb(pid):
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else None


def wrk_script(world, paths):
    script = world.workdir / "mixed.lua"
    script.write_text(
        "local paths = {" + ", ".join(json.dumps(path) for path in paths) + "}\n"
        "local counter = 0\n"
        'wrk.headers["X-Forwarded-Proto"] = "https"\n'
        "request = function()\n"
        "  counter = counter + 1\n"
        '  return wrk.format("GET", paths[(counter % #paths) + 1])\n'
        "end\n"
        "done = function(summary, latency, requests)\n"
        '  io.write(string.format("LATENCY_MS %.1f %.1f %.1f\\n",\n'
        "    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))\n"
        "end\n"
    )
    return script


def log_errors(log):
    text = log.read_text(errors="replace") if log.exists() else ""
    return [line for line in text.splitlines() if "Traceback" in line or '"level": "ERROR"' in line]


def measure(args, world, env, listener, paths):
    log = world.workdir / "gunicorn.log"
    with (
        smtp_sink() as (smtp_port, received),
        gunicorn(world, listener, env, args.workers, log) as server,
    ):
        worker_env = {**env, "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp_port)}
        # Every path once, so the figures are of the running site and not of its first requests.
        import requests  # noqa: PLC0415

        for path in paths:
            requests.get(world.base + path, headers={"X-Forwarded-Proto": "https"}, timeout=60)
        workers = worker_pids(server.pid)
        memory_before = {pid: rss_mb(pid) for pid in workers}
        with background(
            [sys.executable, "manage.py", "db_worker"], worker_env, world.workdir / "db_worker.log"
        ) as task_worker:
            django_step(env, "send", "queueing the kwartaalupdate")
            editor_log = world.workdir / "editor.log"
            editor_command = [
                *(sys.executable, str(Path(__file__).resolve()), "--django", "editor"),
                *("--count", str(args.seconds), "--editor-every", str(args.editor_every)),
            ]
            with background(editor_command, env, editor_log) as editor:
                sent_before = received.value
                result = run_wrk(world, wrk_script(world, paths), args.seconds, connections=args.connections)
                sent_during = received.value - sent_before
                editor.wait(timeout=args.editor_every + 120)
            memory_after = {pid: rss_mb(pid) for pid in worker_pids(server.pid)}
            worker_alive = task_worker.poll() is None
    published = re.search(r"published=(\d+)", editor_log.read_text(errors="replace"))
    return {
        "wrk": result,
        "memory_before": memory_before,
        "memory_after": memory_after,
        "workers_replaced": sorted(set(memory_before) ^ set(memory_after)),
        "published": int(published.group(1)) if published else 0,
        "editor_output": editor_log.read_text(errors="replace")[-1500:],
        "sent_during": sent_during,
        "worker_alive": worker_alive,
        "log_errors": log_errors(log),
    }


def report(args, figures, paths):
    wrk = figures["wrk"]
    print()
    print(
        f"{args.seconds} s of wrk -t2 -c{args.connections} over {len(paths)} paths (home, listings with"
        f" filters, every detail type, {len(SEARCHES)} searches, feed, sitemap), gunicorn -w {args.workers}"
    )
    print(f"  {wrk['requests']} requests, {wrk['rate']:.0f} req/s, latency p50 {wrk['p50']} ms,", end="")
    print(f" p99 {wrk['p99']} ms")
    print(f"  answers not 2xx/3xx: {wrk['non_2xx']}, socket errors: {wrk['socket_errors']}")
    print(f"  editor: {figures['published']} publishes (one every {args.editor_every:g} s)")
    print(f"  task worker: {figures['sent_during']} kwartaalupdate mails sent during the load")
    problems = []
    for pid, before in figures["memory_before"].items():
        after = figures["memory_after"].get(pid)
        if after:
            print(f"  gunicorn worker {pid}: {before:.0f} MB -> {after:.0f} MB")
        else:
            print(f"  gunicorn worker {pid}: gone")
        if after is None or after > before * MEMORY_SLACK:
            problems.append(f"worker {pid} memory {before:.0f} -> {after or 0:.0f} MB")
    if wrk["non_2xx"] or wrk["socket_errors"]:
        problems.append(f"{wrk['non_2xx']} error answers, {wrk['socket_errors']} socket errors")
    if figures["log_errors"]:
        problems.append(f"{len(figures['log_errors'])} errors in gunicorn's log")
        for line in figures["log_errors"][:5]:
            print(f"    {line[:200]}")
    if not figures["published"]:
        problems.append("the editor published nothing")
        print(figures["editor_output"])
    if not figures["sent_during"]:
        problems.append("no kwartaalupdate mail went out during the load")
    if not figures["worker_alive"]:
        problems.append("the task worker stopped")
    print()
    if problems:
        print(f"VERDICT: {'; '.join(problems)}")
    else:
        print(f"VERDICT: no errors, worker memory flat (within {MEMORY_SLACK:.0%} of the start)")


def interrupted(signum, frame):
    raise KeyboardInterrupt


def main():
    args = parse_args()
    if args.django:
        in_django(args)
        return 0
    if shutil.which("wrk") is None:
        print("This benchmark needs wrk (apt-get install wrk).", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, interrupted)
    server_url = args.database_url or os.environ.get("DATABASE_URL", "")
    try:
        with throwaway_world(
            "leefbaarheid-mixed-", server_url, None if args.no_redis else args.redis_db
        ) as world:
            env = production_environment(world)
            build_world(world, env)
            progress(f"adding {args.subscribers} subscribers…")
            django_step(env, "subscribers", "subscribers", args.subscribers)
            listed, _words = page_urls(world)
            pages = [url for _label, url in listed if url and "zoeken" not in url]
            searches = [f"/zoeken/?q={term.replace(' ', '+')}" for term in SEARCHES]
            paths = ["/", *pages, *FILTERED, *searches, *FEEDS]
            progress(f"load for {args.seconds} s…")
            port = int(world.base.rsplit(":", 1)[1])
            with socket.create_server(("127.0.0.1", port), backlog=512) as listener:
                figures = measure(args, world, env, listener, paths)
            report(args, figures, paths)
    except SetupError as error:
        print(f"\nSetup failed: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nInterrupted: everything stopped, the database and folder removed.", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
