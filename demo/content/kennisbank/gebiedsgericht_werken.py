"""Knowledge items on area-based working (gebiedsgericht werken)."""

import datetime

from knowledge.models import KnowledgeItemPage

Kind = KnowledgeItemPage.Kind
Evidence = KnowledgeItemPage.EvidenceLevel

ITEMS = [
    {
        "slug": "gebiedsgericht-werken-in-vijf-stappen",
        "title": "Gebiedsgericht werken in vijf stappen",
        "kind": Kind.STEP_PLAN,
        "themes": ["gebiedsgericht-werken"],
        "image": "gebied",
        "introduction": (
            "Van een beeld van de wijk naar een plan dat gemeente, partners en bewoners samen uitvoeren. "
            "Vijf stappen, met vragen die u bij elke stap kunt stellen."
        ),
        "goal": "Eén gedeeld plan per gebied, gedragen door bewoners en partners.",
        "target_group": "Gebiedsregisseurs, wijkmanagers en beleidsmedewerkers.",
        "approach": (
            "<ol><li>Breng het gebied in beeld met cijfers en verhalen.</li>"
            "<li>Bepaal samen met bewoners wat het belangrijkst is.</li>"
            "<li>Spreek af wie wat doet en wie betaalt.</li>"
            "<li>Begin klein en laat snel iets zien.</li>"
            "<li>Kijk elk halfjaar terug en stel bij.</li></ol>"
        ),
        "working_elements": (
            "<ul><li>Een vaste gebiedsregisseur als aanspreekpunt.</li>"
            "<li>Gedeelde doelen over de grenzen van organisaties heen.</li>"
            "<li>Lange adem: reken op jaren, niet op maanden.</li></ul>"
        ),
        "conditions_and_costs": (
            "<p>Een gebiedsregisseur en ruimte in de budgetten van partners. Het vraagt ook dat "
            "afdelingen van de gemeente samenwerken.</p>"
        ),
        "evidence_level": Evidence.WELL_DESCRIBED,
        "evidence_assessed_by": "Platform31",
        "evidence_assessed_on": datetime.date(2022, 5, 16),
        "organisation": "platform31",
        "year": 2022,
        "external_url": "https://www.platform31.nl",
        "sources": ["science", "practice"],
        "last_reviewed": datetime.date(2025, 3, 10),
    },
    {
        "slug": "wijkscan",
        "title": "Wijkscan: de buurt in beeld met cijfers en verhalen",
        "kind": Kind.TOOL,
        "themes": ["gebiedsgericht-werken"],
        "image": "monitor",
        "introduction": (
            "De wijkscan combineert cijfers over een buurt met wat bewoners en professionals vertellen. "
            "Zo ziet u wat er echt speelt."
        ),
        "goal": "Een gedeeld en compleet beeld van een wijk of dorp, als basis voor een plan.",
        "target_group": "Gemeenten, woningcorporaties en welzijnsorganisaties.",
        "approach": (
            "<p>U verzamelt cijfers, bijvoorbeeld uit de Monitor Gelders Welbevinden. Daarna houdt u "
            "gesprekken op straat, in het buurthuis en met professionals. Alles komt samen in één "
            "overzicht van een paar pagina's.</p>"
        ),
        "working_elements": (
            "<ul><li>Cijfers én verhalen.</li><li>Professionals en bewoners kijken samen naar de "
            "uitkomst.</li></ul>"
        ),
        "conditions_and_costs": "<p>Ongeveer twee tot vier weken werk voor één wijk.</p>",
        "evidence_level": Evidence.PRACTICE_EXAMPLE,
        "evidence_assessed_by": "",
        "evidence_assessed_on": None,
        "organisation": "platform31",
        "year": 2023,
        "external_url": "https://www.platform31.nl",
        "sources": ["science", "practice", "lived_experience"],
        "last_reviewed": datetime.date(2025, 4, 7),
    },
    {
        "slug": "wijktafel",
        "title": "De wijktafel: bewoners en professionals aan één tafel",
        "kind": Kind.METHOD,
        "themes": ["gebiedsgericht-werken", "bewonersparticipatie"],
        "image": "participatie",
        "introduction": (
            "Elke maand zitten bewoners, wijkteam, corporatie en politie samen aan tafel. Ze bespreken "
            "wat er speelt en spreken af wie wat oppakt."
        ),
        "goal": "Signalen uit de wijk snel oppakken, met bewoners als volwaardige partner.",
        "target_group": "Wijken met veel verschillende partners en vragen.",
        "approach": (
            "<p>Een onafhankelijke voorzitter leidt het gesprek. Bewoners brengen onderwerpen in. Elke "
            "afspraak krijgt een naam en een datum. De volgende keer kijkt de tafel of het gelukt "
            "is.</p>"
        ),
        "working_elements": (
            "<ul><li>Vaste deelnemers, zodat mensen elkaar leren kennen.</li>"
            "<li>Afspraken worden altijd nagelopen.</li>"
            "<li>Bewoners zetten onderwerpen op de agenda.</li></ul>"
        ),
        "conditions_and_costs": (
            "<p>Een voorzitter en een secretaris, een ruimte in de wijk, en partners die tijd vrijmaken.</p>"
        ),
        "evidence_level": Evidence.EVALUATED_PILOT,
        "evidence_assessed_by": "Hogeschool van Arnhem en Nijmegen (HAN)",
        "evidence_assessed_on": datetime.date(2024, 2, 12),
        "organisation": "han",
        "year": 2023,
        "external_url": "https://www.han.nl",
        "sources": ["science", "practice", "lived_experience"],
        "last_reviewed": datetime.date(2025, 5, 26),
    },
    {
        "slug": "leefbaarheid-in-kleine-kernen",
        "title": "Leefbaarheid in kleine kernen: wat werkt?",
        "kind": Kind.PUBLICATION,
        "themes": ["gebiedsgericht-werken", "sociale-infrastructuur"],
        "image": "hero",
        "introduction": (
            "Een overzicht van onderzoek naar leefbaarheid in dorpen. Wat maakt dat mensen graag in een "
            "klein dorp blijven wonen?"
        ),
        "goal": "Gemeenten en dorpen helpen om te kiezen waar ze hun energie in steken.",
        "target_group": "Gemeenten met kleine kernen, dorpsraden en provincies.",
        "approach": (
            "<p>De publicatie vat onderzoek samen over voorzieningen, bereikbaarheid, wonen en "
            "gemeenschapszin. Ze laat zien dat sociale contacten vaak belangrijker zijn dan het aantal "
            "voorzieningen.</p>"
        ),
        "working_elements": (
            "<ul><li>Actieve bewoners en verenigingen.</li><li>Een plek om elkaar te ontmoeten.</li>"
            "<li>Woningen voor jong en oud.</li></ul>"
        ),
        "conditions_and_costs": "<p>Gratis te lezen.</p>",
        "evidence_level": Evidence.PRACTICE_EXAMPLE,
        "evidence_assessed_by": "",
        "evidence_assessed_on": None,
        "organisation": "wageningen-university-research",
        "year": 2021,
        "external_url": "https://www.wur.nl",
        "sources": ["science"],
        "last_reviewed": datetime.date(2024, 10, 14),
    },
    {
        "slug": "buurtaanpak-zutphen",
        "title": "Goed voorbeeld: één buurtteam voor de hele wijk",
        "kind": Kind.GOOD_PRACTICE,
        "themes": ["gebiedsgericht-werken", "armoede-en-schulden"],
        "image": "wijk",
        "municipality": "Zutphen",
        "introduction": (
            "Gemeente, corporatie en welzijn werken in één wijk vanuit één kantoor. Bewoners hebben één "
            "aanspreekpunt voor al hun vragen."
        ),
        "goal": "Bewoners sneller en beter helpen, zonder dat ze van loket naar loket moeten.",
        "target_group": "Bewoners van een wijk met veel vragen over geld, wonen en gezondheid.",
        "approach": (
            "<p>Medewerkers van verschillende organisaties zitten samen in een pand in de wijk. Ze "
            "bespreken elke week samen de lastigste vragen. Bewoners kunnen zonder afspraak "
            "binnenlopen.</p>"
        ),
        "working_elements": (
            "<ul><li>Eén plek, één aanspreekpunt.</li><li>Korte lijnen tussen organisaties.</li></ul>"
        ),
        "conditions_and_costs": (
            "<p>Een pand in de wijk en afspraken tussen organisaties over tijd en geld.</p>"
        ),
        "evidence_level": Evidence.PRACTICE_EXAMPLE,
        "evidence_assessed_by": "",
        "evidence_assessed_on": None,
        "organisation": "gelderse-woningcorporaties",
        "year": 2024,
        "external_url": "https://www.gelderland.nl",
        "sources": ["practice"],
        "last_reviewed": datetime.date(2025, 5, 19),
    },
    {
        "slug": "databank-effectieve-sociale-interventies",
        "title": "Databank Effectieve sociale interventies",
        "kind": Kind.PLATFORM,
        "themes": ["gebiedsgericht-werken", "eenzaamheid", "armoede-en-schulden"],
        "image": "kennis",
        "introduction": (
            "Een online databank met sociale aanpakken en wat er bekend is over hun werking. Handig om "
            "te vergelijken voordat u een keuze maakt."
        ),
        "goal": "Gemeenten en organisaties kiezen aanpakken waarvan bekend is dat ze werken.",
        "target_group": "Beleidsmedewerkers, welzijnsorganisaties en professionals in het sociaal domein.",
        "approach": (
            "<p>U zoekt op onderwerp of doelgroep. Bij elke aanpak staat een beschrijving en het oordeel "
            "van een onafhankelijke commissie.</p>"
        ),
        "working_elements": "<ul><li>Onafhankelijke beoordeling.</li><li>Eén plek om te zoeken.</li></ul>",
        "conditions_and_costs": "<p>Gratis te gebruiken.</p>",
        "evidence_level": Evidence.PRACTICE_EXAMPLE,
        "evidence_assessed_by": "",
        "evidence_assessed_on": None,
        "organisation": "movisie",
        "year": 2018,
        "external_url": "https://www.movisie.nl",
        "sources": ["science", "practice"],
        "last_reviewed": datetime.date(2025, 1, 27),
    },
]
