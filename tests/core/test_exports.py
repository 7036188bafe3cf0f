"""Exports of what visitors typed can't run as formulas in a spreadsheet program ("CSV injection").

A visitor types ``=cmd|' /C calc'!A0`` into a public form; an editor exports the list and opens it
in Excel. Every admin export that holds visitors' text writes such a cell as text.
"""

import csv
import io

from django.contrib.auth import get_user_model
from django.test import TestCase

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

    def exported_cells(self, url):
        self.client.force_login(self.admin)
        response = self.client.get(url, {"export": "csv"})
        self.assertEqual(response.status_code, 200)
        body = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(body, newline="")))
        self.assertEqual(len(rows), len(PAYLOADS) + 1, url)
        return [cell for row in rows[1:] for cell in row]

    def test_no_exported_cell_starts_like_a_formula(self):
        exports = ("/admin/aanmeldingen/", "/admin/belangstelling-pilots/", "/admin/kwartaalupdate/abonnees/")
        for url in exports:
            with self.subTest(url=url):
                cells = self.exported_cells(url)
                dangerous = [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
                self.assertEqual(dangerous, [])
                for payload in PAYLOADS:
                    self.assertIn("'" + payload, cells)
