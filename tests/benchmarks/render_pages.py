"""Render benchmark: how long one page of every type takes to render, and how many queries it runs.

    python tests/benchmarks/render_pages.py [--runs 50] [--warmup 5] [--query eenzaamheid]

It builds a fresh database of its own (a SQLite file in a temporary directory, or a new database on
the server DATABASE_URL names), migrates it, loads the demo content with ``seed_demo`` and asks the
Django test client for each page as an anonymous visitor: a few warm-up requests fill the template
and fragment caches, then every timed request is measured (wall-clock and this process's CPU time,
which other load on the machine inflates much less) with the queries it ran. A row whose median
wall-clock time or query count is over the target is flagged. The script measures and never
gates: it exits 0 whatever the figures are.

A search keeps the ranking and the page of results of words it was asked before, so the search
row is a popular query. A last line times first searches: two words of the demo's titles, never
asked before, for every request. Not a warm render, so not held to the target, but shown.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

TARGET_MEDIAN_MS = 15.0
TARGET_QUERIES = 15

ROOT = Path(__file__).resolve().parents[2]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50, help="timed requests per page (default 50)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests first (default 5)")
    parser.add_argument("--query", default="eenzaamheid", help="search term for the search page")
    args = parser.parse_args()
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    return args


def pages_to_measure(query):
    """(label, URL) for one live page of every type, the English home page and a search."""
    from django.urls import reverse
    from django.utils import translation
    from wagtail.models import Locale

    from home.models import HomePage, StandardPage
    from knowledge import models as knowledge

    page_types = [
        HomePage,
        StandardPage,
        knowledge.ThemeIndexPage,
        knowledge.ThemePage,
        knowledge.KnowledgeIndexPage,
        knowledge.KnowledgeItemPage,
        knowledge.PilotIndexPage,
        knowledge.PilotPage,
        knowledge.MeetingIndexPage,
        knowledge.MeetingPage,
        knowledge.NewsIndexPage,
        knowledge.NewsPage,
        knowledge.SubsidyIndexPage,
        knowledge.SubsidyPage,
    ]
    dutch = Locale.objects.get(language_code="nl")
    rows = []
    for model in page_types:
        page = model.objects.live().public().filter(locale=dutch).order_by("path").first()
        rows.append((model.__name__, page.url if page else None))
    english_home = HomePage.objects.live().public().filter(locale__language_code="en").first()
    rows.append(("HomePage (en)", english_home.url if english_home else None))
    with translation.override("nl"):
        rows.append(("search results", f"{reverse('search')}?{urlencode({'q': query})}"))
    return rows


NEW_WORDS_LABEL = "search, new words each time"


def search_words():
    """The longer words of the demo's Dutch titles: what ``new_searches`` draws from."""
    from wagtail.models import Page

    titles = (
        Page.objects.live().filter(locale__language_code="nl", depth__gt=2).values_list("title", flat=True)
    )
    return sorted(
        {word.lower() for title in titles for word in title.split() if word.isalpha() and len(word) > 4}
    )


def new_searches(words, seed=0):
    """Search URLs of two words of ``words`` each, never the same twice: each is a first search,
    ranked and loaded afresh (a search keeps the ranking of words it was asked before)."""
    from django.urls import reverse
    from django.utils import translation

    with translation.override("nl"):
        path = reverse("search")
    pairs = [(first, second) for first in words for second in words if first != second]
    random.Random(seed).shuffle(pairs)
    return (f"{path}?{urlencode({'q': f'{first} {second}'})}" for first, second in pairs)


def measure(client, url, runs, warmup):
    """Times ``url``; or, when ``url`` is an iterator, the next URL it gives for every request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def next_url():
        return url if isinstance(url, str) else next(url)

    for _ in range(warmup):
        client.get(next_url())
    wall, cpu, queries = [], [], []
    for _ in range(runs):
        target = next_url()
        with CaptureQueriesContext(connection) as captured:
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(target)
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        if response.status_code != 200:
            return {"error": f"HTTP {response.status_code}"}
        queries.append(len(captured))
    wall.sort()
    # Nearest-rank percentile: with 50 runs the 48th-fastest request.
    p95 = wall[max(0, -(-95 * len(wall) // 100) - 1)]
    return {
        "median": statistics.median(wall),
        "p95": p95,
        "cpu": statistics.median(cpu),
        "queries": max(queries),
    }


def report(results, runs, first_searches):
    headers = ("page", "URL", "median ms", "p95 ms", "CPU ms", "queries", "")
    lines = []
    over = []
    for label, url, result in results:
        if url is None:
            lines.append((label, "-", "-", "-", "-", "-", "NO LIVE PAGE"))
            over.append(label)
        elif "error" in result:
            lines.append((label, url, "-", "-", "-", "-", result["error"]))
            over.append(label)
        else:
            flags = []
            if result["median"] > TARGET_MEDIAN_MS:
                flags.append("SLOW")
            if result["queries"] > TARGET_QUERIES:
                flags.append("QUERIES")
            if flags:
                over.append(label)
            lines.append(
                (
                    label,
                    url,
                    f"{result['median']:.1f}",
                    f"{result['p95']:.1f}",
                    f"{result['cpu']:.1f}",
                    str(result["queries"]),
                    " ".join(flags),
                )
            )
    widths = [max(len(row[i]) for row in [headers, *lines]) for i in range(len(headers))]
    numeric = {2, 3, 4, 5}

    def fmt(row):
        cells = [
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i]) for i, cell in enumerate(row)
        ]
        return "  ".join(cells).rstrip()

    print(fmt(headers))
    print("  ".join("-" * w for w in widths))
    for row in lines:
        print(fmt(row))
    print()
    if "error" in first_searches:
        print(f"{NEW_WORDS_LABEL}: {first_searches['error']}")
    else:
        # Not a warm render by definition, so not held to the target: shown for what it costs.
        print(
            f"{NEW_WORDS_LABEL} (a first search every time, not a warm render):"
            f" median {first_searches['median']:.1f} ms, p95 {first_searches['p95']:.1f} ms,"
            f" CPU {first_searches['cpu']:.1f} ms, at most {first_searches['queries']} queries"
        )
    print()
    target = f"median <= {TARGET_MEDIAN_MS:.0f} ms and <= {TARGET_QUERIES} queries, {runs} runs each"
    load = os.getloadavg()[0]
    cores = os.cpu_count() or 1
    if load > cores:
        print(
            f"Note: load average {load:.1f} on {cores} cores while measuring; wall times are inflated,"
            " the CPU column much less so."
        )
    if over:
        print(f"VERDICT: {len(over)} of {len(results)} pages miss the target ({target}): {', '.join(over)}")
    else:
        print(f"VERDICT: all {len(results)} pages meet the target ({target})")


def main():
    args = parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.benchmarks.seeded import seeded_database  # noqa: PLC0415 - ROOT is on the path now

    with seeded_database():
        from django.test import Client  # noqa: PLC0415 - Django is set up inside the block

        client = Client()
        results = [
            (label, url, measure(client, url, args.runs, args.warmup) if url else None)
            for label, url in pages_to_measure(args.query)
        ]
        first_searches = measure(client, new_searches(search_words()), args.runs, 0)
        report(results, args.runs, first_searches)
    return 0


if __name__ == "__main__":
    sys.exit(main())
