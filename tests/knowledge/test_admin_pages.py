"""An editor creates every kind of programme page in the Wagtail admin; readers see what was typed.

The admin form is posted the way the browser posts it (``nested_form_data``), then the published
page is fetched at its own URL. What the reader should see is read from ``<main>``, and a fact from
the facts list next to its label: the footer, the title and the kicker repeat some of the same
words, and would otherwise hide a field the template forgot to show.
"""

from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from knowledge.models import (
    KnowledgeIndexPage,
    KnowledgeItemPage,
    MeetingIndexPage,
    MeetingPage,
    NewsIndexPage,
    NewsPage,
    PilotIndexPage,
    PilotPage,
    SubsidyIndexPage,
    SubsidyPage,
    ThemeIndexPage,
    ThemePage,
)
from tests.factories.home import dutch_home
from tests.factories.knowledge import (
    KnowledgeItemPageFactory,
    OrganisationFactory,
    build_site,
    municipality,
)
from tests.utils import facts, main_text


class FactsAssertions:
    def assertFacts(self, response, expected):
        """Only the labels a test names are compared, so a fact the template gains later breaks
        nothing, and every wrong or missing fact shows in one failure message."""
        shown = facts(response)
        self.assertEqual({label: shown.get(label) for label in expected}, expected)


class OverviewPagesAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.login()

    def test_editor_creates_each_overview_page(self):
        overviews = [
            (ThemeIndexPage, "Thema's", "Zes onderwerpen waar het programma aan werkt."),
            (KnowledgeIndexPage, "Kennisbank", "Methoden en voorbeelden die gemeenten kunnen gebruiken."),
            (PilotIndexPage, "Pilots", "Proeven in Gelderse wijken en dorpen."),
            (MeetingIndexPage, "Leernetwerk", "Bijeenkomsten voor ambtenaren van gemeenten."),
            (NewsIndexPage, "Nieuws", "Wat er gebeurt in het programma."),
            (SubsidyIndexPage, "Subsidies", "Regelingen waar u geld voor kunt aanvragen."),
        ]
        home = dutch_home()
        for model, title, introduction in overviews:
            with self.subTest(model=model.__name__):
                data = {"title": title, "introduction": introduction}
                if model is KnowledgeIndexPage:
                    data["body"] = streamfield([])
                self.assertCanCreate(home, model, nested_form_data(data))
                page = model.objects.get()

                response = self.client.get(page.url)

                self.assertEqual(response.status_code, 200)
                text = main_text(response)
                self.assertIn(title, text)
                self.assertIn(introduction, text)


class ProgrammePagesAdminTests(FactsAssertions, WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site()
        cls.movisie = OrganisationFactory(name="Movisie", slug="movisie")
        cls.method = KnowledgeItemPageFactory(
            parent=cls.tree.knowledge_index, title="Buurtcirkels", slug="buurtcirkels"
        )

    def setUp(self):
        self.login()

    def test_editor_creates_a_theme_with_its_questions(self):
        self.assertCanCreate(
            self.tree.theme_index,
            ThemePage,
            nested_form_data(
                {
                    "title": "Gebiedsgericht werken",
                    "introduction": "Werken vanuit wat een wijk nodig heeft.",
                    "questions": streamfield(
                        [
                            (
                                "question",
                                {
                                    "question": "Hoe betrek je bewoners bij plannen voor hun wijk?",
                                    "explanation": "Niet iedereen komt naar een avond in het wijkcentrum.",
                                },
                            )
                        ]
                    ),
                    "body": streamfield([("paragraph", rich_text("<p>Begin bij de bewoners.</p>"))]),
                }
            ),
        )
        page = ThemePage.objects.get(slug="gebiedsgericht-werken")

        text = main_text(self.client.get(page.url))

        self.assertIn("Werken vanuit wat een wijk nodig heeft.", text)
        self.assertIn("Hoe betrek je bewoners bij plannen voor hun wijk?", text)
        self.assertIn("Niet iedereen komt naar een avond in het wijkcentrum.", text)
        self.assertIn("Begin bij de bewoners.", text)

    def test_editor_creates_a_knowledge_item_and_readers_can_judge_it(self):
        data = nested_form_data(
            {
                "title": "Welzijn op recept",
                "introduction": "De huisarts verwijst door naar een welzijnswerker.",
                "kind": "method",
                "goal": "Mensen met klachten door eenzaamheid vinden passende activiteiten.",
                "target_group": "Volwassenen die vaak bij de huisarts komen",
                "approach": rich_text("<p>De welzijnswerker voert drie gesprekken.</p>"),
                "working_elements": rich_text("<p>Persoonlijke aandacht werkt.</p>"),
                "conditions_and_costs": rich_text("<p>Kost ongeveer 400 euro per deelnemer.</p>"),
                "evidence_level": "effective",
                "evidence_assessed_by": "Erkenningscommissie Movisie",
                "evidence_assessed_on": "2023-05-01",
                "from_science": "on",
                "from_practice": "on",
                "organisation": self.movisie.pk,
                "year": "2022",
                "external_url": "https://www.movisie.nl/welzijn-op-recept",
                "municipality": municipality("Ede").pk,
                "body": streamfield([]),
                "documents": streamfield([]),
            }
        )
        data["themes"] = [self.tree.themes["eenzaamheid"].pk]
        self.assertCanCreate(self.tree.knowledge_index, KnowledgeItemPage, data)
        page = KnowledgeItemPage.objects.get(slug="welzijn-op-recept")

        response = self.client.get(page.url)

        self.assertFacts(
            response,
            {
                "Soort": "Methode",
                "Bewijskracht": "Effectief",
                "Bron": "Movisie",
                "Jaar": "2022",
                "Kennis uit": "wetenschap, praktijk",
                "Gemeente": "Ede",
                "Thema's": "Eenzaamheid",
            },
        )
        text = main_text(response)
        for expected in (
            "Welzijn op recept",
            "Mensen met klachten door eenzaamheid vinden passende activiteiten.",
            "Volwassenen die vaak bij de huisarts komen",
            "De welzijnswerker voert drie gesprekken.",
            "Persoonlijke aandacht werkt.",
            "Kost ongeveer 400 euro per deelnemer.",
            "Onderzoek laat zien dat deze aanpak werkt.",
            "Beoordeeld door Erkenningscommissie Movisie op 1 mei 2023.",
        ):
            self.assertIn(expected, text)
        self.assertContains(response, 'href="https://www.movisie.nl/welzijn-op-recept"')

    def test_editor_creates_a_pilot_with_its_lessons(self):
        data = nested_form_data(
            {
                "title": "Samen in Malburgen",
                "introduction": "Buren helpen buren in Malburgen.",
                "municipality": municipality("Arnhem").pk,
                "place": "Malburgen",
                "start_date": "2023-02-01",
                "end_date": "2024-12-31",
                "status": "completed",
                "organisation": self.movisie.pk,
                "aim": "Meer bewoners kennen hun buren bij naam.",
                "approach": rich_text("<p>Elke maand een straatdiner.</p>"),
                "partners": "Rijnstad\nWoonbedrijf Portaal",
                "lessons": streamfield(
                    [
                        (
                            "lesson",
                            {
                                "lesson": "Begin klein, in één straat",
                                "explanation": "Een hele wijk tegelijk was te veel.",
                                "advice": "Kies een straat waar al iemand trekker wil zijn.",
                            },
                        )
                    ]
                ),
                "evaluation": rich_text("<p>Bewoners geven de buurt een hoger cijfer.</p>"),
                "documents": streamfield([]),
                "contact_name": "Fatima de Vries",
                "contact_email": "f.devries@example.org",
                "latitude": "51.96800",
                "longitude": "5.91900",
            }
        )
        data["themes"] = [self.tree.themes["sociale-infrastructuur"].pk]
        data["methods_used"] = [self.method.pk]
        self.assertCanCreate(self.tree.pilot_index, PilotPage, data)
        page = PilotPage.objects.get(slug="samen-in-malburgen")

        response = self.client.get(page.url)

        # Arnhem is also in the footer's address and Malburgen in the title: read them as facts.
        self.assertFacts(
            response,
            {
                "Gemeente": "Arnhem",
                "Wijk of dorp": "Malburgen",
                "Periode": "februari 2023 tot december 2024",
                "Status": "Afgerond",
                "Kennisorganisatie die helpt": "Movisie",
                "Thema's": "Sociale infrastructuur",
            },
        )
        text = main_text(response)
        for expected in (
            "Meer bewoners kennen hun buren bij naam.",
            "Elke maand een straatdiner.",
            "Rijnstad",
            "Woonbedrijf Portaal",
            "Begin klein, in één straat",
            "Een hele wijk tegelijk was te veel.",
            "Kies een straat waar al iemand trekker wil zijn.",
            "Bewoners geven de buurt een hoger cijfer.",
            "Fatima de Vries",
            "f.devries@example.org",
            "Buurtcirkels",
        ):
            self.assertIn(expected, text)

    def meeting_form(self, **overrides):
        data = {
            "title": "Intervisie eenzaamheid",
            "introduction": "We bespreken casussen uit uw gemeente.",
            "format": "hybrid",
            "start": "2030-05-01 10:00",
            "end": "2030-05-01 12:30",
            "location_name": "Huis der Provincie",
            "address": "Markt 11, Arnhem",
            "online_link": "https://meet.example.org/geheime-kamer-4821",
            "capacity": "25",
            "has_waitlist": "on",
            "audience": "Beleidsmedewerkers sociaal domein",
            "programme": streamfield(
                [("item", {"time": "10:00", "title": "Welkom en kennismaking", "description": ""})]
            ),
            "report": rich_text(""),
        }
        data.update(overrides)
        form = nested_form_data(data)
        form["themes"] = [self.tree.themes["eenzaamheid"].pk]
        return form

    def test_editor_creates_a_meeting_and_the_online_link_stays_private(self):
        self.assertCanCreate(self.tree.meeting_index, MeetingPage, self.meeting_form())
        page = MeetingPage.objects.get(slug="intervisie-eenzaamheid")
        self.client.logout()

        response = self.client.get(page.url)

        self.assertFacts(
            response,
            {
                "Datum": "woensdag 1 mei 2030",
                "Tijd": "10:00 tot 12:30 uur",
                "Vorm": "Op locatie en online",
                "Locatie": "Huis der Provincie Markt 11, Arnhem",
                "Plaatsen": "25 plaatsen",
                "Thema's": "Eenzaamheid",
            },
        )
        text = main_text(response)
        for expected in (
            "Intervisie eenzaamheid",
            "Beleidsmedewerkers sociaal domein",
            "Welkom en kennismaking",
        ):
            self.assertIn(expected, text)
        self.assertNotContains(response, "meet.example.org")
        self.assertNotContains(response, "geheime-kamer-4821")

    def post_invalid_meeting(self, field, message, **overrides):
        url = reverse("wagtailadmin_pages:add", args=["knowledge", "meetingpage", self.tree.meeting_index.pk])
        response = self.client.post(
            url, {**self.meeting_form(**overrides), "slug": "fout", "action-publish": "action-publish"}
        )

        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["form"].errors.get(field), [message])
        self.assertContains(response, message)
        self.assertFalse(MeetingPage.objects.filter(slug="fout").exists())

    def test_a_meeting_that_ends_before_it_starts_is_refused_in_dutch(self):
        self.post_invalid_meeting(
            "end", "Het einde moet na het begin liggen.", start="2030-05-01 14:00", end="2030-05-01 12:00"
        )

    def test_registration_that_closes_before_it_opens_is_refused_in_dutch(self):
        self.post_invalid_meeting(
            "registration_closes",
            "Aanmelden moet sluiten nadat het opengaat.",
            registration_opens="2030-04-01 09:00",
            registration_closes="2030-03-01 09:00",
        )

    def test_a_meeting_on_location_needs_a_location(self):
        self.post_invalid_meeting(
            "location_name",
            "Vul de locatie in voor een bijeenkomst op locatie.",
            format="in_person",
            location_name="",
        )

    def test_editor_creates_a_news_item(self):
        self.assertCanCreate(
            self.tree.news_index,
            NewsPage,
            nested_form_data(
                {
                    "title": "Nieuwe cijfers over welbevinden",
                    "introduction": "De Monitor Gelders Welbevinden is uit.",
                    "category": "monitor",
                    "date": "2024-06-12",
                    "organisation": self.movisie.pk,
                    "author": "Anouk Jansen",
                    "body": streamfield(
                        [("paragraph", rich_text("<p>Bijna een op de drie voelt zich soms eenzaam.</p>"))]
                    ),
                }
            ),
        )
        page = NewsPage.objects.get(slug="nieuwe-cijfers-over-welbevinden")

        response = self.client.get(page.url)

        # The category's name is also in the introduction and the kicker: read it from the byline.
        self.assertFacts(
            response,
            {
                "Datum": "12 juni 2024",
                "Categorie": "Monitor Gelders Welbevinden",
                "Door": "Anouk Jansen",
                "Organisatie": "Movisie",
            },
        )
        text = main_text(response)
        for expected in (
            "Nieuwe cijfers over welbevinden",
            "De Monitor Gelders Welbevinden is uit.",
            "Bijna een op de drie voelt zich soms eenzaam.",
        ):
            self.assertIn(expected, text)

    def test_editor_creates_a_subsidy_scheme(self):
        self.assertCanCreate(
            self.tree.subsidy_index,
            SubsidyPage,
            nested_form_data(
                {
                    "title": "Regeling dorpshuizen",
                    "introduction": "Geld voor een beter dorpshuis.",
                    "funder": "Oranje Fonds",
                    "target_group": "Besturen van dorpshuizen",
                    "amount": "tot € 25.000",
                    "deadline": "2030-09-30",
                    "status": "open",
                    "external_url": "https://www.gelderland.nl/subsidies/dorpshuizen",
                    "body": streamfield([("paragraph", rich_text("<p>Aanvragen gaat digitaal.</p>"))]),
                }
            ),
        )
        page = SubsidyPage.objects.get(slug="regeling-dorpshuizen")

        response = self.client.get(page.url)

        self.assertFacts(
            response,
            {
                "Wie geeft de subsidie": "Oranje Fonds",
                "Status": "Open",
                "Bedrag": "tot € 25.000",
                "Aanvragen kan tot": "30 september 2030",
            },
        )
        text = main_text(response)
        for expected in (
            "Regeling dorpshuizen",
            "Besturen van dorpshuizen",
            "Aanvragen gaat digitaal.",
        ):
            self.assertIn(expected, text)
        self.assertContains(response, 'href="https://www.gelderland.nl/subsidies/dorpshuizen"')
