"""Partner organisations (the ``knowledge.Organisation`` snippet), in Dutch.

Real organisations are described in general terms only; links go to their home pages. The alliance
members are kinds of Gelderland bodies rather than claims about what a named body does.
"""

from knowledge.models import Organisation

KNOWLEDGE = Organisation.Kind.KNOWLEDGE_ORGANISATION
MEMBER = Organisation.Kind.ALLIANCE_MEMBER
OTHER = Organisation.Kind.OTHER

ORGANISATIONS = [
    {
        "slug": "provincie-gelderland",
        "name": "Provincie Gelderland",
        "kind": OTHER,
        "website": "https://www.gelderland.nl",
        "description": (
            "De provincie zet dit kennisprogramma op. Team Leefbaarheid brengt gemeenten, "
            "kennisorganisaties en partners bij elkaar."
        ),
    },
    {
        "slug": "leefbaarheidsalliantie-gelderland",
        "name": "Leefbaarheidsalliantie Gelderland",
        "kind": OTHER,
        "website": "",
        "description": (
            "Een samenwerking van Gelderse organisaties die werken aan leefbare dorpen en wijken. "
            "De leden delen kennis en trekken samen op."
        ),
    },
    {
        "slug": "movisie",
        "name": "Movisie",
        "kind": KNOWLEDGE,
        "website": "https://www.movisie.nl",
        "description": (
            "Landelijk kennisinstituut voor het sociaal domein. Movisie verzamelt kennis over "
            "sociale vraagstukken en over aanpakken die werken."
        ),
    },
    {
        "slug": "platform31",
        "name": "Platform31",
        "kind": KNOWLEDGE,
        "website": "https://www.platform31.nl",
        "description": (
            "Kennis- en netwerkorganisatie voor stad en regio. Platform31 helpt gemeenten met "
            "vragen over wonen, wijken en leefbaarheid."
        ),
    },
    {
        "slug": "han",
        "name": "Hogeschool van Arnhem en Nijmegen (HAN)",
        "kind": KNOWLEDGE,
        "website": "https://www.han.nl",
        "description": (
            "Hogeschool in Gelderland. Onderzoekers en studenten werken mee aan praktijkonderzoek "
            "in wijken en dorpen."
        ),
    },
    {
        "slug": "wageningen-university-research",
        "name": "Wageningen University & Research",
        "kind": KNOWLEDGE,
        "website": "https://www.wur.nl",
        "description": (
            "Universiteit en onderzoeksinstituut. Doet onder meer onderzoek naar het leven op het "
            "platteland en in kleine kernen."
        ),
    },
    {
        "slug": "nibud",
        "name": "Nibud",
        "kind": KNOWLEDGE,
        "website": "https://www.nibud.nl",
        "description": (
            "Nationaal Instituut voor Budgetvoorlichting. Geeft uitleg en hulpmiddelen over "
            "rondkomen en omgaan met geld."
        ),
    },
    {
        "slug": "pharos",
        "name": "Pharos",
        "kind": KNOWLEDGE,
        "website": "https://www.pharos.nl",
        "description": (
            "Expertisecentrum gezondheidsverschillen. Pharos helpt organisaties om ook mensen te "
            "bereiken die het moeilijk hebben."
        ),
    },
    {
        "slug": "vereniging-kleine-kernen-gelderland",
        "name": "Vereniging Kleine Kernen Gelderland",
        "kind": MEMBER,
        "website": "",
        "description": (
            "Vereniging voor dorpen en kleine kernen in Gelderland. Steunt dorpsraden en "
            "bewonersgroepen met advies en een netwerk."
        ),
    },
    {
        "slug": "gelderse-woningcorporaties",
        "name": "Gelderse woningcorporaties",
        "kind": MEMBER,
        "website": "",
        "description": (
            "Woningcorporaties in Gelderland werken in de alliantie samen aan prettige buurten. "
            "Zij kennen hun huurders en hun wijken goed."
        ),
    },
    {
        "slug": "gelderse-welzijnsorganisaties",
        "name": "Gelderse welzijnsorganisaties",
        "kind": MEMBER,
        "website": "",
        "description": (
            "Welzijnsorganisaties ondersteunen bewoners, vrijwilligers en dorpshuizen. In de "
            "alliantie delen zij wat zij in de praktijk leren."
        ),
    },
    {
        "slug": "ggd-gelderland-zuid",
        "name": "GGD Gelderland-Zuid",
        "kind": MEMBER,
        "website": "https://www.ggdgelderlandzuid.nl",
        "description": (
            "De GGD werkt aan de gezondheid van alle inwoners. Onderzoek van de GGD laat zien hoe "
            "het gaat met mensen in de regio."
        ),
    },
]
