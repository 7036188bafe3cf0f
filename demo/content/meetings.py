"""Learning-network meetings: the three the programme held in 2021, and four still to come.

Past meetings have fixed dates and a report. Upcoming meetings are planned ``days_ahead`` of the
day the demo is seeded (moved to the next Tuesday or Thursday), so they are upcoming whenever the
demo is fresh; a re-run keeps their dates until they have passed.
"""

import datetime

from knowledge.models import MeetingPage

from .blocks import programme_item

Format = MeetingPage.Format

PROVINCIEHUIS = ("Provinciehuis Gelderland", "Markt 11, 6811 CG Arnhem")
AUDIENCE = "Ambtenaren van Gelderse gemeenten die werken aan {}. Ook collega's van partners zijn welkom."


def online_link(slug):
    # example.org is reserved for examples; a real meeting gets its link from the organiser.
    return f"https://video.example.org/leernetwerk/{slug}"


PAST = [
    {
        "slug": "leernetwerk-covid-19-juni-2021",
        "title": "Leernetwerk: COVID-19 en sociale verbondenheid",
        "themes": ["covid-19-en-sociale-verbondenheid", "eenzaamheid"],
        "format": Format.ONLINE,
        "start": datetime.datetime(2021, 6, 10, 14, 0),
        "end": datetime.datetime(2021, 6, 10, 16, 0),
        "registration": (datetime.datetime(2021, 5, 1, 9, 0), datetime.datetime(2021, 6, 8, 17, 0)),
        "capacity": 60,
        "image": "covid",
        "introduction": (
            "De eerste bijeenkomst van het leernetwerk. Hoe houden we contact met inwoners nu we elkaar "
            "minder kunnen zien?"
        ),
        "audience": AUDIENCE.format("sociale verbondenheid en eenzaamheid"),
        "programme": [
            programme_item("14:00", "Welkom en uitleg over het leernetwerk"),
            programme_item("14:15", "Wat zien we in de gemeenten?", "Korte rondes in kleine groepen."),
            programme_item(
                "15:00", "Voorbeelden uit de praktijk", "Twee gemeenten vertellen over belrondes."
            ),
            programme_item("15:45", "Wat nemen we mee?"),
        ],
        "report": (
            "<p>Er deden 42 collega's uit 27 gemeenten mee. Veel gemeenten zijn in de coronatijd "
            "begonnen met belrondes en wandelafspraken. Die willen ze houden.</p>"
            "<ul><li>Vrijwilligers zijn onmisbaar, maar raken ook uitgeput.</li>"
            "<li>Jongeren zijn lastig te bereiken. Vraag hen zelf wat ze nodig hebben.</li>"
            "<li>Het dorpshuis of buurthuis is een netwerk van mensen, niet alleen een gebouw.</li></ul>"
            "<p>Het volledige verslag staat op de themapagina COVID-19 en sociale verbondenheid.</p>"
        ),
    },
    {
        "slug": "leernetwerk-armoede-juni-2021",
        "title": "Leernetwerk: armoede en schulden",
        "themes": ["armoede-en-schulden"],
        "format": Format.ONLINE,
        "start": datetime.datetime(2021, 6, 24, 10, 0),
        "end": datetime.datetime(2021, 6, 24, 12, 0),
        "registration": (datetime.datetime(2021, 5, 17, 9, 0), datetime.datetime(2021, 6, 22, 17, 0)),
        "capacity": 50,
        "image": "armoede",
        "introduction": (
            "Sinds dit jaar krijgen gemeenten signalen over betalingsachterstanden. Hoe maakt u daar een "
            "goed gesprek van?"
        ),
        "audience": AUDIENCE.format("armoede en schulden"),
        "programme": [
            programme_item("10:00", "Welkom"),
            programme_item("10:10", "Vroegsignalering: hoe pakken gemeenten het aan?"),
            programme_item("10:45", "In gesprek met een ervaringsdeskundige"),
            programme_item("11:30", "Intervisie in kleine groepen"),
        ],
        "report": (
            "<p>35 collega's bespraken hoe zij signalen over achterstanden opvolgen. Een brief alleen "
            "werkt weinig; een telefoontje of huisbezoek werkt veel beter.</p>"
            "<p>De ervaringsdeskundige gaf een belangrijke tip: 'Begin niet over schulden, maar vraag hoe "
            "het met iemand gaat.'</p>"
        ),
    },
    {
        "slug": "leernetwerk-sociale-infrastructuur-september-2021",
        "title": "Leernetwerk: sociale infrastructuur",
        "themes": ["sociale-infrastructuur"],
        "format": Format.HYBRID,
        "start": datetime.datetime(2021, 9, 23, 13, 30),
        "end": datetime.datetime(2021, 9, 23, 16, 30),
        "registration": (datetime.datetime(2021, 8, 16, 9, 0), datetime.datetime(2021, 9, 20, 17, 0)),
        "capacity": 40,
        "location": PROVINCIEHUIS,
        "image": "infrastructuur",
        "introduction": (
            "Over dorpshuizen, wijkaccommodaties, vrijwilligers en dorps- en wijkraden. Voor het eerst "
            "weer deels op locatie."
        ),
        "audience": AUDIENCE.format("voorzieningen, vrijwilligerswerk en kleine kernen"),
        "programme": [
            programme_item("13:30", "Inloop met koffie"),
            programme_item("14:00", "Het dorpshuis van de toekomst", "Een dorpshuisbestuur vertelt."),
            programme_item("14:45", "Vrijwilligers vinden en houden", "Gesprek in kleine groepen."),
            programme_item("15:45", "Samenwerken met dorps- en wijkraden"),
            programme_item("16:15", "Afsluiting"),
        ],
        "report": (
            "<p>Er waren 31 deelnemers in Arnhem en 18 online. Veel dorpshuizen hebben moeite met de "
            "kosten en met het vinden van bestuursleden.</p>"
            "<ul><li>Vraag vrijwilligers voor korte, duidelijke klussen.</li>"
            "<li>Maak als gemeente vaste afspraken met dorps- en wijkraden.</li>"
            "<li>Deel een gebouw met school of zorg om kosten te besparen.</li></ul>"
        ),
    },
]

UPCOMING = [
    {
        "slug": "leernetwerk-eenzaamheid-bereiken",
        "title": "Leernetwerk: hoe bereikt u mensen die zich eenzaam voelen?",
        "themes": ["eenzaamheid"],
        "format": Format.ONLINE,
        "days_ahead": 21,
        "hours": ((14, 0), (16, 0)),
        "capacity": 60,
        "image": "eenzaamheid",
        "introduction": (
            "Veel mensen die zich eenzaam voelen, komen niet naar een activiteit. Hoe vindt u hen? We "
            "delen ervaringen en werkvormen."
        ),
        "audience": AUDIENCE.format("eenzaamheid"),
        "programme": [
            programme_item("14:00", "Welkom"),
            programme_item("14:10", "Wat werkt?", "Een onderzoeker vertelt wat bekend is over bereik."),
            programme_item("14:40", "Voorbeelden uit twee gemeenten"),
            programme_item("15:20", "Intervisie in kleine groepen"),
            programme_item("15:50", "Afsluiting"),
        ],
    },
    {
        "slug": "leernetwerk-gebiedsgericht-werken-kleine-kernen",
        "title": "Leernetwerk: gebiedsgericht werken in kleine kernen",
        "themes": ["gebiedsgericht-werken", "sociale-infrastructuur"],
        "format": Format.IN_PERSON,
        "days_ahead": 45,
        "hours": ((13, 30), (16, 30)),
        "capacity": 35,
        "location": ("Dorpshuis in Lievelde", "Lievelde, gemeente Oost Gelre (adres volgt na aanmelding)"),
        "image": "gebied",
        "introduction": (
            "We zijn te gast bij de pilot in Lievelde. Hoe werkt u gebiedsgericht in een dorp, samen met "
            "de dorpsraad en het dorpshuis?"
        ),
        "audience": AUDIENCE.format("leefbaarheid in dorpen en kleine kernen"),
        "programme": [
            programme_item("13:30", "Ontvangst met koffie"),
            programme_item("14:00", "Rondleiding door het dorpshuis"),
            programme_item("14:45", "Wat leert de pilot tot nu toe?"),
            programme_item("15:30", "Gesprek met de dorpsraad"),
            programme_item("16:15", "Afsluiting"),
        ],
    },
    {
        "slug": "leernetwerk-buurtbudgetten",
        "title": "Leernetwerk: wat leren we van buurtbudgetten?",
        "themes": ["bewonersparticipatie"],
        "format": Format.HYBRID,
        "days_ahead": 63,
        "hours": ((10, 0), (12, 30)),
        "capacity": 40,
        "location": PROVINCIEHUIS,
        "image": "participatie",
        "introduction": (
            "Steeds meer gemeenten laten bewoners beslissen over geld voor hun buurt. Wat levert het op, "
            "en waar moet u op letten?"
        ),
        "audience": AUDIENCE.format("bewonersparticipatie"),
        "programme": [
            programme_item("10:00", "Welkom"),
            programme_item("10:15", "De pilot in Zevenhuizen", "Bewoners en gemeente vertellen samen."),
            programme_item("11:00", "Spelregels voor een buurtbudget"),
            programme_item("12:00", "Wat neemt u mee?"),
        ],
    },
    {
        "slug": "leernetwerk-vroegsignalering-in-de-praktijk",
        "title": "Leernetwerk: vroegsignalering van schulden in de praktijk",
        "themes": ["armoede-en-schulden"],
        "format": Format.ONLINE,
        "days_ahead": 84,
        "hours": ((14, 0), (15, 30)),
        "capacity": 80,
        "image": "armoede",
        "introduction": (
            "Hoe zorgt u dat signalen over achterstanden leiden tot een goed gesprek? Met lessen uit de "
            "pilot in Tiel."
        ),
        "audience": AUDIENCE.format("armoede en schulden"),
        "programme": [
            programme_item("14:00", "Welkom"),
            programme_item("14:10", "Lessen uit Tiel", "Van brief naar huisbezoek."),
            programme_item("14:45", "Vragen en ervaringen uitwisselen"),
            programme_item("15:20", "Afsluiting"),
        ],
    },
]
