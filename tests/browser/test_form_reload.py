"""Every public form in Chromium: sent once, thanked on a page of its own, and a reload of that
page sends nothing again. And the forms look and behave alike on a phone and a desktop.

For each form (meeting registration, pilot interest, kwartaalupdate, a new link for it): sent
empty (its error state, checked by axe-core and photographed), then filled in; the browser lands
on the form's thank-you URL; the visitor reloads it, and there is still one row and one mail for
the address. The live
server's mail goes to Django's locmem outbox (``django.core.mail.outbox``: same process).

Then the one form stylesheet, measured in the browser at 320, 375 and 1280 pixels: fields in 16px
or more (iOS zooms into smaller ones), as wide as the form on a phone, buttons at least 44px high,
checkboxes and radio buttons 24px, errors in the summary and at the field in the same colour, a
visible focus ring, and nothing that scrolls sideways. Screenshots land in var/screenshots/.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from newsletter.models import Subscriber
from pilot_interest.models import PilotInterest
from registrations.models import Registration

from .support import MOBILE, assert_accessible, screenshot, url
from .test_meeting_registration import TEXT as REGISTRATION_TEXT
from .test_meeting_registration import fill_in as send_registration
from .test_meeting_registration import open_meeting
from .test_pilot_interest import TEXT as PILOT_TEXT
from .test_pilot_interest import fill_in as fill_in_pilot_interest
from .test_pilot_interest import pilots_index

pytestmark = pytest.mark.browser

WIDTHS = {320: {**MOBILE, "viewport": {"width": 320, "height": 700}}, 375: MOBILE, 1280: {}}


def send_pilot_interest(page, address):
    fill_in_pilot_interest(page, PILOT_TEXT["nl"], address)
    page.locator("form.pilot-interest-form").get_by_role("button").click()


def send_subscription(page, address):
    page.get_by_label("Uw e-mailadres").fill(address)
    page.get_by_label("Voor welke organisatie werkt u? (mag leeg blijven)").fill("Gemeente Ede")
    page.get_by_role("checkbox", name="Ik wil de kwartaalupdate ontvangen").check()
    page.locator("form.subscription-form").get_by_role("button").click()


def send_fresh_link_request(page, address):
    # The address is a subscriber whose link stopped working: one is made just before they ask.
    Subscriber.objects.create(
        email=address,
        language="nl",
        status=Subscriber.Status.CONFIRMED,
        consent_source=Subscriber.Source.FORM,
    )
    page.get_by_label("Uw e-mailadres").fill(address)
    page.locator("form.fresh-link-form").get_by_role("button").click()


def meeting_url():
    return url(open_meeting("nl"))


def meeting_thanks():
    return reverse("registrations:registered", args=[open_meeting("nl").pk])


@dataclass
class PublicForm:
    form: str  # the form's own class, beside "public-form"
    where: Callable[[], str]  # the page the visitor finds the form on
    thanks: Callable[[], str]  # the thank-you page's path
    heading: str  # what the thank-you page's h1 says
    send: Callable  # fill the form in for an address and press its button
    rows: Callable  # the rows an address made

    def locator(self, page):
        return page.locator(f"form.public-form.{self.form}")


FORMS = {
    "registration": PublicForm(
        form="registration-form",
        where=meeting_url,
        thanks=meeting_thanks,
        heading="Kijk in uw mailbox",
        send=lambda page, address: send_registration(page, REGISTRATION_TEXT["nl"], address),
        rows=lambda address: Registration.objects.filter(email=address),
    ),
    "pilot-interest": PublicForm(
        form="pilot-interest-form",
        where=lambda: url(pilots_index("nl")),
        thanks=lambda: reverse("pilot_interest:thanks"),
        heading="Bedankt voor uw belangstelling",
        send=send_pilot_interest,
        rows=lambda address: PilotInterest.objects.filter(email=address),
    ),
    "subscription": PublicForm(
        form="subscription-form",
        where=lambda: reverse("newsletter:subscribe"),
        thanks=lambda: reverse("newsletter:subscribe_sent"),
        heading="Kijk in uw mailbox",
        send=send_subscription,
        rows=lambda address: Subscriber.objects.filter(email=address),
    ),
    "fresh-link": PublicForm(
        form="fresh-link-form",
        where=lambda: reverse("newsletter:fresh_link"),
        thanks=lambda: reverse("newsletter:fresh_link_sent"),
        heading="Kijk in uw mailbox",
        send=send_fresh_link_request,
        rows=lambda address: Subscriber.objects.filter(email=address),
    ),
}


def mails_to(address):
    return [message for message in mail.outbox if address in message.to]


def send_empty(page, form):
    form.locator(page).get_by_role("button").click()
    expect(page.get_by_role("alert")).to_be_visible()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("name", FORMS)
def test_send_the_form_land_on_its_thank_you_page_and_reload_it(new_page, name, width):
    form = FORMS[name]
    address = f"herladen-{name}-{width}@gemeente.example"
    page = new_page(**WIDTHS[width])
    try:
        page.goto(form.where())
        send_empty(page, form)
        assert_accessible(page)  # the error state
        screenshot(page, f"form-{name}-errors")
        assert not form.rows(address).exists()

        form.send(page, address)
        expect(page.get_by_role("heading", level=1)).to_have_text(form.heading)
        assert page.url.endswith(form.thanks()), page.url
        screenshot(page, f"form-{name}-thanks")
        assert form.rows(address).count() == 1
        sent = len(mails_to(address))
        assert sent == 1, f"{sent} mails to {address} after sending the form"

        response = page.reload()

        assert response.status == 200 and response.request.method == "GET"
        expect(page.get_by_role("heading", level=1)).to_have_text(form.heading)
        assert form.rows(address).count() == 1
        assert len(mails_to(address)) == 1
    finally:
        form.rows(address).delete()


# The stylesheet ---------------------------------------------------------------------------------

MEASURE = """form => {
    const px = value => parseFloat(value);
    const box = element => element.getBoundingClientRect();
    const size = element => ({width: box(element).width, height: box(element).height});
    const css = element => getComputedStyle(element);
    const visible = element => element.offsetParent !== null && !element.closest('.form-honeypot');
    const fields = 'input:not([type=checkbox]):not([type=radio]):not([type=hidden]), select, textarea';
    const controls = [...form.querySelectorAll(fields)].filter(visible);
    const choices = [...form.querySelectorAll('input[type=checkbox], input[type=radio]')].filter(visible);
    // The width a control has to fill: its field's, inside the red edge an error gives it.
    const room = field => box(field).width - px(css(field).paddingLeft) - px(css(field).borderLeftWidth);
    const colour = (selector, property) => {
        const element = document.querySelector(selector);
        return element && css(element)[property];
    };
    return {
        controls: controls.map(control => ({
            name: control.name,
            font: px(css(control).fontSize),
            height: box(control).height,
            width: box(control).width,
            room: room(control.closest('.field')),
        })),
        choices: choices.map(choice => ({name: choice.name, ...size(choice)})),
        buttons: [...form.querySelectorAll('button')].map(button => box(button).height),
        inlineError: colour('.field__error', 'color'),
        summaryLink: colour('.error-summary__list a', 'color'),
        summaryBorder: colour('.error-summary', 'borderTopColor'),
        fieldBorder: colour('.field--error', 'borderLeftColor'),
        page: document.documentElement.scrollWidth,
        screen: document.documentElement.clientWidth,
    };
}"""
FOCUS = """() => {
    const focused = document.activeElement;
    const style = getComputedStyle(focused);
    return {tag: focused.tagName, outline: style.outlineStyle, width: parseFloat(style.outlineWidth)};
}"""


def assert_looks_right(page, form, width, state):
    where = f"{form.form} ({state}) at {width}px"
    measured = form.locator(page).evaluate(MEASURE)
    assert measured["page"] <= measured["screen"], f"{where} scrolls sideways: {measured['page']}px"
    assert measured["controls"], f"{where}: no fields measured"
    for control in measured["controls"]:
        assert control["font"] >= 16, f"{where}: {control['name']} has {control['font']}px text"
        assert control["height"] >= 44, f"{where}: {control['name']} is {control['height']}px high"
        if width < 640:  # a phone: every field as wide as its column
            assert control["width"] >= control["room"] - 1, f"{where}: {control['name']} is not full width"
    for choice in measured["choices"]:
        assert min(choice["width"], choice["height"]) >= 24, f"{where}: {choice['name']} box is too small"
    assert measured["buttons"] and min(measured["buttons"]) >= 44, f"{where}: buttons {measured['buttons']}"
    if state == "errors":
        assert measured["inlineError"] == measured["summaryLink"], where
        assert measured["summaryBorder"] == measured["fieldBorder"] == measured["inlineError"], where


@pytest.mark.parametrize("width", WIDTHS)
def test_every_form_looks_the_same_on_a_phone_and_a_desktop(new_page, width):
    page = new_page(**WIDTHS[width])
    for name, form in FORMS.items():
        page.goto(form.where())
        assert_looks_right(page, form, width, "empty")
        screenshot(page, f"form-{name}-where")  # where the visitor finds it (a meeting, the pilots)
        send_empty(page, form)
        assert_looks_right(page, form, width, "errors")

        # The error summary's link takes the keyboard to the field, and the focus ring shows there.
        page.get_by_role("alert").get_by_role("link").first.click()
        focused = page.evaluate(FOCUS)
        assert focused["tag"] in ("INPUT", "SELECT", "TEXTAREA"), f"{name}: focus went to {focused['tag']}"
        assert focused["outline"] != "none" and focused["width"] >= 2, f"{name}: no visible focus {focused}"
        if width == 320:
            screenshot(page, f"form-{name}-errors")
