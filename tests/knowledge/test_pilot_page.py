"""A pilot page says where the pilot is in words a reader knows, never in coordinates.

The coordinates stay in the admin for a map later; until then the page names the neighbourhood or
village and the municipality.
"""

from decimal import Decimal

from django.test import TestCase

from tests.factories.knowledge import PilotPageFactory, build_site, municipality
from tests.factories.translation import translate
from tests.utils import facts, main_text


class PilotPlaceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site()
        cls.pilot = PilotPageFactory(
            parent=tree.pilot_index,
            title="Samen aan tafel in Hatert",
            municipality=municipality("Nijmegen"),
            place="Hatert",
            latitude=Decimal("51.81900"),
            longitude=Decimal("5.83400"),
        )
        translate(tree.home)
        translate(tree.pilot_index)
        cls.english_pilot = translate(cls.pilot, {"Samen aan tafel in Hatert": "Around the table in Hatert"})

    def assertPlaceInWords(self, page, municipality_label, place_label, coordinate_words):
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)

        shown = facts(response)
        self.assertEqual(shown[municipality_label], "Nijmegen")
        self.assertEqual(shown[place_label], "Hatert")
        text = main_text(response)
        for coordinate in ("51,81900", "51.81900", "5,83400", "5.83400", *coordinate_words):
            self.assertNotIn(coordinate, text)

    def test_the_dutch_page_names_the_neighbourhood_and_the_municipality(self):
        self.assertPlaceInWords(self.pilot, "Gemeente", "Wijk of dorp", ("breedtegraad", "lengtegraad"))

    def test_the_english_page_too(self):
        self.assertPlaceInWords(
            self.english_pilot, "Municipality", "Neighbourhood or village", ("latitude", "longitude")
        )
