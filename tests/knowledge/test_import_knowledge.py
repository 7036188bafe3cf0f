"""An editor imports knowledge items from a partner's file with ``manage.py import_knowledge``."""

import csv
import io
import json
import tempfile
from pathlib import Path
from unittest import mock

from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from wagtail.models import ReferenceIndex, Revision, WorkflowPage

from core.sanitising import sanitise_html
from knowledge import importing
from knowledge.models import KnowledgeItemPage, Organisation
from tests.factories.knowledge import build_site, municipality
from tests.factories.translation import translate
from tests.utils import links_to


def record(external_id="movisie-1", **fields):
    return {
        "external_id": external_id,
        "title": f"Buurtcirkel {external_id}",
        "kind": "method",
        "summary": "Bewoners helpen elkaar in een kleine groep.",
        "body": "<p>Een <b>buurtcirkel</b> is een groep van tien bewoners.</p>",
        "themes": ["eenzaamheid"],
        "organisation": "Movisie",
        "url": "https://www.movisie.nl/buurtcirkel",
        "year": 2021,
        "municipality": "Arnhem",
        "evidence_level": "well_founded",
        **fields,
    }


CSV_COLUMNS = list(record())


class ImportTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site()
        translate(cls.tree.home)
        cls.english_index = translate(cls.tree.knowledge_index, {"Kennisbank": "Knowledge base"})

    def setUp(self):
        self.directory = Path(tempfile.mkdtemp())
        self.addCleanup(lambda: [path.unlink() for path in self.directory.iterdir()])

    def write(self, name, records=None, text=None):
        path = self.directory / name
        if text is None:
            if name.endswith(".jsonl"):
                text = "".join(json.dumps(item) + "\n" for item in records)
            elif name.endswith(".json"):
                text = json.dumps(records, indent=2)
            else:
                out = io.StringIO()
                writer = csv.DictWriter(out, CSV_COLUMNS + ["language"])
                writer.writeheader()
                for item in records:
                    writer.writerow({**item, "themes": ";".join(item.get("themes", []))})
                text = out.getvalue()
        path.write_text(text, encoding="utf-8")
        return path

    def run_import(self, path, *args, fails=False, defaults=True):
        """Run the command; unless ``defaults=False``, as the tests before review and refused
        organisations ran it: publishing (without ``--draft``) and creating organisations."""
        if defaults:
            if "--draft" not in args:
                args = ("--publish", *args)
            args = ("--create-organisations", *args)
        out, err = io.StringIO(), io.StringIO()
        if fails:
            with self.assertRaises(CommandError):
                call_command("import_knowledge", str(path), *args, stdout=out, stderr=err)
        else:
            call_command("import_knowledge", str(path), *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def item(self, external_id="movisie-1", language="nl"):
        return KnowledgeItemPage.objects.get(external_id=external_id, locale__language_code=language)


class FormatTests(ImportTestCase):
    def assert_imported(self, name):
        path = self.write(name, [record("a-1"), record("a-2", kind="good_practice", themes=[])])
        out, err = self.run_import(path)

        self.assertEqual(err, "")
        self.assertIn("2 nieuw", out)
        page = self.item("a-1")
        self.assertTrue(page.live)
        self.assertEqual(page.get_parent().specific, self.tree.knowledge_index)
        self.assertEqual(page.title, "Buurtcirkel a-1")
        self.assertEqual(page.introduction, "Bewoners helpen elkaar in een kleine groep.")
        self.assertEqual(page.kind, "method")
        self.assertEqual(page.evidence_level, "well_founded")
        self.assertEqual(page.year, 2021)
        self.assertEqual(page.external_url, "https://www.movisie.nl/buurtcirkel")
        self.assertEqual(page.municipality, municipality("Arnhem"))
        self.assertEqual(page.organisation.name, "Movisie")
        self.assertEqual([theme.slug for theme in page.themes.all()], ["eenzaamheid"])
        self.assertIn("<b>buurtcirkel</b>", str(page.body[0].value))
        self.assertEqual(self.item("a-2").kind, "good_practice")
        self.assertEqual(list(self.item("a-2").themes.all()), [])
        # Published through a revision, as an editor would.
        self.assertEqual(page.live_revision, page.latest_revision)
        self.assertEqual(Revision.page_revisions.filter(object_id=str(page.pk)).count(), 1)

    def test_json_lines(self):
        self.assert_imported("items.jsonl")

    def test_json_array(self):
        self.assert_imported("items.json")

    def test_csv(self):
        self.assert_imported("items.csv")

    def test_municipality_by_cbs_code_and_labels_for_choices(self):
        path = self.write(
            "items.jsonl",
            [
                record("c-1", municipality="GM0202", kind="Stappenplan", evidence_level="Goed beschreven"),
                record("c-2", municipality="0202", kind="step-plan", evidence_level="EFFECTIVE"),
            ],
        )
        self.run_import(path)

        for external_id in ("c-1", "c-2"):
            self.assertEqual(self.item(external_id).municipality, municipality("Arnhem"))
            self.assertEqual(self.item(external_id).kind, "step_plan")
        self.assertEqual(self.item("c-1").evidence_level, "well_described")
        self.assertEqual(self.item("c-2").evidence_level, "effective")

    def test_another_file_type_is_refused(self):
        path = self.write("items.xml", text="<items/>")
        with self.assertRaisesMessage(CommandError, "onbekend bestandstype"):
            call_command("import_knowledge", str(path), stdout=io.StringIO())

    def test_a_missing_file_is_refused(self):
        with self.assertRaisesMessage(CommandError, "kan het bestand niet lezen"):
            call_command("import_knowledge", str(self.directory / "nope.jsonl"), stdout=io.StringIO())

    def test_a_file_that_is_not_utf8_is_refused(self):
        path = self.directory / "items.csv"
        path.write_bytes("external_id,title\nx,Caf\xe9\n".encode("latin-1"))
        with self.assertRaisesMessage(CommandError, "geen UTF-8"):
            call_command("import_knowledge", str(path), stdout=io.StringIO())
        self.assertFalse(KnowledgeItemPage.objects.exists())

    def test_a_broken_json_array_is_refused_with_its_line(self):
        path = self.write("items.json", text='[\n  {"external_id": "x"},\n  {"title": }\n]')
        with self.assertRaisesMessage(CommandError, "regel 3"):
            call_command("import_knowledge", str(path), stdout=io.StringIO())


class IdempotencyTests(ImportTestCase):
    def revisions(self, page):
        return Revision.page_revisions.filter(object_id=str(page.pk)).count()

    def test_importing_twice_updates_what_changed_and_leaves_the_rest(self):
        records = [record("i-1"), record("i-2"), record("i-3")]
        self.run_import(self.write("first.jsonl", records))
        unchanged_before = self.item("i-1")

        records[1] = record("i-2", title="Buurtcirkel, nieuwe versie", year=2024)
        out, _err = self.run_import(self.write("second.jsonl", records))

        self.assertIn("0 nieuw, 1 bijgewerkt, 2 ongewijzigd, 0 mislukt", out)
        self.assertEqual(KnowledgeItemPage.objects.count(), 3)
        changed = self.item("i-2")
        self.assertEqual(changed.title, "Buurtcirkel, nieuwe versie")
        self.assertEqual(changed.year, 2024)
        self.assertEqual(self.revisions(changed), 2)
        self.assertEqual(changed.live_revision, changed.latest_revision)
        unchanged = self.item("i-1")
        self.assertEqual(self.revisions(unchanged), 1)
        self.assertEqual(unchanged.latest_revision_id, unchanged_before.latest_revision_id)

    def test_an_organisation_is_created_once(self):
        records = [record(f"o-{n}", organisation="Platform31") for n in range(3)]
        records.append(record("o-4", organisation="platform31 "))
        self.run_import(self.write("items.jsonl", records))
        self.run_import(self.write("again.csv", records))

        self.assertEqual(Organisation.objects.filter(name__iexact="Platform31").count(), 1)
        organisation = Organisation.objects.get(name="Platform31")
        self.assertEqual(organisation.slug, "platform31")
        self.assertEqual(KnowledgeItemPage.objects.filter(organisation=organisation).count(), 4)

    def test_an_existing_organisation_is_used(self):
        existing = Organisation.objects.create(name="Movisie", slug="movisie", locale=self.tree.home.locale)
        self.run_import(self.write("items.jsonl", [record("e-1")]))

        self.assertEqual(self.item("e-1").organisation, existing)
        self.assertEqual(Organisation.objects.count(), 1)

    def test_a_draft_import_is_published_by_a_later_import(self):
        path = self.write("items.jsonl", [record("d-1")])
        self.run_import(path, "--draft")
        self.assertFalse(self.item("d-1").live)

        self.run_import(path)

        self.assertTrue(self.item("d-1").live)


class BadRecordTests(ImportTestCase):
    def test_every_bad_record_is_reported_with_its_line_and_the_good_ones_land(self):
        lines = [
            record("good-1"),  # 1
            {k: v for k, v in record("bad-2").items() if k != "title"},  # 2
            record("bad-3", kind="recipe"),  # 3
            record("bad-4", themes=["eenzaamheid", "ruimtevaart"]),  # 4
            record("bad-5", municipality="Amsterdam"),  # 5
            record("bad-6", evidence_level="heel goed"),  # 6
            record("bad-7", url="javascript:alert(1)"),  # 7
            record("bad-8", url="ftp://files.example.nl/x.pdf"),  # 8
            record("bad-9", year="dit jaar"),  # 9
            None,  # 10: a malformed line, written below
            record("good-11"),  # 11
            dict(record("").items()),  # 12: an empty key
            record("bad-13", summary="  "),  # 13
            record("bad-14", language="de"),  # 14
        ]
        text = "".join(
            ('{"external_id": "bad-10", "title": ' if item is None else json.dumps(item)) + "\n"
            for item in lines
        )
        out, err = self.run_import(self.write("items.jsonl", text=text), fails=True)

        reasons = dict(line.split(": ", 1) for line in err.splitlines())
        self.assertEqual(
            sorted(reasons, key=lambda key: int(key.split()[1])),
            [f"regel {n}" for n in (2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14)],
        )
        self.assertIn("title ontbreekt", reasons["regel 2"])
        self.assertIn("onbekende soort", reasons["regel 3"])
        self.assertIn("onbekend thema ruimtevaart", reasons["regel 4"])
        self.assertIn("onbekende gemeente 'Amsterdam'", reasons["regel 5"])
        self.assertIn("onbekende bewijskracht", reasons["regel 6"])
        self.assertIn("url moet een http- of https-adres zijn", reasons["regel 7"])
        self.assertIn("url moet een http- of https-adres zijn", reasons["regel 8"])
        self.assertIn("year is geen getal", reasons["regel 9"])
        self.assertIn("geen geldige JSON", reasons["regel 10"])
        self.assertIn("external_id ontbreekt", reasons["regel 12"])
        self.assertIn("summary ontbreekt", reasons["regel 13"])
        self.assertIn("onbekende taal 'de'", reasons["regel 14"])
        self.assertIn("2 nieuw, 0 bijgewerkt, 0 ongewijzigd, 12 mislukt", out)
        self.assertEqual(
            sorted(KnowledgeItemPage.objects.values_list("external_id", flat=True)), ["good-1", "good-11"]
        )

    def test_the_exit_status_is_not_zero(self):
        path = self.write("items.jsonl", [record("x-1"), record("x-2", year="MMXX")])
        with self.assertRaises(CommandError) as raised:
            call_command(
                "import_knowledge",
                str(path),
                "--publish",
                "--create-organisations",
                stdout=io.StringIO(),
                stderr=io.StringIO(),
            )
        self.assertEqual(raised.exception.returncode, 1)
        self.assertIn("1 van 2 records niet geïmporteerd", str(raised.exception))

    def test_a_bad_csv_row_is_reported_with_its_line(self):
        header = ",".join(CSV_COLUMNS)
        good = "csv-{n},Titel {n},method,Samenvatting,,eenzaamheid,Movisie,https://a.nl,2020,Ede,effective"
        text = "\n".join(
            [
                header,  # 1
                good.format(n=2),  # 2
                good.format(n=3) + ",en,te veel",  # 3: more values than columns
                "",  # 4: blank lines are skipped
                'csv-5,"Titel over\ntwee regels",method,Samenvatting,,,,,,,',  # 5-6
                good.format(n=7).replace("2020", "twintig"),  # 7
            ]
        )
        out, err = self.run_import(self.write("items.csv", text=text), fails=True)

        self.assertIn("regel 3: meer waarden dan kolommen: en, te veel", err)
        self.assertIn("regel 7: year is geen getal", err)
        self.assertEqual(len(err.splitlines()), 2)
        self.assertEqual(
            sorted(KnowledgeItemPage.objects.values_list("external_id", flat=True)), ["csv-2", "csv-5"]
        )
        self.assertEqual(self.item("csv-5").title, "Titel over\ntwee regels")

    def test_json_array_elements_are_reported_with_their_line(self):
        path = self.write("items.json", [record("j-1"), record("j-2", kind="x"), "geen object"])
        _out, err = self.run_import(path, fails=True)

        # json.dumps(indent=2): each record takes 15 lines after the opening bracket.
        self.assertIn("regel 17: onbekende soort", err)
        self.assertIn("regel 32: een record moet een object zijn", err)


class FlagTests(ImportTestCase):
    def test_dry_run_writes_nothing(self):
        path = self.write("items.jsonl", [record("n-1", organisation="Nieuwe organisatie"), record("n-2")])
        out, err = self.run_import(path, "--dry-run")

        self.assertIn("Controle (er is niets opgeslagen)", out)
        self.assertIn("2 nieuw", out)
        self.assertFalse(KnowledgeItemPage.objects.exists())
        self.assertFalse(Organisation.objects.exists())
        self.assertFalse(Revision.objects.filter(base_content_type__model="knowledgeitempage").exists())

    def test_dry_run_reports_bad_records_too(self):
        path = self.write("items.jsonl", [record("n-1", year="x")])
        _out, err = self.run_import(path, "--dry-run", fails=True)
        self.assertIn("regel 1: year is geen getal", err)

    def test_draft_leaves_pages_unpublished(self):
        self.run_import(self.write("items.jsonl", [record("dr-1")]), "--draft")

        page = self.item("dr-1")
        self.assertFalse(page.live)
        self.assertTrue(page.has_unpublished_changes)
        self.assertIsNotNone(page.latest_revision)
        self.assertIsNone(page.live_revision)
        response = self.client.get("/zoeken/", {"q": "dr-1"})
        self.assertFalse(links_to(response, page.url or "/kennisbank/buurtcirkel-dr-1/", within="main"))

    def test_draft_changes_to_a_live_page_stay_a_draft(self):
        self.run_import(self.write("items.jsonl", [record("dr-2")]))
        self.run_import(self.write("items.jsonl", [record("dr-2", title="Nieuwe titel")]), "--draft")

        page = self.item("dr-2")
        self.assertTrue(page.live)
        self.assertEqual(page.title, "Buurtcirkel dr-2")
        self.assertTrue(page.has_unpublished_changes)
        self.assertEqual(page.get_latest_revision_as_object().title, "Nieuwe titel")


class ContentTests(ImportTestCase):
    def test_the_body_is_sanitised(self):
        body = (
            '<p onclick="steal()" style="color:red">Lees <a href="https://a.nl" target="_blank">dit</a> '
            '<a href="javascript:alert(1)">niet</a><img src=x onerror="alert(1)"></p>'
            "<script>alert('x')</script><style>p{display:none}</style>"
            "<h2>Kop</h2><ul><li><i>een</i></li></ul><blockquote>citaat</blockquote><h1>Groot</h1>"
        )
        self.run_import(self.write("items.jsonl", [record("s-1", body=body)]))

        html = self.item("s-1").body[0].value.source
        for gone in ("script", "alert", "onclick", "onerror", "style", "display", "<img", "target", "<h1"):
            self.assertNotIn(gone, html)
        for kept in (
            '<a href="https://a.nl" rel="nofollow noopener">dit</a>',
            "<h2>Kop</h2>",
            "<ul><li><i>een</i></li></ul>",
            "<blockquote>citaat</blockquote>",
            "Groot",
        ):
            self.assertIn(kept, html)
        self.assertEqual(html, sanitise_html(body))

    def test_a_changed_body_is_sanitised_and_an_unchanged_one_not_again(self):
        self.run_import(self.write("items.jsonl", [record("s-1")]))
        hostile = '<p onclick="steal()">Nieuw <a href="javascript:alert(1)">hier</a></p>'
        with mock.patch.object(importing, "sanitise_html", wraps=sanitise_html) as sanitiser:
            self.run_import(self.write("same.jsonl", [record("s-1")]))
            self.assertEqual(sanitiser.call_count, 0)
            self.run_import(self.write("changed.jsonl", [record("s-1", body=hostile)]))
            self.assertEqual(sanitiser.call_count, 1)

        html = self.item("s-1").body[0].value.source
        self.assertEqual(html, sanitise_html(hostile))
        self.assertNotIn("onclick", html)
        self.assertNotIn("javascript", html)

    def test_english_records_go_below_the_english_kennisbank(self):
        self.run_import(
            self.write("items.jsonl", [record("en-1", language="en", title="Neighbourhood circle")])
        )

        page = self.item("en-1", language="en")
        self.assertEqual(page.get_parent().specific, self.english_index)
        self.assertEqual(page.locale.language_code, "en")
        # Relations point at the Dutch themes, as everywhere on the site.
        self.assertEqual(list(page.themes.all()), [self.tree.themes["eenzaamheid"]])
        self.assertFalse(KnowledgeItemPage.objects.filter(locale__language_code="nl").exists())

    def test_the_same_key_in_two_languages_is_two_pages(self):
        self.run_import(self.write("items.jsonl", [record("k-1"), record("k-1", language="en")]))
        self.assertEqual(KnowledgeItemPage.objects.filter(external_id="k-1").count(), 2)

    def test_an_item_is_found_by_the_site_search_right_after_the_import(self):
        self.run_import(
            self.write("items.jsonl", [record("z-1", title="Klussenbus", summary="Een bus vol gereedschap.")])
        )

        response = self.client.get("/zoeken/", {"q": "Klussenbus"})
        self.assertTrue(links_to(response, self.item("z-1").url, within="main"))

    @override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
    def test_found_at_once_also_when_index_updates_wait_for_the_worker(self):
        # Production's tasks backend: a plain publish would leave the index to db_worker.
        self.run_import(self.write("items.jsonl", [record("w-1", title="Repaircafe")]))

        response = self.client.get("/zoeken/", {"q": "Repaircafe"})
        self.assertTrue(links_to(response, self.item("w-1").url, within="main"))
        self.assertTrue(ReferenceIndex.get_references_for_object(self.item("w-1")).exists())

    def test_the_reference_index_knows_the_imported_relations(self):
        self.run_import(self.write("items.jsonl", [record("r-1")]))

        page = self.item("r-1")
        referenced = ReferenceIndex.get_references_for_object(page)
        targets = {(ref.to_content_type.model, ref.to_object_id) for ref in referenced}
        self.assertIn(("organisation", str(page.organisation_id)), targets)
        self.assertIn(("municipality", str(page.municipality_id)), targets)


class ReviewTests(ImportTestCase):
    """Imported items go past an editor first, unless the run (or the setting) says publish."""

    def run_plain(self, path, *args, fails=False):
        return self.run_import(path, *args, fails=fails, defaults=False)

    def setUp(self):
        super().setUp()
        self.movisie = Organisation.objects.create(
            name="Movisie", slug="movisie", locale=self.tree.home.locale
        )

    @override_settings(KNOWLEDGE_IMPORT_PUBLISH=False)
    def test_by_default_items_are_submitted_to_the_kennisbank_workflow(self):
        # The site's own workflow (home/0004, on the root) covers the Kennisbank.
        out, _err = self.run_plain(self.write("items.jsonl", [record("rv-1")]))

        page = self.item("rv-1")
        self.assertFalse(page.live)
        state = page.current_workflow_state
        self.assertIsNotNone(state)
        self.assertEqual(state.status, "in_progress")
        self.assertIn("ter beoordeling aangeboden (workflow Controle door de redactie)", out)

    @override_settings(KNOWLEDGE_IMPORT_PUBLISH=False)
    def test_without_a_workflow_items_wait_as_drafts(self):
        WorkflowPage.objects.all().delete()

        out, _err = self.run_plain(self.write("items.jsonl", [record("rv-2")]))

        page = self.item("rv-2")
        self.assertFalse(page.live)
        self.assertIsNotNone(page.latest_revision)
        self.assertIsNone(page.current_workflow_state)
        self.assertIn("als concept opgeslagen", out)

    @override_settings(KNOWLEDGE_IMPORT_PUBLISH=True)
    def test_the_setting_publishes_and_draft_still_asks_for_review(self):
        self.run_plain(self.write("items.jsonl", [record("rv-3")]))
        self.run_plain(self.write("items.jsonl", [record("rv-4")]), "--draft")

        self.assertTrue(self.item("rv-3").live)
        self.assertFalse(self.item("rv-4").live)

    @override_settings(KNOWLEDGE_IMPORT_PUBLISH=False)
    def test_publish_puts_items_live(self):
        out, _err = self.run_plain(self.write("items.jsonl", [record("rv-5")]), "--publish")

        self.assertTrue(self.item("rv-5").live)
        self.assertIn("gepubliceerd", out)

    def test_draft_and_publish_together_are_refused(self):
        with self.assertRaisesMessage(CommandError, "Kies --draft of --publish, niet allebei."):
            self.run_plain(self.write("items.jsonl", [record("rv-6")]), "--draft", "--publish")
        self.assertFalse(KnowledgeItemPage.objects.exists())


class OrganisationTests(ImportTestCase):
    def setUp(self):
        super().setUp()
        self.movisie = Organisation.objects.create(
            name="Movisie", slug="movisie", locale=self.tree.home.locale
        )

    def test_an_unknown_organisation_is_refused_with_its_line_and_the_closest_name(self):
        path = self.write("items.jsonl", [record("or-1"), record("or-2", organisation="Movsie")])

        _out, err = self.run_import(path, fails=True, defaults=False)

        self.assertIn(
            "regel 2: onbekende organisatie 'Movsie' (bedoelt u 'Movisie'?); voeg de organisatie eerst "
            "toe onder Fragmenten, of start de import met --create-organisations",
            err,
        )
        self.assertEqual(list(Organisation.objects.values_list("name", flat=True)), ["Movisie"])
        self.assertEqual(self.item("or-1").organisation, self.movisie)
        self.assertFalse(KnowledgeItemPage.objects.filter(external_id="or-2").exists())

    def test_a_name_in_another_case_is_the_known_organisation(self):
        self.run_import(self.write("items.jsonl", [record("or-3", organisation="MOVISIE ")]), defaults=False)

        self.assertEqual(self.item("or-3").organisation, self.movisie)

    def test_a_name_like_nothing_known_gets_no_suggestion(self):
        path = self.write("items.jsonl", [record("or-4", organisation="Kennisplein Gehandicaptensector")])

        _out, err = self.run_import(path, fails=True, defaults=False)

        self.assertIn("regel 1: onbekende organisatie 'Kennisplein Gehandicaptensector';", err)
        self.assertNotIn("bedoelt u", err)

    def test_create_organisations_makes_the_new_one(self):
        path = self.write("items.jsonl", [record("or-5", organisation="Platform31")])

        self.run_import(path, "--create-organisations", defaults=False)

        self.assertEqual(self.item("or-5").organisation.name, "Platform31")
