"""Fill the site with demo content that looks like the real programme: ``manage.py seed_demo``.

What it builds, below the Dutch home page that migration ``home/0002`` creates:

- generated illustrations and two small documents (``demo/content/images.py``);
- the partner organisations (``knowledge.Organisation`` snippets);
- the index pages ``themas``, ``kennisbank``, ``pilots``, ``leernetwerk``, ``nieuws`` and
  ``subsidies``, and the standard pages ``over``, ``contact`` and ``privacy``;
- the six themes with their questions, 35 knowledge items over every kind, theme and level of
  evidence, six pilots in six municipalities, the learning-network meetings of 2021 and four
  upcoming ones, twelve news items and three subsidy schemes;
- the home page's own content, the footer (team name, contact details, links; a snippet chosen in
  the site settings) and the default site's host, taken from ``settings.BASE_URL``;
- English translations made with wagtail-localize, as an editor would in the admin, for the home
  page, the index and standard pages, the themes, a few items, pilots and news, a meeting, a
  subsidy scheme, the footer and the organisations' descriptions (``demo/content/translate.py``);
- a few hundred made-up subscribers (themes, municipalities) and registrations on the past and
  upcoming meetings, one meeting full with a waitlist, none of them mailed
  (``demo/content/people.py``);
- this quarter's kwartaalupdate, assembled from the demo pages, translated and sent, without
  mailing anyone, in Dutch and English, so the archive shows what readers sign up for
  (``demo/content/newsletter.py``);
- with ``settings.SEED_DEMO_EDITOR`` (dev settings only): two demo accounts in the roles that
  migration ``home/0004_editor_roles`` creates: ``redacteur`` (*Redacteuren*: write, review,
  translate and publish) and ``hoofdredacteur`` (*Hoofdredactie*: also site settings,
  organisations, municipalities, users, workflows), both with the password ``leefbaar-demo``;
- two partners, Movisie and Platform31, set up as ``manage.py create_partner`` does (their section
  below ``nieuws``, group, collection and moderation workflow), and with ``SEED_DEMO_EDITOR`` one demo
  account each (``partner-movisie``, ``partner-platform31``, same password) in the partner's group.

Running it again changes nothing: every object is found by its slug, title or username and only
written when it differs from the demo data (see ``demo/content/sync.py``). The flip side: a demo page
an editor changed is put back to the demo text on the next run. Each section runs in its own
transaction, so an interrupted run leaves whole sections behind and the next run completes the rest.
Dates that must stay in the future (upcoming meetings, open subsidies, running pilots) are set
relative to today and only moved once they have passed.
"""

import datetime
import time
from decimal import Decimal
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, Site
from wagtail.users.models import UserProfile

from core.sections import section_index_models
from demo.content import images, meetings, news, organisations, pilots, site_pages, subsidies, themes
from demo.content import translations as english
from demo.content.blocks import document
from demo.content.english_slugs import seed_english_slugs
from demo.content.kennisbank import ITEMS
from demo.content.newsletter import seed_issue, seed_issue_translation
from demo.content.people import seed_registrations, seed_subscribers
from demo.content.sync import Resolver, Tally, stream, sync_object, sync_page
from demo.content.translate import translate
from home.models import FooterLink, HomePage, SiteFooter, SiteSettings, StandardPage
from knowledge.models import (
    KnowledgeIndexPage,
    KnowledgeItemPage,
    MeetingIndexPage,
    MeetingPage,
    Municipality,
    NewsIndexPage,
    NewsPage,
    Organisation,
    PilotIndexPage,
    PilotPage,
    SubsidyIndexPage,
    SubsidyPage,
    ThemeIndexPage,
    ThemePage,
)
from partners.setup import set_up_partner_with_report

EDITOR_USERNAME = "redacteur"
EDITOR_PASSWORD = "leefbaar-demo"
# (username, first name, last name, group): the groups are made by migration home/0004_editor_roles.
DEMO_ACCOUNTS = [
    (EDITOR_USERNAME, "Demo", "Redacteur", "Redacteuren"),
    ("hoofdredacteur", "Demo", "Hoofdredacteur", "Hoofdredactie"),
]
# (organisation name, demo account's username): set up by partners.setup.set_up_partner.
DEMO_PARTNERS = [("Movisie", "partner-movisie"), ("Platform31", "partner-platform31")]


def _at(day, hour=9, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _next_meeting_day(day):
    """Learning-network meetings are on Tuesdays and Thursdays."""
    while day.weekday() not in (1, 3):
        day += datetime.timedelta(days=1)
    return day


class Command(BaseCommand):
    help = "Create or update the demo content (idempotent; safe to run again)."

    def handle(self, *args, **options):
        started = time.monotonic()
        self.today = timezone.localdate()
        self.dutch = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
        self.english = Locale.objects.get(language_code="en")
        home = HomePage.objects.filter(locale=self.dutch, depth=2).first()
        if home is None:
            raise CommandError("Er is geen Nederlandse homepagina: draai eerst `manage.py migrate`.")
        self.resolver = Resolver(home)

        sections = [
            ("Afbeeldingen", self.seed_images),
            ("Documenten", self.seed_documents),
            ("Organisaties", self.seed_organisations),
            ("Overzichts- en standaardpagina's", self.seed_section_pages),
            ("Thema's", self.seed_themes),
            ("Kennisitems", self.seed_knowledge_items),
            ("Pilots", self.seed_pilots),
            ("Bijeenkomsten", self.seed_meetings),
            ("Nieuws", self.seed_news),
            ("Partners", self.seed_partners),
            ("Subsidies", self.seed_subsidies),
            ("Homepagina", self.seed_home_page),
            ("Site en instellingen", self.seed_site),
            ("Abonnees", seed_subscribers),
            ("Aanmeldingen", seed_registrations),
            ("Kwartaalupdate", lambda tally: seed_issue(self.dutch, tally)),
            ("Engelse vertalingen", self.seed_translations),
            (
                "Kwartaalupdate in het Engels",
                lambda tally: seed_issue_translation(self.dutch, self.english, tally),
            ),
            ("Engelse slugs", lambda tally: seed_english_slugs(self.english, tally)),
            ("Demoaccounts", self.seed_editors),
        ]
        for label, seed in sections:
            tally = Tally(label)
            with transaction.atomic():
                seed(tally)
            self.stdout.write(str(tally))

        self.stdout.write(self.style.SUCCESS(f"Democontent klaar in {time.monotonic() - started:.1f} s."))
        if getattr(settings, "SEED_DEMO_EDITOR", False):
            accounts = ", ".join(
                [f"{username} ({group})" for username, _first, _last, group in DEMO_ACCOUNTS]
                + [f"{username} (partner {name})" for name, username in DEMO_PARTNERS]
            )
            self.stdout.write(
                f"Beheer: {settings.BASE_URL}/admin/ als {accounts}, wachtwoord {EDITOR_PASSWORD}"
            )

    # Shared helpers -------------------------------------------------------------------------------

    def page_values(self, path, data):
        """The fields every demo page has, plus its StreamFields built with stable block ids."""
        values = {
            "title": data["title"],
            "introduction": data["introduction"],
            "listing_image": self.resolver.image(data["image"]),
        }
        for name in ("body", "questions", "lessons", "programme"):
            if name in data:
                values[name] = stream(f"{path}/{name}", data[name], self.resolver)
        if "documents" in data:
            blocks = [document(key) for key in data["documents"]]
            values["documents"] = stream(f"{path}/documents", blocks, self.resolver)
        return values

    def organisation(self, slug):
        return Organisation.objects.get(slug=slug, locale=self.dutch)

    def themes_for(self, slugs):
        return [self.resolver.page(f"{ThemeIndexPage.section_slug}/{slug}") for slug in slugs]

    def add_page(self, parent_path, model, data, tally, extra=None, keep=None):
        path = f"{parent_path}/{data['slug']}" if parent_path else data["slug"]
        parent = self.resolver.page(parent_path) if parent_path else self.resolver.home
        values = {**self.page_values(path, data), **(extra or {})}
        page = sync_page(parent, model, data["slug"], values, tally, keep=keep)
        self.resolver.remember(path, page)
        return page

    # Sections --------------------------------------------------------------------------------------

    def seed_images(self, tally):
        self.resolver.images = images.sync_images(tally)

    def seed_documents(self, tally):
        self.resolver.documents = images.sync_documents(tally)

    def seed_organisations(self, tally):
        for data in organisations.ORGANISATIONS:
            values = {key: value for key, value in data.items() if key != "slug"}
            sync_object(Organisation, {"slug": data["slug"], "locale": self.dutch}, values, tally)

    def seed_section_pages(self, tally):
        # Every section the site declares, in menu order; the demo texts are found by slug.
        texts = {data["slug"]: data for data in site_pages.INDEX_PAGES}
        for model in section_index_models():
            self.add_page("", model, texts[model.section_slug], tally, extra={"show_in_menus": True})
        for data in site_pages.STANDARD_PAGES:
            self.add_page("", StandardPage, data, tally, extra={"show_in_menus": False})

    def seed_themes(self, tally):
        for data in themes.THEMES:
            self.add_page(ThemeIndexPage.section_slug, ThemePage, data, tally)

    def seed_knowledge_items(self, tally):
        municipalities = {municipality.name: municipality for municipality in Municipality.objects.all()}
        for data in ITEMS:
            sources = set(data["sources"])
            extra = {
                "kind": data["kind"],
                "goal": data["goal"],
                "target_group": data["target_group"],
                "approach": data["approach"],
                "working_elements": data["working_elements"],
                "conditions_and_costs": data["conditions_and_costs"],
                "evidence_level": data["evidence_level"],
                "evidence_assessed_by": data["evidence_assessed_by"],
                "evidence_assessed_on": data["evidence_assessed_on"],
                "organisation": self.organisation(data["organisation"]),
                "year": data["year"],
                "external_url": data["external_url"],
                "themes": self.themes_for(data["themes"]),
                "municipality": municipalities[data["municipality"]] if "municipality" in data else None,
                "from_science": "science" in sources,
                "from_practice": "practice" in sources,
                "from_lived_experience": "lived_experience" in sources,
                "last_reviewed": data["last_reviewed"],
            }
            self.add_page(KnowledgeIndexPage.section_slug, KnowledgeItemPage, data, tally, extra=extra)

    def seed_pilots(self, tally):
        for data in pilots.PILOTS:
            start, end = data["dates"]
            if isinstance(start, int):
                start, end = (self.today + datetime.timedelta(days=days) for days in (start, end))
            latitude, longitude = data["coordinates"]
            extra = {
                "municipality": Municipality.objects.get(name=data["municipality"]),
                "place": data["place"],
                "themes": self.themes_for(data["themes"]),
                "start_date": start,
                "end_date": end,
                "status": data["status"],
                "organisation": self.organisation(data["organisation"]),
                "aim": data["aim"],
                "approach": data["approach"],
                "partners": data["partners"],
                "evaluation": data["evaluation"],
                "contact_name": data["contact_name"],
                "contact_email": pilots.CONTACT_EMAIL,
                "latitude": Decimal(latitude),
                "longitude": Decimal(longitude),
                "methods_used": [
                    self.resolver.page(f"{KnowledgeIndexPage.section_slug}/{slug}")
                    for slug in data["methods_used"]
                ],
            }
            self.add_page(
                PilotIndexPage.section_slug, PilotPage, data, tally, extra=extra, keep=self._keep_pilot_dates
            )

    def _keep_pilot_dates(self, pilot):
        """Running and planned pilots keep their dates while those still fit their status."""
        if pilot.status == PilotPage.Status.RUNNING:
            still_fits = pilot.start_date <= self.today <= pilot.end_date
        elif pilot.status == PilotPage.Status.PLANNED:
            still_fits = pilot.start_date > self.today
        else:
            still_fits = False
        return {"start_date": pilot.start_date, "end_date": pilot.end_date} if still_fits else {}

    def seed_meetings(self, tally):
        for data in meetings.PAST + meetings.UPCOMING:
            if "start" in data:
                start, end = (timezone.make_aware(moment) for moment in (data["start"], data["end"]))
                opens, closes = (timezone.make_aware(moment) for moment in data["registration"])
            else:
                day = _next_meeting_day(self.today + datetime.timedelta(days=data["days_ahead"]))
                (start_hour, start_minute), (end_hour, end_minute) = data["hours"]
                start, end = _at(day, start_hour, start_minute), _at(day, end_hour, end_minute)
                opens = _at(day - datetime.timedelta(days=42), 9)
                closes = _at(day - datetime.timedelta(days=2), 17)
            location_name, address = data.get("location", ("", ""))
            extra = {
                "themes": self.themes_for(data["themes"]),
                "format": data["format"],
                "start": start,
                "end": end,
                "location_name": location_name,
                "address": address,
                "online_link": (
                    ""
                    if data["format"] == MeetingPage.Format.IN_PERSON
                    else meetings.online_link(data["slug"])
                ),
                "capacity": data["capacity"],
                "has_waitlist": True,
                "registration_opens": opens,
                "registration_closes": closes,
                "audience": data["audience"],
                "report": data.get("report", ""),
            }
            keep = self._keep_upcoming_dates if "days_ahead" in data else None
            self.add_page(MeetingIndexPage.section_slug, MeetingPage, data, tally, extra=extra, keep=keep)

    def _keep_upcoming_dates(self, meeting):
        if meeting.end < timezone.now():
            return {}
        return {
            name: getattr(meeting, name)
            for name in ("start", "end", "registration_opens", "registration_closes")
        }

    def seed_news(self, tally):
        for data in news.NEWS:
            day = self.today - datetime.timedelta(days=data["days_ago"])
            extra = {
                "category": data["category"],
                "date": day,
                "first_published_at": _at(day),
                "themes": self.themes_for(data["themes"]),
                "organisation": self.organisation(data["organisation"]),
                "author": data["author"],
            }
            # The date is set once, when the item is first seeded, like a real publication date.
            self.add_page(
                NewsIndexPage.section_slug,
                NewsPage,
                data,
                tally,
                extra=extra,
                keep=lambda page: {"date": page.date, "first_published_at": page.first_published_at},
            )

    def seed_subsidies(self, tally):
        for data in subsidies.SUBSIDIES:
            deadline = data.get("deadline") or self.today + datetime.timedelta(days=data["deadline_days"])
            extra = {
                "funder": data["funder"],
                "target_group": data["target_group"],
                "amount": data["amount"],
                "deadline": deadline,
                "status": data["status"],
                "external_url": data["external_url"],
            }
            keep = self._keep_future_deadline if "deadline_days" in data else None
            self.add_page(SubsidyIndexPage.section_slug, SubsidyPage, data, tally, extra=extra, keep=keep)

    def _keep_future_deadline(self, scheme):
        return {"deadline": scheme.deadline} if scheme.deadline and scheme.deadline >= self.today else {}

    def seed_home_page(self, tally):
        data = site_pages.HOME
        values = {
            "title": data["title"],
            "hero_title": data["hero_title"],
            "hero_image": self.resolver.image(data["hero_image"]),
            "introduction": data["introduction"],
            "listing_image": self.resolver.image(data["hero_image"]),
            "body": stream("home/body", data["body"], self.resolver),
        }
        home = sync_page(Page.get_first_root_node(), HomePage, self.resolver.home.slug, values, tally)
        self.resolver.home = home

    def seed_site(self, tally):
        base_url = urlsplit(settings.BASE_URL)
        default_port = 443 if base_url.scheme == "https" else 80
        site = Site.objects.get(is_default_site=True)
        sync_object(
            Site,
            {"pk": site.pk},
            {
                "hostname": base_url.hostname,
                "port": base_url.port or default_port,
                "site_name": settings.WAGTAIL_SITE_NAME,
                "root_page": self.resolver.home,
            },
            tally,
        )
        sync_object(
            SiteSettings, {"pk": SiteSettings.for_site(site).pk}, {"footer": self.seed_footer(tally)}, tally
        )

    def seed_footer(self, tally):
        """The Dutch footer, found by the team's name: contact details and links as the demo has them."""
        data = site_pages.FOOTER
        contact = {name: value for name, value in data.items() if name not in ("team_name", "links")}
        footer = sync_object(
            SiteFooter, {"locale": self.dutch, "team_name": data["team_name"]}, contact, tally
        )
        wanted = [
            (
                self.resolver.page(link["page"]).pk if "page" in link else None,
                link.get("url", ""),
                link.get("label", ""),
            )
            for link in data["links"]
        ]
        if [(link.page_id, link.url, link.label) for link in footer.links.all()] != wanted:
            footer.links = [
                FooterLink(page_id=page_id, url=url, label=label, sort_order=order)
                for order, (page_id, url, label) in enumerate(wanted)
            ]
            footer.save()
            tally.add("updated")
        else:
            tally.add("unchanged")
        return footer

    def seed_translations(self, tally):
        for path, fields in english.PAGES.items():
            page = self.resolver.page(path) if path else self.resolver.home
            stream_key = path or "home"
            values = {
                name: (
                    stream(f"{stream_key}/{name}", value, self.resolver)
                    if isinstance(page._meta.get_field(name), StreamField)
                    else value
                )
                for name, value in fields.items()
            }
            tally.add(translate(page, values, self.english, f"page {path or 'home'}"))
        footer = SiteSettings.for_site(Site.objects.get(is_default_site=True)).footer
        # The English links mirror the Dutch ones (same translation keys), with English texts.
        links = [
            FooterLink(
                translation_key=link.translation_key,
                sort_order=link.sort_order,
                page_id=link.page_id,
                url=link.url,
                label=english.FOOTER["links"].get(link.label, ""),
            )
            for link in footer.links.all()
        ]
        tally.add(
            translate(
                footer, {"team_name": english.FOOTER["team_name"], "links": links}, self.english, "footer"
            )
        )
        for slug, description in english.ORGANISATIONS.items():
            status = translate(
                self.organisation(slug), {"description": description}, self.english, f"organisation {slug}"
            )
            tally.add(status)

    def seed_editors(self, tally):
        if not getattr(settings, "SEED_DEMO_EDITOR", False):
            tally.notes.append("overgeslagen: SEED_DEMO_EDITOR staat uit")
            return
        for username, first_name, last_name, group_name in DEMO_ACCOUNTS:
            tally.add(self.seed_account(username, first_name, last_name, Group.objects.get(name=group_name)))

    def seed_partners(self, tally):
        """Movisie and Platform31 as partners; with SEED_DEMO_EDITOR a demo account for each."""
        for name, username in DEMO_PARTNERS:
            setup = set_up_partner_with_report(name)
            tally.add("created" if setup.created else "unchanged")
            if getattr(settings, "SEED_DEMO_EDITOR", False):
                tally.add(self.seed_account(username, "Demo", name, setup.partner.group))

    def seed_account(self, username, first_name, last_name, group):
        """One demo account, in exactly one role, with the demo password and a Dutch admin."""
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={"first_name": first_name, "last_name": last_name, "email": f"{username}@example.org"},
        )
        changed = created
        if not user.check_password(EDITOR_PASSWORD) or not user.is_active:
            user.set_password(EDITOR_PASSWORD)
            user.is_active = True
            user.save()
            changed = True
        if list(user.groups.all()) != [group]:
            user.groups.set([group])
            changed = True
        profile = UserProfile.get_for_user(user)
        if profile.preferred_language != "nl":
            profile.preferred_language = "nl"
            profile.save(update_fields=["preferred_language"])
            changed = True
        return "created" if created else "updated" if changed else "unchanged"
