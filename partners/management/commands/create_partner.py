"""``python manage.py create_partner "Name"``: set up a partner organisation (see partners/setup.py)."""

from django.core.management.base import BaseCommand, CommandError

from partners.setup import PartnerSetupError, set_up_partner_with_report

LABELS = {
    "organisation": "organisation (snippet)",
    "section": "section below the news",
    "collection": "image and document collection",
    "group": "group and its permissions",
    "workflow": "moderation workflow on the section",
}


class Command(BaseCommand):
    help = "Set up a partner: organisation, section, group, collection and moderation workflow."

    def add_arguments(self, parser):
        parser.add_argument("name", help='the organisation\'s name, e.g. "Movisie"')

    def handle(self, *args, name, **options):
        try:
            setup = set_up_partner_with_report(name)
        except PartnerSetupError as error:
            raise CommandError(str(error)) from error
        partner = setup.partner
        self.stdout.write(f"Partner {partner.organisation.name}:")
        for step in LABELS:
            state = "created" if step in setup.created else "already there"
            self.stdout.write(f"  {LABELS[step]}: {state}")
        self.stdout.write(f"  section: {partner.section.url_path}, group: {partner.group.name}")
