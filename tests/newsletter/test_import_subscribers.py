"""``manage.py import_subscribers``: bad rows are reported by line, nothing else is lost, and an
import never duplicates a subscriber or brings back one who left, bounced or was erased.

Confirmation mails go through a real SMTP server (``SmtpSink``).
"""

import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.utils import timezone

from newsletter.models import Subscriber, SuppressedAddress, address_hash
from tests.factories.knowledge import build_site
from tests.factories.newsletter import SubscriberFactory
from tests.mail_support import SmtpTestCase, path_of_link

HEADER = "email,language,name,organisation,themes\n"


class ImportTestCase(SmtpTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site()

    def setUp(self):
        super().setUp()
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        self.directory = Path(directory.name)

    def csv(self, text, name="leden-2026.csv"):
        path = self.directory / name
        path.write_text(text, encoding="utf-8")
        return path

    def run_import(self, path, *args):
        out, err = StringIO(), StringIO()
        # Mails go out after each row's commit; a TestCase never commits, so run those callbacks.
        with self.captureOnCommitCallbacks(execute=True):
            call_command("import_subscribers", str(path), *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()


class InvalidRowTests(ImportTestCase):
    def test_bad_rows_are_reported_by_line_and_the_good_ones_imported(self):
        path = self.csv(
            HEADER
            + "goed@ede.example,nl,Anna,Gemeente Ede,eenzaamheid\n"  # line 2
            + "geen-adres,nl,,,\n"  # line 3
            + "taal@ede.example,fr,,,\n"  # line 4
            + "thema@ede.example,en,,,bestaat-niet\n"  # line 5
            + "ook-goed@tiel.example,EN,,,eenzaamheid; armoede-en-schulden\n"  # line 6
            + "te-veel@ede.example,nl,,,,eenzaamheid\n"  # line 7: a value in no column
        )

        out, err = self.run_import(path)

        self.assertIn("line 3: not a valid e-mail address: 'geen-adres'", err)
        self.assertIn("line 4: unknown language 'fr'", err)
        self.assertIn("line 5: unknown theme bestaat-niet", err)
        self.assertIn("line 7: more values than columns: eenzaamheid", err)
        self.assertNotIn("line 2", err)
        self.assertIn("2 created", out)
        self.assertIn("4 invalid", out)
        self.assertEqual(
            set(Subscriber.objects.values_list("email", flat=True)),
            {"goed@ede.example", "ook-goed@tiel.example"},
        )
        both = Subscriber.objects.get(email="ook-goed@tiel.example")
        self.assertEqual(both.language, "en")
        self.assertEqual(
            set(both.themes.values_list("slug", flat=True)), {"eenzaamheid", "armoede-en-schulden"}
        )

    def test_a_file_without_the_required_columns_is_refused(self):
        with self.assertRaisesMessage(CommandError, "missing: language"):
            self.run_import(self.csv("email,naam\na@ede.example,A\n"))

    def test_a_missing_file_is_refused_with_a_message(self):
        with self.assertRaisesMessage(CommandError, "Cannot read"):
            self.run_import(self.directory / "bestaat-niet.csv")


class DoubleOptInImportTests(ImportTestCase):
    def test_without_confirmed_rows_are_pending_and_get_the_confirmation_mail(self):
        path = self.csv(HEADER + "nieuw@ede.example,nl,Nieuw,,eenzaamheid\nnew@tiel.example,en,,,\n")

        self.run_import(path)

        subscriber = Subscriber.objects.get(email="nieuw@ede.example")
        self.assertEqual(subscriber.status, Subscriber.Status.PENDING)
        self.assertEqual((subscriber.consent_source, subscriber.consent_form), ("import", "leden-2026.csv"))
        [message] = self.sink.messages_to("nieuw@ede.example")
        link = path_of_link(message, "/kwartaalupdate/bevestigen/")
        [english] = self.sink.messages_to("new@tiel.example")
        path_of_link(english, "/en/kwartaalupdate/confirm/")

        self.client.post(link)

        subscriber.refresh_from_db()
        self.assertEqual(subscriber.status, Subscriber.Status.CONFIRMED)

    def test_running_again_creates_no_duplicates_and_sends_no_second_mail(self):
        path = self.csv(HEADER + "nieuw@ede.example,nl,,,\nNIEUW@ede.example,nl,,,\n")

        self.run_import(path)
        out, _err = self.run_import(path)

        self.assertEqual(Subscriber.objects.count(), 1)
        self.assertEqual(len(self.sink.messages_to("nieuw@ede.example")), 1)
        self.assertIn("0 created", out)

    def test_an_address_the_mail_server_refuses_stops_nothing_and_counts_as_a_bounce(self):
        # The mail goes out after the row is saved: a refusal neither undoes the row nor stops the
        # rows after it, and running the import again mails nobody a second time.
        self.sink.refuse_permanently.add("eerst@ede.example")
        path = self.csv(HEADER + "eerst@ede.example,nl,,,\nlater@ede.example,nl,,,\n")

        out, err = self.run_import(path)

        self.assertIn("2 created", out)
        self.assertEqual(err, "")
        refused = Subscriber.objects.get(email="eerst@ede.example")
        self.assertEqual((refused.status, refused.bounce_count), (Subscriber.Status.PENDING, 1))
        self.assertEqual(self.sink.messages_to("eerst@ede.example"), [])
        self.assertEqual(len(self.sink.messages_to("later@ede.example")), 1)

        self.sink.refuse_permanently.clear()
        self.run_import(path)

        self.assertEqual(Subscriber.objects.count(), 2)
        self.assertEqual(len(self.sink.messages), 1)


class MunicipalityImportTests(ImportTestCase):
    def test_a_municipality_is_found_by_name_or_cbs_code_and_an_unknown_one_reported(self):
        path = self.csv(
            "email,language,municipality,organisation\n"
            "a@ede.example,nl,Ede,\n"  # line 2
            "b@tiel.example,nl,GM0281,\n"  # line 3: Tiel's CBS code
            "c@zutphen.example,nl,0301,Team Zorg\n"  # line 4: Zutphen, without GM
            "d@elders.example,nl,Amsterdam,\n"  # line 5: not in Gelderland
        )

        _out, err = self.run_import(path, "--confirmed")

        found = dict(Subscriber.objects.values_list("email", "municipality__name"))
        self.assertEqual(
            found, {"a@ede.example": "Ede", "b@tiel.example": "Tiel", "c@zutphen.example": "Zutphen"}
        )
        self.assertEqual(Subscriber.objects.get(email="c@zutphen.example").organisation, "Team Zorg")
        self.assertIn("line 5: unknown municipality 'Amsterdam'", err)

    def test_an_organisation_that_is_a_municipality_sets_it(self):
        path = self.csv(HEADER + "a@ede.example,nl,,Gemeente Ede,\nb@x.example,nl,,Movisie,\n")

        self.run_import(path, "--confirmed")

        ede = Subscriber.objects.get(email="a@ede.example")
        self.assertEqual((ede.municipality.name, ede.organisation), ("Ede", ""))
        movisie = Subscriber.objects.get(email="b@x.example")
        self.assertEqual((movisie.municipality, movisie.organisation), (None, "Movisie"))


class ConfirmedImportTests(ImportTestCase):
    def test_with_confirmed_rows_are_confirmed_with_the_file_as_consent_and_get_no_mail(self):
        path = self.csv(HEADER + "bevestigd@ede.example,nl,Bo,Ede,eenzaamheid,\n", name="akkoord.csv")

        out, _err = self.run_import(path, "--confirmed")

        subscriber = Subscriber.objects.get()
        self.assertEqual(subscriber.status, Subscriber.Status.CONFIRMED)
        self.assertIsNotNone(subscriber.confirmed_at)
        self.assertEqual(subscriber.consent_source, Subscriber.Source.IMPORT)
        self.assertEqual(subscriber.consent_form, "akkoord.csv")
        self.assertEqual((subscriber.name, subscriber.municipality.name), ("Bo", "Ede"))
        self.assertEqual(self.sink.messages, [])
        self.assertIn("line 2: bevestigd@ede.example created", out)

    def test_ended_and_erased_addresses_are_never_made_active_again(self):
        SubscriberFactory(
            email="weg@ede.example", status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now()
        )
        SubscriberFactory(email="stuk@ede.example", status=Subscriber.Status.BOUNCED)
        SuppressedAddress.objects.create(address_hash=address_hash("gewist@ede.example"))
        confirmed = SubscriberFactory(email="blijft@ede.example", name="Eigen naam")
        path = self.csv(
            HEADER + "weg@ede.example,nl,,,\nstuk@ede.example,nl,,,\n"
            "Gewist@ede.example,nl,,,\nblijft@ede.example,en,Andere naam,,\n"
        )

        for flags in ((), ("--confirmed",)):
            out, _err = self.run_import(path, *flags)
            self.assertIn("3 skipped", out)

        self.assertEqual(
            Subscriber.objects.get(email="weg@ede.example").status, Subscriber.Status.UNSUBSCRIBED
        )
        self.assertEqual(Subscriber.objects.get(email="stuk@ede.example").status, Subscriber.Status.BOUNCED)
        self.assertFalse(Subscriber.objects.filter(email="gewist@ede.example").exists())
        confirmed.refresh_from_db()
        self.assertEqual((confirmed.name, confirmed.language), ("Eigen naam", "nl"))
        self.assertEqual(self.sink.messages, [])

    def test_a_pending_subscriber_in_a_confirmed_file_is_confirmed_once(self):
        SubscriberFactory(email="wacht@ede.example", status=Subscriber.Status.PENDING, confirmed_at=None)
        path = self.csv(HEADER + "wacht@ede.example,nl,,,\n")

        self.run_import(path, "--confirmed")
        self.run_import(path, "--confirmed")

        subscriber = Subscriber.objects.get()
        self.assertEqual(subscriber.status, Subscriber.Status.CONFIRMED)
        self.assertEqual(subscriber.consent_source, Subscriber.Source.IMPORT)
