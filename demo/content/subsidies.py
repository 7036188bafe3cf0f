"""Three subsidy schemes: one open, one opening soon, one closed.

Open and upcoming schemes get a deadline ``deadline_days`` after the day the demo is first seeded;
a re-run keeps the stored deadline until it has passed.
"""

import datetime

from knowledge.models import SubsidyPage

from .blocks import heading, paragraph

Status = SubsidyPage.Status

SUBSIDIES = [
    {
        "slug": "leefbaarheidsregeling-bewonersinitiatieven",
        "title": "Leefbaarheidsregeling voor bewonersinitiatieven",
        "status": Status.OPEN,
        "deadline_days": 75,
        "funder": "Provincie Gelderland",
        "target_group": "Bewonersgroepen, dorps- en wijkraden en stichtingen in Gelderland.",
        "amount": "Tot € 25.000 per plan",
        "external_url": "https://www.gelderland.nl",
        "image": "subsidie",
        "introduction": (
            "Geld voor plannen van bewoners die hun dorp of wijk leefbaarder maken. Bijvoorbeeld een "
            "ontmoetingsplek of vervoer voor ouderen."
        ),
        "body": [
            heading("Waar kunt u geld voor krijgen?"),
            paragraph(
                "<ul><li>Een plek om elkaar te ontmoeten.</li>"
                "<li>Activiteiten tegen eenzaamheid.</li>"
                "<li>Plannen die bewoners zelf uitvoeren, met hulp van vrijwilligers.</li></ul>"
            ),
            heading("Waar let de provincie op?"),
            paragraph(
                "<p>Het plan komt van bewoners zelf. Er doen genoeg mensen mee. En u betaalt zelf ook een "
                "deel, met geld of met uren van vrijwilligers.</p>"
            ),
        ],
    },
    {
        "slug": "impulsregeling-dorpshuizen-en-wijkaccommodaties",
        "title": "Impulsregeling dorpshuizen en wijkaccommodaties",
        "status": Status.UPCOMING,
        "deadline_days": 200,
        "funder": "Provincie Gelderland",
        "target_group": "Besturen van dorpshuizen en wijkaccommodaties, samen met hun gemeente.",
        "amount": "Tot € 50.000, maximaal de helft van de kosten",
        "external_url": "https://www.gelderland.nl",
        "image": "dorpshuis",
        "introduction": (
            "Binnenkort kunnen dorpshuizen en wijkgebouwen geld aanvragen om hun gebouw zuiniger en "
            "beter bruikbaar te maken."
        ),
        "body": [
            paragraph(
                "<p>De regeling helpt bij het verduurzamen en verbouwen van ontmoetingsplekken. U hebt "
                "een plan nodig dat laat zien hoe het gebouw de komende tien jaar open blijft.</p>"
                "<p>Wilt u een bericht als de regeling opengaat? Schrijf u in voor de kwartaalupdate.</p>"
            ),
        ],
    },
    {
        "slug": "regeling-sociale-verbondenheid-na-corona",
        "title": "Regeling sociale verbondenheid na corona",
        "status": Status.CLOSED,
        "deadline": datetime.date(2022, 3, 31),
        "funder": "Provincie Gelderland",
        "target_group": "Gelderse gemeenten en maatschappelijke organisaties.",
        "amount": "Tot € 15.000 per aanvraag",
        "external_url": "https://www.gelderland.nl",
        "image": "covid",
        "introduction": (
            "Deze regeling steunde activiteiten die mensen na de coronatijd weer bij elkaar brachten. U "
            "kunt niet meer aanvragen."
        ),
        "body": [
            paragraph(
                "<p>Met de regeling zijn in heel Gelderland activiteiten gesteund, van buurtfeesten tot "
                "wandelgroepen. Wat we ervan leerden, leest u in de kennisbank.</p>"
            ),
        ],
    },
]
