"""Serving benchmark: requests per second through gunicorn with production settings, cached and not.

    python tests/benchmarks/bench_serve.py [--seconds 5] [--workers 2] [--connections 16]

It builds a throwaway world (``serving.py``: a SQLite file, or a database of its own on the server
``DATABASE_URL`` names; Redis database 14 when Redis answers, else the file cache; the demo content;
the collected static files) and runs ``wrk -t2 -c16`` against gunicorn twice:

1. with the page cache (``core/page_cache.py``): a static file through whitenoise — the stack's
   limit for any answer —, then each page type (the page asked for once first, so wrk measures the
   kept copy), then the 304 path (``If-None-Match`` with the page's ETag) of each;
2. with ``PAGE_CACHE_SECONDS=0``: the static file again, then each page type rendered afresh.

With ``--compare LABEL=URL`` (repeatable) another site that is already running is measured too,
right after our page of that label, uncached, so both see the same machine: the issue compares
each page type with the comparable page of Wagtail's own demo site, bakerydemo, on its own
gunicorn (``--compare HomePage=http://127.0.0.1:8090/ --compare "search results=..."``).

Each run reports its own static figure, and every page is set against the static file of the same
gunicorn run, so other load on the machine cancels out of the ratios as far as it can. A page that
is never kept (it holds a form for this visitor: a meeting open for registration, the pilots with
their interest form) says so instead of a cached figure. The target of the issue: a kept page and
its 304 at ≥ 0.8× the static file. The script measures and never gates; a last ``VERDICT:`` line
sums up. Everything it starts is stopped and removed again, also after an error or Ctrl-C.
"""

import argparse
import functools
import json
import os
import shutil
import signal
import socket
import sys
from pathlib import Path
from urllib.parse import quote

import requests

# Run as a script: the project's root on the path, for the shared serving helpers.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
# Search keeps the ranking and the page of results of the words it was asked last (until the
# content changes), so "search results" asked again and again measures a popular query. The
# NEW_WORDS_LABEL row asks two words drawn at random from the demo's titles for every request:
# nearly every one is a first search, and many find nothing and get a spelling suggestion.
from tests.benchmarks.render_pages import NEW_WORDS_LABEL, pages_to_measure, search_words  # noqa: E402
from tests.benchmarks.serving import (  # noqa: E402
    SetupError,
    build_world,
    environment,
    gunicorn,
    production_environment,
    progress,
    run,
    run_wrk,
    throwaway_world,
)

TARGET_RATIO = 0.8
STATIC_PATH = "/static/css/site.css"
HIT_HEADER = "X-Page-Cache"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5, help="seconds of wrk per figure (default 5)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (default 16)")
    parser.add_argument("--redis-db", type=int, default=14, help="Redis database number (default 14)")
    parser.add_argument("--no-redis", action="store_true", help="the file cache, as without REDIS_URL")
    parser.add_argument("--database-url", default="", help="PostgreSQL server (default: $DATABASE_URL)")
    parser.add_argument(
        "--compare",
        action="append",
        default=[],
        metavar="LABEL=URL",
        help="also measure another running site's page beside ours (LABEL as in the table)",
    )
    parser.add_argument("--list-pages", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    try:
        args.compare = dict(item.split("=", 1) for item in args.compare)
    except ValueError:
        parser.error("--compare takes LABEL=URL")
    return args


def list_pages():
    """In a Django process on the world's database: one URL per page type, as JSON lines."""
    import django  # noqa: PLC0415 - the environment is the parent's

    django.setup()
    from django.urls import reverse  # noqa: PLC0415
    from django.utils import translation  # noqa: PLC0415

    from knowledge.models import NewsIndexPage  # noqa: PLC0415

    for label, url in pages_to_measure("eenzaamheid"):
        print(json.dumps([label, url]))
    with translation.override("nl"):
        print(json.dumps([NEW_WORDS_LABEL, reverse("search") + "?q="]))
    words = search_words()
    print(json.dumps({"words": words}))
    news = NewsIndexPage.objects.live().filter(locale__language_code="nl").first()
    print(json.dumps(["news feed", news.url + "rss/" if news else None]))
    print(json.dumps(["sitemap", "/sitemap.xml"]))


def page_urls(world):
    """``(pages, words)``: (label, URL) of each page type, and the words of the demo's titles."""
    env = environment(world, "config.settings.dev")
    output = run([sys.executable, str(Path(__file__).resolve()), "--list-pages"], env, "listing the pages")
    pages = [tuple(json.loads(line)) for line in output.splitlines() if line.startswith("[")]
    words = next(json.loads(line)["words"] for line in output.splitlines() if line.startswith("{"))
    return pages, words


LATENCY_LINES = [
    "done = function(summary, latency, requests)",
    '  io.write(string.format("LATENCY_MS %.1f %.1f %.1f\\n",',
    "    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))",
    "end",
]


def wrk(world, path, args, headers=(), url=None):
    script = world.workdir / "one_path.lua"
    lines = ['wrk.headers["X-Forwarded-Proto"] = "https"']
    lines += [f'wrk.headers["{name}"] = "{value}"' for name, value in headers]
    script.write_text("\n".join([*lines, *LATENCY_LINES]) + "\n")
    return run_wrk(world, script, args.seconds, path=path, connections=args.connections, url=url)


def wrk_new_words(world, path, args, words):
    """wrk asking ``path`` followed by two random ``words`` for every request; each wrk thread
    draws its own sequence (seeded by its number), so the two don't ask the same searches."""
    script = world.workdir / "new_words.lua"
    lines = [
        'wrk.headers["X-Forwarded-Proto"] = "https"',
        "local words = {" + ", ".join(json.dumps(quote(word)) for word in words) + "}",
        "local threads = 0",
        "setup = function(thread) threads = threads + 1; thread:set('number', threads) end",
        "init = function(args) math.randomseed(os.time() * 100 + number) end",
        "request = function()",
        "  local first, second = words[math.random(#words)], words[math.random(#words)]",
        f"  return wrk.format('GET', {json.dumps(path)} .. first .. '+' .. second)",
        "end",
    ]
    script.write_text("\n".join([*lines, *LATENCY_LINES]) + "\n")
    return run_wrk(world, script, args.seconds, path=path, connections=args.connections)


def probe(world, path):
    """One request as wrk will send it: the status, whether it came from the page cache, the ETag,
    and the Cache-Control that says why a page was not kept."""
    response = requests.get(world.base + path, headers={"X-Forwarded-Proto": "https"}, timeout=30)
    headers = response.headers
    return response.status_code, headers.get(HIT_HEADER), headers.get("ETag"), headers.get("Cache-Control")


def measure_cached(world, args, pages):
    rows = {"static": wrk(world, STATIC_PATH, args)}
    progress(f"  static file: {rows['static']['rate']:.0f} req/s")
    for label, url in pages:
        if url is None:
            continue
        if label == NEW_WORDS_LABEL:
            rows[label] = {"kept": False, "why": "a search with a query is never kept"}
            continue
        probe(world, url)  # the first visitor renders and the page is kept
        status, hit, etag, cache_control = probe(world, url)
        if hit != "hit":
            rows[label] = {"kept": False, "why": f"{status}, Cache-Control: {cache_control}"}
            progress(f"  {label}: not kept ({rows[label]['why']})")
            continue
        rows[label] = {"kept": True, "cached": wrk(world, url, args)}
        if etag:
            rows[label]["not_modified"] = wrk(world, url, args, headers=[("If-None-Match", etag)])
        progress(
            f"  {label}: {rows[label]['cached']['rate']:.0f} req/s kept,"
            f" {rows[label].get('not_modified', {}).get('rate', 0):.0f} req/s 304"
        )
    return rows


def measure_uncached(world, args, pages, words):
    rows = {"static": wrk(world, STATIC_PATH, args)}
    progress(f"  static file: {rows['static']['rate']:.0f} req/s")
    for label, url in pages:
        if url is None:
            continue
        rows[label] = (
            wrk_new_words(world, url, args, words) if label == NEW_WORDS_LABEL else wrk(world, url, args)
        )
        progress(f"  {label}: {rows[label]['rate']:.0f} req/s rendered")
        # The other site's search keeps nothing: its one query stands for both search rows.
        other = args.compare.get("search results" if label == NEW_WORDS_LABEL else label)
        if other:
            rows[label]["compared"] = wrk(world, "", args, url=other)
            rows[label]["compared_url"] = other
            progress(f"    compared {other}: {rows[label]['compared']['rate']:.0f} req/s")
    return rows


def serve_and_measure(world, env, args, measure, pages, name):
    listener = socket.create_server(("127.0.0.1", int(world.base.rsplit(":", 1)[1])), backlog=512)
    log = world.workdir / f"gunicorn-{name}.log"
    with gunicorn(world, listener, env, args.workers, log):
        return measure(world, args, pages)


def errors_of(result):
    return result["non_2xx"] + result["socket_errors"]


def report(args, cached, uncached, pages):
    static_kept, static_rendered = cached["static"]["rate"], uncached["static"]["rate"]
    print()
    print(
        f"wrk -t2 -c{args.connections}, {args.seconds} s per figure, gunicorn -w {args.workers};"
        f" static file {STATIC_PATH}: {static_kept:.0f} req/s (cached run), {static_rendered:.0f} req/s"
        " (uncached run)"
    )
    headers = ("page", "rendered req/s", "kept req/s", "kept/static", "304 req/s", "304/static", "")
    lines, short, errors = [], [], 0
    for label, url in pages:
        if url is None:
            lines.append((label, "-", "-", "-", "-", "-", "NO LIVE PAGE"))
            continue
        rendered = uncached[label]["rate"]
        errors += errors_of(uncached[label])
        row = cached[label]
        if not row["kept"]:
            lines.append((label, f"{rendered:.0f}", "-", "-", "-", "-", f"not kept ({row['why']})"))
            continue
        errors += errors_of(row["cached"]) + errors_of(
            row.get("not_modified", {"non_2xx": 0, "socket_errors": 0})
        )
        kept_ratio = row["cached"]["rate"] / static_kept
        not_modified = row.get("not_modified")
        nm_ratio = not_modified["rate"] / static_kept if not_modified else None
        flags = []
        if kept_ratio < TARGET_RATIO or (nm_ratio is not None and nm_ratio < TARGET_RATIO):
            flags.append("BELOW 0.8")
            short.append(label)
        lines.append(
            (
                label,
                f"{rendered:.0f}",
                f"{row['cached']['rate']:.0f}",
                f"{kept_ratio:.2f}",
                f"{not_modified['rate']:.0f}" if not_modified else "-",
                f"{nm_ratio:.2f}" if nm_ratio is not None else "-",
                " ".join(flags),
            )
        )
    widths = [max(len(row[i]) for row in [headers, *lines]) for i in range(len(headers))]

    def fmt(row):
        return "  ".join(
            cell.ljust(widths[i]) if i in (0, 6) else cell.rjust(widths[i]) for i, cell in enumerate(row)
        )

    print(fmt(headers).rstrip())
    print("  ".join("-" * width for width in widths))
    for row in lines:
        print(fmt(row).rstrip())
    print()
    if args.compare:
        print("Rendered (uncached) against the other site, measured one right after the other:")
        for label, _url in pages:
            row = uncached.get(label, {})
            if "compared" in row:
                other_url = row["compared_url"]
                ours, theirs = row["rate"], row["compared"]["rate"]
                ratio = ours / theirs if theirs else float("inf")
                print(f"  {label}: ours {ours:.0f} req/s, {other_url} {theirs:.0f} req/s, ratio {ratio:.1f}x")
        print()
    load = os.getloadavg()[0]
    if load > (os.cpu_count() or 1):
        print(f"Note: load average {load:.1f} while measuring; the ratios hold better than the rates.")
    verdict = f"non-2xx answers and socket errors: {errors}; "
    if short:
        verdict += f"{len(short)} kept page(s) below {TARGET_RATIO}x the static file: {', '.join(short)}"
    else:
        verdict += f"every kept page and its 304 at >= {TARGET_RATIO}x the static file"
    print(f"VERDICT: {verdict}")


def interrupted(signum, frame):
    raise KeyboardInterrupt


def main():
    args = parse_args()
    if args.list_pages:
        list_pages()
        return 0
    if shutil.which("wrk") is None:
        print("This benchmark needs wrk (apt-get install wrk).", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, interrupted)
    server_url = args.database_url or os.environ.get("DATABASE_URL", "")
    try:
        with throwaway_world(
            "leefbaarheid-serve-", server_url, None if args.no_redis else args.redis_db
        ) as world:
            env = production_environment(world)
            build_world(world, env)
            pages, words = page_urls(world)
            progress("gunicorn with the page cache…")
            cached = serve_and_measure(world, env, args, measure_cached, pages, "cached")
            progress("gunicorn without the page cache (PAGE_CACHE_SECONDS=0)…")
            uncached_env = {**env, "PAGE_CACHE_SECONDS": "0"}
            measure_rendered = functools.partial(measure_uncached, words=words)
            uncached = serve_and_measure(world, uncached_env, args, measure_rendered, pages, "uncached")
            report(args, cached, uncached, pages)
    except SetupError as error:
        print(f"\nSetup failed: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(
            "\nInterrupted: gunicorn stopped, the database and temporary directory removed.", file=sys.stderr
        )
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
