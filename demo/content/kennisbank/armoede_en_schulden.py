"""Knowledge items on poverty and debt (armoede en schulden)."""

import datetime

from knowledge.models import KnowledgeItemPage

from ..blocks import paragraph

Kind = KnowledgeItemPage.Kind
Evidence = KnowledgeItemPage.EvidenceLevel

ITEMS = [
    {
        "slug": "vroegsignalering-schulden",
        "title": "Vroegsignalering van schulden",
        "kind": Kind.METHOD,
        "themes": ["armoede-en-schulden"],
        "image": "armoede",
        "introduction": (
            "Woningcorporaties, energiebedrijven, waterbedrijven en zorgverzekeraars melden "
            "betalingsachterstanden bij de gemeente. De gemeente biedt dan snel hulp aan."
        ),
        "goal": "Mensen krijgen hulp voordat een kleine achterstand een grote schuld wordt.",
        "target_group": (
            "Huishoudens met een betalingsachterstand bij huur, energie, water of zorgverzekering."
        ),
        "approach": (
            "<p>Sinds 2021 geven deze partijen achterstanden door aan de gemeente. De gemeente "
            "neemt binnen korte tijd contact op.</p>"
            "<ul><li>Eerst een brief of kaartje, daarna een telefoontje.</li>"
            "<li>Lukt dat niet? Dan gaat een medewerker langs.</li>"
            "<li>Samen kijken ze wat er nodig is: een regeling, uitleg of schuldhulp.</li></ul>"
        ),
        "working_elements": (
            "<ul><li>Snel reageren na het signaal.</li>"
            "<li>Een vriendelijke, persoonlijke benadering zonder oordeel.</li>"
            "<li>Aan huis komen als mensen niet reageren.</li></ul>"
        ),
        "conditions_and_costs": (
            "<p>De gemeente heeft afspraken nodig met de melders en een team dat de signalen opvolgt. "
            "De kosten hangen af van het aantal signalen; huisbezoeken kosten de meeste tijd.</p>"
        ),
        "evidence_level": Evidence.WELL_FOUNDED,
        "evidence_assessed_by": "Erkenningscommissie Interventies",
        "evidence_assessed_on": datetime.date(2023, 9, 18),
        "organisation": "movisie",
        "year": 2021,
        "external_url": "https://www.movisie.nl",
        "sources": ["science", "practice"],
        "last_reviewed": datetime.date(2025, 3, 24),
    },
    {
        "slug": "thuisadministratie",
        "title": "Thuisadministratie: een vrijwilliger helpt met de post",
        "kind": Kind.METHOD,
        "themes": ["armoede-en-schulden"],
        "image": "wijk",
        "introduction": (
            "Een getrainde vrijwilliger komt een paar maanden bij iemand thuis en helpt de "
            "administratie op orde te brengen. Het doel is dat iemand het daarna zelf kan."
        ),
        "goal": "Deelnemers houden overzicht over hun geld en post, en voorkomen nieuwe schulden.",
        "target_group": "Mensen die moeite hebben met hun administratie, met of zonder schulden.",
        "approach": (
            "<p>Vrijwilliger en deelnemer spreken elke week of om de week af. Ze ordenen de post, "
            "maken een overzicht van inkomsten en uitgaven en regelen toeslagen.</p>"
        ),
        "working_elements": (
            "<ul><li>Naast iemand gaan zitten in plaats van het over te nemen.</li>"
            "<li>Een vertrouwensrelatie met één vaste vrijwilliger.</li>"
            "<li>Goede training en begeleiding van de vrijwilligers.</li></ul>"
        ),
        "conditions_and_costs": (
            "<p>Een organisatie met een coördinator die vrijwilligers werft, traint en begeleidt. "
            "Vrijwilligers hebben een verklaring omtrent het gedrag (VOG) nodig.</p>"
        ),
        "evidence_level": Evidence.EFFECTIVE,
        "evidence_assessed_by": "Erkenningscommissie Interventies",
        "evidence_assessed_on": datetime.date(2022, 2, 7),
        "organisation": "gelderse-welzijnsorganisaties",
        "year": 2019,
        "external_url": "https://www.movisie.nl",
        "sources": ["science", "practice"],
        "last_reviewed": datetime.date(2025, 1, 13),
    },
    {
        "slug": "armoedebeleid-met-ervaringsdeskundigen",
        "title": "Stappenplan: armoedebeleid maken met ervaringsdeskundigen",
        "kind": Kind.STEP_PLAN,
        "themes": ["armoede-en-schulden", "bewonersparticipatie"],
        "image": "participatie",
        "introduction": (
            "Mensen die zelf armoede hebben meegemaakt, zien wat beleid in het echt doet. In zes "
            "stappen maakt u hen vaste partner bij uw armoedebeleid."
        ),
        "goal": "Armoedebeleid dat beter aansluit bij het leven van mensen met weinig geld.",
        "target_group": "Beleidsmedewerkers armoede en schulden bij gemeenten.",
        "approach": (
            "<ol><li>Bepaal waarover ervaringsdeskundigen meepraten, en waarover niet.</li>"
            "<li>Zoek mensen via organisaties die zij al vertrouwen.</li>"
            "<li>Regel een vergoeding en reiskosten.</li>"
            "<li>Geef uitleg over hoe beleid werkt, in gewone taal.</li>"
            "<li>Laat zien wat u met hun advies doet.</li>"
            "<li>Kijk elk jaar samen terug.</li></ol>"
        ),
        "working_elements": (
            "<ul><li>Gelijkwaardigheid: hun kennis telt net zo zwaar als die van experts.</li>"
            "<li>Een vergoeding die de uitkering niet in gevaar brengt.</li></ul>"
        ),
        "conditions_and_costs": (
            "<p>Tijd van een beleidsmedewerker en een budget voor vergoedingen. Let op: een vergoeding "
            "kan gevolgen hebben voor een uitkering. Zoek dit vooraf uit.</p>"
        ),
        "evidence_level": Evidence.WELL_DESCRIBED,
        "evidence_assessed_by": "Erkenningscommissie Interventies",
        "evidence_assessed_on": datetime.date(2023, 1, 30),
        "organisation": "pharos",
        "year": 2022,
        "external_url": "https://www.pharos.nl",
        "sources": ["practice", "lived_experience"],
        "last_reviewed": datetime.date(2024, 12, 2),
    },
    {
        "slug": "gesprek-over-geldzorgen",
        "title": "Het gesprek over geldzorgen: vragen die helpen",
        "kind": Kind.TECHNIQUE,
        "themes": ["armoede-en-schulden"],
        "image": "armoede",
        "introduction": (
            "Over geld praten is voor veel mensen lastig. Met de juiste vragen en woorden maakt u het "
            "gesprek makkelijker."
        ),
        "goal": "Medewerkers herkennen geldzorgen en bespreken ze zonder dat iemand zich schaamt.",
        "target_group": "Wijkteams, consulenten werk en inkomen, huisartsen en leerkrachten.",
        "approach": (
            "<p>Vraag naar stress en zorgen, niet meteen naar schulden. Bijvoorbeeld: 'Ligt u wakker "
            "van geld?' Leg uit dat veel mensen dit meemaken. Bied één concrete volgende stap aan.</p>"
        ),
        "working_elements": (
            "<ul><li>Normaliseren: het overkomt veel mensen.</li>"
            "<li>Eenvoudige taal, zonder vaktermen.</li>"
            "<li>Een warme overdracht naar hulp.</li></ul>"
        ),
        "conditions_and_costs": "<p>Een korte training of intervisie. Geen andere kosten.</p>",
        "evidence_level": Evidence.PRACTICE_EXAMPLE,
        "evidence_assessed_by": "",
        "evidence_assessed_on": None,
        "organisation": "nibud",
        "year": 2023,
        "external_url": "https://www.nibud.nl",
        "sources": ["practice", "lived_experience"],
        "last_reviewed": datetime.date(2025, 2, 17),
    },
    {
        "slug": "rekenhulp-vaste-lasten",
        "title": "Rekenhulp: wat blijft er over na de vaste lasten?",
        "kind": Kind.TOOL,
        "themes": ["armoede-en-schulden"],
        "image": "monitor",
        "introduction": (
            "Met een eenvoudige rekenhulp ziet u hoeveel geld een huishouden overhoudt na huur, energie "
            "en andere vaste lasten. Handig bij het maken van beleid en in gesprekken met inwoners."
        ),
        "goal": "Inzicht in wat huishoudens met een laag inkomen echt te besteden hebben.",
        "target_group": "Beleidsmedewerkers, schuldhulpverleners en vrijwilligers.",
        "approach": (
            "<p>U vult het inkomen en de vaste lasten in. De rekenhulp laat zien wat er overblijft "
            "voor eten, kleding en andere uitgaven. U kunt verschillende situaties vergelijken.</p>"
        ),
        "working_elements": (
            "<ul><li>Concreet en snel.</li><li>Maakt verschillen tussen huishoudens zichtbaar.</li></ul>"
        ),
        "conditions_and_costs": "<p>Online te gebruiken. Let op dat de bedragen elk jaar veranderen.</p>",
        "evidence_level": Evidence.PRACTICE_EXAMPLE,
        "evidence_assessed_by": "",
        "evidence_assessed_on": None,
        "organisation": "nibud",
        "year": 2024,
        "external_url": "https://www.nibud.nl",
        "sources": ["science", "practice"],
        "last_reviewed": datetime.date(2025, 4, 1),
    },
    {
        "slug": "geldcafe-tiel",
        "title": "Goed voorbeeld: het geldcafé in de bibliotheek",
        "kind": Kind.GOOD_PRACTICE,
        "themes": ["armoede-en-schulden", "gebiedsgericht-werken"],
        "image": "nieuws",
        "municipality": "Tiel",
        "introduction": (
            "Elke week kunnen inwoners zonder afspraak binnenlopen met vragen over geld en post. "
            "Vrijwilligers en een schuldhulpverlener helpen direct."
        ),
        "goal": "Een plek dichtbij waar inwoners zonder drempel hulp krijgen bij geldvragen.",
        "target_group": "Alle inwoners met vragen over geld, post, toeslagen of formulieren.",
        "approach": (
            "<p>Het geldcafé zit in de bibliotheek, een plek waar iedereen zonder reden mag komen. Er is "
            "koffie. Vrijwilligers helpen met formulieren; een professional is erbij voor moeilijke "
            "vragen.</p>"
        ),
        "working_elements": (
            "<ul><li>Geen afspraak nodig.</li><li>Een neutrale, vertrouwde plek.</li>"
            "<li>Vrijwilligers en professionals samen.</li></ul>"
        ),
        "conditions_and_costs": (
            "<p>Een ruimte in de bibliotheek, vijf tot tien vrijwilligers en een paar uur per week van "
            "een schuldhulpverlener.</p>"
        ),
        "evidence_level": Evidence.PRACTICE_EXAMPLE,
        "evidence_assessed_by": "",
        "evidence_assessed_on": None,
        "organisation": "gelderse-welzijnsorganisaties",
        "year": 2023,
        "external_url": "https://www.gelderland.nl",
        "sources": ["practice"],
        "last_reviewed": datetime.date(2025, 5, 6),
        "body": [
            paragraph(
                "<p>Bezoekers zeggen dat de bibliotheek voelt als een gewone plek. 'Niemand ziet waarom "
                "je er bent,' zegt een bezoeker.</p>"
            ),
        ],
    },
]
