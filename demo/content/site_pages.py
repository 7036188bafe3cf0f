"""The home page, the six index pages and the three standard pages, in Dutch (B1).

The accessibility statement is not a page: ``home.views.accessibility_statement`` shows it with
the figures of the last test run, and the footer links to it on every page."""

from .blocks import (
    call_to_action,
    contact_details,
    faq,
    heading,
    image,
    paragraph,
    quote,
)

HOME = {
    "title": "Leefbaarheid Gelderland",
    "hero_title": "Samen werken aan dorpen en wijken waar mensen elkaar kennen",
    "hero_image": "hero",
    "introduction": (
        "Hoe zorgt u ervoor dat mensen zich thuis voelen in hun dorp of wijk? Hier vindt u kennis, "
        "voorbeelden en collega's die met dezelfde vragen bezig zijn."
    ),
    "body": [
        heading("Wat is dit programma?"),
        paragraph(
            "<p>De Provincie Gelderland werkt met gemeenten en partners aan leefbaarheid en sociale "
            "verbondenheid. We delen wat werkt. En we leren van elkaar.</p>"
            "<ul><li>In het <b>leernetwerk</b> praten ambtenaren samen over hun vragen.</li>"
            "<li>In <b>pilots</b> proberen gemeenten nieuwe aanpakken uit.</li>"
            "<li>In de <b>kennisbank</b> staan methoden, instrumenten en goede voorbeelden.</li>"
            "<li>Elk kwartaal krijgt u een <b>update</b> met het belangrijkste nieuws.</li></ul>"
        ),
        call_to_action(
            "Doe mee met het leernetwerk",
            "Werkt u bij een Gelderse gemeente? Meld u aan voor een bijeenkomst over uw thema.",
            "Bekijk de bijeenkomsten",
            page="leernetwerk",
        ),
        quote(
            "Je hoeft het wiel niet zelf uit te vinden. Een collega in een andere gemeente heeft vaak "
            "al iets geprobeerd.",
            "Deelnemer aan het leernetwerk",
            "Beleidsmedewerker sociaal domein",
        ),
    ],
}

INDEX_PAGES = [
    {
        "slug": "themas",
        "title": "Thema's",
        "image": "gebied",
        "introduction": (
            "Het programma werkt aan zes thema's. Kies een thema en zie welke kennis, pilots en "
            "bijeenkomsten erbij horen."
        ),
    },
    {
        "slug": "kennisbank",
        "title": "Kennisbank",
        "image": "kennis",
        "introduction": (
            "Methoden, instrumenten, publicaties en goede voorbeelden. Bij elke aanpak ziet u voor "
            "wie hij is, wat het kost en hoe sterk het bewijs is."
        ),
        "body": [
            paragraph(
                "<p>Zoek met een woord, of kies een soort, thema of organisatie. Bij "
                "<b>bewijskracht</b> ziet u wat er bekend is over het effect.</p>"
            ),
        ],
    },
    {
        "slug": "pilots",
        "title": "Pilots",
        "image": "pilot",
        "introduction": (
            "Gemeenten proberen met steun van de provincie nieuwe aanpakken uit in wijken en dorpen. "
            "Lees wat zij doen en wat zij leren."
        ),
    },
    {
        "slug": "leernetwerk",
        "title": "Leernetwerk",
        "image": "leernetwerk",
        "introduction": (
            "Bijeenkomsten voor ambtenaren van Gelderse gemeenten. U praat met collega's over een "
            "thema en neemt ideeën mee voor uw eigen werk."
        ),
    },
    {
        "slug": "nieuws",
        "title": "Nieuws",
        "image": "nieuws",
        "introduction": (
            "Nieuws uit het programma, van de Leefbaarheidsalliantie en van onze partners. Ook de "
            "nieuwste cijfers uit de Monitor Gelders Welbevinden."
        ),
    },
    {
        "slug": "subsidies",
        "title": "Subsidies",
        "image": "subsidie",
        "introduction": (
            "Regelingen voor gemeenten en bewoners die hun dorp of wijk leefbaarder willen maken. "
            "Zie wie de subsidie geeft, voor wie hij is en tot wanneer u kunt aanvragen."
        ),
    },
    {
        "slug": "kwartaalupdate",
        "title": "Kwartaalupdate",
        "image": "nieuws",
        "introduction": (
            "Elk kwartaal een e-mail met de bijeenkomsten, pilots, regelingen en cijfers van dat "
            "kwartaal. Lees hier de vorige nummers of meld u aan."
        ),
    },
]

STANDARD_PAGES = [
    {
        "slug": "over",
        "title": "Over het programma",
        "image": "hero",
        "introduction": (
            "Leefbaarheid en sociale verbondenheid is een kennisprogramma van de Provincie "
            "Gelderland. We helpen gemeenten om te leren van elkaar."
        ),
        "body": [
            heading("Waarom dit programma?"),
            paragraph(
                "<p>In een leefbare buurt kennen mensen elkaar en helpen ze elkaar. Maar dat gaat niet "
                "vanzelf. Sommige mensen voelen zich eenzaam. Anderen hebben geldzorgen. In veel dorpen "
                "staat het dorpshuis onder druk. Gemeenten zoeken naar aanpakken die werken.</p>"
                "<p>De provincie brengt kennis en mensen bij elkaar. Zo hoeft niet elke gemeente het "
                "zelf uit te zoeken.</p>"
            ),
            heading("Wat doen we?"),
            paragraph(
                "<ul><li><b>Leernetwerk</b>: bijeenkomsten over een thema, voor ambtenaren van alle 51 "
                "Gelderse gemeenten.</li>"
                "<li><b>Pilots</b>: gemeenten proberen iets nieuws in een wijk of dorp. Een "
                "kennisorganisatie helpt en schrijft op wat werkt.</li>"
                "<li><b>Inspiratie en inzicht</b>: de kennisbank met methoden en goede voorbeelden.</li>"
                "<li><b>Kwartaalupdate</b>: een e-mail met wat er dat kwartaal is gebeurd.</li></ul>"
            ),
            image(
                "dorpshuis",
                "Tekening van een rij huizen met een groot gebouw in het midden.",
                "Het dorpshuis is vaak de plek waar mensen elkaar ontmoeten.",
            ),
            heading("Met wie werken we samen?"),
            paragraph(
                "<p>We werken samen met gemeenten, de Leefbaarheidsalliantie Gelderland en "
                "kennisorganisaties zoals Movisie en Platform31. Partners schrijven ook mee aan de "
                "kennisbank.</p>"
            ),
        ],
    },
    {
        "slug": "contact",
        "title": "Contact",
        "image": "leernetwerk",
        "introduction": "Heeft u een vraag over het programma? Neem contact op met Team Leefbaarheid.",
        "body": [
            # The address and phone number come from the site settings, so they never drift.
            contact_details("Zo bereikt u ons"),
            paragraph(
                "<p>We beantwoorden uw e-mail binnen vijf werkdagen.</p>"
                "<p>Wilt u langskomen? Maak dan eerst een afspraak.</p>"
            ),
            faq(
                "Veelgestelde vragen",
                [
                    (
                        "Kan ik meedoen aan het leernetwerk?",
                        "<p>Ja, als u werkt bij een Gelderse gemeente. Meld u aan bij een bijeenkomst. "
                        "Deelnemen is gratis.</p>",
                    ),
                    (
                        "Hoe kan mijn gemeente een pilot starten?",
                        "<p>Stuur ons een e-mail met uw idee. We denken graag mee over de aanpak en de "
                        "kennisorganisatie die kan helpen.</p>",
                    ),
                    (
                        "Ik wil een artikel voor de kennisbank aanleveren. Kan dat?",
                        "<p>Ja. Partners van het programma kunnen kennis delen. Mail ons wat u wilt "
                        "aanleveren.</p>",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "privacy",
        "title": "Privacy",
        "image": "kennis",
        "introduction": (
            "Wij gaan zorgvuldig om met uw gegevens. Hier leest u welke gegevens we bewaren, waarom, "
            "en wat uw rechten zijn."
        ),
        "body": [
            heading("Wie is verantwoordelijk?"),
            paragraph(
                "<p>De Provincie Gelderland is verantwoordelijk voor deze website. We houden ons aan "
                "de Algemene verordening gegevensbescherming (AVG).</p>"
            ),
            heading("Welke gegevens bewaren we?"),
            paragraph(
                "<ul><li><b>Aanmelden voor een bijeenkomst</b>: uw naam, e-mailadres, organisatie en "
                "functie. We gebruiken die om de bijeenkomst te regelen en u de link of het adres te "
                "sturen.</li>"
                "<li><b>Belangstelling voor een pilot</b>: de gemeente, uw naam, e-mailadres en "
                "telefoonnummer (als u dat invult), de wijk of het dorp en de uitdaging. Zo kunnen we "
                "contact met u opnemen over een pilot.</li>"
                "<li><b>Kwartaalupdate</b>: uw e-mailadres. U krijgt eerst een e-mail om uw aanmelding te "
                "bevestigen. Onder elke update staat een link om u af te melden.</li>"
                "<li><b>Zoeken</b>: we bewaren wat er gezocht wordt, zonder te weten wie zocht. Zo zien we "
                "welke informatie mist.</li>"
                "<li><b>E-mail aan ons</b>: we gebruiken uw gegevens alleen om uw vraag te "
                "beantwoorden.</li></ul>"
            ),
            heading("Cookies"),
            paragraph(
                "<p>We gebruiken geen cookies om u te volgen en geen advertenties. Alleen op een pagina "
                "met een formulier plaatsen we een cookie dat nodig is om het formulier veilig te "
                "versturen. De site laadt niets van andere websites.</p>"
            ),
            heading("Hoe lang bewaren we uw gegevens?"),
            paragraph(
                "<p>Niet langer dan nodig. Een aanmelding voor een bijeenkomst maken we 12 maanden na "
                "de bijeenkomst anoniem: we houden dan alleen bij hoeveel mensen uit welke gemeente er "
                "kwamen. Van belangstelling voor een pilot halen we na 24 maanden uw naam, e-mailadres en "
                "telefoonnummer weg. Wat u over de wijk of het dorp schreef, houden we. "
                "Meldt u zich af voor de kwartaalupdate? Dan krijgt u geen "
                "e-mail meer van ons. We delen uw gegevens niet met andere organisaties, behalve als de "
                "wet dat verplicht.</p>"
            ),
            heading("Uw rechten"),
            paragraph(
                "<p>U mag vragen welke gegevens we van u hebben. U mag ook vragen om ze te veranderen of "
                "te verwijderen. Mail naar "
                '<a href="mailto:leefbaarheid@gelderland.nl">leefbaarheid@gelderland.nl</a>. Bent u '
                "het niet eens met hoe wij met uw gegevens omgaan? Dan kunt u een klacht indienen bij de "
                '<a href="https://www.autoriteitpersoonsgegevens.nl">Autoriteit Persoonsgegevens</a>.</p>'
            ),
        ],
    },
]

# The footer every page shows (``home.models.SiteFooter``): the team, how to reach it, and links.
# A link is a standard page's slug, or an outside address with its text. The same values as the
# defaults migration ``home/0006`` gives a new site.
FOOTER = {
    "team_name": "Team Leefbaarheid, Provincie Gelderland",
    "email": "leefbaarheid@gelderland.nl",
    "phone": "026 359 99 99",
    "visiting_address": "Markt 11, 6811 CG Arnhem",
    "postal_address": "Postbus 9090, 6800 CX Arnhem",
    "links": [
        {"page": "over"},
        {"page": "contact"},
        {"page": "privacy"},
        {"url": "https://www.gelderland.nl", "label": "Provincie Gelderland"},
    ],
}
