"""``manage.py reset_second_factor USERNAME``: for someone who lost both phone and recovery codes.

Removes the account's app and recovery codes; at the next login it sets up a new app (production
requires it). Only run it after making sure, outside the site, that the request is genuine.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.two_factor import remove_second_factor


class Command(BaseCommand):
    help = "Remove an admin account's two-factor app and recovery codes, so it can set up a new app."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Er is geen account met de naam {username!r}.")
        remove_second_factor(user)
        self.stdout.write(
            f"{username}: app voor de tweede stap en herstelcodes verwijderd; "
            f"bij de volgende keer inloggen stelt {username} een nieuwe app in."
        )
