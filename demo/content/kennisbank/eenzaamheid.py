"""Knowledge items on loneliness (eenzaamheid)."""

import datetime

from knowledge.models import KnowledgeItemPage

from ..blocks import heading, paragraph, quote

Kind = KnowledgeItemPage.Kind
Evidence = KnowledgeItemPage.EvidenceLevel

ITEMS = [
    {
        "slug": "buurtcirkel",
        "title": "Buurtcirkel: samen sterker in de buurt",
        "kind": Kind.METHOD,
        "themes": ["eenzaamheid", "sociale-infrastructuur"],
        "image": "eenzaamheid",
        "introduction": (
            "In een buurtcirkel helpen buurtbewoners elkaar. Een vrijwilliger of begeleider zorgt dat "
            "de groep goed loopt."
        ),
        "goal": (
            "Mensen die wat extra steun nodig hebben, vinden hulp en contact bij buren in hun eigen wijk."
        ),
        "target_group": (
            "Volwassenen die zelfstandig wonen en een kleine hulpvraag hebben, bijvoorbeeld door een "
            "beperking, psychische klachten of weinig contacten."
        ),
        "approach": (
            "<p>Acht tot tien bewoners uit dezelfde buurt vormen samen een cirkel. Ze spreken elke "
            "maand af en helpen elkaar met kleine dingen.</p>"
            "<ul><li>Een begeleider start de groep en komt later steeds minder vaak.</li>"
            "<li>Iedereen brengt iets in: de een kan koken, de ander kan helpen met de computer.</li>"
            "<li>De groep zoekt zelf contact met de buurt, zoals de bakker of het buurthuis.</li></ul>"
        ),
        "working_elements": (
            "<ul><li>Mensen zijn niet alleen ontvanger, maar ook gever.</li>"
            "<li>Vaste gezichten en een vast ritme geven houvast.</li>"
            "<li>De buurt om de groep heen doet mee.</li></ul>"
        ),
        "conditions_and_costs": (
            "<p>U hebt een begeleider nodig voor ongeveer vier uur per week per cirkel, in het eerste "
            "jaar. Daarna minder. Een ruimte om af te spreken is vaak gratis, bijvoorbeeld in een "
            "buurthuis.</p>"
        ),
        "evidence_level": Evidence.WELL_FOUNDED,
        "evidence_assessed_by": "Erkenningscommissie Interventies",
        "evidence_assessed_on": datetime.date(2021, 3, 15),
        "organisation": "movisie",
        "year": 2019,
        "external_url": "https://www.movisie.nl",
        "sources": ["science", "practice", "lived_experience"],
        "last_reviewed": datetime.date(2025, 2, 10),
        "body": [
            heading("Wat zeggen deelnemers?"),
            quote(
                "Vroeger durfde ik niemand iets te vragen. Nu weet ik wie ik kan bellen.",
                "Deelnemer aan een buurtcirkel",
            ),
        ],
    },
    {
        "slug": "maatjesproject",
        "title": "Maatjesproject: een vast maatje voor wie er alleen voor staat",
        "kind": Kind.METHOD,
        "themes": ["eenzaamheid"],
        "image": "participatie",
        "introduction": (
            "Een vrijwilliger en een deelnemer spreken een tijd lang regelmatig af. Ze doen samen "
            "dingen die ze allebei leuk vinden."
        ),
        "goal": "Deelnemers voelen zich minder eenzaam en bouwen weer een eigen netwerk op.",
        "target_group": (
            "Mensen die weinig contacten hebben, bijvoorbeeld na een verhuizing, scheiding of overlijden."
        ),
        "approach": (
            "<p>Een coördinator kiest samen met de deelnemer een maatje dat goed past. Ze spreken af "
            "voor een vaste periode, vaak een jaar.</p>"
            "<ul><li>Eerst een kennismakingsgesprek met beide personen.</li>"
            "<li>Daarna elke week of om de week een afspraak.</li>"
            "<li>De coördinator belt regelmatig hoe het gaat.</li>"
            "<li>Aan het eind kijken ze samen terug: wat heeft het opgeleverd?</li></ul>"
        ),
        "working_elements": (
            "<ul><li>Een goede match op interesses en karakter.</li>"
            "<li>Een duidelijk begin en einde, zodat niemand zich gebonden voelt.</li>"
            "<li>Steun en scholing voor de vrijwilligers.</li></ul>"
        ),
        "conditions_and_costs": (
            "<p>Een coördinator voor ongeveer 16 uur per week kan zo'n 30 koppels begeleiden. Reken "
            "daarnaast op een klein budget voor scholing en onkosten van vrijwilligers.</p>"
        ),
        "evidence_level": Evidence.EFFECTIVE,
        "evidence_assessed_by": "Erkenningscommissie Interventies",
        "evidence_assessed_on": datetime.date(2020, 11, 2),
        "organisation": "movisie",
        "year": 2018,
        "external_url": "https://www.movisie.nl",
        "sources": ["science", "practice"],
        "last_reviewed": datetime.date(2025, 1, 20),
    },
    {
        "slug": "welzijn-op-recept",
        "title": "Welzijn op Recept",
        "kind": Kind.METHOD,
        "themes": ["eenzaamheid", "covid-19-en-sociale-verbondenheid"],
        "image": "leernetwerk",
        "introduction": (
            "De huisarts verwijst mensen met klachten zonder medische oorzaak door naar een "
            "welzijnscoach. Samen zoeken ze een activiteit die energie geeft."
        ),
        "goal": "Mensen met psychosociale klachten voelen zich beter en gaan minder vaak naar de huisarts.",
        "target_group": (
            "Volwassenen die vaak bij de huisarts komen met klachten zoals somberheid, stress of eenzaamheid."
        ),
        "approach": (
            "<p>De huisarts of praktijkondersteuner geeft een 'recept' voor welzijn. Een welzijnscoach "
            "nodigt de persoon uit voor een gesprek.</p>"
            "<ul><li>Samen zoeken ze wat de persoon leuk vindt of vroeger graag deed.</li>"
            "<li>De coach helpt bij de eerste stap naar een activiteit, zoals tuinieren of zingen.</li>"
            "<li>Na een paar maanden volgt een terugkoppeling aan de huisarts.</li></ul>"
        ),
        "working_elements": (
            "<ul><li>Een korte lijn tussen huisarts en welzijn.</li>"
            "<li>Aandacht voor wat iemand wél kan en wil.</li>"
            "<li>Persoonlijke hulp bij de eerste stap.</li></ul>"
        ),
        "conditions_and_costs": (
            "<p>Er moeten afspraken zijn tussen huisartsen en de welzijnsorganisatie. De gemeente "
            "betaalt meestal de uren van de welzijnscoach.</p>"
        ),
        "evidence_level": Evidence.WELL_FOUNDED,
        "evidence_assessed_by": "Erkenningscommissie Interventies",
        "evidence_assessed_on": datetime.date(2022, 6, 1),
        "organisation": "movisie",
        "year": 2020,
        "external_url": "https://www.movisie.nl",
        "sources": ["science", "practice"],
        "last_reviewed": datetime.date(2025, 3, 3),
    },
    {
        "slug": "eenzaamheid-bespreekbaar-maken",
        "title": "Eenzaamheid bespreekbaar maken: zo begint u het gesprek",
        "kind": Kind.TECHNIQUE,
        "themes": ["eenzaamheid"],
        "image": "eenzaamheid",
        "introduction": (
            "Veel mensen vinden het moeilijk om over eenzaamheid te praten. Met een paar eenvoudige "
            "vragen opent u het gesprek."
        ),
        "goal": (
            "Professionals en vrijwilligers durven eenzaamheid te benoemen en weten hoe ze verder kunnen."
        ),
        "target_group": (
            "Wijkteams, huisartsen, thuiszorg, vrijwilligers en iedereen die veel mensen thuis ziet."
        ),
        "approach": (
            "<p>Gebruik open vragen en neem de tijd. Vraag niet meteen 'Bent u eenzaam?', maar begin "
            "bij het dagelijks leven.</p>"
            "<ul><li>'Met wie had u deze week contact?'</li>"
            "<li>'Wat mist u het meest van vroeger?'</li>"
            "<li>'Wat zou u graag weer willen doen?'</li></ul>"
        ),
        "working_elements": (
            "<ul><li>Een rustig moment en oprechte aandacht.</li>"
            "<li>Niet meteen een oplossing geven, eerst luisteren.</li></ul>"
        ),
        "conditions_and_costs": (
            "<p>Een training van een dagdeel is genoeg om te beginnen. Veel welzijnsorganisaties geven "
            "zo'n training.</p>"
        ),
        "evidence_level": Evidence.WELL_DESCRIBED,
        "evidence_assessed_by": "Erkenningscommissie Interventies",
        "evidence_assessed_on": datetime.date(2023, 4, 12),
        "organisation": "movisie",
        "year": 2022,
        "external_url": "https://www.movisie.nl",
        "sources": ["practice", "lived_experience"],
        "last_reviewed": datetime.date(2024, 11, 5),
    },
    {
        "slug": "signaleringskaart-eenzaamheid",
        "title": "Signaleringskaart eenzaamheid",
        "kind": Kind.TOOL,
        "themes": ["eenzaamheid"],
        "image": "kennis",
        "introduction": (
            "Een kaart op zakformaat met signalen van eenzaamheid en tips om door te verwijzen. Handig "
            "voor vrijwilligers en medewerkers die bij mensen thuis komen."
        ),
        "goal": "Eenzaamheid eerder opmerken en mensen op tijd in contact brengen met hulp of activiteiten.",
        "target_group": (
            "Vrijwilligers, wijkverpleegkundigen, medewerkers van woningcorporaties en bezorgers."
        ),
        "approach": (
            "<p>Op de voorkant staan signalen, zoals een volle brievenbus of iemand die weinig de deur "
            "uit gaat. Op de achterkant staan vragen die u kunt stellen en telefoonnummers in de "
            "gemeente.</p>"
        ),
        "working_elements": (
            "<ul><li>Kort en concreet.</li><li>Met de contactgegevens van uw eigen gemeente.</li></ul>"
        ),
        "conditions_and_costs": (
            "<p>U past de kaart aan voor uw gemeente en laat hem drukken. De kosten zijn laag: vaak "
            "enkele honderden euro's.</p>"
        ),
        "evidence_level": Evidence.PRACTICE_EXAMPLE,
        "evidence_assessed_by": "",
        "evidence_assessed_on": None,
        "organisation": "gelderse-welzijnsorganisaties",
        "year": 2023,
        "external_url": "https://www.movisie.nl",
        "sources": ["practice"],
        "last_reviewed": datetime.date(2025, 4, 14),
    },
    {
        "slug": "dorpsmaaltijd-bronckhorst",
        "title": "Goed voorbeeld: de dorpsmaaltijd",
        "kind": Kind.GOOD_PRACTICE,
        "themes": ["eenzaamheid", "sociale-infrastructuur"],
        "image": "dorpshuis",
        "municipality": "Bronckhorst",
        "introduction": (
            "Eén keer per maand koken vrijwilligers in het dorpshuis voor iedereen die wil aanschuiven. "
            "Voor een klein bedrag eet u samen met dorpsgenoten."
        ),
        "goal": "Dorpsgenoten ontmoeten elkaar, ook mensen die alleen wonen of weinig de deur uit komen.",
        "target_group": "Alle inwoners van het dorp, met extra aandacht voor ouderen die alleen wonen.",
        "approach": (
            "<p>Een groep van zes vrijwilligers kookt. Buren nemen mensen mee die niet zelf komen. Wie "
            "niet kan lopen, wordt opgehaald.</p>"
        ),
        "working_elements": (
            "<ul><li>Samen eten is laagdrempelig: u hoeft niets te kunnen.</li>"
            "<li>Persoonlijke uitnodiging door een buur.</li></ul>"
        ),
        "conditions_and_costs": (
            "<p>Een keuken in het dorpshuis en een vaste groep vrijwilligers. Deelnemers betalen een "
            "kleine bijdrage; een fonds of de gemeente vult aan als dat nodig is.</p>"
        ),
        "evidence_level": Evidence.PRACTICE_EXAMPLE,
        "evidence_assessed_by": "",
        "evidence_assessed_on": None,
        "organisation": "vereniging-kleine-kernen-gelderland",
        "year": 2024,
        "external_url": "https://www.gelderland.nl",
        "sources": ["practice", "lived_experience"],
        "last_reviewed": datetime.date(2025, 5, 20),
        "body": [
            paragraph(
                "<p>De dorpsmaaltijd begon als proef. Na een jaar kwamen er elke keer zo'n veertig "
                "mensen. Nieuwe inwoners zeggen dat ze zo snel mensen leerden kennen.</p>"
            ),
        ],
    },
]
