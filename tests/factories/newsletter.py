"""Factories for the kwartaalupdate: the archive page, issues and subscribers."""

import factory
from django.utils import timezone

from newsletter.models import NewsletterIndexPage, NewsletterIssuePage, Subscriber

from .core import BasePageFactory


class NewsletterIndexPageFactory(BasePageFactory):
    title = "Kwartaalupdate"
    slug = NewsletterIndexPage.section_slug
    show_in_menus = True

    class Meta:
        model = NewsletterIndexPage


class NewsletterIssuePageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Kwartaalupdate {n}")
    quarter = "2026-Q4"

    class Meta:
        model = NewsletterIssuePage


class SubscriberFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"abonnee{n}@gemeente.example")
    language = "nl"
    status = Subscriber.Status.CONFIRMED
    consent_source = Subscriber.Source.FORM
    consent_form = "aanmelden"
    confirmed_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Subscriber
