"""The count, the facets and their narrowing cover every match, not only the best ranked.

A common word matches most of a large knowledge base. The weakest matches rank last, but a
visitor who narrows by their municipality must still find all of them there, and the heading
and the facet counts must say how many there are. 510 strong matches (the word in the title) and
15 weak ones (once, deep in the body) in one municipality: more than the few hundred a search
used to rank before counting.
"""

import io
import json
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase

from tests.factories.knowledge import build_site

STRONG, WEAK = 510, 15


def _item(number, **fields):
    return {
        "external_id": f"match-{number}",
        "title": f"Buurtkamer {number}",
        "kind": "method",
        "summary": "Bewoners ontmoeten elkaar.",
        "body": "<p>Een plek om koffie te drinken.</p>",
        "language": "nl",
        **fields,
    }


class EveryMatchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_site()
        weak_body = "<p>" + "Over koffie en ontmoeting in het dorp. " * 40 + "Ook een buurtkamer.</p>"
        items = [_item(n) for n in range(STRONG)] + [
            _item(STRONG + n, title=f"Koffieochtend {n}", kind="tool", body=weak_body, municipality="GM0202")
            for n in range(WEAK)
        ]
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "items.jsonl"
            path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
            call_command(
                "import_knowledge",
                str(path),
                "--publish",
                "--create-organisations",
                stdout=io.StringIO(),
                stderr=io.StringIO(),
            )

    def search(self, **params):
        response = self.client.get("/zoeken/", {"q": "buurtkamer", **params}, HTTP_ACCEPT="application/json")
        return response.json()

    def test_the_total_counts_every_match(self):
        self.assertEqual(self.search()["total"], STRONG + WEAK)
        response = self.client.get("/zoeken/", {"q": "buurtkamer"})
        self.assertContains(response, f"{STRONG + WEAK} resultaten")

    def test_the_facets_count_the_weakest_matches_too(self):
        facets = self.search()["facets"]
        counts = {
            name: {option["value"]: option["count"] for option in options} for name, options in facets.items()
        }
        self.assertEqual(counts["gemeente"], {"GM0202": WEAK})
        self.assertEqual(counts["soort"], {"method": STRONG, "tool": WEAK})

    def test_a_facet_narrows_among_every_match(self):
        narrowed = self.search(gemeente="GM0202")
        self.assertEqual(narrowed["total"], WEAK)
        self.assertTrue(all(result["title"].startswith("Koffieochtend") for result in narrowed["results"]))
        self.assertEqual(self.search(soort="tool", gemeente="GM0202")["total"], WEAK)

    def test_the_weak_matches_come_last(self):
        last_page = self.search(page=(STRONG + WEAK + 9) // 10)
        self.assertTrue(all(result["title"].startswith("Koffieochtend") for result in last_page["results"]))
