"""Import benchmark: how many knowledge items per second ``import_knowledge`` manages.

    python tests/benchmarks/bench_import.py [--sizes 1000 10000] [--profile]

It builds a fresh database of its own (a SQLite file in a temporary directory, or a new database on
the server DATABASE_URL names), migrates it, loads the demo content with ``seed_demo`` (the Dutch
and English Kennisbank, the themes, a few organisations), then for each size writes a ``.jsonl``
file of generated records (every kind, theme, evidence level, 30 organisations, the municipalities,
a body of a few paragraphs, one in five in English) and:

- **import**: runs ``import_knowledge`` on it, all records new: items per second, with a revision
  per page, published, and the search and reference index entries written;
- **re-import**: runs it again on the same file, nothing changed: items per second.

Both also say the CPU time of this process per item (on SQLite that includes the database's own
work; other load on the machine moves it much less than the wall-clock figure), and the queries
per item. Afterwards it checks that every page has its revision, its search index entry and its
reference index rows. ``--profile`` prints the 25 most expensive functions of the first import
(cProfile). The target is at least 50 new items and 1,000 unchanged items per second. The script
measures and never gates: it exits 0 and sums up in a last ``VERDICT:`` line.

It also measures **Wagtail's floor**: bare pages (a title, a summary, nothing else) created the
way the import does it with Wagtail's public API alone (``add_child``, ``save_revision``,
``publish``), with the search and reference index left unwritten. No import that goes through
that API can be faster than this; the import's rate is also given as a share of it.
"""

import argparse
import cProfile
import io
import json
import pstats
import random
import sys
import time
from pathlib import Path

TARGET_RATE = 50.0
TARGET_REIMPORT_RATE = 1000.0

ROOT = Path(__file__).resolve().parents[2]
KINDS = ["method", "technique", "tool", "step_plan", "publication", "platform", "good_practice"]
LEVELS = ["effective", "well_founded", "well_described", "evaluated_pilot", "practice_example"]
WORDS = [
    "buurt",
    "dorp",
    "bewoners",
    "eenzaamheid",
    "ontmoeting",
    "vrijwilligers",
    "dorpshuis",
    "wijkraad",
    "armoede",
    "schulden",
    "jongeren",
    "ouderen",
    "mantelzorg",
    "participatie",
    "gemeente",
    "samenwerking",
    "aanpak",
    "netwerk",
    "huiskamer",
    "moestuin",
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000], help="records per run (default 1000)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the first import")
    args = parser.parse_args()
    if any(size < 1 for size in args.sizes):
        parser.error("--sizes must be at least 1")
    return args


def records(size, themes, municipalities, seed):
    rng = random.Random(seed)
    for number in range(size):

        def sentence(words=12):
            return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."

        yield {
            "external_id": f"bench-{seed}-{number}",
            "title": f"{sentence(4)[:-1]} {number}",
            "kind": KINDS[number % len(KINDS)],
            "summary": sentence(25),
            "body": "".join(
                f"<p>{sentence(30)} <a href='https://example.nl/{number}'>Meer</a></p>" for _ in range(3)
            )
            + "<ul><li>een</li><li>twee</li></ul><script>alert(1)</script>",
            "themes": rng.sample(themes, k=rng.randint(0, 2)),
            "organisation": f"Kennispartner {number % 30}",
            "url": f"https://example.nl/item/{number}",
            "year": 2010 + number % 15,
            "municipality": rng.choice(municipalities) if number % 3 == 0 else "",
            "evidence_level": LEVELS[number % len(LEVELS)],
            "language": "en" if number % 5 == 4 else "nl",
        }


def timed_import(path, profile=False):
    """``(wall seconds, CPU seconds, queries)`` of one ``import_knowledge`` run."""
    from django.core.management import call_command
    from django.db import connection

    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    profiler = cProfile.Profile() if profile else None
    started, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(count):
        if profiler:
            profiler.enable()
        call_command(
            "import_knowledge",
            str(path),
            "--publish",
            "--create-organisations",
            stdout=io.StringIO(),
            stderr=sys.stderr,
        )
        if profiler:
            profiler.disable()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    if profiler:
        stats = pstats.Stats(profiler, stream=sys.stdout)
        stats.sort_stats("cumulative").print_stats(25)
    return seconds, cpu, queries


def floor(count=300):
    """Pages a second that Wagtail's own create, revision and publish manage for a bare page."""
    from django.db import transaction

    from core.importing import indexing_per_batch
    from knowledge.models import KnowledgeIndexPage, KnowledgeItemPage

    parent = KnowledgeIndexPage.objects.filter(locale__language_code="nl").first()
    started = time.perf_counter()
    with indexing_per_batch(), transaction.atomic():
        for number in range(count):
            page = KnowledgeItemPage(title=f"Vloer {number}", slug=f"vloer-{number}", introduction="Kort.")
            page.live = False
            parent.add_child(instance=page)
            page.save_revision().publish()
        transaction.set_rollback(True)  # the floor's pages are not part of what ``check`` counts
    return count / (time.perf_counter() - started)


def check(size, seed):
    """Every imported page has a live revision, a search index entry and reference index rows."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex
    from wagtail.search.models import IndexEntry

    from knowledge.models import KnowledgeItemPage

    pages = KnowledgeItemPage.objects.filter(external_id__startswith=f"bench-{seed}-")
    page_ids = [str(pk) for pk in pages.values_list("pk", flat=True)]
    content_type = ContentType.objects.get_for_model(KnowledgeItemPage)
    indexed = IndexEntry.objects.filter(content_type=content_type, object_id__in=page_ids).count()
    referencing = (
        ReferenceIndex.objects.filter(base_content_type__model="page", object_id__in=page_ids)
        .values("object_id")
        .distinct()
        .count()
    )
    return {
        "pages": len(page_ids),
        "published through a revision": pages.filter(live=True, live_revision__isnull=False).count(),
        "in the search index": indexed,
        "with reference index rows": referencing,
        "expected": size,
    }


def main():
    args = parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.benchmarks.seeded import seeded_database  # noqa: PLC0415 - ROOT is on the path now

    rows, problems = [], []
    with seeded_database() as workdir:
        from knowledge.models import Municipality, ThemePage  # noqa: PLC0415 - Django is set up now

        themes = list(ThemePage.objects.filter(locale__language_code="nl").values_list("slug", flat=True))
        municipalities = list(Municipality.objects.values_list("cbs_code", flat=True))
        for seed, size in enumerate(args.sizes):
            path = workdir / f"bench-{size}.jsonl"
            with path.open("w", encoding="utf-8") as handle:
                for item in records(size, themes, municipalities, seed):
                    handle.write(json.dumps(item, ensure_ascii=False) + "\n")
            first, first_cpu, first_queries = timed_import(path, profile=args.profile and seed == 0)
            again, again_cpu, again_queries = timed_import(path)
            figures = check(size, seed)
            rows.append((size, size / first, size / again))
            print(
                f"{size:>6} records: import {first:6.1f} s = {size / first:6.1f} items/s "
                f"(CPU {first_cpu * 1000 / size:5.1f} ms and {first_queries / size:4.1f} queries an item); "
                f"re-import unchanged {again:6.2f} s = {size / again:7.1f} items/s "
                f"(CPU {again_cpu * 1000 / size:5.2f} ms, {again_queries / size:4.2f} queries an item)"
            )
            print("        " + ", ".join(f"{name} {count}" for name, count in figures.items()))
            if len(set(figures.values())) != 1:
                problems.append(f"{size}: not every page is complete ({figures})")

        wagtail_floor = floor()
        print(
            f"Wagtail's floor (a bare page through add_child, save_revision and publish, not indexed): "
            f"{wagtail_floor:.1f} pages/s; the import reaches "
            + ", ".join(f"{rate / wagtail_floor:.0%} of it at {size}" for size, rate, _again in rows)
        )

    slow = [size for size, rate, _again in rows if rate < TARGET_RATE]
    slow_again = [size for size, _rate, again in rows if again < TARGET_REIMPORT_RATE]
    target = (
        f"≥ {TARGET_RATE:.0f} new items/s, ≥ {TARGET_REIMPORT_RATE:.0f} unchanged items/s, "
        "every page complete"
    )
    if slow or slow_again or problems:
        print(f"VERDICT: misses the target ({target}): slow {slow}, slow re-import {slow_again}; {problems}")
    else:
        print(f"VERDICT: meets the target ({target}) at {', '.join(str(size) for size, *_ in rows)} records")
    return 0


if __name__ == "__main__":
    sys.exit(main())
