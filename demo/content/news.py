"""Twelve news items over every category, spread over the last eighteen months.

A news item is dated ``days_ago`` before the day it is first seeded; a re-run keeps the stored
date, so a second run changes nothing.
"""

from knowledge.models import NewsPage

from .blocks import call_to_action, heading, image, key_figures, paragraph, quote, table

Category = NewsPage.Category

MONITOR = "Monitor Gelders Welbevinden"

NEWS = [
    {
        "slug": "nieuwe-bijeenkomsten-leernetwerk",
        "title": "Nieuwe bijeenkomsten van het leernetwerk",
        "category": Category.PROGRAMME,
        "days_ago": 12,
        "themes": ["eenzaamheid", "gebiedsgericht-werken", "bewonersparticipatie"],
        "organisation": "provincie-gelderland",
        "author": "Team Leefbaarheid",
        "image": "leernetwerk",
        "introduction": (
            "De komende maanden zijn er vier bijeenkomsten van het leernetwerk. Over eenzaamheid, "
            "kleine kernen, buurtbudgetten en schulden."
        ),
        "body": [
            paragraph(
                "<p>In het leernetwerk praten ambtenaren van Gelderse gemeenten met elkaar over hun "
                "vragen. Eén bijeenkomst is bij de pilot in Lievelde. U ziet dan zelf hoe het dorpshuis "
                "werkt.</p>"
            ),
            call_to_action(
                "Meld u aan",
                "Aanmelden is gratis. Er is een beperkt aantal plaatsen.",
                "Naar de bijeenkomsten",
                page="leernetwerk",
            ),
        ],
    },
    {
        "slug": "monitor-eenzaamheid-en-geldzorgen",
        "title": "Monitor Gelders Welbevinden: bijna de helft voelt zich weleens eenzaam",
        "category": Category.MONITOR,
        "days_ago": 40,
        "themes": ["eenzaamheid", "armoede-en-schulden"],
        "organisation": "provincie-gelderland",
        "author": "Team Leefbaarheid",
        "image": "monitor",
        "introduction": (
            "De nieuwe cijfers van de Monitor Gelders Welbevinden zijn er. Veel inwoners voelen zich "
            "weleens eenzaam, en één op de vijf huishoudens maakt zich zorgen over geld."
        ),
        "body": [
            paragraph(
                "<p>De monitor laat zien hoe het gaat met inwoners van Gelderland. De cijfers helpen "
                "gemeenten om te kiezen waar ze aan werken.</p>"
            ),
            key_figures(
                "De belangrijkste cijfers",
                [
                    ("48%", "van de volwassenen voelt zich weleens eenzaam", MONITOR),
                    ("1 op 5", "huishoudens maakt zich zorgen over geld", MONITOR),
                    ("31%", "doet vrijwilligerswerk in het eigen dorp of de eigen wijk", MONITOR),
                ],
            ),
            paragraph(
                "<p>Wilt u de cijfers voor uw eigen gemeente bespreken? Neem contact op met Team "
                "Leefbaarheid.</p>"
            ),
        ],
    },
    {
        "slug": "buurtbudget-zevenhuizen-twaalf-plannen",
        "title": "Buurtbudget Zevenhuizen: bewoners kozen twaalf plannen",
        "category": Category.PILOT,
        "days_ago": 70,
        "themes": ["bewonersparticipatie"],
        "organisation": "platform31",
        "author": "Platform31",
        "image": "subsidie",
        "introduction": (
            "Ruim negenhonderd bewoners van Zevenhuizen stemden over plannen voor hun wijk. Twaalf "
            "plannen krijgen geld."
        ),
        "body": [
            paragraph(
                "<p>De plannen gaan van een buurtmoestuin tot bankjes bij de speeltuin. Bewoners konden "
                "online stemmen en op papier in de supermarkt.</p>"
            ),
            quote(
                "Ik had nooit gedacht dat ik zelf iets kon veranderen in de wijk.",
                "Bewoner van Zevenhuizen",
            ),
        ],
    },
    {
        "slug": "alliantie-samen-voor-dorpshuizen",
        "title": "Leefbaarheidsalliantie: samen sterker voor dorpshuizen",
        "category": Category.ALLIANCE,
        "days_ago": 95,
        "themes": ["sociale-infrastructuur"],
        "organisation": "leefbaarheidsalliantie-gelderland",
        "author": "Leefbaarheidsalliantie Gelderland",
        "image": "dorpshuis",
        "introduction": (
            "De leden van de Leefbaarheidsalliantie gaan dorpshuizen samen helpen met energiekosten en "
            "het vinden van bestuursleden."
        ),
        "body": [
            paragraph(
                "<p>Veel dorpshuizen hebben het moeilijk. De alliantie organiseert avonden voor besturen "
                "en deelt voorbeelden van dorpshuizen die het goed doen.</p>"
            ),
        ],
    },
    {
        "slug": "movisie-jongeren-en-eenzaamheid",
        "title": "Movisie: zo bereikt u jongeren die zich eenzaam voelen",
        "category": Category.PARTNER,
        "days_ago": 130,
        "themes": ["eenzaamheid", "covid-19-en-sociale-verbondenheid"],
        "organisation": "movisie",
        "author": "Movisie",
        "image": "eenzaamheid",
        "introduction": (
            "Jongeren praten niet snel over eenzaamheid. Movisie zet op een rij wat helpt om hen toch te "
            "bereiken."
        ),
        "body": [
            heading("Drie tips"),
            paragraph(
                "<ul><li>Laat jongeren andere jongeren uitnodigen.</li>"
                "<li>Gebruik niet het woord eenzaamheid, maar praat over samen iets doen.</li>"
                "<li>Ga naar plekken waar jongeren al zijn.</li></ul>"
            ),
        ],
    },
    {
        "slug": "kennisbank-meer-dan-dertig-aanpakken",
        "title": "Kennisbank groeit: meer dan dertig aanpakken",
        "category": Category.PROGRAMME,
        "days_ago": 170,
        "themes": ["gebiedsgericht-werken", "bewonersparticipatie"],
        "organisation": "provincie-gelderland",
        "author": "Team Leefbaarheid",
        "image": "kennis",
        "introduction": (
            "In de kennisbank staan nu meer dan dertig methoden, instrumenten en goede voorbeelden. Bij "
            "elke aanpak ziet u hoe sterk het bewijs is."
        ),
        "body": [
            paragraph(
                "<p>Partners zoals Movisie en Platform31 schrijven mee. Heeft u zelf een goed voorbeeld? "
                "Laat het ons weten.</p>"
            ),
            call_to_action(
                "Zoek in de kennisbank",
                "Filter op thema, soort aanpak of bewijskracht.",
                "Naar de kennisbank",
                page="kennisbank",
            ),
        ],
    },
    {
        "slug": "lievelde-dorpshuis-drie-ochtenden-open",
        "title": "Pilot in Lievelde: dorpshuis drie ochtenden per week open",
        "category": Category.PILOT,
        "days_ago": 210,
        "themes": ["sociale-infrastructuur", "eenzaamheid"],
        "organisation": "wageningen-university-research",
        "author": "Team Leefbaarheid",
        "image": "infrastructuur",
        "introduction": (
            "In Lievelde is het dorpshuis nu drie ochtenden per week open als huiskamer. Vrijwilligers "
            "ontvangen de bezoekers."
        ),
        "body": [
            paragraph(
                "<p>Het idee kwam uit gesprekken met het hele dorp. Inmiddels komen er elke week meer "
                "bezoekers.</p>"
            ),
            image(
                "dorpshuis",
                "Tekening van een rij huizen met puntdaken, in zachte kleuren.",
                "Het dorpshuis in Lievelde is nu ook overdag een ontmoetingsplek.",
            ),
        ],
    },
    {
        "slug": "monitor-rapportcijfer-buurt",
        "title": "Monitor Gelders Welbevinden: inwoners geven hun buurt een ruime voldoende",
        "category": Category.MONITOR,
        "days_ago": 260,
        "themes": ["gebiedsgericht-werken", "sociale-infrastructuur"],
        "organisation": "provincie-gelderland",
        "author": "Team Leefbaarheid",
        "image": "monitor",
        "introduction": (
            "Gemiddeld geven Gelderlanders hun buurt een 7,6. In kleine dorpen is het cijfer iets hoger "
            "dan in de steden."
        ),
        "body": [
            key_figures(
                "Hoe tevreden zijn inwoners over hun buurt?",
                [
                    ("7,6", "gemiddeld rapportcijfer voor de eigen buurt", MONITOR),
                    ("7,9", "rapportcijfer in dorpen tot 5.000 inwoners", MONITOR),
                    ("64%", "kent de meeste buren bij naam", MONITOR),
                ],
            ),
            table(
                "Rapportcijfer voor de buurt, naar woonplaats",
                [
                    ["Woonplaats", "Rapportcijfer"],
                    ["Dorp tot 5.000 inwoners", "7,9"],
                    ["Kleine stad", "7,6"],
                    ["Grote stad", "7,3"],
                ],
            ),
        ],
    },
    {
        "slug": "nieuwe-leden-leefbaarheidsalliantie",
        "title": "Nieuwe leden voor de Leefbaarheidsalliantie",
        "category": Category.ALLIANCE,
        "days_ago": 300,
        "themes": ["sociale-infrastructuur", "bewonersparticipatie"],
        "organisation": "leefbaarheidsalliantie-gelderland",
        "author": "Leefbaarheidsalliantie Gelderland",
        "image": "participatie",
        "introduction": (
            "Woningcorporaties en welzijnsorganisaties sluiten zich aan bij de Leefbaarheidsalliantie. "
            "Zo groeit het netwerk in heel Gelderland."
        ),
        "body": [
            paragraph(
                "<p>De nieuwe leden delen hun kennis over wijken en bewoners. Samen met de andere leden "
                "werken ze aan de agenda voor de komende jaren.</p>"
            ),
        ],
    },
    {
        "slug": "pilot-tiel-afgerond",
        "title": "Pilot in Tiel afgerond: een huisbezoek werkt beter dan een brief",
        "category": Category.PILOT,
        "days_ago": 350,
        "themes": ["armoede-en-schulden"],
        "organisation": "han",
        "author": "Hogeschool van Arnhem en Nijmegen",
        "image": "armoede",
        "introduction": (
            "De pilot over vroegsignalering in Tiel is klaar. Veel meer bewoners gingen in gesprek als er "
            "iemand langskwam."
        ),
        "body": [
            paragraph(
                "<p>De HAN onderzocht de pilot. De gemeente gebruikt de aanpak nu in de hele stad. Lees "
                "de lessen op de pagina van de pilot.</p>"
            ),
            call_to_action(
                "Lees de lessen",
                "Wat kunnen andere gemeenten leren van Tiel?",
                "Naar de pilot",
                page="pilots/geldzorgen-vroeg-in-beeld-tiel",
            ),
        ],
    },
    {
        "slug": "platform31-lessen-gebiedsgericht-werken",
        "title": "Platform31: vijf lessen over gebiedsgericht werken",
        "category": Category.PARTNER,
        "days_ago": 420,
        "themes": ["gebiedsgericht-werken"],
        "organisation": "platform31",
        "author": "Platform31",
        "image": "gebied",
        "introduction": (
            "Platform31 sprak met gemeenten die al jaren gebiedsgericht werken. Vijf lessen springen eruit."
        ),
        "body": [
            paragraph(
                "<ol><li>Begin bij wat bewoners belangrijk vinden.</li>"
                "<li>Zorg voor één vast aanspreekpunt.</li>"
                "<li>Maak gedeelde doelen met partners.</li>"
                "<li>Laat snel iets zien.</li>"
                "<li>Houd het lang genoeg vol.</li></ol>"
            ),
        ],
    },
    {
        "slug": "regeling-bewonersinitiatieven-open",
        "title": "Regeling voor bewonersinitiatieven is open",
        "category": Category.PROGRAMME,
        "days_ago": 500,
        "themes": ["bewonersparticipatie", "sociale-infrastructuur"],
        "organisation": "provincie-gelderland",
        "author": "Team Leefbaarheid",
        "image": "subsidie",
        "introduction": (
            "Bewonersgroepen kunnen geld aanvragen voor plannen die hun dorp of wijk leefbaarder maken."
        ),
        "body": [
            paragraph(
                "<p>De regeling is bedoeld voor plannen van bewoners zelf. Bijvoorbeeld een "
                "ontmoetingsplek, een buurtmoestuin of vervoer voor ouderen.</p>"
            ),
            call_to_action(
                "Bekijk de regeling",
                "Lees voor wie de regeling is en hoe u aanvraagt.",
                "Naar de subsidies",
                page="subsidies",
            ),
        ],
    },
]
