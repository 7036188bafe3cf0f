"""Search benchmark: import a knowledge base of 1,000 and 10,000 items, then time the search page.

    DATABASE_URL=postgres://... python tests/benchmarks/bench_search.py [--sizes 1000 10000]
    python tests/benchmarks/bench_search.py --database-url postgres://... [--runs 5] [--profile]
    BENCHMARK_KEEP_DATABASE=1 DATABASE_URL=postgres://... python tests/benchmarks/bench_search.py
    DATABASE_URL=postgres://... python tests/benchmarks/bench_search.py --reuse-database benchmark_<pid>

PostgreSQL is what production searches on (full text with Dutch and English stemming); without
``DATABASE_URL`` the script measures SQLite's FTS5 instead (``make benchmark-search`` runs it at
1,000 items, the size a SQLite site is for). The script builds a throwaway database next to the
one the URL names (``tests/benchmarks/seeded.py``: migrated, with the demo content), then for
each size, growing the same knowledge base:

- **import**: writes the missing items to a ``.jsonl`` file and runs ``import_knowledge`` on it:
  items per second (revisions, publication, search and reference index included). The searches
  follow at once, with the statistics the import itself left (it ends with ``ANALYZE``): no
  ``VACUUM`` or ``ANALYZE`` of the benchmark's own, and this machine's autovacuum is off. The items are
  generated from a Dutch vocabulary (one in five English) with a few common and many rare words,
  so that a query finds anything from a handful to thousands of items, with themes,
  organisations, municipalities, years and evidence levels for the facets;
- **search**: asks the real view (Django's test client, anonymous) for a fixed mix of queries,
  a third of them with facets, a few times each after a warm-up: median and p95 latency over
  all requests, the queries per request, and the slowest queries of the mix; and the first
  search after a content change, which reads the facets' table of every page again.

Besides the wall-clock latency, which on a busy machine says as much about the other processes,
it reports the CPU time per request of this process and of the PostgreSQL backend serving it
(``DatabaseClock``): compare changes by those. ``BENCHMARK_KEEP_DATABASE=1`` keeps the database
(``tests/benchmarks/seeded.py`` prints its name) and ``--reuse-database NAME`` measures it again
without importing: with the statistics the import left, as long as nobody ran ``ANALYZE`` on it.

``--profile`` adds, for the largest size, the SQL statements that took longest and a cProfile
of one round of the mix. The target is a p95 under 100 ms at 10,000 items. The script measures
and never gates: it exits 0 (2 when it can't run) and sums up in a last ``VERDICT:`` line.
"""

import argparse
import cProfile
import gc
import io
import json
import os
import pstats
import random
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

TARGET_P95_MS = 100.0

ROOT = Path(__file__).resolve().parents[2]
KINDS = ["method", "technique", "tool", "step_plan", "publication", "platform", "good_practice"]
LEVELS = ["effective", "well_founded", "well_described", "evaluated_pilot", "practice_example"]
# Words by theme slug (what an item about that theme talks about), then words every item may use.
THEME_WORDS = {
    "eenzaamheid": ["eenzaamheid", "ontmoeting", "ouderen", "huiskamer", "buurtcirkel", "maatje", "koffie"],
    "armoede-en-schulden": ["armoede", "schulden", "budget", "voedselbank", "inkomen", "schuldhulp"],
    "covid-19-en-sociale-verbondenheid": ["corona", "herstel", "afstand", "verbondenheid", "digitaal"],
    "sociale-infrastructuur": ["dorpshuis", "dorpshuizen", "wijkaccommodatie", "vrijwilligers", "dorpsraad"],
    "gebiedsgericht-werken": ["wijkteam", "gebiedsgericht", "samenwerking", "netwerk", "wijkaanpak"],
    "bewonersparticipatie": ["bewoners", "participatie", "initiatief", "burgerbegroting", "moestuin"],
}
COMMON_WORDS = [
    "gemeente",
    "aanpak",
    "buurt",
    "dorp",
    "wijk",
    "jongeren",
    "mantelzorg",
    "gezondheid",
    "welzijn",
    "samen",
    "leefbaarheid",
    "verbinding",
    "kinderen",
    "gezinnen",
    "school",
    "sport",
    "cultuur",
    "vervoer",
    "wonen",
    "zorg",
    "project",
    "ervaring",
    "onderzoek",
    "training",
    "vrijwilligerswerk",
    "bibliotheek",
    "wijkagent",
    "huisarts",
    "kerk",
    "vereniging",
    "platteland",
    "stad",
    "nieuwkomers",
    "taal",
    "werk",
    "geldzorgen",
    "preventie",
    "signalering",
    "opbouwwerk",
    "jongerenwerk",
    "speeltuin",
]
STOPWORDS = ["de", "het", "een", "en", "in", "met", "voor", "van", "op", "door", "bij", "als"]
ENGLISH_WORDS = [
    "loneliness",
    "volunteers",
    "village",
    "hall",
    "debt",
    "poverty",
    "neighbourhood",
    "residents",
    "meeting",
    "elderly",
    "community",
    "youth",
    "health",
    "council",
    "approach",
    "network",
    "support",
    "municipality",
]
# (path, query, facets): a third with facets; one finds nothing (the suggestion path).
QUERY_MIX = [
    ("/zoeken/", "eenzaamheid", {}),
    ("/zoeken/", "vrijwilligers", {}),
    ("/zoeken/", "dorpshuizen", {}),
    ("/zoeken/", "schulden gemeente", {}),
    ("/zoeken/", "ontmoeting ouderen", {}),
    ("/zoeken/", "moestuin", {}),
    ("/zoeken/", "burgerbegroting wijk", {}),
    ("/zoeken/", "jongeren sport buurt", {}),
    ("/zoeken/", "ruimtevaart", {}),
    ("/zoeken/", "wijkteam samenwerking", {}),
    ("/en/search/", "loneliness", {}),
    ("/zoeken/", "eenzaamheid", {"thema": "eenzaamheid"}),
    ("/zoeken/", "vrijwilligers", {"soort": "method", "jaar": "2020"}),
    ("/zoeken/", "armoede", {"bewijs": "effective"}),
    ("/zoeken/", "buurt", {"gemeente": "GM0202"}),
    ("/zoeken/", "aanpak", {"thema": "sociale-infrastructuur", "soort": "tool"}),
    ("/zoeken/", "gemeente", {"organisatie": "kennispartner-3"}),
    ("/en/search/", "volunteers", {"soort": "method"}),
    # What search.expansion adds: a synonym, a compound's head and parts, a corrected typo.
    ("/zoeken/", "coronatijd", {}),
    ("/zoeken/", "buurthuis kosten", {}),
    ("/zoeken/", "participatie", {}),
    ("/zoeken/", "bewonersparticipatie", {}),
    ("/zoeken/", "eenzaamhied", {}),
    ("/zoeken/", "wijkcentrum", {}),
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[1000, 10000],
        help="items in the knowledge base (default 1000 10000)",
    )
    parser.add_argument("--database-url", help="a PostgreSQL server (default: DATABASE_URL)")
    parser.add_argument("--runs", type=int, default=5, help="timed requests per query and size (default 5)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed requests per query first (default 2)")
    parser.add_argument(
        "--profile", action="store_true", help="slowest SQL and a cProfile at the largest size"
    )
    parser.add_argument(
        "--reuse-database",
        metavar="NAME",
        help="measure a database an earlier run kept (BENCHMARK_KEEP_DATABASE=1), without importing",
    )
    args = parser.parse_args()
    if any(size < 1 for size in args.sizes) or args.runs < 1 or args.warmup < 0:
        parser.error("--sizes and --runs must be at least 1, --warmup at least 0")
    args.sizes = sorted(set(args.sizes))
    url = args.database_url or os.environ.get("DATABASE_URL", "")
    if url and not url.startswith(("postgres://", "postgresql://", "pgsql://")):
        parser.exit(2, "--database-url / DATABASE_URL must name a PostgreSQL server (or be empty: SQLite).\n")
    if args.reuse_database and not url:
        parser.exit(2, "--reuse-database needs a PostgreSQL server (--database-url / DATABASE_URL).\n")
    if url:
        os.environ["DATABASE_URL"] = url
    else:
        os.environ.pop("DATABASE_URL", None)
    return args


class Generator:
    """Knowledge items numbered from 0: the same number always gives the same item."""

    def __init__(self, themes, municipalities):
        self.themes, self.municipalities = themes, municipalities
        weights = [1 / rank for rank in range(1, len(COMMON_WORDS) + 1)]  # Zipf: few common, many rare
        self.common = (COMMON_WORDS, weights)

    def item(self, number):
        rng = random.Random(number)
        english = number % 5 == 4
        themes = rng.sample(self.themes, k=rng.choice([0, 1, 1, 2]))
        topic = [word for theme in themes for word in THEME_WORDS.get(theme, [])]

        def sentence(length):
            if english:
                words = rng.choices(ENGLISH_WORDS, k=length)
            else:
                words = []
                for _ in range(length):
                    roll = rng.random()
                    if topic and roll < 0.25:
                        words.append(rng.choice(topic))
                    elif roll < 0.45:
                        words.append(rng.choice(STOPWORDS))
                    else:
                        words.append(rng.choices(*self.common)[0])
            return " ".join(words).capitalize() + "."

        return {
            "external_id": f"search-{number}",
            "title": f"{sentence(rng.randint(2, 5))[:-1]} {number}",
            "kind": KINDS[rng.randrange(len(KINDS))],
            "summary": sentence(rng.randint(15, 30)),
            "body": "".join(f"<p>{sentence(rng.randint(25, 60))}</p>" for _ in range(rng.randint(1, 4))),
            "themes": themes,
            "organisation": f"Kennispartner {rng.randrange(40)}",
            "url": f"https://example.nl/kennis/{number}",
            "year": rng.randint(2005, 2025),
            "municipality": rng.choice(self.municipalities) if rng.random() < 0.3 else "",
            "evidence_level": LEVELS[rng.randrange(len(LEVELS))],
            "language": "en" if english else "nl",
        }


def import_items(workdir, generator, start, stop):
    from django.core.management import call_command  # noqa: PLC0415 - Django is set up by now

    path = workdir / f"items-{start}-{stop}.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for number in range(start, stop):
            handle.write(json.dumps(generator.item(number), ensure_ascii=False) + "\n")
    started = time.perf_counter()
    call_command(
        "import_knowledge",
        str(path),
        "--publish",
        "--create-organisations",
        stdout=io.StringIO(),
        stderr=sys.stderr,
    )
    # Searched right away, as a real run would be: the statistics are the ones the import left
    # (``core.importing`` analyses the tables it filled); nothing here waits for autovacuum.
    return time.perf_counter() - started


def request(client, path, query, facets):
    response = client.get(path, {"q": query, **facets})
    if response.status_code != 200:
        raise RuntimeError(f"{path}?q={query} {facets}: HTTP {response.status_code}")
    return response


class DatabaseClock:
    """CPU seconds the database server spent for this process's connection, where it can be read.

    Wall-clock time on a busy machine says as much about the other processes as about the search;
    the CPU time of this process (``time.process_time``) and of the PostgreSQL backend that serves
    its connection (``/proc/<pid>/stat``: user plus system time, when the server runs on this
    machine) do not. SQLite runs inside this process: its time is in ``process_time`` already.
    """

    def __init__(self):
        from django.db import connection  # noqa: PLC0415

        self.stat, self.tick = None, os.sysconf("SC_CLK_TCK")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                stat = Path(f"/proc/{cursor.fetchone()[0]}/stat")
            if stat.exists():
                self.stat = stat

    def seconds(self):
        if self.stat is None:
            return 0.0
        # The command name in brackets may hold spaces: count the fields after its ")".
        fields = self.stat.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / self.tick  # utime, stime


def measure(client, runs, warmup):
    """{(path, query, facets as text): [milliseconds]}, {same key: (queries, results)} and the
    CPU milliseconds of each request: ``{"django": [...], "database": [...]}``."""
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    keys = [(path, query, json.dumps(facets, sort_keys=True)) for path, query, facets in QUERY_MIX]
    timings, shape, cpu = {key: [] for key in keys}, {}, {"django": [], "database": []}
    for (path, query, facets), key in zip(QUERY_MIX, keys, strict=True):
        for _ in range(warmup):
            request(client, path, query, facets)
        with CaptureQueriesContext(connection) as queries:
            response = request(client, path, query, facets)
        shape[key] = (len(queries), _results(response))
    # The test client keeps the one connection across requests: one backend to read.
    database = DatabaseClock()
    # Interleaved rounds, so a burst of load elsewhere spreads over the mix.
    for _ in range(runs):
        for (path, query, facets), key in zip(QUERY_MIX, keys, strict=True):
            database_before, cpu_before = database.seconds(), time.process_time()
            started = time.perf_counter()
            request(client, path, query, facets)
            timings[key].append((time.perf_counter() - started) * 1000)
            cpu["django"].append((time.process_time() - cpu_before) * 1000)
            cpu["database"].append((database.seconds() - database_before) * 1000)
    return timings, shape, cpu


def after_change(client):
    """Milliseconds of the first search after a publish: it reads ``search.facets.FacetTable``."""
    from core.caching import bump_content_version  # noqa: PLC0415

    bump_content_version()
    started = time.perf_counter()
    request(client, "/zoeken/", "eenzaamheid", {})
    return (time.perf_counter() - started) * 1000


def _results(response):
    """The result count in the page's heading ("123 resultaten voor ..."), or 0."""
    import re  # noqa: PLC0415

    found = re.search(rb'id="search-count">(\d+)', response.content)
    return int(found.group(1)) if found else 0


def profile(client):
    """The SQL statements that took longest over one round of the mix, then a cProfile of it."""
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    with CaptureQueriesContext(connection) as queries:
        for path, query, facets in QUERY_MIX:
            request(client, path, query, facets)
    slowest = sorted(queries.captured_queries, key=lambda q: float(q["time"]), reverse=True)[:10]
    total = sum(float(q["time"]) for q in queries.captured_queries)
    kinds = {}
    for q in queries.captured_queries:
        sql = q["sql"]
        kind = (
            "facet counts"
            if "GROUP BY" in sql
            else "full text (ranking, highlights)"
            if "wagtailsearch_indexentry" in sql
            else "other"
        )
        kinds[kind] = kinds.get(kind, 0) + float(q["time"])
    print(f"\nSQL over one round: {len(queries)} queries, {total * 1000:.0f} ms")
    for kind, seconds in sorted(kinds.items(), key=lambda item: -item[1]):
        print(f"  {seconds * 1000:7.1f} ms  {kind}")
    print("Slowest:")
    for q in slowest:
        print(f"  {float(q['time']) * 1000:7.1f} ms  {q['sql'][:150]}")
    if connection.vendor == "postgresql":  # SQLite's EXPLAIN QUERY PLAN says too little to help
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {slowest[0]['sql']}")
            print("Plan of the slowest:\n  " + "\n  ".join(row[0] for row in cursor.fetchall()))
    profiler = cProfile.Profile()
    profiler.enable()
    for path, query, facets in QUERY_MIX:
        request(client, path, query, facets)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("cumulative").print_stats(r"(search|core|knowledge|home)/", 25)
    stats.sort_stats("tottime").print_stats(15)


@contextmanager
def reused_database(name):
    """Like ``seeded_database``, for a database an earlier run kept: nothing is created or dropped."""
    workdir = Path(tempfile.mkdtemp(prefix="leefbaarheid-benchmark-"))
    (workdir / "static").mkdir()
    os.environ["VAR_DIR"] = str(workdir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.benchmarks.settings"
    # The server DATABASE_URL names, the database this run kept.
    os.environ["DATABASE_URL"] = os.environ["DATABASE_URL"].split("?")[0].rsplit("/", 1)[0] + "/" + name
    import django  # noqa: PLC0415 - only once the environment above is set

    django.setup()
    try:
        yield workdir
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main():
    args = parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.benchmarks.seeded import seeded_database  # noqa: PLC0415 - ROOT is on the path now

    rows = []
    database = reused_database(args.reuse_database) if args.reuse_database else seeded_database()
    with database as workdir:
        from django.test import Client  # noqa: PLC0415 - Django is set up now

        from knowledge.models import KnowledgeItemPage, Municipality, ThemePage  # noqa: PLC0415

        themes = list(ThemePage.objects.filter(locale__language_code="nl").values_list("slug", flat=True))
        generator = Generator(themes, list(Municipality.objects.values_list("cbs_code", flat=True)))
        client, have = Client(), 0
        if args.reuse_database:
            have = KnowledgeItemPage.objects.filter(external_id__startswith="search-").count()
            args.sizes = [have]
        for size in args.sizes:
            if size > have:
                seconds = import_items(workdir, generator, have, size)
                rate = (size - have) / seconds
                print(f"{size:>6} items: imported {size - have} in {seconds:.1f} s = {rate:.1f} items/s")
            else:
                rate = float("nan")
                print(f"{size:>6} items: in the reused database {args.reuse_database}")
            have = size
            # The import left this process a heap no web worker has, and collecting it paused
            # requests for up to 200 ms: set it aside, so the tail is the search's own.
            gc.collect()
            gc.freeze()
            timings, shape, cpu = measure(client, args.runs, args.warmup)
            every = [ms for values in timings.values() for ms in values]
            median, p95 = statistics.median(every), percentile(every, 0.95)
            rows.append((size, rate, median, p95))
            print(f"        search: median {median:.1f} ms, p95 {p95:.1f} ms over {len(every)} requests")
            for name, values in cpu.items():
                if any(values):
                    print(
                        f"        CPU of the {name} process per request: "
                        f"mean {statistics.fmean(values):.1f} ms, median {statistics.median(values):.1f} ms, "
                        f"p95 {percentile(values, 0.95):.1f} ms"
                    )
            cold = after_change(client)
            print(f"        first search after a content change (reads the facet table): {cold:.0f} ms")
            # The tail: a slow query (its median says so too) or a pause anywhere (one run only).
            slowest = sorted(((ms, key) for key, values in timings.items() for ms in values), reverse=True)[
                :5
            ]
            print("        slowest requests: " + ", ".join(f"{ms:.0f} ms ({key[1]})" for ms, key in slowest))
            for key, values in sorted(timings.items(), key=lambda item: -statistics.median(item[1])):
                path, query, facets = key
                queries, results = shape[key]
                print(
                    f"          {statistics.median(values):7.1f} ms {queries:3d} queries "
                    f"{results:6d} results  {path}?q={query} {facets if facets != '{}' else ''}"
                )
        if args.profile:
            profile(client)

    slow = [size for size, _rate, _median, p95 in rows if p95 >= TARGET_P95_MS]
    largest = rows[-1]
    summary = ", ".join(f"{size}: p95 {p95:.0f} ms, import {rate:.0f}/s" for size, rate, _m, p95 in rows)
    if slow:
        print(f"VERDICT: misses the target (p95 < {TARGET_P95_MS:.0f} ms) at {slow}; {summary}")
    else:
        print(f"VERDICT: meets the target (p95 < {TARGET_P95_MS:.0f} ms up to {largest[0]} items); {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
