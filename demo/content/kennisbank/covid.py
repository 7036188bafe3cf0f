"""Knowledge items on COVID-19 and social connectedness."""

import datetime

from knowledge.models import KnowledgeItemPage

Kind = KnowledgeItemPage.Kind
Evidence = KnowledgeItemPage.EvidenceLevel

ITEMS = [
    {
        "slug": "belcirkel",
        "title": "Belcirkel: elke ochtend even contact",
        "kind": Kind.METHOD,
        "themes": ["covid-19-en-sociale-verbondenheid", "eenzaamheid"],
        "image": "covid",
        "introduction": (
            "Deelnemers bellen elkaar elke ochtend in een vaste volgorde. Neemt iemand niet op? Dan "
            "komt er iemand kijken."
        ),
        "goal": "Mensen die alleen wonen hebben elke dag contact en voelen zich veiliger.",
        "target_group": "Ouderen en andere mensen die alleen wonen.",
        "approach": (
            "<p>Een groep van zes tot tien deelnemers krijgt een vaste belvolgorde. De eerste belt de "
            "tweede, en zo verder. De laatste belt de coördinator terug.</p>"
            "<ul><li>Neemt iemand niet op, dan belt de coördinator een contactpersoon.</li>"
            "<li>Eens per maand is er een koffieochtend voor de hele groep.</li></ul>"
        ),
        "working_elements": (
            "<ul><li>Een dagelijks ritme.</li><li>Iedereen is beller en gebelde.</li>"
            "<li>Een vangnet als er iets mis is.</li></ul>"
        ),
        "conditions_and_costs": (
            "<p>Een vrijwillige coördinator per groep en een lijst met contactpersonen. De kosten zijn "
            "laag: vooral de koffieochtenden.</p>"
        ),
        "evidence_level": Evidence.WELL_DESCRIBED,
        "evidence_assessed_by": "Erkenningscommissie Interventies",
        "evidence_assessed_on": datetime.date(2021, 10, 4),
        "organisation": "gelderse-welzijnsorganisaties",
        "year": 2020,
        "external_url": "https://www.movisie.nl",
        "sources": ["practice", "lived_experience"],
        "last_reviewed": datetime.date(2024, 10, 21),
    },
    {
        "slug": "wandelmaatjes-ede",
        "title": "Goed voorbeeld: wandelmaatjes in de wijk",
        "kind": Kind.GOOD_PRACTICE,
        "themes": ["covid-19-en-sociale-verbondenheid", "eenzaamheid"],
        "image": "hero",
        "municipality": "Ede",
        "introduction": (
            "In de coronatijd begonnen buren samen te wandelen, op afstand. Het wandelen is gebleven: "
            "elke week lopen er groepjes door de wijk."
        ),
        "goal": "Contact en beweging, dichtbij huis en zonder kosten.",
        "target_group": "Alle bewoners van de wijk, vooral mensen die weinig buiten komen.",
        "approach": (
            "<p>Een vrijwilliger plant vaste wandelmomenten en zet ze op een briefje bij de "
            "supermarkt en in de buurtapp. Iedereen mag aansluiten. Na afloop drinken de wandelaars "
            "koffie in de buurtkamer.</p>"
        ),
        "working_elements": (
            "<ul><li>Vaste tijd en vaste plek.</li><li>Geen aanmelding nodig.</li>"
            "<li>Koffie na afloop maakt praten makkelijker.</li></ul>"
        ),
        "conditions_and_costs": "<p>Een of twee vaste vrijwilligers. Bijna geen kosten.</p>",
        "evidence_level": Evidence.PRACTICE_EXAMPLE,
        "evidence_assessed_by": "",
        "evidence_assessed_on": None,
        "organisation": "gelderse-welzijnsorganisaties",
        "year": 2021,
        "external_url": "https://www.gelderland.nl",
        "sources": ["practice", "lived_experience"],
        "last_reviewed": datetime.date(2025, 3, 31),
    },
    {
        "slug": "lessen-uit-de-coronatijd",
        "title": "Lessen uit de coronatijd voor sociale verbondenheid",
        "kind": Kind.PUBLICATION,
        "themes": ["covid-19-en-sociale-verbondenheid", "gebiedsgericht-werken"],
        "image": "kennis",
        "introduction": (
            "Een overzicht van wat gemeenten, welzijn en bewoners leerden in de coronatijd. Met tips "
            "voor een volgende crisis."
        ),
        "goal": "Lessen vastleggen zodat gemeenten ze kunnen gebruiken in hun beleid.",
        "target_group": "Beleidsmedewerkers sociaal domein en welzijnsorganisaties.",
        "approach": (
            "<p>De publicatie bundelt gesprekken met gemeenten en bewoners. Ze beschrijft wat goed "
            "ging, wat niet, en wat nodig is om snel te kunnen schakelen.</p>"
        ),
        "working_elements": (
            "<ul><li>Bestaande netwerken in de wijk maakten snelle hulp mogelijk.</li>"
            "<li>Korte lijnen tussen gemeente en initiatieven werkten goed.</li></ul>"
        ),
        "conditions_and_costs": "<p>Gratis te downloaden.</p>",
        "evidence_level": Evidence.PRACTICE_EXAMPLE,
        "evidence_assessed_by": "",
        "evidence_assessed_on": None,
        "organisation": "platform31",
        "year": 2022,
        "external_url": "https://www.platform31.nl",
        "sources": ["science", "practice"],
        "last_reviewed": datetime.date(2024, 9, 9),
    },
    {
        "slug": "online-burenhulpplatform",
        "title": "Online platform voor burenhulp",
        "kind": Kind.PLATFORM,
        "themes": ["covid-19-en-sociale-verbondenheid", "bewonersparticipatie"],
        "image": "wijk",
        "introduction": (
            "Op een burenhulpplatform vragen en bieden bewoners hulp aan elkaar. Denk aan een "
            "boodschap doen, een klusje of een wandeling."
        ),
        "goal": "Vraag en aanbod van hulp in de buurt makkelijk bij elkaar brengen.",
        "target_group": "Inwoners die hulp zoeken of willen geven, en vrijwilligersorganisaties.",
        "approach": (
            "<p>Een gemeente of welzijnsorganisatie kiest een platform en maakt het bekend. Een "
            "medewerker houdt in de gaten of vragen een antwoord krijgen en helpt mensen die niet "
            "online zijn.</p>"
        ),
        "working_elements": (
            "<ul><li>Kleine, concrete vragen.</li><li>Een medewerker die vragen opvolgt.</li>"
            "<li>Ook een telefoonnummer voor wie niet online is.</li></ul>"
        ),
        "conditions_and_costs": (
            "<p>Meestal een jaarlijkse licentie en tijd van een medewerker. Zonder actieve "
            "begeleiding blijven veel vragen liggen.</p>"
        ),
        "evidence_level": Evidence.PRACTICE_EXAMPLE,
        "evidence_assessed_by": "",
        "evidence_assessed_on": None,
        "organisation": "gelderse-welzijnsorganisaties",
        "year": 2020,
        "external_url": "https://www.movisie.nl",
        "sources": ["practice"],
        "last_reviewed": datetime.date(2024, 8, 26),
    },
    {
        "slug": "vereniging-weer-op-gang",
        "title": "Stappenplan: uw vereniging weer op gang",
        "kind": Kind.STEP_PLAN,
        "themes": ["covid-19-en-sociale-verbondenheid", "sociale-infrastructuur"],
        "image": "leernetwerk",
        "introduction": (
            "Veel verenigingen verloren leden en vrijwilligers. Dit stappenplan helpt besturen om weer "
            "mensen te trekken."
        ),
        "goal": "Verenigingen vinden nieuwe leden en vrijwilligers en worden weer een ontmoetingsplek.",
        "target_group": "Besturen van sport-, muziek- en buurtverenigingen, en gemeenten die hen steunen.",
        "approach": (
            "<ol><li>Bel oud-leden en vraag wat ze missen.</li>"
            "<li>Organiseer een open dag of open training.</li>"
            "<li>Maak vrijwilligerstaken klein en kort.</li>"
            "<li>Werk samen met school en buurthuis.</li>"
            "<li>Vier wat goed gaat.</li></ol>"
        ),
        "working_elements": (
            "<ul><li>Persoonlijk contact.</li><li>Kleine klussen in plaats van grote functies.</li></ul>"
        ),
        "conditions_and_costs": (
            "<p>Vooral tijd van het bestuur. Een klein budget voor een open dag helpt.</p>"
        ),
        "evidence_level": Evidence.PRACTICE_EXAMPLE,
        "evidence_assessed_by": "",
        "evidence_assessed_on": None,
        "organisation": "vereniging-kleine-kernen-gelderland",
        "year": 2022,
        "external_url": "https://www.gelderland.nl",
        "sources": ["practice"],
        "last_reviewed": datetime.date(2024, 6, 3),
    },
]
