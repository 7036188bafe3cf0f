"""Each body block shows what the editor filled in, in accessible markup."""

import wagtail_factories
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.test import TestCase
from wagtail.blocks import StructBlockValidationError
from wagtail.rich_text import RichText

from core.blocks import BodyStreamBlock
from tests.factories.core import (
    CallToActionBlockFactory,
    DocumentListBlockFactory,
    FAQBlockFactory,
    HeadingBlockFactory,
    ImageWithCaptionBlockFactory,
    KeyFiguresBlockFactory,
    QuoteBlockFactory,
    TableWithCaptionBlockFactory,
)
from tests.factories.home import StandardPageFactory, dutch_home

BLOCKS = BodyStreamBlock().child_blocks


def render(name, value):
    return BeautifulSoup(BLOCKS[name].render(value), "html.parser")


def text_of(html):
    return " ".join(html.get_text(" ").split())


class HeadingAndTextBlockTests(TestCase):
    def test_heading_uses_the_level_the_editor_chose(self):
        html = render("heading", HeadingBlockFactory(text="Wat kunt u zelf doen?", level="h3"))

        self.assertEqual(html.find("h3").get_text(strip=True), "Wat kunt u zelf doen?")
        self.assertIsNone(html.find("h2"))

    def test_paragraph_turns_page_links_into_urls(self):
        page = StandardPageFactory(parent=dutch_home(), title="Contact", slug="contact")
        value = RichText(f'<p>Vragen? <a linktype="page" id="{page.pk}">Neem contact op</a>.</p>')

        html = render("paragraph", value)

        link = html.find("a")
        self.assertEqual(link["href"], "/contact/")
        self.assertEqual(link.get_text(), "Neem contact op")

    def test_quote_shows_who_said_it(self):
        html = render(
            "quote",
            QuoteBlockFactory(quote="Hier ken ik iedereen.", attribution="Jan Jansen", role="Vrijwilliger"),
        )

        self.assertIn("Hier ken ik iedereen.", text_of(html.find("blockquote")))
        self.assertIn("Jan Jansen", text_of(html))
        self.assertIn("Vrijwilliger", text_of(html))


class ImageBlockTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.image = wagtail_factories.ImageFactory(title="dorpshuis.jpg")

    def test_image_has_the_alt_text_caption_and_credit(self):
        html = render(
            "image",
            ImageWithCaptionBlockFactory(
                image=self.image,
                alt_text="Bewoners drinken koffie in het dorpshuis.",
                caption="Het dorpshuis in Hoenderloo.",
                credit="Marieke Smit",
            ),
        )

        self.assertEqual(html.find("img")["alt"], "Bewoners drinken koffie in het dorpshuis.")
        caption = text_of(html.find("figcaption"))
        self.assertIn("Het dorpshuis in Hoenderloo.", caption)
        self.assertIn("Marieke Smit", caption)

    def test_the_credit_is_introduced_once_and_fits_a_drawing_as_well_as_a_photo(self):
        html = render("image", ImageWithCaptionBlockFactory(image=self.image, credit="Provincie Gelderland"))

        self.assertEqual(text_of(html.find(class_="image-block__credit")), "Beeld: Provincie Gelderland")

    def test_a_decorative_image_has_an_empty_alt_text(self):
        html = render("image", ImageWithCaptionBlockFactory(image=self.image, alt_text="", caption=""))

        img = html.find("img")
        self.assertTrue(img.has_attr("alt"))
        self.assertEqual(img["alt"], "")
        # Never the file name: a screen reader would read "dorpshuis punt jpg".
        self.assertNotIn("dorpshuis.jpg", str(html))


class CallToActionBlockTests(TestCase):
    def test_links_to_the_outside_address(self):
        html = render(
            "call_to_action",
            CallToActionBlockFactory(
                title="Vraag subsidie aan",
                text="Voor dorpshuizen en wijkcentra.",
                button_text="Naar de regeling",
                url="https://www.gelderland.nl/subsidies",
            ),
        )

        self.assertIn("Vraag subsidie aan", text_of(html))
        self.assertIn("Voor dorpshuizen en wijkcentra.", text_of(html))
        link = html.find("a")
        self.assertEqual(link["href"], "https://www.gelderland.nl/subsidies")
        self.assertEqual(link.get_text(strip=True), "Naar de regeling")

    def test_links_to_the_chosen_page(self):
        page = StandardPageFactory(parent=dutch_home(), title="Leernetwerk", slug="meedoen")

        html = render("call_to_action", CallToActionBlockFactory(page=page, url=""))

        self.assertEqual(html.find("a")["href"], "/meedoen/")

    def test_needs_a_page_or_an_address(self):
        block = BLOCKS["call_to_action"]
        value = block.to_python(
            {"title": "Doe mee", "text": "", "button_text": "Aanmelden", "page": None, "url": ""}
        )

        with self.assertRaises(StructBlockValidationError) as raised:
            block.clean(value)

        self.assertIn("url", raised.exception.block_errors)
        self.assertIn("Kies een pagina of vul een link in.", str(raised.exception.block_errors["url"]))

    def test_a_page_or_an_address_is_enough(self):
        block = BLOCKS["call_to_action"]
        page = StandardPageFactory(parent=dutch_home())
        for link in ({"page": page.pk, "url": ""}, {"page": None, "url": "https://www.gelderland.nl"}):
            with self.subTest(link=link):
                value = block.to_python({"title": "Doe mee", "text": "", "button_text": "Aanmelden", **link})
                block.clean(value)


class KeyFiguresBlockTests(TestCase):
    def test_each_figure_shows_its_value_label_and_source(self):
        html = render(
            "key_figures",
            KeyFiguresBlockFactory(
                title="Monitor Gelders Welbevinden 2022",
                figures__0__value="27%",
                figures__0__label="voelt zich soms eenzaam",
                figures__0__source="Monitor 2022",
                figures__1__value="7,4",
                figures__1__label="rapportcijfer voor de eigen buurt",
                figures__1__source="GGD Gelderland-Zuid",
            ),
        )

        text = text_of(html)
        for expected in (
            "Monitor Gelders Welbevinden 2022",
            "27%",
            "voelt zich soms eenzaam",
            "Monitor 2022",
            "7,4",
            "rapportcijfer voor de eigen buurt",
            "GGD Gelderland-Zuid",
        ):
            self.assertIn(expected, text)
        self.assertEqual(len(html.find_all("li")), 2)

    def test_needs_at_least_one_figure(self):
        block = BLOCKS["key_figures"]

        with self.assertRaises(ValidationError):
            block.clean(block.to_python({"title": "Leeg", "figures": []}))


class DocumentsBlockTests(TestCase):
    def test_lists_each_document_as_a_download_link(self):
        value = DocumentListBlockFactory(
            title="Om te downloaden",
            documents__0__document__title="Eindrapport pilot Malburgen",
            documents__1__document__title="Handreiking buurtcirkels",
        )

        html = render("documents", value)

        text = text_of(html)
        self.assertIn("Om te downloaden", text)
        links = html.find_all("a")
        self.assertEqual([link["href"] for link in links], [document.url for document in value["documents"]])
        self.assertIn("Eindrapport pilot Malburgen", text_of(links[0]))
        self.assertIn("Handreiking buurtcirkels", text_of(links[1]))


class TableBlockTests(TestCase):
    def test_table_has_a_caption_and_column_headers(self):
        html = render("table", TableWithCaptionBlockFactory(caption="Deelnemers per gemeente"))

        self.assertEqual(html.find("caption").get_text(strip=True), "Deelnemers per gemeente")
        headers = [th.get_text(strip=True) for th in html.find_all("th")]
        self.assertEqual(headers, ["Gemeente", "Deelnemers"])
        cells = [td.get_text(strip=True) for td in html.find_all("td")]
        self.assertEqual(cells, ["Ede", "34", "Tiel", "41"])


class FAQBlockTests(TestCase):
    def test_each_question_opens_to_its_answer(self):
        html = render(
            "faq",
            FAQBlockFactory(
                title="Veelgestelde vragen",
                items__0__question="Wie kan meedoen?",
                items__0__answer__value="<p>Ambtenaren van alle 51 gemeenten.</p>",
                items__1__question="Wat kost het?",
                items__1__answer__value="<p>Meedoen is gratis.</p>",
            ),
        )

        details = html.find_all("details")
        self.assertEqual(len(details), 2)
        self.assertEqual(details[0].find("summary").get_text(strip=True), "Wie kan meedoen?")
        self.assertIn("Ambtenaren van alle 51 gemeenten.", text_of(details[0]))
        self.assertEqual(details[1].find("summary").get_text(strip=True), "Wat kost het?")
        self.assertIn("Meedoen is gratis.", text_of(details[1]))
