"""Six pilots in six Gelderland municipalities, with every status, lessons and methods used.

Completed pilots have fixed dates. Running and planned pilots get dates around the day the demo is
seeded (``dates`` is a number of days from today), so "running" and "planned" stay true; a re-run
keeps the stored dates as long as they still fit the status.
"""

import datetime

from knowledge.models import PilotPage

from .blocks import lesson

Status = PilotPage.Status

CONTACT_EMAIL = "leefbaarheid@gelderland.nl"

PILOTS = [
    {
        "slug": "samen-aan-tafel-in-hatert",
        "title": "Samen aan tafel in Hatert",
        "municipality": "Nijmegen",
        "place": "Hatert",
        "themes": ["armoede-en-schulden", "eenzaamheid"],
        "status": Status.COMPLETED,
        "dates": (datetime.date(2021, 10, 1), datetime.date(2023, 9, 30)),
        "organisation": "movisie",
        "image": "wijk",
        "introduction": (
            "Een wekelijkse maaltijd in de wijk, met aan tafel een vrijwilliger die helpt met geldvragen. "
            "Zo kwamen bewoners met geldzorgen eerder in beeld."
        ),
        "aim": (
            "Bewoners met geldzorgen of weinig contacten eerder bereiken, via een plek waar ze toch al "
            "graag komen."
        ),
        "approach": (
            "<p>Elke dinsdag kookten vrijwilligers in het buurthuis. Aan tafel zat ook een getrainde "
            "vrijwilliger van de thuisadministratie. Wie wilde, kon na het eten een afspraak maken.</p>"
            "<ul><li>De maaltijd kostte een paar euro.</li>"
            "<li>De gemeente gaf signalen van betalingsachterstanden door, met toestemming van de "
            "bewoner.</li></ul>"
        ),
        "partners": "Gemeente Nijmegen\nWelzijnsorganisatie in de wijk\nWoningcorporatie\nMovisie",
        "lessons": [
            lesson(
                "Hulp bij geld werkt beter via een plek waar mensen al komen",
                "Bewoners kwamen voor het eten en de gezelligheid. Over geld praten kwam later vanzelf.",
                "Zoek een bestaande activiteit en voeg daar hulp aan toe, in plaats van een nieuw loket.",
            ),
            lesson(
                "Vrijwilligers hebben zelf ook steun nodig",
                "Sommige verhalen waren zwaar. Vrijwilligers wilden weten bij wie ze terechtkonden.",
                "Regel vanaf het begin een vaste professional voor vragen en intervisie.",
            ),
            lesson(
                "Tel niet alleen aanmeldingen",
                "De meeste winst zat in gesprekken die niet in een registratie terechtkwamen.",
                "Vraag deelnemers en vrijwilligers ook naar hun verhaal.",
            ),
        ],
        "evaluation": (
            "<p>Movisie sprak met deelnemers, vrijwilligers en professionals. Ruim de helft van de "
            "deelnemers zei dat ze zich minder alleen voelden. Een kleine groep kreeg via de maaltijd "
            "hulp bij schulden. De gemeente zet de aanpak voort in twee andere wijken.</p>"
        ),
        "contact_name": "Projectleider Samen aan tafel, via Team Leefbaarheid",
        "coordinates": ("51.81630", "5.82700"),
        "methods_used": ["thuisadministratie", "vroegsignalering-schulden", "gesprek-over-geldzorgen"],
        "documents": [],
    },
    {
        "slug": "dorpshuis-als-huiskamer-lievelde",
        "title": "Het dorpshuis als huiskamer van Lievelde",
        "municipality": "Oost Gelre",
        "place": "Lievelde",
        "themes": ["sociale-infrastructuur", "eenzaamheid"],
        "status": Status.RUNNING,
        "dates": (-320, 410),
        "organisation": "wageningen-university-research",
        "image": "dorpshuis",
        "introduction": (
            "Het dorpshuis is drie ochtenden per week open als huiskamer van het dorp. Bewoners bedenken "
            "zelf de activiteiten."
        ),
        "aim": "Meer ontmoeting in het dorp en een dorpshuis dat ook over tien jaar nog open is.",
        "approach": (
            "<p>Het bestuur vroeg het hele dorp wat het dorpshuis voor hen kan betekenen. Nu is er drie "
            "ochtenden per week een huiskamer met koffie. Vrijwilligers zijn gastvrouw of gastheer.</p>"
            "<ul><li>De basisschool en de thuiszorg gebruiken het gebouw ook.</li>"
            "<li>Het bestuur volgt cursussen over energiebesparing en beheer.</li></ul>"
        ),
        "partners": (
            "Gemeente Oost Gelre\nStichting dorpshuis\nDorpsraad\nBasisschool\n"
            "Wageningen University & Research"
        ),
        "lessons": [
            lesson(
                "Vraag het dorp, niet alleen het bestuur",
                "Uit de gesprekken kwamen ideeën die het bestuur zelf niet had bedacht, zoals een "
                "repair café.",
                "Neem de tijd voor gesprekken aan de deur en op het schoolplein.",
            ),
            lesson(
                "Een vaste gastvrouw maakt het verschil",
                "Mensen kwamen vaker terug als ze wisten wie er zou zijn.",
                "Maak een rooster met vaste gezichten op vaste dagen.",
            ),
        ],
        "evaluation": (
            "<p>Onderzoekers van Wageningen University &amp; Research volgen de pilot. Zij tellen "
            "bezoekers en praten met bewoners. De eerste resultaten zijn positief: het aantal bezoekers "
            "groeit elke maand.</p>"
        ),
        "contact_name": "Projectleider Lievelde, via Team Leefbaarheid",
        "coordinates": ("51.99970", "6.60810"),
        "methods_used": ["ontmoeten-in-het-dorpshuis", "toekomstbestendig-dorpshuis"],
        "documents": [],
    },
    {
        "slug": "buurtbudget-zevenhuizen",
        "title": "Buurtbudget Zevenhuizen",
        "municipality": "Apeldoorn",
        "place": "Zevenhuizen",
        "themes": ["bewonersparticipatie", "gebiedsgericht-werken"],
        "status": Status.RUNNING,
        "dates": (-200, 530),
        "organisation": "platform31",
        "image": "subsidie",
        "introduction": (
            "Bewoners van Zevenhuizen bepalen zelf waar een deel van het wijkbudget naartoe gaat. Alle "
            "bewoners vanaf twaalf jaar mogen stemmen."
        ),
        "aim": "Bewoners krijgen echte invloed op hun wijk, en meer bewoners doen mee.",
        "approach": (
            "<p>De gemeente zette een bedrag apart. Bewoners dienden plannen in, van een speelplek tot "
            "een buurtmoestuin. Een team van bewoners begeleidt de stemming, online en op papier.</p>"
        ),
        "partners": "Gemeente Apeldoorn\nWijkraad\nWoningcorporatie\nPlatform31",
        "lessons": [
            lesson(
                "Stemmen op papier is nodig",
                "Veel oudere bewoners stemden via een formulier in de supermarkt.",
                "Bied altijd meer dan één manier om mee te doen.",
            ),
            lesson(
                "Laat snel resultaat zien",
                "De eerste gekozen plannen waren binnen een paar maanden klaar. Dat gaf vertrouwen.",
                "Kies ook kleine plannen die snel kunnen.",
            ),
            lesson(
                "Jongeren doen mee als je naar hen toe gaat",
                "Jongeren dienden pas plannen in nadat het team op school kwam vertellen.",
                "Zoek jongeren op waar ze al zijn: school, sportclub, jongerenwerk.",
            ),
        ],
        "evaluation": (
            "<p>Platform31 evalueert de pilot na de tweede ronde. Zij kijken naar wie er meedoet en of "
            "bewoners zich meer betrokken voelen bij de wijk.</p>"
        ),
        "contact_name": "Wijkregisseur Zevenhuizen, via Team Leefbaarheid",
        "coordinates": ("52.19900", "5.97000"),
        "methods_used": ["buurtbudget", "wijkscan"],
        "documents": [],
    },
    {
        "slug": "geldzorgen-vroeg-in-beeld-tiel",
        "title": "Geldzorgen vroeg in beeld in Tiel",
        "municipality": "Tiel",
        "place": "Tiel-West",
        "themes": ["armoede-en-schulden", "gebiedsgericht-werken"],
        "status": Status.COMPLETED,
        "dates": (datetime.date(2022, 1, 15), datetime.date(2024, 1, 31)),
        "organisation": "han",
        "image": "armoede",
        "introduction": (
            "Een team ging langs bij huishoudens met een betalingsachterstand. Zo kregen bewoners hulp "
            "voordat de schulden groot werden."
        ),
        "aim": (
            "Meer huishoudens met een betalingsachterstand in gesprek krijgen, en nieuwe schulden voorkomen."
        ),
        "approach": (
            "<p>De gemeente kreeg signalen van de woningcorporatie, het energiebedrijf en de "
            "zorgverzekeraar. Binnen twee weken ging een duo van gemeente en welzijn op huisbezoek.</p>"
        ),
        "partners": "Gemeente Tiel\nWoningcorporatie\nWelzijnsorganisatie\nHogeschool van Arnhem en Nijmegen",
        "lessons": [
            lesson(
                "Op de stoep lukt wat per brief niet lukt",
                "Op brieven reageerde weinig mensen. Bij een huisbezoek ging bijna iedereen het gesprek aan.",
                "Plan tijd voor huisbezoeken in uw aanpak.",
            ),
            lesson(
                "Een duo van gemeente en welzijn werkt goed",
                "De gemeente kon direct regelingen aanbieden; welzijn bleef daarna in contact.",
                "Laat medewerkers van verschillende organisaties samen op pad gaan.",
            ),
        ],
        "evaluation": (
            "<p>De HAN onderzocht de pilot. Veel meer huishoudens gingen in gesprek dan bij de aanpak met "
            "alleen brieven. De gemeente heeft de werkwijze in de hele stad ingevoerd.</p>"
        ),
        "contact_name": "Projectleider vroegsignalering, via Team Leefbaarheid",
        "coordinates": ("51.88750", "5.41200"),
        "methods_used": ["vroegsignalering-schulden", "gesprek-over-geldzorgen"],
        "documents": [],
    },
    {
        "slug": "jong-en-verbonden-beneden-leeuwen",
        "title": "Jong en verbonden in Beneden-Leeuwen",
        "municipality": "West Maas en Waal",
        "place": "Beneden-Leeuwen",
        "themes": ["covid-19-en-sociale-verbondenheid", "eenzaamheid"],
        "status": Status.RUNNING,
        "dates": (-150, 580),
        "organisation": "movisie",
        "image": "covid",
        "introduction": (
            "Jongeren organiseren samen met het jongerenwerk activiteiten voor andere jongeren. Het doel: "
            "niemand hoeft zich buitengesloten te voelen."
        ),
        "aim": "Jongeren die in de coronatijd contact verloren, weer laten aanhaken bij leeftijdsgenoten.",
        "approach": (
            "<p>Een groep jongeren krijgt een eigen budget en hulp van een jongerenwerker. Zij bedenken "
            "activiteiten, van een filmavond tot een sporttoernooi. Ze nodigen ook jongeren uit die "
            "minder snel komen.</p>"
        ),
        "partners": "Gemeente West Maas en Waal\nJongerenwerk\nMiddelbare school\nSportverenigingen\nMovisie",
        "lessons": [
            lesson(
                "Jongeren bereiken jongeren",
                "Een uitnodiging van een leeftijdsgenoot werkte veel beter dan een poster.",
                "Geef jongeren zelf de regie en een eigen budget.",
            ),
            lesson(
                "Praat niet over eenzaamheid, maar over samen iets doen",
                "Het woord eenzaamheid schrikt jongeren af.",
                "Noem het een activiteit, geen hulp.",
            ),
        ],
        "evaluation": (
            "<p>Movisie verzamelt ervaringen van jongeren via korte gesprekken en een vragenlijst. De "
            "evaluatie is klaar aan het eind van de pilot.</p>"
        ),
        "contact_name": "Jongerenwerker, via Team Leefbaarheid",
        "coordinates": ("51.88580", "5.52080"),
        "methods_used": ["vereniging-weer-op-gang", "belcirkel"],
        "documents": [],
    },
    {
        "slug": "dorpsvisie-hengelo",
        "title": "Samen een dorpsvisie voor Hengelo",
        "municipality": "Bronckhorst",
        "place": "Hengelo",
        "themes": ["bewonersparticipatie", "sociale-infrastructuur", "gebiedsgericht-werken"],
        "status": Status.PLANNED,
        "dates": (75, 75 + 540),
        "organisation": "wageningen-university-research",
        "image": "gebied",
        "introduction": (
            "Bewoners van Hengelo gaan samen een dorpsvisie maken. Jongeren en nieuwe inwoners doen "
            "vanaf het begin mee."
        ),
        "aim": "Een dorpsvisie die door het hele dorp gedragen wordt, en afspraken met de gemeente.",
        "approach": (
            "<p>Een groep van tien bewoners start het gesprek. Er komen tafelgesprekken, een enquête en "
            "een avond op school. De gemeente denkt mee en zegt vooraf wat ze met de visie gaat "
            "doen.</p>"
        ),
        "partners": "Gemeente Bronckhorst\nDorpsraad Hengelo\nVereniging Kleine Kernen Gelderland",
        "lessons": [
            lesson(
                "Spreek vooraf af wat de gemeente met de visie doet",
                "In andere dorpen verdween een visie in een la. Dat wil het dorp voorkomen.",
                "Leg afspraken met de gemeente op papier, voordat u begint.",
            ),
            lesson(
                "Betrek nieuwe inwoners vanaf het begin",
                "Bij de voorbereiding bleek dat nieuwe inwoners weinig van dorpsplannen wisten.",
                "Nodig nieuwe inwoners persoonlijk uit, bijvoorbeeld bij een welkomstavond.",
            ),
        ],
        "evaluation": (
            "<p>De evaluatie volgt na afloop. Wageningen University &amp; Research helpt bij de opzet.</p>"
        ),
        "contact_name": "Dorpsraad Hengelo, via Team Leefbaarheid",
        "coordinates": ("52.05200", "6.30900"),
        "methods_used": ["dorpsvisie", "tafelgesprekken-winterswijk", "waarderend-vragen"],
        "documents": ["checklist-dorpsvisie"],
    },
]
