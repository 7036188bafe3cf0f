"""``manage.py reset_second_factor`` answers the person running it in Dutch, as the other commands do."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db


def test_an_unknown_account_is_named_in_dutch():
    with pytest.raises(CommandError, match="Er is geen account met de naam 'niemand'"):
        call_command("reset_second_factor", "niemand")


def test_it_says_what_it_removed_in_dutch():
    user = get_user_model().objects.create_user("redacteur", "r@example.org", "x")
    TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
    out = StringIO()

    call_command("reset_second_factor", "redacteur", stdout=out)

    assert not TOTPDevice.objects.filter(user=user).exists()
    assert out.getvalue().strip() == (
        "redacteur: app voor de tweede stap en herstelcodes verwijderd; "
        "bij de volgende keer inloggen stelt redacteur een nieuwe app in."
    )
