"""The synonyms a new site starts with: words Gelderland's civil servants use for the same thing.

Migration ``search/0007`` writes these once; after that the list is the editors' (*Instellingen ›
Synoniemen*), and this module is only read again by a fresh database. One group per line of the
tuple, words or phrases apart by commas, as an editor types them.
"""

DUTCH = (
    "corona, covid, covid-19, coronacrisis, coronatijd, coronapandemie",
    "buurthuis, wijkcentrum, dorpshuis, buurtcentrum, ontmoetingsplek, gemeenschapshuis, wijkgebouw",
    "armoede, geldzorgen, geldproblemen, krappe beurs",
    "schulden, schuldhulp, schuldhulpverlening, schuldsanering",
    "vrijwilligers, vrijwilliger, vrijwilligerswerk, vrijwilligersinzet",
    "mantelzorg, mantelzorger, mantelzorgers, informele zorg",
    "eenzaamheid, sociaal isolement",
    "bewonersparticipatie, burgerparticipatie, inwonersparticipatie, inspraak",
    "buurtbudget, wijkbudget, bewonersbudget",
    "dorpsraad, dorpsbelangen",
    "wijkaanpak, wijkgericht werken, gebiedsgericht werken",
    "ouderen, senioren",
    "jongeren, jeugd",
    "statushouders, nieuwkomers",
    "laaggeletterdheid, laaggeletterd, moeite met lezen",
    "welzijn, welbevinden",
)

ENGLISH = (
    "corona, covid, covid-19, coronavirus, pandemic",
    "community centre, community center, village hall, neighbourhood centre, meeting place",
    "poverty, financial worries, money worries",
    "debt, debts, debt counselling, debt relief",
    "volunteers, volunteer, volunteering, volunteer work",
    "informal care, caregiving, carers, caregivers",
    "loneliness, social isolation",
    "resident participation, citizen participation, participation",
    "older people, elderly, seniors",
    "young people, youth",
    "wellbeing, well-being, welfare",
)

DEFAULTS = {"nl": DUTCH, "en": ENGLISH}
