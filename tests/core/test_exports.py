"""Admin exports: safe to open, and in the editor's own time zone and Dutch formats.

A visitor types ``=cmd|' /C calc'!A0`` into a public form; an editor exports the list and opens it
in Excel. Every admin export that holds visitors' text writes such a cell as text.

An editor in the Netherlands downloads the registrations or the pilot interest and opens the file
in Dutch Excel: the XLSX has real date cells in Amsterdam time shown as ``02-07-2026 00:30``; the
CSV has ``;`` between the columns (Dutch Excel splits on it), a byte-order mark (so "ë" stays
"ë") and the same dates as text, never UTC or ISO. The files are read back here as a spreadsheet
program would: openpyxl for the XLSX, ``csv.reader(delimiter=";")`` for the CSV.
"""

import csv
import datetime
import io

import openpyxl
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase
from wagtail.users.models import UserProfile

from core.exports import neutralise
from knowledge.models import Municipality
from registrations.models import Registration
from tests.factories.knowledge import MeetingPageFactory, build_site
from tests.factories.newsletter import SubscriberFactory
from tests.factories.pilot_interest import PilotInterestFactory

PAYLOADS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]


def test_each_formula_start_becomes_text_and_ordinary_text_stays():
    for payload in PAYLOADS:
        assert neutralise(payload) == "'" + payload
    for ordinary in ("Anna Jansen", "0318 68 01 11", "a=b", "", None, 5):
        assert neutralise(ordinary) == ordinary


class AdminExportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site(theme_slugs=())
        meeting = MeetingPageFactory(parent=tree.meeting_index, title="Intervisie Ede")
        ede = Municipality.objects.get(name="Ede")
        for number, payload in enumerate(PAYLOADS):
            Registration.objects.create(
                meeting=meeting,
                name=payload,
                email=f"aanmelder{number}@ede.example",
                municipality=ede,
                role="policy",
                status=Registration.Status.CONFIRMED,
                case=payload,
            )
            PilotInterestFactory(municipality=ede, contact_name=payload, challenge=payload)
            SubscriberFactory(name=payload, organisation=payload)
        cls.admin = get_user_model().objects.create_superuser("beheerder", "beheer@example.org", "x")

    def exported_cells(self, url, delimiter):
        self.client.force_login(self.admin)
        response = self.client.get(url, {"export": "csv"})
        self.assertEqual(response.status_code, 200)
        body = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(body, newline=""), delimiter=delimiter))
        self.assertEqual(len(rows), len(PAYLOADS) + 1, url)
        return [cell for row in rows[1:] for cell in row]

    def test_no_exported_cell_starts_like_a_formula(self):
        exports = (
            ("/admin/aanmeldingen/", ";"),
            ("/admin/belangstelling-pilots/", ";"),
            ("/admin/kwartaalupdate/abonnees/", ";"),
        )
        for url, delimiter in exports:
            with self.subTest(url=url):
                cells = self.exported_cells(url, delimiter)
                dangerous = [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
                self.assertEqual(dangerous, [])
                for payload in PAYLOADS:
                    self.assertIn("'" + payload, cells)


# Dutch formats ------------------------------------------------------------------------------------

# 22:30 UTC on 1 July is half past midnight on 2 July in Amsterdam (summer time, UTC+2).
RECEIVED = datetime.datetime(2026, 7, 1, 22, 30, tzinfo=datetime.UTC)
CANCELLED = datetime.datetime(2026, 12, 6, 9, 5, tzinfo=datetime.UTC)  # 10:05 in winter


def csv_rows(response):
    """The rows of a CSV download as Dutch Excel reads it; fails unless it starts with a BOM."""
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf"), body[:20]
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""), delimiter=";"))


def xlsx_rows(response):
    """``(worksheet, rows of cells)`` of an XLSX download, opened with openpyxl."""
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.worksheets[0]
    return sheet, [list(row) for row in sheet.iter_rows()]


def column(rows, heading):
    """The values under ``heading`` (a list of cells or strings per row), below the heading row."""
    headings = [getattr(cell, "value", cell) for cell in rows[0]]
    index = headings.index(heading)
    return [row[index] for row in rows[1:]]


class DutchExportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site(theme_slugs=())
        cls.meeting = MeetingPageFactory(parent=tree.meeting_index, title="Intervisie Arnhem")
        cls.registration = Registration.objects.create(
            meeting=cls.meeting,
            name="Zoë Brouwer",
            email="zoe@arnhem.example",
            municipality=Municipality.objects.get(name="Arnhem"),
            role="policy",
            status=Registration.Status.CANCELLED,
            created_at=RECEIVED,
            cancelled_at=CANCELLED,
            attended=True,
            case="Eenzaamheid; ook onder jongeren, zegt de wijkcoach",
        )
        cls.interest = PilotInterestFactory(
            municipality=Municipality.objects.get(name="Ede"),
            contact_name="Zoë Brouwer",
            challenge="Het buurthuis sluit; wat nu, vraagt de dorpsraad",
            created_at=RECEIVED,
        )
        cls.editor = get_user_model().objects.create_user("redacteur", "r@example.org", "x")
        cls.editor.groups.add(Group.objects.get(name="Redacteuren"))
        profile = UserProfile.get_for_user(cls.editor)
        profile.preferred_language = "nl"
        profile.save()

    def download(self, url, export):
        self.client.force_login(self.editor)
        response = self.client.get(url, {"export": export})
        self.assertEqual(response.status_code, 200)
        return response

    def test_registrations_csv_is_dutch(self):
        response = self.download("/admin/aanmeldingen/", "csv")

        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        rows = csv_rows(response)
        self.assertEqual(len(rows), 2)
        self.assertEqual(column(rows, "Naam"), ["Zoë Brouwer"])
        # The ; inside a value stays in its own column (quoted), the value whole.
        self.assertEqual(column(rows, "Casus voor de intervisie"), [self.registration.case])
        self.assertEqual(column(rows, "Aangemeld op"), ["02-07-2026 00:30"])
        self.assertEqual(column(rows, "Aanwezig"), ["ja"])
        cancelled = [heading for heading in rows[0] if heading.startswith("Afgemeld")]
        self.assertEqual(column(rows, cancelled[0]), ["06-12-2026 10:05"])

    def test_pilot_interest_csv_is_dutch(self):
        rows = csv_rows(self.download("/admin/belangstelling-pilots/", "csv"))

        self.assertEqual(column(rows, "Ontvangen op"), ["02-07-2026 00:30"])
        self.assertEqual(column(rows, "Uitdaging"), [self.interest.challenge])
        self.assertEqual(column(rows, "Contactpersoon"), ["Zoë Brouwer"])

    def test_registrations_xlsx_has_date_cells_in_amsterdam_time(self):
        sheet, rows = xlsx_rows(self.download("/admin/aanmeldingen/", "xlsx"))

        self.assertEqual(sheet.title, "Aanmeldingen")
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertTrue(all(cell.font.b for cell in rows[0]))
        [created] = column(rows, "Aangemeld op")
        self.assertEqual(created.value, datetime.datetime(2026, 7, 2, 0, 30))
        self.assertEqual(created.number_format, "dd-mm-yyyy hh:mm")
        self.assertEqual([cell.value for cell in column(rows, "Aanwezig")], ["ja"])
        self.assertEqual([cell.value for cell in column(rows, "Naam")], ["Zoë Brouwer"])

    def test_pilot_interest_xlsx_has_date_cells_in_amsterdam_time(self):
        sheet, rows = xlsx_rows(self.download("/admin/belangstelling-pilots/", "xlsx"))

        self.assertEqual(sheet.title, "Belangstelling voor pilots")
        [received] = column(rows, "Ontvangen op")
        self.assertEqual(received.value, datetime.datetime(2026, 7, 2, 0, 30))
        self.assertEqual(received.number_format, "dd-mm-yyyy hh:mm")

    def test_an_editor_in_another_time_zone_gets_their_own_times(self):
        profile = UserProfile.get_for_user(self.editor)
        profile.current_time_zone = "Europe/London"
        profile.save()

        rows = csv_rows(self.download("/admin/belangstelling-pilots/", "csv"))
        _sheet, xlsx = xlsx_rows(self.download("/admin/belangstelling-pilots/", "xlsx"))

        self.assertEqual(column(rows, "Ontvangen op"), ["01-07-2026 23:30"])
        self.assertEqual(column(xlsx, "Ontvangen op")[0].value, datetime.datetime(2026, 7, 1, 23, 30))

    def test_xlsx_is_the_button_in_sight_and_csv_says_its_separator(self):
        self.client.force_login(self.editor)

        page = self.client.get("/admin/belangstelling-pilots/").content.decode()

        self.assertIn("Downloaden voor Excel", page)
        self.assertIn("Downloaden als CSV (met ;)", page)
        self.assertIn("?export=xlsx", page)
        self.assertLess(page.index("Downloaden voor Excel"), page.index("Downloaden als CSV"))
