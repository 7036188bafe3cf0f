"""Knowledge items on social infrastructure: village halls, community centres, volunteers, councils."""

import datetime

from knowledge.models import KnowledgeItemPage

from ..blocks import image, paragraph

Kind = KnowledgeItemPage.Kind
Evidence = KnowledgeItemPage.EvidenceLevel

ITEMS = [
    {
        "slug": "ontmoeten-in-het-dorpshuis",
        "title": "Ontmoeten in het dorpshuis",
        "kind": Kind.METHOD,
        "themes": ["sociale-infrastructuur", "eenzaamheid"],
        "image": "dorpshuis",
        "introduction": (
            "Het dorpshuis wordt de huiskamer van het dorp: een plek met vaste openingstijden, koffie "
            "en activiteiten die bewoners zelf bedenken."
        ),
        "goal": "Meer dorpsgenoten ontmoeten elkaar, en het dorpshuis heeft een stevige toekomst.",
        "target_group": "Besturen van dorpshuizen, dorpsraden en gemeenten met kleine kernen.",
        "approach": (
            "<p>Het bestuur vraagt dorpsgenoten wat zij in het dorpshuis willen doen. Daarna komt er "
            "een vaste 'huiskamerochtend' en een jaarprogramma met activiteiten van bewoners.</p>"
            "<ul><li>Een gastvrouw of gastheer ontvangt bezoekers.</li>"
            "<li>Verenigingen, zorg en school gebruiken het gebouw ook.</li>"
            "<li>Eén keer per jaar kijkt het bestuur samen met het dorp terug.</li></ul>"
        ),
        "working_elements": (
            "<ul><li>Vaste tijden, zodat mensen weten wanneer ze kunnen binnenlopen.</li>"
            "<li>Activiteiten die uit het dorp zelf komen.</li>"
            "<li>Meerdere gebruikers, dus meer inkomsten en meer ontmoeting.</li></ul>"
        ),
        "conditions_and_costs": (
            "<p>Een gebouw met een bruikbare ruimte en een groep vrijwilligers. Voor de start helpt "
            "een kleine subsidie voor inrichting en een begeleider voor een paar maanden.</p>"
        ),
        "evidence_level": Evidence.EVALUATED_PILOT,
        "evidence_assessed_by": "Wageningen University & Research",
        "evidence_assessed_on": datetime.date(2023, 11, 20),
        "organisation": "wageningen-university-research",
        "year": 2023,
        "external_url": "https://www.wur.nl",
        "sources": ["science", "practice", "lived_experience"],
        "last_reviewed": datetime.date(2025, 4, 28),
        "body": [
            image(
                "infrastructuur",
                "Tekening van huizen met puntdaken langs een straat.",
                "Het dorpshuis als middelpunt van het dorp.",
            ),
        ],
    },
    {
        "slug": "toekomstbestendig-dorpshuis",
        "title": "Stappenplan: een toekomstbestendig dorpshuis",
        "kind": Kind.STEP_PLAN,
        "themes": ["sociale-infrastructuur"],
        "image": "infrastructuur",
        "introduction": (
            "Hoge energiekosten, minder vrijwilligers, een oud gebouw: veel dorpshuizen staan onder "
            "druk. In vijf stappen maakt u een plan voor de komende tien jaar."
        ),
        "goal": "Het bestuur weet wat er nodig is om het dorpshuis open te houden, en wie daarbij helpt.",
        "target_group": "Besturen van dorpshuizen en wijkaccommodaties, en de gemeente.",
        "approach": (
            "<ol><li>Breng de cijfers in kaart: kosten, inkomsten, gebruik.</li>"
            "<li>Vraag het dorp wat het dorpshuis voor hen betekent.</li>"
            "<li>Bekijk het gebouw: wat kan zuiniger of slimmer?</li>"
            "<li>Zoek nieuwe gebruikers en partners.</li>"
            "<li>Maak afspraken met de gemeente over steun.</li></ol>"
        ),
        "working_elements": "<ul><li>Eerlijke cijfers.</li><li>Het dorp denkt mee.</li></ul>",
        "conditions_and_costs": (
            "<p>Tijd van het bestuur en soms een adviseur voor het gebouw. Veel provincies en "
            "gemeenten hebben hier regelingen voor.</p>"
        ),
        "evidence_level": Evidence.PRACTICE_EXAMPLE,
        "evidence_assessed_by": "",
        "evidence_assessed_on": None,
        "organisation": "vereniging-kleine-kernen-gelderland",
        "year": 2024,
        "external_url": "https://www.gelderland.nl",
        "sources": ["practice"],
        "last_reviewed": datetime.date(2025, 5, 12),
    },
    {
        "slug": "vrijwilligers-werven-met-een-persoonlijke-vraag",
        "title": "Vrijwilligers werven met een persoonlijke vraag",
        "kind": Kind.TECHNIQUE,
        "themes": ["sociale-infrastructuur"],
        "image": "participatie",
        "introduction": (
            "Een oproep in de krant levert weinig op. Mensen persoonlijk vragen voor een concrete, korte "
            "klus werkt veel beter."
        ),
        "goal": "Meer en nieuwe vrijwilligers voor dorpshuizen, verenigingen en buurtinitiatieven.",
        "target_group": "Vrijwilligersorganisaties, dorpshuisbesturen en vrijwilligerscentrales.",
        "approach": (
            "<p>Maak een lijst van klussen die in een paar uur klaar zijn. Vraag iemand persoonlijk, "
            "en zeg waarom u juist aan hem of haar denkt. Bedank mensen zichtbaar.</p>"
        ),
        "working_elements": (
            "<ul><li>Een persoonlijke vraag.</li><li>Een duidelijke, korte klus.</li>"
            "<li>Waardering achteraf.</li></ul>"
        ),
        "conditions_and_costs": (
            "<p>Geen kosten. Wel een overzicht van klussen en iemand die mensen aanspreekt.</p>"
        ),
        "evidence_level": Evidence.WELL_DESCRIBED,
        "evidence_assessed_by": "Erkenningscommissie Interventies",
        "evidence_assessed_on": datetime.date(2022, 9, 26),
        "organisation": "movisie",
        "year": 2021,
        "external_url": "https://www.movisie.nl",
        "sources": ["science", "practice"],
        "last_reviewed": datetime.date(2024, 11, 25),
    },
    {
        "slug": "quickscan-wijkaccommodatie",
        "title": "Quickscan wijkaccommodatie",
        "kind": Kind.TOOL,
        "themes": ["sociale-infrastructuur", "gebiedsgericht-werken"],
        "image": "monitor",
        "introduction": (
            "Met twintig vragen ziet u in een uur hoe een wijkgebouw ervoor staat: gebruik, kosten, "
            "toegankelijkheid en vrijwilligers."
        ),
        "goal": "Gemeente en bestuur krijgen snel een gedeeld beeld van een wijkaccommodatie.",
        "target_group": "Gemeenten, besturen van wijkcentra en welzijnsorganisaties.",
        "approach": (
            "<p>Bestuur en gemeente vullen de vragenlijst samen in. De uitkomst is een overzicht met "
            "sterke punten en aandachtspunten, en een begin voor het gesprek over de toekomst.</p>"
        ),
        "working_elements": "<ul><li>Samen invullen.</li><li>Kort genoeg om echt te doen.</li></ul>",
        "conditions_and_costs": (
            "<p>Gratis. Reken op een uur voor het invullen en een uur voor het gesprek.</p>"
        ),
        "evidence_level": Evidence.PRACTICE_EXAMPLE,
        "evidence_assessed_by": "",
        "evidence_assessed_on": None,
        "organisation": "platform31",
        "year": 2023,
        "external_url": "https://www.platform31.nl",
        "sources": ["practice"],
        "last_reviewed": datetime.date(2025, 1, 6),
    },
    {
        "slug": "dorps-en-wijkraden",
        "title": "Dorps- en wijkraden: rol en werkwijze",
        "kind": Kind.PUBLICATION,
        "themes": ["sociale-infrastructuur", "bewonersparticipatie"],
        "image": "gebied",
        "introduction": (
            "Wat doet een dorps- of wijkraad, en hoe werkt u er als gemeente goed mee samen? Deze "
            "publicatie zet het op een rij."
        ),
        "goal": (
            "Heldere afspraken tussen raden en gemeente, zodat beide weten wat ze van elkaar kunnen "
            "verwachten."
        ),
        "target_group": "Leden van dorps- en wijkraden, en ambtenaren en bestuurders van gemeenten.",
        "approach": (
            "<p>De publicatie beschrijft verschillende vormen: van een informele groep tot een "
            "vereniging met een eigen budget. Ze geeft voorbeelden van afspraken over overleg, geld en "
            "inspraak.</p>"
        ),
        "working_elements": (
            "<ul><li>Duidelijke rollen.</li><li>Regelmatig overleg met een vaste contactpersoon bij de "
            "gemeente.</li></ul>"
        ),
        "conditions_and_costs": "<p>Gratis te lezen.</p>",
        "evidence_level": Evidence.PRACTICE_EXAMPLE,
        "evidence_assessed_by": "",
        "evidence_assessed_on": None,
        "organisation": "vereniging-kleine-kernen-gelderland",
        "year": 2021,
        "external_url": "https://www.gelderland.nl",
        "sources": ["practice", "lived_experience"],
        "last_reviewed": datetime.date(2024, 7, 15),
    },
    {
        "slug": "multifunctioneel-dorpshuis-berkelland",
        "title": "Goed voorbeeld: school, zorg en dorpshuis onder één dak",
        "kind": Kind.GOOD_PRACTICE,
        "themes": ["sociale-infrastructuur", "gebiedsgericht-werken"],
        "image": "subsidie",
        "municipality": "Berkelland",
        "introduction": (
            "In een klein dorp delen de basisschool, de huisarts en het dorpshuis één gebouw. Dat "
            "scheelt kosten en mensen zien elkaar vaker."
        ),
        "goal": "Voorzieningen in het dorp houden, ook nu er minder kinderen en inwoners zijn.",
        "target_group": "Alle inwoners van het dorp.",
        "approach": (
            "<p>Dorpsraad, school, zorg en gemeente maakten samen een plan. Het gebouw heeft een "
            "gedeelde hal met koffie, waar ouders, patiënten en bezoekers elkaar tegenkomen.</p>"
        ),
        "working_elements": (
            "<ul><li>Een gedeelde ontmoetingsruimte.</li><li>Eén beheerder voor het hele gebouw.</li></ul>"
        ),
        "conditions_and_costs": (
            "<p>Een grote investering. Goede afspraken over huur, beheer en schoonmaak zijn nodig "
            "voordat de bouw begint.</p>"
        ),
        "evidence_level": Evidence.PRACTICE_EXAMPLE,
        "evidence_assessed_by": "",
        "evidence_assessed_on": None,
        "organisation": "vereniging-kleine-kernen-gelderland",
        "year": 2022,
        "external_url": "https://www.gelderland.nl",
        "sources": ["practice"],
        "last_reviewed": datetime.date(2025, 2, 24),
        "body": [
            paragraph(
                "<p>'Vroeger reden we voor alles naar de stad. Nu is het dorp weer een plek waar je "
                "elkaar tegenkomt,' zegt een lid van de dorpsraad.</p>"
            ),
        ],
    },
]
