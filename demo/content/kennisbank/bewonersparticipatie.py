"""Knowledge items on resident participation (bewonersparticipatie)."""

import datetime

from knowledge.models import KnowledgeItemPage

from ..blocks import paragraph

Kind = KnowledgeItemPage.Kind
Evidence = KnowledgeItemPage.EvidenceLevel

ITEMS = [
    {
        "slug": "dorpsvisie",
        "title": "Een dorpsvisie maken",
        "kind": Kind.STEP_PLAN,
        "themes": ["bewonersparticipatie", "sociale-infrastructuur", "gebiedsgericht-werken"],
        "image": "hero",
        "introduction": (
            "In een dorpsvisie schrijven bewoners op hoe zij hun dorp over tien jaar zien. Samen kiezen "
            "ze waar ze mee beginnen."
        ),
        "goal": (
            "Bewoners bepalen samen de toekomst van hun dorp, en de gemeente weet wat het dorp belangrijk "
            "vindt."
        ),
        "target_group": "Dorpsraden, bewonersgroepen en gemeenten met kleine kernen.",
        "approach": (
            "<ol><li>Een kleine groep bewoners neemt het initiatief.</li>"
            "<li>Zij vragen zo veel mogelijk dorpsgenoten wat zij belangrijk vinden.</li>"
            "<li>De groep schrijft de uitkomsten op in gewone taal.</li>"
            "<li>Het dorp kiest drie tot vijf punten om mee te beginnen.</li>"
            "<li>De groep bespreekt de visie met de gemeente.</li></ol>"
        ),
        "working_elements": (
            "<ul><li>De visie komt van het dorp zelf.</li>"
            "<li>Ook stille groepen worden gevraagd: jongeren, nieuwkomers, ouderen.</li>"
            "<li>Concrete punten waar meteen mee begonnen kan worden.</li></ul>"
        ),
        "conditions_and_costs": (
            "<p>Een groep enthousiaste bewoners en ongeveer een jaar tijd. Een procesbegeleider helpt. "
            "De gemeente of provincie betaalt vaak een deel van de kosten.</p>"
        ),
        "evidence_level": Evidence.WELL_DESCRIBED,
        "evidence_assessed_by": "Vereniging Kleine Kernen Gelderland",
        "evidence_assessed_on": datetime.date(2023, 6, 5),
        "organisation": "vereniging-kleine-kernen-gelderland",
        "year": 2023,
        "external_url": "https://www.gelderland.nl",
        "sources": ["practice", "lived_experience"],
        "last_reviewed": datetime.date(2025, 4, 22),
        "body": [
            paragraph(
                "<p>Een dorpsvisie is nooit af. Kijk elk jaar samen terug: wat is er gelukt, en wat is "
                "er veranderd in het dorp?</p>"
            ),
        ],
        "documents": ["checklist-dorpsvisie"],
    },
    {
        "slug": "buurtbudget",
        "title": "Buurtbudget: bewoners beslissen over geld voor hun buurt",
        "kind": Kind.METHOD,
        "themes": ["bewonersparticipatie", "gebiedsgericht-werken"],
        "image": "subsidie",
        "introduction": (
            "De gemeente zet een bedrag apart voor een buurt. Bewoners bedenken plannen en kiezen zelf "
            "welke plannen het geld krijgen."
        ),
        "goal": "Bewoners krijgen echte invloed en voelen zich meer verantwoordelijk voor hun buurt.",
        "target_group": "Bewoners van een wijk of dorp; gemeenten die participatie willen versterken.",
        "approach": (
            "<p>De gemeente maakt bekend hoeveel geld er is en wat de regels zijn. Bewoners dienen "
            "plannen in. Daarna stemmen alle bewoners, online en op papier.</p>"
            "<ul><li>Een buurtteam van bewoners bewaakt het proces.</li>"
            "<li>De gemeente toetst alleen of een plan mag en kan.</li>"
            "<li>Gekozen plannen worden binnen een jaar uitgevoerd.</li></ul>"
        ),
        "working_elements": (
            "<ul><li>Echt geld en echte keuzes.</li><li>Stemmen op papier én online, zodat iedereen kan "
            "meedoen.</li><li>Snelle uitvoering, zodat mensen resultaat zien.</li></ul>"
        ),
        "conditions_and_costs": (
            "<p>Het budget zelf, plus begeleiding van het proces. Reken op een half jaar van start tot "
            "uitslag.</p>"
        ),
        "evidence_level": Evidence.EVALUATED_PILOT,
        "evidence_assessed_by": "Platform31",
        "evidence_assessed_on": datetime.date(2024, 4, 22),
        "organisation": "platform31",
        "year": 2022,
        "external_url": "https://www.platform31.nl",
        "sources": ["science", "practice", "lived_experience"],
        "last_reviewed": datetime.date(2025, 5, 5),
    },
    {
        "slug": "right-to-challenge",
        "title": "Right to Challenge: bewoners nemen een taak over",
        "kind": Kind.METHOD,
        "themes": ["bewonersparticipatie"],
        "image": "wijk",
        "introduction": (
            "Bewoners mogen de gemeente uitdagen: 'Wij kunnen dit beter of goedkoper.' Als hun plan goed "
            "is, krijgen ze de taak en het geld."
        ),
        "goal": "Bewoners krijgen ruimte om taken zelf uit te voeren, zoals groenonderhoud of vervoer.",
        "target_group": "Bewonersgroepen, dorpsraden en coöperaties.",
        "approach": (
            "<p>De gemeente legt in regels vast hoe een uitdaging werkt. Bewoners dienen een plan in. "
            "De gemeente beoordeelt het plan op kwaliteit, kosten en draagvlak.</p>"
        ),
        "working_elements": "<ul><li>Heldere spelregels vooraf.</li><li>Vertrouwen in bewoners.</li></ul>",
        "conditions_and_costs": (
            "<p>Een regeling in de gemeente en een ambtenaar die bewoners helpt. Het budget komt uit de "
            "bestaande begroting voor de taak.</p>"
        ),
        "evidence_level": Evidence.WELL_DESCRIBED,
        "evidence_assessed_by": "Platform31",
        "evidence_assessed_on": datetime.date(2021, 12, 13),
        "organisation": "platform31",
        "year": 2020,
        "external_url": "https://www.platform31.nl",
        "sources": ["practice"],
        "last_reviewed": datetime.date(2024, 12, 16),
    },
    {
        "slug": "waarderend-vragen",
        "title": "Waarderend vragen in bewonersgesprekken",
        "kind": Kind.TECHNIQUE,
        "themes": ["bewonersparticipatie", "gebiedsgericht-werken"],
        "image": "participatie",
        "introduction": (
            "Begin een gesprek met bewoners bij wat goed gaat, niet bij de problemen. Zo komen mensen "
            "met ideeën in plaats van klachten."
        ),
        "goal": "Gesprekken met bewoners die energie geven en leiden tot plannen.",
        "target_group": "Iedereen die bewonersavonden of gesprekken in de wijk organiseert.",
        "approach": (
            "<p>Stel vragen als: 'Wanneer was u trots op uw buurt?' en 'Wat zou u hier graag meer zien?' "
            "Schrijf de antwoorden zichtbaar op. Zoek samen naar wat al werkt en hoe het groter kan.</p>"
        ),
        "working_elements": "<ul><li>Positieve vragen.</li><li>Ideeën van bewoners zelf.</li></ul>",
        "conditions_and_costs": "<p>Een goede gespreksleider. Geen andere kosten.</p>",
        "evidence_level": Evidence.PRACTICE_EXAMPLE,
        "evidence_assessed_by": "",
        "evidence_assessed_on": None,
        "organisation": "han",
        "year": 2021,
        "external_url": "https://www.han.nl",
        "sources": ["science", "practice"],
        "last_reviewed": datetime.date(2024, 9, 30),
    },
    {
        "slug": "tafelgesprekken-winterswijk",
        "title": "Goed voorbeeld: tafelgesprekken in plaats van een inspraakavond",
        "kind": Kind.GOOD_PRACTICE,
        "themes": ["bewonersparticipatie"],
        "image": "leernetwerk",
        "municipality": "Winterswijk",
        "introduction": (
            "In plaats van een zaal met een spreker praten bewoners aan kleine tafels. Aan elke tafel zit "
            "een gespreksleider. Er komen meer en andere mensen."
        ),
        "goal": "Meer bewoners doen mee aan plannen voor hun buurt, ook mensen die anders niet komen.",
        "target_group": "Alle bewoners van een buurt.",
        "approach": (
            "<p>De gemeente nodigt bewoners persoonlijk uit, ook via de school en de sportclub. Aan elke "
            "tafel bespreken zes tot acht mensen één vraag. Aan het eind hangen de ideeën aan de "
            "muur.</p>"
        ),
        "working_elements": "<ul><li>Kleine groepen.</li><li>Persoonlijke uitnodiging.</li></ul>",
        "conditions_and_costs": (
            "<p>Gespreksleiders, een ruimte en koffie. De voorbereiding kost de meeste tijd.</p>"
        ),
        "evidence_level": Evidence.PRACTICE_EXAMPLE,
        "evidence_assessed_by": "",
        "evidence_assessed_on": None,
        "organisation": "gelderse-welzijnsorganisaties",
        "year": 2024,
        "external_url": "https://www.gelderland.nl",
        "sources": ["practice", "lived_experience"],
        "last_reviewed": datetime.date(2025, 6, 2),
    },
    {
        "slug": "platform-bewonersinitiatieven",
        "title": "Platform voor bewonersinitiatieven",
        "kind": Kind.PLATFORM,
        "themes": ["bewonersparticipatie", "sociale-infrastructuur"],
        "image": "pilot",
        "introduction": (
            "Een online plek waar bewonersgroepen voorbeelden, handleidingen en contact met andere "
            "initiatieven vinden."
        ),
        "goal": "Bewonersinitiatieven leren van elkaar en lopen minder snel vast.",
        "target_group": "Bewonersgroepen, dorpsraden en coöperaties.",
        "approach": (
            "<p>Het platform verzamelt vragen en antwoorden over geld, vergunningen en vrijwilligers. "
            "Initiatieven kunnen een vraag stellen aan een ervaren initiatiefnemer.</p>"
        ),
        "working_elements": (
            "<ul><li>Kennis van bewoners voor bewoners.</li><li>Persoonlijk contact.</li></ul>"
        ),
        "conditions_and_costs": "<p>Gratis voor bewonersgroepen.</p>",
        "evidence_level": Evidence.PRACTICE_EXAMPLE,
        "evidence_assessed_by": "",
        "evidence_assessed_on": None,
        "organisation": "leefbaarheidsalliantie-gelderland",
        "year": 2024,
        "external_url": "https://www.gelderland.nl",
        "sources": ["practice", "lived_experience"],
        "last_reviewed": datetime.date(2025, 3, 17),
    },
]
