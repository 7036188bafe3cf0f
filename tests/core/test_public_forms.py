"""The one view behind every public form (``core.public_forms``), on a small form made for this test.

What a visitor gets from it on any form of the site: the form again with what they typed when
something is wrong (the error summary, 400), when they sent too much (429) and when the action
refuses (here a "full" answer, 409); a bot's honeypot answered like a person and nothing done;
a valid form done once and answered with a redirect to a thank-you page of its own, which a
reload shows again without doing anything again; and no answer a cache may keep. The apps'
tests (newsletter, registrations, pilot_interest) check their forms through the same steps.
"""

from django import forms
from django.conf import settings
from django.test import TestCase, override_settings
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods

from config.urls import urlpatterns as site_urlpatterns
from core.forms import AccessibleErrorsMixin, HoneypotMixin, email_field
from core.public_forms import PublicFormView, Refused, rate_limited_page, render_page
from core.ratelimit import RATE_LIMIT_MESSAGE
from tests.utils import main_text, soup

# What the form's action did, one entry a time it ran.
DONE = []
FULL = "Vol"


class NameForm(AccessibleErrorsMixin, HoneypotMixin, forms.Form):
    name = forms.CharField(label="Uw naam", max_length=40, error_messages={"required": "Vul uw naam in."})
    email = email_field("Uw e-mailadres")


class NameFormView(PublicFormView):
    form_class = NameForm
    template_name = "test_form.html"

    def get_success_url(self):
        return reverse("test-thanks")

    def act(self, form):
        if form.cleaned_data["name"] == FULL:
            raise Refused("Er is geen plaats meer.", 409)
        DONE.append(form.cleaned_data["email"])


@require_http_methods(["GET"])
def thanks(request):
    return render_page(request, "test_thanks.html")


@require_http_methods(["GET", "POST"])
def button_page(request):
    """A page whose only control is a button, like the confirmation links in mails."""
    if request.method == "POST":
        if (flooded := rate_limited_page(request, "test_button.html", {})) is not None:
            return flooded
        DONE.append("button")
    return render_page(request, "test_button.html")


urlpatterns = [
    path("formulier/", NameFormView.as_view(), name="test-form"),
    path("formulier/verstuurd/", thanks, name="test-thanks"),
    path("knop/", button_page, name="test-button"),
    *site_urlpatterns,  # what the site's middleware looks up (the admin's prefix, the languages)
]

SUMMARY = '{% include "includes/form/error_summary.html" %}'
TEST_TEMPLATES = {
    "test_form.html": (
        f"<main>{SUMMARY}"
        '<form class="public-form" method="post" novalidate>{% csrf_token %}'
        '{% include "includes/form/field.html" with field=form.name %}'
        '{% include "includes/form/field.html" with field=form.email %}'
        '{% include "includes/form/honeypot.html" %}'
        '<button class="button" type="submit">Verstuur</button></form></main>'
    ),
    "test_thanks.html": "<main><h1>Bedankt, we hebben uw formulier ontvangen</h1></main>",
    "test_button.html": f'<main>{SUMMARY}<form method="post"><button>Ja</button></form></main>',
}


def templates_with_the_test_ones():
    """The site's template settings, with this test's templates in front (a locmem loader)."""
    engine = settings.TEMPLATES[0]
    loaders = [
        ("django.template.loaders.locmem.Loader", TEST_TEMPLATES),
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]
    return [{**engine, "APP_DIRS": False, "OPTIONS": {**engine["OPTIONS"], "loaders": loaders}}]


FORM = "/formulier/"
THANKS = "/formulier/verstuurd/"


def form_data(**overrides):
    return {"name": "Sanne de Vries", "email": "sanne@ede.example", "website": "", **overrides}


def never_cached(response):
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    return {"no-cache", "no-store", "private"} <= directives and "public" not in directives


def typed(response, name):
    return soup(response).find("input", attrs={"name": name})["value"]


def summary(response):
    box = soup(response).find(class_="error-summary")
    assert box is not None, "no error summary on the page"
    return box


@override_settings(
    ROOT_URLCONF=__name__,
    TEMPLATES=templates_with_the_test_ones(),
    FORM_RATE_LIMIT="0",
    FORM_RATE_LIMIT_CLIENT_IP_HEADER="",
)
class PublicFormViewTests(TestCase):
    def setUp(self):
        DONE.clear()

    def test_the_form_is_shown_and_never_cached(self):
        response = self.client.get(FORM)

        self.assertEqual(response.status_code, 200)
        self.assertIsNotNone(soup(response).find("input", attrs={"name": "name"}))
        self.assertIsNone(soup(response).find(class_="error-summary"))
        self.assertTrue(never_cached(response), response["Cache-Control"])

    def test_a_valid_form_is_done_once_and_redirected_to_a_thank_you_page_of_its_own(self):
        response = self.client.post(FORM, form_data())

        self.assertEqual((response.status_code, response["Location"]), (303, THANKS))
        self.assertEqual(DONE, ["sanne@ede.example"])
        thank_you = self.client.get(response["Location"])
        self.assertEqual(thank_you.status_code, 200)
        self.assertIn("Bedankt", main_text(thank_you))
        self.assertTrue(never_cached(thank_you), thank_you["Cache-Control"])
        self.assertEqual(dict(response.cookies) | dict(thank_you.cookies), {})  # no session, no outcome

        reloaded = self.client.get(THANKS)  # what the reload button does on the thank-you page

        self.assertEqual(main_text(reloaded), main_text(thank_you))
        self.assertEqual(DONE, ["sanne@ede.example"])

    def test_an_invalid_form_comes_back_with_the_summary_and_what_was_typed(self):
        response = self.client.post(FORM, form_data(name="", email="geen-adres"))

        self.assertEqual(response.status_code, 400)
        links = [(a["href"], a.get_text()) for a in summary(response).find_all("a")]
        self.assertEqual(
            links,
            [
                ("#id_name", "Vul uw naam in."),
                ("#id_email", "Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl."),
            ],
        )
        self.assertEqual(typed(response, "email"), "geen-adres")
        email = soup(response).find(id="id_email")
        self.assertEqual((email["aria-invalid"], email["aria-describedby"]), ("true", "id_email-error"))
        self.assertEqual(DONE, [])
        self.assertTrue(never_cached(response), response["Cache-Control"])

    def test_a_filled_honeypot_gets_the_same_redirect_and_nothing_is_done(self):
        person = self.client.post(FORM, form_data(email="mens@ede.example"))
        bot = self.client.post(FORM, form_data(email="bot@ede.example", website="https://spam.example"))

        self.assertEqual((bot.status_code, bot["Location"]), (person.status_code, person["Location"]))
        self.assertEqual(DONE, ["mens@ede.example"])

    def test_a_refusal_of_the_action_shows_its_message_with_what_was_typed(self):
        response = self.client.post(FORM, form_data(name=FULL))

        self.assertEqual(response.status_code, 409)
        self.assertIn("Er is geen plaats meer.", summary(response).get_text())
        self.assertIn("Het formulier is niet verstuurd", summary(response).get_text())
        self.assertEqual((typed(response, "name"), typed(response, "email")), (FULL, "sanne@ede.example"))
        self.assertEqual(DONE, [])
        self.assertTrue(never_cached(response), response["Cache-Control"])

    @override_settings(FORM_RATE_LIMIT="2/d")
    def test_over_the_rate_limit_the_form_comes_back_before_anything_else_happens(self):
        self.client.post(FORM, form_data(email="een@ede.example"))
        self.client.post(FORM, form_data(website="https://spam.example"))  # a bot's post counts too

        for data in (form_data(email="drie@ede.example"), form_data(name="")):
            with self.subTest(data=data):
                response = self.client.post(FORM, data)
                self.assertEqual(response.status_code, 429)
                self.assertIn(str(RATE_LIMIT_MESSAGE), summary(response).get_text(" ", strip=True))
                self.assertEqual(typed(response, "email"), data["email"])
                self.assertTrue(never_cached(response), response["Cache-Control"])
        self.assertEqual(DONE, ["een@ede.example"])
        # Reading pages is not limited: the form and the thank-you page still answer.
        self.assertEqual(self.client.get(FORM).status_code, 200)
        self.assertEqual(self.client.get(THANKS).status_code, 200)

    @override_settings(FORM_RATE_LIMIT="1/d")
    def test_a_page_with_only_a_button_shares_the_limit(self):
        self.client.post(FORM, form_data())

        response = self.client.post("/knop/")

        self.assertEqual(response.status_code, 429)
        self.assertIn(str(RATE_LIMIT_MESSAGE), summary(response).get_text(" ", strip=True))
        self.assertEqual(DONE, ["sanne@ede.example"])

    def test_other_methods_are_refused(self):
        for method in ("put", "delete", "patch"):
            with self.subTest(method=method):
                self.assertEqual(getattr(self.client, method)(FORM).status_code, 405)
        self.assertEqual(self.client.head(FORM).status_code, 200)
        self.assertEqual(DONE, [])
