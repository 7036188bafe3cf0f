"""Locked doors, tried in Chromium: the second factor at login, and a page policy nothing breaks.

An editor with an authenticator app logs in with password and code; without the code no admin
page opens. A new account sets up its app (QR code made by the site) and gets recovery codes. The
Content-Security-Policy is enforced by the browser itself here, so every page the tests open is
also checked for a blocked script or style (a ``securitypolicyviolation`` event).
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from knowledge.models import KnowledgeIndexPage, KnowledgeItemPage, MeetingPage, ThemePage

from .support import MOBILE, assert_accessible, first, live, screenshot

pytestmark = pytest.mark.browser

PASSWORD = "een-goed-wachtwoord-2026"
VIOLATIONS = """
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
        window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
"""


def current_code(device):
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def account(transactional_db):
    made = []

    def make(username, with_app):
        user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
        user.groups.add(Group.objects.get(name="Redacteuren"))
        made.append(user)
        device = TOTPDevice.objects.create(user=user, name="app", confirmed=True) if with_app else None
        return user, device

    yield make
    for user in made:
        user.delete()


def watch_policy(page):
    page.add_init_script(VIOLATIONS)
    return page


def no_violations(page):
    assert page.evaluate("window.__cspViolations") == [], page.url


def log_in(page, username):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["1280", "375"])
def test_an_editor_logs_in_with_a_code_and_is_refused_without_it(new_page, account, viewport):
    user, device = account(f"twee-stappen-{viewport['viewport']['width']}", with_app=True)
    page = watch_policy(new_page(**viewport))
    log_in(page, user.username)
    expect(page).to_have_url(re.compile(r"/admin/tweestapsverificatie/code/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vul de code uit uw app in")
    screenshot(page, "admin-second-factor")
    assert_accessible(page)

    # Without the code no admin page opens.
    page.goto("/admin/pages/")
    expect(page).to_have_url(re.compile(r"/admin/tweestapsverificatie/code/"))

    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Deze code klopt niet")
    screenshot(page, "admin-second-factor-wrong-code")
    expect(page).to_have_url(re.compile(r"/admin/tweestapsverificatie/code/"))

    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    page.get_by_label("Code").fill(current_code(device))
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/$"))
    no_violations(page)


def test_a_new_account_sets_up_its_app_and_gets_recovery_codes(new_page, account):
    user, _device = account("nieuw-account", with_app=False)
    page = watch_policy(new_page(**DESKTOP))
    with override_settings(TWO_FACTOR_REQUIRED=True):
        log_in(page, user.username)
        expect(page).to_have_url(re.compile(r"/admin/tweestapsverificatie/"))
        qr = page.get_by_role("img", name=re.compile("QR-code"))
        expect(qr).to_be_visible()
        assert qr.evaluate("img => img.naturalWidth") > 100, "the QR code is drawn"
        screenshot(page, "admin-second-factor-setup")
        assert_accessible(page)

        pending = TOTPDevice.objects.get(user=user, confirmed=False)
        page.get_by_label("Code").fill(current_code(pending))
        page.get_by_role("button", name="Tweestapsverificatie aanzetten").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Uw herstelcodes")
        expect(page.locator(".recovery-codes code")).to_have_count(10)
        screenshot(page, "admin-recovery-codes")
        page.get_by_role("link", name="Verder naar de beheeromgeving").click()
        expect(page).to_have_url(re.compile(r"/admin/$"))
        no_violations(page)


def test_no_page_trips_the_content_security_policy(new_page, account, transactional_db):
    """Public pages of every kind, and the admin's page editor (date pickers, choosers)."""
    visitor = watch_policy(new_page())
    paths = ["/", "/kennisbank/", "/zoeken/?q=eenzaamheid", "/kwartaalupdate/aanmelden/", "/en/"]
    for model in (KnowledgeItemPage, MeetingPage, ThemePage):
        paths.append(first(live(model), model.__name__).url)
    for path in paths:
        visitor.goto(path)
        visitor.wait_for_load_state("networkidle")
        no_violations(visitor)

    user, device = account("redactie-csp", with_app=True)
    editor = watch_policy(new_page(**DESKTOP))
    log_in(editor, user.username)
    editor.get_by_label("Code").fill(current_code(device))
    editor.get_by_role("button", name="Inloggen").click()
    index = first(live(KnowledgeIndexPage), "kennisbank")
    editor.goto(f"/admin/pages/add/knowledge/knowledgeitempage/{index.pk}/")
    expect(editor.get_by_role("heading", level=1)).to_be_visible()
    editor.wait_for_load_state("networkidle")
    no_violations(editor)
