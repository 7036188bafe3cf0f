"""Factories for pilot-interest submissions (as the form stores them, mails already sent)."""

import factory
from django.utils import timezone

from knowledge.models import Municipality
from pilot_interest.models import PilotInterest


class PilotInterestFactory(factory.django.DjangoModelFactory):
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(name="Ede"))
    contact_name = factory.Sequence(lambda n: f"Contactpersoon {n}")
    email = factory.Sequence(lambda n: f"contact{n}@gemeente.example")
    place = factory.Sequence(lambda n: f"Wijk {n}")
    challenge = "Steeds meer ouderen in de wijk zijn eenzaam en het buurthuis is vaak dicht."
    language = "nl"
    team_mail_sent_at = factory.LazyFunction(timezone.now)
    acknowledgement_sent_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = PilotInterest
