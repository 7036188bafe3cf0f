"""A judged test set for the site search: pages a Gelderland civil servant would look for, and queries.

The pages are written like the real knowledge base (B1 summaries, a short body, themes, a source
organisation, a year and an evidence level), about the programme's topics. Several pages share a
topic on purpose, so that a query has rivals: a title match against summary and body matches, the
exact phrase against scattered words, older and weaker-evidenced items with the same words.

Each ``Judgement`` says what a person who knows the set calls right: the results begin with the
listed pages in that order (``FIRST``) or all of them appear in the top five (``TOP5``). They were
written from the texts, not from what the search returned; ``tests/search/test_judged_set.py``
runs them through the search page and reports the share right.
"""

from dataclasses import dataclass, field

FIRST, TOP5, FOUND = "first", "top5", "found"

ORGANISATIONS = {
    "movisie": "Movisie",
    "platform31": "Platform31",
    "vilans": "Vilans",
    "pharos": "Pharos",
    "spectrum": "Spectrum Gelderland",
    "ggd": "GGD Gelderland-Zuid",
}

THEMES = {
    "eenzaamheid": (
        "Eenzaamheid",
        "Wat gemeenten doen tegen eenzaamheid: ontmoeten, signaleren en doorverwijzen.",
    ),
    "armoede-en-schulden": (
        "Armoede en schulden",
        "Hulp bij geldzorgen, vroeg signaleren en meedoen ondanks een krappe beurs.",
    ),
    "covid-19-en-sociale-verbondenheid": (
        "Covid-19 en sociale verbondenheid",
        "Wat de coronatijd leerde over contact tussen mensen.",
    ),
    "sociale-infrastructuur": (
        "Sociale infrastructuur",
        "Dorpshuizen, wijkaccommodaties, vrijwilligersinzet en dorps- en wijkraden.",
    ),
    "gebiedsgericht-werken": (
        "Gebiedsgericht werken",
        "Samen met bewoners en partners werken aan een wijk of dorp.",
    ),
    "bewonersparticipatie": (
        "Bewonersparticipatie",
        "Bewoners denken mee, beslissen mee en doen zelf.",
    ),
}


@dataclass
class Item:
    """A knowledge item; ``kind`` and ``evidence`` are the model's choice values."""

    slug: str
    title: str
    kind: str
    themes: tuple
    year: int
    evidence: str
    introduction: str
    body: str
    organisation: str = ""


@dataclass
class News:
    slug: str
    title: str
    introduction: str
    body: str
    themes: tuple = ()
    organisation: str = ""


@dataclass
class Pilot:
    slug: str
    title: str
    municipality: str
    place: str
    aim: str
    introduction: str
    themes: tuple = ()
    organisation: str = ""


@dataclass
class Judgement:
    query: str
    expected: tuple  # slugs
    how: str  # FIRST, TOP5 or FOUND (anywhere in the results)
    covers: str  # title, inflection, compound, plural, typo, phrase, body, facet, synonym, theme
    facets: dict = field(default_factory=dict)


# Short names for the choice values, so that an item fits in a few lines.
M, TE, TO, SP = "method", "technique", "tool", "step_plan"
PU, PL, GP = "publication", "platform", "good_practice"
EFF, WF, WD, EP, PE = "effective", "well_founded", "well_described", "evaluated_pilot", "practice_example"
LONELY, POOR, COVID, INFRA, AREA, PARTICIPATION = tuple(THEMES)

ITEMS = [
    # Eenzaamheid ---------------------------------------------------------------------------------
    Item(
        "samen-tegen-eenzaamheid",
        "Samen tegen eenzaamheid onder ouderen",
        M,
        (LONELY,),
        2023,
        EFF,
        "Vrijwilligers bezoeken ouderen thuis en zoeken samen een activiteit in de buurt.",
        "Een vaste vrijwilliger komt een half jaar lang elke week langs. Samen zoeken ze een club, "
        "een koor of een koffieochtend. Onderzoek laat zien dat de eenzaamheid afneemt.",
        "movisie",
    ),
    Item(
        "koffieochtend-lochem",
        "Koffieochtend in het buurthuis van Lochem",
        GP,
        (LONELY, INFRA),
        2022,
        PE,
        "Elke dinsdag drinken bewoners samen koffie in het buurthuis.",
        "Wie zich eenzaam voelt, schuift aan zonder aanmelding. Vrijwilligers zetten de koffie en "
        "halen bewoners op die slecht ter been zijn.",
    ),
    Item(
        "signalen-eenzaamheid",
        "Signalen van eenzaamheid herkennen",
        TO,
        (LONELY,),
        2021,
        WD,
        "Een kaart met signalen waaraan de huisarts, de wijkverpleging en de kapper eenzaamheid zien.",
        "Wie vaak alleen thuis is, weinig bezoek krijgt of zijn huis verwaarloost, kan zich eenzaam "
        "voelen. De kaart zegt ook hoe u het gesprek begint.",
        "movisie",
    ),
    Item(
        "eenzame-jongeren",
        "Eenzame jongeren bereiken via school en sport",
        M,
        (LONELY,),
        2024,
        WF,
        "Ook jongeren kennen eenzaamheid. Mentoren en trainers leren het te zien en te bespreken.",
        "De school en de sportclub zien jongeren elke week. Een korte training helpt mentoren en "
        "trainers om een gesprek te beginnen en de jongere door te verwijzen.",
        "pharos",
    ),
    Item(
        "luisterlijn",
        "De Luisterlijn: een luisterend oor",
        PL,
        (LONELY,),
        2020,
        PE,
        "Dag en nacht kan iedereen bellen of chatten met een getrainde vrijwilliger.",
        "Veel bellers voelen zich alleen. De Luisterlijn verwijst door naar hulp in de eigen gemeente.",
    ),
    Item(
        "taalmaatjes",
        "Taalmaatjes voor nieuwkomers",
        M,
        (LONELY, PARTICIPATION),
        2022,
        WD,
        "Een vrijwilliger oefent elke week Nederlands met een statushouder.",
        "Wie de taal niet spreekt, raakt snel geïsoleerd. Het maatje helpt ook de weg te vinden in "
        "het dorp en gaat mee naar de sportclub.",
    ),
    Item(
        "monitor-eenzaamheid",
        "Cijfers over eenzaamheid in Gelderland",
        PU,
        (LONELY,),
        2022,
        WD,
        "Hoeveel inwoners voelen zich eenzaam? De gezondheidsmonitor per gemeente.",
        "In 2022 voelde bijna de helft van de volwassenen zich soms eenzaam. Ouderen boven de 75 en "
        "jongvolwassenen het vaakst.",
        "ggd",
    ),
    Item(
        "warme-maaltijd",
        "Aanschuiven aan tafel",
        GP,
        (LONELY,),
        2023,
        PE,
        "Ouderen krijgen een warme maaltijd in het restaurant van het verzorgingshuis, samen met buren.",
        "Koks uit het dorp koken om de beurt. Wie niet kan lopen, wordt gehaald.",
    ),
    Item(
        "maaltijd-aan-huis",
        "Maaltijden aan huis",
        GP,
        (LONELY,),
        2023,
        PE,
        "Vrijwilligers brengen een maaltijd rond en zorgen voor een warme ontvangst aan de deur.",
        "Het bezoek duurt kort, maar het is voor sommige ouderen het enige contact van de dag.",
    ),
    # Dorpshuizen ---------------------------------------------------------------------------------
    Item(
        "toekomstbestendig-dorpshuis",
        "Een toekomstbestendig dorpshuis",
        SP,
        (INFRA,),
        2023,
        WD,
        "In zes stappen naar een dorpshuis dat over tien jaar nog open is.",
        "Begin met de vraag wat het dorp nodig heeft. Kijk daarna naar het gebouw, de exploitatie en "
        "het bestuur. Veel dorpshuizen combineren een café met zorg en onderwijs.",
        "spectrum",
    ),
    Item(
        "dorpshuizen-verduurzamen",
        "Dorpshuizen verduurzamen",
        TO,
        (INFRA,),
        2024,
        WD,
        "Een rekenhulp voor zonnepanelen, isolatie en een warmtepomp in het dorpshuis.",
        "De energierekening is voor veel besturen de grootste zorg. De rekenhulp laat zien wat een "
        "maatregel kost en oplevert.",
        "spectrum",
    ),
    Item(
        "bestuur-dorpshuis",
        "Vrijwilligers in het bestuur van het dorpshuis",
        GP,
        (INFRA,),
        2021,
        PE,
        "Hoe het dorpshuis van Beltrum nieuwe bestuursleden vond.",
        "Het bestuur vroeg niet om een voorzitter, maar om iemand die een avond per maand wil helpen. "
        "Zo kwamen er jonge ouders bij.",
    ),
    Item(
        "multifunctioneel-centrum",
        "Van buurthuis naar multifunctioneel centrum",
        PU,
        (INFRA,),
        2019,
        WD,
        "Wat gemeenten leerden van het samenvoegen van buurthuizen, bibliotheek en zorg.",
        "Een gebouw voor alles bespaart geld, maar bewoners moeten zich er thuis blijven voelen. "
        "Dorpshuizen met een eigen bestuur doen het beter dan centra die de gemeente beheert.",
        "platform31",
    ),
    Item(
        "rekenmodel-dorpshuis",
        "Rekenmodel exploitatie dorpshuis",
        TO,
        (INFRA,),
        2022,
        WD,
        "Een begroting in een spreadsheet: huur, zaalverhuur, bar en subsidie.",
        "Met het rekenmodel ziet het bestuur of het gebouw over vijf jaar nog rond komt.",
        "spectrum",
    ),
    # Vrijwilligers -------------------------------------------------------------------------------
    Item(
        "vrijwilligers-werven",
        "Nieuwe vrijwilligers werven en behouden",
        SP,
        (INFRA,),
        2023,
        WD,
        "Zo vindt een vereniging nieuwe vrijwilligers en houdt ze ze vast.",
        "Vraag mensen persoonlijk, maak een taak klein en concreet, en bedank vaak.",
        "movisie",
    ),
    Item(
        "maatschappelijke-diensttijd",
        "Maatschappelijke diensttijd voor jongeren",
        M,
        (PARTICIPATION,),
        2022,
        WF,
        "Jongeren tot 27 jaar doen vrijwilligerswerk en ontwikkelen hun talenten.",
        "Een coach begeleidt de jongere. Organisaties in het dorp bieden een plek.",
    ),
    Item(
        "vacaturebank",
        "Vrijwilligersvacaturebank van de gemeente",
        PL,
        (INFRA,),
        2020,
        PE,
        "Een website waar organisaties vacatures voor vrijwilligerswerk plaatsen.",
        "Inwoners zoeken op dag, plaats en soort klus en reageren direct.",
    ),
    Item(
        "vrijwilliger-bedanken",
        "Een vrijwilliger bedanken",
        TO,
        (INFRA,),
        2021,
        WD,
        "Twintig ideeën om een vrijwilliger te laten merken dat zijn inzet telt.",
        "Van een kaartje tot een feestavond: waardering kost weinig en houdt mensen betrokken.",
    ),
    # Mantelzorg ----------------------------------------------------------------------------------
    Item(
        "respijtzorg",
        "Respijtzorg: even vrij van de zorg",
        M,
        (LONELY,),
        2022,
        WF,
        "Een vrijwilliger neemt de zorg een dagdeel over, zodat de mantelzorger op adem komt.",
        "Mantelzorg is zwaar als het lang duurt. Respijtzorg voorkomt dat mantelzorgers overbelast raken.",
        "vilans",
    ),
    Item(
        "jonge-mantelzorgers",
        "Jonge mantelzorgers op school herkennen",
        M,
        (LONELY,),
        2024,
        WD,
        "Jongeren die zorgen voor een ziek familielid vallen vaak niet op.",
        "Leraren leren de signalen kennen: vaak te laat, moe, weinig vrienden. De school verwijst door "
        "naar het steunpunt mantelzorg.",
        "vilans",
    ),
    Item(
        "mantelzorgwaardering",
        "Mantelzorgwaardering in Gelderse gemeenten",
        PU,
        (LONELY,),
        2021,
        PE,
        "Een overzicht van wat gemeenten mantelzorgers jaarlijks geven: een bon, een dag uit of geld.",
        "De meeste gemeenten kiezen voor een cadeaubon van de lokale winkels.",
    ),
    Item(
        "werkende-mantelzorger",
        "De werkende mantelzorger",
        TO,
        (LONELY,),
        2023,
        WD,
        "Afspraken met de werkgever over verlof en flexibele uren.",
        "Een op de vier werknemers zorgt naast het werk voor een naaste. Het gesprek met de werkgever "
        "helpt uitval voorkomen.",
        "vilans",
    ),
    # Burgerinitiatieven en participatie --------------------------------------------------------------
    Item(
        "burgerinitiatief-starten",
        "Een burgerinitiatief starten",
        SP,
        (PARTICIPATION,),
        2022,
        WD,
        "In vijf stappen van een idee aan de keukentafel naar een plan dat de gemeente steunt.",
        "Zoek medestanders, maak het plan klein, vraag de gemeente om een aanspreekpunt en regel geld.",
        "movisie",
    ),
    Item(
        "right-to-challenge",
        "Right to Challenge",
        M,
        (PARTICIPATION,),
        2021,
        WD,
        "Bewoners nemen een taak van de gemeente over, zoals het groenonderhoud, met het budget erbij.",
        "Een burgerinitiatief daagt de gemeente uit: wij kunnen het beter en goedkoper.",
        "platform31",
    ),
    Item(
        "buurtbudget",
        "Buurtbudget",
        M,
        (PARTICIPATION, AREA),
        2023,
        WD,
        "Bewoners beslissen zelf waaraan geld voor hun wijk wordt besteed.",
        "De gemeente zet een bedrag opzij. Bewoners dienen plannen in en stemmen.",
    ),
    Item(
        "dorpsraden",
        "Dorpsraden en wijkraden als gesprekspartner",
        PU,
        (PARTICIPATION, INFRA),
        2020,
        WD,
        "Hoe gemeenten samenwerken met de dorpsraad van elke kern.",
        "Een vaste contactpersoon, een klein budget en een jaarlijks overleg werken goed.",
    ),
    Item(
        "burgerinitiatieven-ondersteunen",
        "Wat gemeenten doen voor initiatieven van inwoners",
        PU,
        (PARTICIPATION,),
        2020,
        WD,
        "Een onderzoek naar de steun die burgerinitiatieven van hun gemeente krijgen.",
        "Initiatiefnemers willen één loket, snelle antwoorden en minder regels.",
        "platform31",
    ),
    Item(
        "burgerberaad",
        "Een burgerberaad organiseren",
        SP,
        (PARTICIPATION,),
        2024,
        WD,
        "Inwoners die door loting zijn gekozen, geven de gemeenteraad advies.",
        "Het beraad komt vijf keer bij elkaar en hoort deskundigen.",
    ),
    # Armoede en schulden -------------------------------------------------------------------------
    Item(
        "vroegsignalering-schulden",
        "Vroegsignalering van schulden",
        M,
        (POOR,),
        2023,
        EFF,
        "Woningcorporaties en energieleveranciers melden betalingsachterstanden, de gemeente belt aan.",
        "Hoe eerder hulp komt, hoe kleiner de schuld. De aanpak is onderzocht en werkt.",
        "movisie",
    ),
    Item(
        "armoede-kinderen",
        "Armoede onder kinderen: meedoen met sport en cultuur",
        M,
        (POOR,),
        2024,
        WF,
        "Kinderen uit gezinnen met weinig geld doen mee aan sport, muziek en schoolreisjes.",
        "Een fonds betaalt de contributie en de spullen. Ouders vragen het aan via school.",
    ),
    Item(
        "voedselbank",
        "Samenwerken met de voedselbank",
        GP,
        (POOR,),
        2021,
        PE,
        "De voedselbank van Tiel verwijst klanten door naar schuldhulp.",
        "Wie een pakket haalt, krijgt ook een afspraak met een budgetcoach.",
    ),
    Item(
        "taboe-schulden",
        "Het taboe op schulden doorbreken",
        TO,
        (POOR,),
        2022,
        WD,
        "Gesprekskaarten om geldzorgen bespreekbaar te maken.",
        "Veel mensen met een schuld schamen zich. De kaarten helpen het eerste gesprek.",
    ),
    Item(
        "energiecoaches",
        "Energiearmoede aanpakken met energiecoaches",
        M,
        (POOR,),
        2024,
        WD,
        "Vrijwillige energiecoaches helpen huishoudens met een hoge energierekening.",
        "De coach komt thuis, plaatst tochtstrips en legt de meter uit.",
    ),
    Item(
        "verborgen-armoede",
        "Verborgen armoede op het platteland",
        PU,
        (POOR,),
        2022,
        WD,
        "Op het platteland vragen mensen met weinig geld minder vaak om hulp.",
        "Boeren, zzp'ers en ouderen met een klein pensioen zoeken zelden hulp bij schulden.",
        "platform31",
    ),
    # Wonen ---------------------------------------------------------------------------------------
    Item(
        "langer-thuis-wonen",
        "Langer thuis wonen",
        M,
        (AREA,),
        2022,
        WF,
        "Woningen aanpassen voor ouderen: een traplift, een drempel weg, een douche beneden.",
        "Een woonadviseur komt langs en maakt een plan. De gemeente betaalt een deel.",
        "vilans",
    ),
    Item(
        "knarrenhof",
        "Knarrenhof",
        GP,
        (AREA,),
        2023,
        PE,
        "Ouderen wonen zelfstandig in een hofje en helpen elkaar.",
        "De bewoners delen een tuin en een gemeenschappelijke ruimte.",
    ),
    Item(
        "tiny-houses",
        "Tiny houses voor starters in het dorp",
        GP,
        (AREA,),
        2024,
        PE,
        "Jongeren die in hun dorp willen blijven, wonen in een klein huis op een tijdelijke plek.",
        "Het dorp houdt zo jonge gezinnen en de school blijft open.",
    ),
    Item(
        "kangoeroewonen",
        "Kangoeroewonen en woningdelen",
        PU,
        (AREA,),
        2021,
        WD,
        "Twee huishoudens onder één dak: regels voor huur, toeslagen en de kostendelersnorm.",
        "Een oudere ouder woont in een deel van het huis van een kind.",
    ),
    Item(
        "wooncooperatie",
        "Een wooncoöperatie oprichten",
        SP,
        (AREA, PARTICIPATION),
        2023,
        WD,
        "Bewoners bouwen en beheren samen hun woningen.",
        "Van de vereniging tot de hypotheek: de stappen en valkuilen.",
        "platform31",
    ),
    # Jongeren ------------------------------------------------------------------------------------
    Item(
        "jongerenwerk-platteland",
        "Jongerenwerk op het platteland",
        M,
        (AREA,),
        2022,
        WD,
        "Een jongerenwerker die tussen de dorpen reist en jongeren opzoekt waar ze zijn.",
        "In kleine kernen is geen jongerencentrum. De werker komt naar de bushalte of het sportveld.",
    ),
    Item(
        "jongerenplek",
        "Een eigen plek voor jongeren in het dorp",
        GP,
        (AREA, INFRA),
        2023,
        PE,
        "Jongeren van Vorden richtten met de gemeente een ontmoetingsruimte in.",
        "Ze beheren de sleutel zelf en spreken regels af met de buren.",
    ),
    Item(
        "jongerenraad",
        "Een jongerenraad in de gemeente",
        SP,
        (PARTICIPATION,),
        2021,
        WD,
        "Jongeren geven de gemeenteraad gevraagd en ongevraagd advies.",
        "Geef de raad een eigen budget en laat een wethouder vaak langskomen.",
    ),
    Item(
        "mentale-gezondheid-jongeren",
        "Mentale gezondheid van jongeren",
        PU,
        (LONELY,),
        2024,
        WD,
        "Steeds meer jongeren voelen druk en somberheid.",
        "Prestatiedruk en sociale media spelen mee. Een sterk netwerk in de buurt beschermt.",
        "ggd",
    ),
    # Ouderen -------------------------------------------------------------------------------------
    Item(
        "valpreventie",
        "Valpreventie bij thuiswonende ouderen",
        M,
        (AREA,),
        2022,
        EFF,
        "Een beweegprogramma dat ouderen helpt om niet te vallen.",
        "Tien weken oefenen in de sportzaal: balans, kracht en zelfvertrouwen.",
        "vilans",
    ),
    Item(
        "dementievriendelijk",
        "Een dementievriendelijke gemeente",
        SP,
        (AREA,),
        2023,
        WD,
        "Winkels, politie en buren leren omgaan met ouderen met dementie.",
        "Een korte training en een sticker op de deur laten zien dat iemand welkom is.",
    ),
    Item(
        "digitaal-vaardig",
        "Ouderen digitaal vaardig",
        M,
        (PARTICIPATION,),
        2021,
        WD,
        "Vrijwilligers in de bibliotheek helpen ouderen met de tablet en DigiD.",
        "Wie niet digitaal kan, mist toeslagen en afspraken.",
    ),
    Item(
        "preventief-huisbezoek",
        "Preventief huisbezoek bij senioren",
        TE,
        (LONELY, AREA),
        2020,
        WD,
        "Een vragenlijst voor het bezoek aan alle 75-plussers van een dorp.",
        "Het bezoek brengt wensen en zorgen over wonen, gezondheid en contacten in kaart.",
    ),
    # Mobiliteit op het platteland ----------------------------------------------------------------
    Item(
        "buurtbus",
        "De buurtbus",
        GP,
        (AREA,),
        2022,
        PE,
        "In de Achterhoek rijdt de buurtbus tussen de kernen, met vrijwilligers achter het stuur.",
        "Waar de lijnbus verdween, rijden nu buurtbussen van acht zitplaatsen.",
    ),
    Item(
        "automaatje",
        "Automaatje: dorpsgenoten rijden elkaar",
        M,
        (AREA, LONELY),
        2023,
        EP,
        "Vrijwilligers rijden met hun eigen auto plaatsgenoten naar de dokter of de winkel.",
        "De passagier betaalt een kleine vergoeding per kilometer.",
    ),
    Item(
        "deelauto",
        "Een deelauto voor het dorp",
        GP,
        (AREA,),
        2024,
        PE,
        "Bewoners van Hummelo delen een elektrische auto die ze via een app boeken.",
        "Het dorpshuis heeft een laadpaal en beheert de sleutel.",
    ),
    Item(
        "mobiliteit-platteland",
        "Mobiliteit op het platteland",
        PU,
        (AREA,),
        2023,
        WD,
        "Hoe mensen zonder auto in kleine kernen bij de dokter en de winkel komen.",
        "Vervoer dichtbij kan een buurtbus, een deelauto of een vrijwillige chauffeur zijn.",
        "platform31",
    ),
    Item(
        "boodschappenservice",
        "Boodschappenservice in kleine kernen",
        TO,
        (AREA,),
        2021,
        PE,
        "Een bestellijst waarmee vrijwilligers boodschappen doen voor dorpsgenoten.",
        "De supermarkt in de stad zet de bestelling klaar en de vrijwilliger brengt hem rond.",
    ),
    # Samenhang in de buurt -----------------------------------------------------------------------
    Item(
        "sociale-samenhang-meten",
        "Sociale samenhang in de buurt meten",
        TO,
        (AREA,),
        2022,
        WD,
        "Een vragenlijst over contact met buren, vertrouwen en hulp.",
        "Herhaal de meting om te zien wat een aanpak verandert.",
        "movisie",
    ),
    Item(
        "sportclub-wijk",
        "Sport en ontmoeting in de wijk",
        GP,
        (AREA,),
        2023,
        PE,
        "Sociale activiteiten rond de sportclub versterken de samenhang in de wijk.",
        "De kantine is ook overdag open voor koffie en een spelletje.",
    ),
    Item(
        "gebiedsgericht-wijkteam",
        "Gebiedsgericht werken met een wijkteam",
        M,
        (AREA,),
        2021,
        WD,
        "Het wijkteam, de woningcorporatie en de politie maken één plan per wijk.",
        "De sociale samenhang groeit als partners en bewoners samen prioriteiten kiezen.",
        "platform31",
    ),
    Item(
        "buurtpreventie",
        "Buurtpreventie met een appgroep",
        GP,
        (AREA, PARTICIPATION),
        2022,
        PE,
        "Bewoners letten samen op de straat en waarschuwen elkaar via een appgroep.",
        "De wijkagent is lid van de groep en geeft tips.",
    ),
    Item(
        "openbare-ruimte",
        "Ontmoeten in de openbare ruimte",
        PU,
        (AREA,),
        2020,
        WD,
        "Bankjes, pleinen en speeltuinen waar buren elkaar tegenkomen.",
        "Een goed bankje staat in de schaduw, bij een pad en met uitzicht op spelende kinderen.",
    ),
    Item(
        "kleine-kernen",
        "De leefbaarheid van kleine kernen",
        PU,
        (AREA, INFRA),
        2023,
        WD,
        "Wat een dorp leefbaar houdt: een school, een dorpshuis en vervoer.",
        "Bewoners noemen de onderlinge hulp belangrijker dan de voorzieningen.",
        "platform31",
    ),
    Item(
        "burendag",
        "Burendag organiseren",
        TO,
        (PARTICIPATION,),
        2021,
        PE,
        "Een draaiboek voor een dag waarop buren samen iets doen voor de straat.",
        "Vraag een klein budget aan en begin op tijd met uitnodigen.",
    ),
    Item(
        "taalhuis",
        "Het taalhuis in de bibliotheek",
        GP,
        (POOR, PARTICIPATION),
        2022,
        PE,
        "Wie moeite heeft met lezen en schrijven, vindt hier hulp.",
        "Laaggeletterdheid komt vaak samen met schulden voor. Taalvrijwilligers helpen met brieven "
        "en formulieren.",
    ),
    Item(
        "laaggeletterdheid-werkgevers",
        "Lezen en schrijven op het werk",
        PU,
        (POOR,),
        2021,
        WD,
        "Werkgevers ontdekken taalproblemen bij hun personeel en bieden cursussen aan.",
        "Een cursus onder werktijd bereikt mensen die nooit naar het taalhuis zouden gaan.",
    ),
    Item(
        "sociale-kaart",
        "Een sociale kaart van het dorp",
        TO,
        (AREA,),
        2020,
        WD,
        "Een overzicht van alle clubs, hulp en voorzieningen in een dorp.",
        "De huisarts en het wijkteam gebruiken de kaart om mensen door te verwijzen.",
    ),
    Item(
        "lessen-corona",
        "Lessen uit de coronatijd",
        PU,
        (COVID,),
        2022,
        WD,
        "Wat de lockdowns leerden over sociale verbondenheid in dorpen en wijken.",
        "Buren deden boodschappen voor elkaar. Die netwerken bleken later waardevol.",
        "movisie",
    ),
    Item(
        "beweegmaatje",
        "Beweegmaatjes voor ouderen",
        M,
        (LONELY,),
        2019,
        PE,
        "Een vrijwilliger wandelt elke week met een oudere die niet alleen durft.",
        "Samen bewegen helpt tegen eenzaamheid en valpartijen.",
    ),
    # Written for the synonyms, compounds, corrections and theme matches (search.expansion): each
    # says its subject in other words than the query a civil servant types for it.
    Item(
        "ontmoeten-na-lockdown",
        "Ontmoeten na de lockdown",
        PU,
        (COVID,),
        2023,
        WD,
        "Wat de COVID-19-pandemie leerde over contact in de buurt.",
        "Toen alles dicht was, zochten buren elkaar op straat op. Gemeenten houden die contacten vast.",
        "platform31",
    ),
    Item(
        "kosten-wijkcentrum",
        "Wat kost een wijkcentrum?",
        TO,
        (INFRA,),
        2024,
        WD,
        "Een overzicht van de vaste kosten: huur, energie, schoonmaak en beheer.",
        "Met het overzicht ziet een gemeente wat een centrum per jaar nodig heeft.",
    ),
    Item(
        "gids-bewonersparticipatie",
        "Gids voor bewonersparticipatie",
        SP,
        (PARTICIPATION,),
        2024,
        WD,
        "In vijf stappen bewoners vroeg laten meepraten over plannen in hun straat.",
        "Begin met luisteren, maak afspraken over wie beslist en laat zien wat er met de ideeën gebeurt.",
        "movisie",
    ),
    Item(
        "meepraten-omgevingswet",
        "Meepraten onder de Omgevingswet",
        PU,
        (AREA,),
        2023,
        WD,
        "Wat de wet vraagt van de participatie bij nieuwe plannen.",
        "Bewoners moeten op tijd weten wat er speelt en wat zij kunnen inbrengen.",
    ),
    Item(
        "snelle-schuldhulpverlening",
        "Snelle schuldhulpverlening voor jonge gezinnen",
        M,
        (POOR,),
        2024,
        WF,
        "Binnen drie dagen een eerste gesprek voor gezinnen met kinderen.",
        "Hoe korter het wachten, hoe kleiner de schuld als de hulp begint.",
    ),
    Item(
        "buurttafel",
        "Samen eten aan de buurttafel",
        GP,
        (LONELY,),
        2022,
        PE,
        "Buurtbewoners eten één keer per week samen in een school.",
        "Een vaste avond en een vaste plek: zo ontstaan nieuwe contacten.",
    ),
    Item(
        "zorg-voor-een-naaste",
        "Werk en de zorg voor een naaste",
        TO,
        (AREA,),
        2023,
        WD,
        "Tips voor werkgevers over informele zorg door hun werknemers.",
        "Flexibele uren en een open gesprek houden werknemers aan het werk.",
    ),
    Item(
        "ontmoetingsplek-bibliotheek",
        "Een ontmoetingsplek tussen de boekenkasten",
        GP,
        (INFRA,),
        2024,
        PE,
        "In drie kernen werd de bibliotheek ook een plek om elkaar te zien.",
        "Er is koffie, een leestafel en elke week een spreekuur.",
    ),
]

NEWS = [
    News(
        "week-tegen-eenzaamheid",
        "Week tegen Eenzaamheid in Gelderland",
        "Van 25 september tot 2 oktober organiseren gemeenten activiteiten.",
        "Kijk welke gemeenten meedoen en hoe u een activiteit aanmeldt.",
        (LONELY,),
    ),
    News(
        "subsidieronde-dorpshuizen",
        "Nieuwe subsidieronde voor dorpshuizen",
        "De provincie stelt opnieuw geld beschikbaar voor verbouwing en verduurzaming.",
        "Besturen kunnen tot 1 maart een aanvraag doen.",
        (INFRA,),
    ),
    News(
        "monitor-welbevinden",
        "Resultaten Monitor Gelders Welbevinden",
        "Inwoners van Gelderland geven hun leven gemiddeld een 7,4.",
        "De monitor vraagt naar geluk, gezondheid en contact met anderen.",
        (LONELY, AREA),
    ),
    News(
        "vrijwilligersacademie",
        "Leefbaarheidsalliantie start een academie",
        "Cursussen voor bestuurders van verenigingen en dorpshuizen.",
        "De eerste cursus gaat over het werven van vrijwilligers.",
        (INFRA,),
    ),
]

PILOTS = [
    Pilot(
        "pilot-beltrum",
        "Het dorpshuis als huiskamer van Beltrum",
        "Berkelland",
        "Beltrum",
        "Het dorpshuis is overdag open als huiskamer voor ouderen en jonge ouders.",
        "Een pilot waarin vrijwilligers en de zorg samen het dorpshuis overdag openhouden.",
        (INFRA, LONELY),
        "spectrum",
    ),
    Pilot(
        "pilot-mantelzorgcafe",
        "Mantelzorgcafé in Tiel",
        "Tiel",
        "Tiel-Oost",
        "Mantelzorgers ontmoeten elkaar een keer per maand.",
        "Een pilot met het steunpunt mantelzorg en de bibliotheek.",
        (LONELY,),
        "vilans",
    ),
    Pilot(
        "pilot-vervoer-aalten",
        "Vervoer op maat in Aalten",
        "Aalten",
        "Bredevoort",
        "Inwoners zonder auto komen met een belbus en vrijwilligers bij de dokter.",
        "Een pilot voor mobiliteit op het platteland.",
        (AREA,),
        "platform31",
    ),
]

JUDGEMENTS = [
    # The word of a title
    Judgement("respijtzorg", ("respijtzorg",), FIRST, "title"),
    Judgement("knarrenhof", ("knarrenhof",), FIRST, "title"),
    Judgement("valpreventie", ("valpreventie",), FIRST, "title"),
    Judgement("buurtbudget", ("buurtbudget",), FIRST, "title"),
    Judgement("energiearmoede", ("energiecoaches",), FIRST, "title"),
    Judgement("Armoede en schulden", ("armoede-en-schulden",), FIRST, "title"),
    Judgement("Monitor Gelders Welbevinden", ("monitor-welbevinden",), FIRST, "title"),
    Judgement("Beltrum", ("pilot-beltrum", "bestuur-dorpshuis"), FIRST, "title"),
    Judgement("vervoer platteland", ("mobiliteit-platteland", "pilot-vervoer-aalten"), TOP5, "title"),
    # Inflections
    Judgement("eenzaam", ("samen-tegen-eenzaamheid",), TOP5, "inflection"),
    Judgement("eenzame ouderen", ("samen-tegen-eenzaamheid",), FIRST, "inflection"),
    Judgement("schuld", ("vroegsignalering-schulden", "taboe-schulden"), TOP5, "inflection"),
    Judgement("woning aanpassen", ("langer-thuis-wonen",), FIRST, "inflection"),
    Judgement("jongere mantelzorger", ("jonge-mantelzorgers",), FIRST, "inflection"),
    # Part of a compound: Dutch writes compounds as one word
    Judgement(
        "mantelzorg",
        ("jonge-mantelzorgers", "werkende-mantelzorger", "mantelzorgwaardering"),
        TOP5,
        "compound",
    ),
    Judgement("energie", ("energiecoaches", "dorpshuizen-verduurzamen"), TOP5, "compound"),
    Judgement("subsidie dorpshuis", ("subsidieronde-dorpshuizen",), FIRST, "compound"),
    # Plurals
    Judgement("dorpshuizen", ("toekomstbestendig-dorpshuis", "bestuur-dorpshuis"), TOP5, "plural"),
    Judgement("vrijwilligers", ("vrijwilligers-werven",), TOP5, "plural"),
    Judgement("vrijwilliger", ("vrijwilliger-bedanken", "vrijwilligers-werven"), TOP5, "plural"),
    Judgement("burgerinitiatieven", ("burgerinitiatief-starten",), FIRST, "plural"),
    Judgement("mantelzorgers", ("werkende-mantelzorger", "jonge-mantelzorgers"), TOP5, "plural"),
    Judgement("buurtbussen", ("buurtbus", "mobiliteit-platteland"), FIRST, "plural"),
    Judgement("deelauto's", ("deelauto",), FIRST, "plural"),
    # Small spelling mistakes: right if the results or the suggestion's results have the item
    Judgement("eenzaamhied", ("samen-tegen-eenzaamheid",), TOP5, "typo"),
    Judgement("dorphuis", ("toekomstbestendig-dorpshuis",), TOP5, "typo"),
    Judgement("vrijwiliger", ("vrijwilliger-bedanken",), TOP5, "typo"),
    Judgement("mantelzrog", ("respijtzorg",), TOP5, "typo"),
    Judgement("laaggeletterdhied", ("taalhuis",), TOP5, "typo"),
    Judgement("eenzaamhied jongeren", ("eenzame-jongeren",), FIRST, "typo"),
    Judgement("buurtpreventei", ("buurtpreventie",), FIRST, "typo"),
    Judgement("knarenhof", ("knarrenhof",), FIRST, "typo"),
    Judgement("wooncooperatie", ("wooncooperatie",), FIRST, "typo"),  # the diaeresis left out
    # The exact phrase before the same words apart
    Judgement("sociale samenhang", ("sociale-samenhang-meten", "gebiedsgericht-wijkteam"), FIRST, "phrase"),
    Judgement("warme maaltijd", ("warme-maaltijd", "maaltijd-aan-huis"), FIRST, "phrase"),
    Judgement("kleine kernen", ("kleine-kernen", "boodschappenservice"), TOP5, "phrase"),
    # A title match before the same word in a body
    Judgement("taalhuis", ("taalhuis", "laaggeletterdheid-werkgevers"), FIRST, "body"),
    Judgement("buurtbus", ("buurtbus", "mobiliteit-platteland"), FIRST, "body"),
    Judgement("laaggeletterdheid", ("taalhuis",), FIRST, "body"),
    Judgement("bibliotheek", ("taalhuis",), FIRST, "body"),
    # A query narrowed by facets
    Judgement(
        "dorpshuis", ("rekenmodel-dorpshuis", "dorpshuizen-verduurzamen"), TOP5, "facet", {"soort": TO}
    ),
    Judgement("vrijwilligers", ("bestuur-dorpshuis",), FIRST, "facet", {"thema": INFRA, "soort": GP}),
    Judgement("armoede", ("armoede-kinderen",), FIRST, "facet", {"jaar": "2024"}),
    Judgement("eenzaamheid", ("week-tegen-eenzaamheid",), FIRST, "facet", {"type": "newspage"}),
    Judgement("mantelzorg", ("respijtzorg",), FIRST, "facet", {"bewijs": WF}),
    Judgement("ouderen", ("valpreventie",), FIRST, "facet", {"bewijs": EFF, "thema": AREA}),
    # Other words for the same thing: the editors' synonyms (search/synonym_defaults.py)
    Judgement("corona", ("ontmoeten-na-lockdown", "lessen-corona"), TOP5, "synonym"),
    Judgement("buurthuis kosten", ("kosten-wijkcentrum",), FIRST, "synonym"),
    Judgement("dorpsbelangen", ("dorpsraden",), FIRST, "synonym"),
    Judgement("armoede gesprekskaarten", ("taboe-schulden",), FIRST, "synonym"),
    Judgement("mantelzorg", ("zorg-voor-een-naaste",), FOUND, "synonym"),
    Judgement("informele zorg", ("zorg-voor-een-naaste",), FIRST, "synonym"),
    Judgement("buurthuis bibliotheek", ("ontmoetingsplek-bibliotheek",), TOP5, "synonym"),
    Judgement("sociaal isolement", ("samen-tegen-eenzaamheid",), TOP5, "synonym"),
    # A word finds the compounds it ends, a compound its parts
    Judgement("participatie", ("gids-bewonersparticipatie", "meepraten-omgevingswet"), TOP5, "compound"),
    Judgement(
        "bewonersparticipatie", ("gids-bewonersparticipatie", "meepraten-omgevingswet"), TOP5, "compound"
    ),
    Judgement("hulpverlening", ("snelle-schuldhulpverlening",), FIRST, "compound"),
    Judgement("wijkcentrum kosten", ("kosten-wijkcentrum",), FIRST, "compound"),
    # Typos in the new items' words: answered with the correction's results
    Judgement("schuldhulpverleneng", ("snelle-schuldhulpverlening",), FIRST, "typo"),
    Judgement("ontmoetingplek", ("ontmoetingsplek-bibliotheek",), FIRST, "typo"),
    Judgement("bewonersparticiptie", ("gids-bewonersparticipatie",), TOP5, "typo"),
    # A theme's name finds what is tagged with it, below what says the word
    Judgement("eenzaamheid", ("buurttafel",), FOUND, "theme"),
    Judgement("eenzaamheid buurttafel", ("buurttafel",), FIRST, "theme"),
    Judgement(
        "sociale infrastructuur", ("kosten-wijkcentrum", "ontmoetingsplek-bibliotheek"), FOUND, "theme"
    ),
]
