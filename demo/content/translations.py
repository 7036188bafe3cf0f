"""English texts for the pages and snippets that get a translation, in plain language.

``PAGES`` maps a Dutch page's path below the home page ("" is the home page itself) to the English
value of each of its translatable fields. StreamFields are written with the same blocks in the same
order as the Dutch ones, and rich text with the same paragraphs, list items and links: the seed
command pairs the English texts with the Dutch segments by position and stops with a clear message
when the shapes differ. Parents come before their children: the command translates in this order.
"""

from .blocks import (
    call_to_action,
    contact_details,
    documents,
    faq,
    heading,
    image,
    key_figures,
    lesson,
    paragraph,
    programme_item,
    quote,
    theme_question,
)

CREDIT = "Province of Gelderland"  # the caption says "Image:" before it
MONITOR = "Monitor Gelders Welbevinden"
AUDIENCE = (
    "Civil servants of Gelderland municipalities who work on {}. Colleagues from partners are welcome too."
)

PAGES = {
    "": {
        "title": "Livability Gelderland",
        "hero_title": "Working together on villages and neighbourhoods where people know each other",
        "introduction": (
            "How do you help people feel at home in their village or neighbourhood? Here you find "
            "knowledge, examples and colleagues who work on the same questions."
        ),
        "body": [
            heading("What is this programme?"),
            paragraph(
                "<p>The Province of Gelderland works with municipalities and partners on livability and "
                "social connectedness. We share what works. And we learn from each other.</p>"
                "<ul><li>In the <b>learning network</b>, civil servants discuss their questions "
                "together.</li>"
                "<li>In <b>pilots</b>, municipalities try out new approaches.</li>"
                "<li>The <b>knowledge base</b> holds methods, tools and good examples.</li>"
                "<li>Every quarter you receive an <b>update</b> with the most important news.</li></ul>"
            ),
            call_to_action(
                "Join the learning network",
                "Do you work for a municipality in Gelderland? Sign up for a meeting on your theme.",
                "See the meetings",
                page="leernetwerk",
            ),
            quote(
                "You don't have to reinvent the wheel. A colleague in another municipality has often "
                "tried something already.",
                "Member of the learning network",
                "Policy adviser, social services",
            ),
        ],
    },
    "themas": {
        "title": "Themes",
        "introduction": (
            "The programme works on six themes. Choose a theme to see the knowledge, pilots and meetings "
            "that belong to it."
        ),
    },
    "kennisbank": {
        "title": "Knowledge base",
        "introduction": (
            "Methods, tools, publications and good examples. For each approach you see who it is for, "
            "what it costs and how strong the evidence is."
        ),
        "body": [
            paragraph(
                "<p>Search with a word, or choose a type, theme or organisation. Under <b>evidence</b> "
                "you see what is known about the effect.</p>"
            ),
        ],
    },
    "pilots": {
        "title": "Pilots",
        "introduction": (
            "With support from the province, municipalities try out new approaches in neighbourhoods and "
            "villages. Read what they do and what they learn."
        ),
    },
    "leernetwerk": {
        "title": "Learning network",
        "introduction": (
            "Meetings for civil servants of Gelderland municipalities. You talk with colleagues about a "
            "theme and take ideas back to your own work."
        ),
    },
    "nieuws": {
        "title": "News",
        "introduction": (
            "News from the programme, from the Livability Alliance and from our partners. Also the latest "
            "figures from the Monitor Gelders Welbevinden (Gelderland Well-being Monitor)."
        ),
    },
    "subsidies": {
        "title": "Grants",
        "introduction": (
            "Schemes for municipalities and residents who want to make their village or neighbourhood a "
            "better place to live. See who provides the grant, who it is for and the deadline."
        ),
    },
    "kwartaalupdate": {
        "title": "Quarterly update",
        "introduction": (
            "Every quarter an e-mail with that quarter's meetings, pilots, grants and figures. Read the "
            "earlier issues here or subscribe."
        ),
    },
    "over": {
        "title": "About the programme",
        "introduction": (
            "Livability and social connectedness is a knowledge programme of the Province of Gelderland. "
            "We help municipalities learn from each other."
        ),
        "body": [
            heading("Why this programme?"),
            paragraph(
                "<p>In a livable neighbourhood, people know and help each other. But that does not happen "
                "by itself. Some people feel lonely. Others worry about money. In many villages the "
                "village hall is under pressure. Municipalities are looking for approaches that work.</p>"
                "<p>The province brings knowledge and people together. That way, no municipality has to "
                "work it all out on its own.</p>"
            ),
            heading("What do we do?"),
            paragraph(
                "<ul><li><b>Learning network</b>: meetings on a theme, for civil servants of all 51 "
                "municipalities in Gelderland.</li>"
                "<li><b>Pilots</b>: municipalities try something new in a neighbourhood or village. A "
                "knowledge organisation helps and writes down what works.</li>"
                "<li><b>Inspiration and insight</b>: the knowledge base with methods and good examples.</li>"
                "<li><b>Quarterly update</b>: an e-mail about what happened that quarter.</li></ul>"
            ),
            image(
                "dorpshuis",
                "Drawing of a row of houses with a large building in the middle.",
                "The village hall is often where people meet.",
                credit=CREDIT,
            ),
            heading("Who do we work with?"),
            paragraph(
                "<p>We work with municipalities, the Livability Alliance Gelderland and knowledge "
                "organisations such as Movisie and Platform31. Partners also contribute to the knowledge "
                "base.</p>"
            ),
        ],
    },
    "contact": {
        "title": "Contact",
        "introduction": "Do you have a question about the programme? Get in touch with Team Leefbaarheid.",
        "body": [
            contact_details("How to reach us"),
            paragraph(
                "<p>We answer your e-mail within five working days.</p>"
                "<p>Would you like to visit us? Please make an appointment first.</p>"
            ),
            faq(
                "Frequently asked questions",
                [
                    (
                        "Can I join the learning network?",
                        "<p>Yes, if you work for a municipality in Gelderland. Sign up for a meeting. "
                        "Taking part is free.</p>",
                    ),
                    (
                        "How can my municipality start a pilot?",
                        "<p>Send us an e-mail with your idea. We are happy to think along about the approach "
                        "and the knowledge organisation that can help.</p>",
                    ),
                    (
                        "I would like to contribute an article to the knowledge base. Is that possible?",
                        "<p>Yes. Partners of the programme can share knowledge. E-mail us what you would "
                        "like to contribute.</p>",
                    ),
                ],
            ),
        ],
    },
    "privacy": {
        "title": "Privacy",
        "introduction": (
            "We handle your data with care. Here you can read which data we keep, why, and what your "
            "rights are."
        ),
        "body": [
            heading("Who is responsible?"),
            paragraph(
                "<p>The Province of Gelderland is responsible for this website. We follow the General Data "
                "Protection Regulation (GDPR).</p>"
            ),
            heading("Which data do we keep?"),
            paragraph(
                "<ul><li><b>Signing up for a meeting</b>: your name, e-mail address, organisation and job "
                "title. We use them to organise the meeting and to send you the link or the address.</li>"
                "<li><b>Interest in a pilot</b>: the municipality, your name, e-mail address and phone "
                "number (if you give it), the neighbourhood or village and the challenge. This lets us "
                "contact you about a pilot.</li>"
                "<li><b>Quarterly update</b>: your e-mail address. You first receive an e-mail to confirm "
                "your subscription. Every update has a link to unsubscribe.</li>"
                "<li><b>Search</b>: we keep what people search for, without knowing who searched. This "
                "shows us which information is missing.</li>"
                "<li><b>E-mail to us</b>: we only use your data to answer your question.</li></ul>"
            ),
            heading("Cookies"),
            paragraph(
                "<p>We do not use cookies to track you, and we show no advertisements. Only on a page with "
                "a form do we set a cookie that is needed to send the form safely. The site loads "
                "nothing from other websites.</p>"
            ),
            heading("How long do we keep your data?"),
            paragraph(
                "<p>No longer than necessary. We make a meeting registration anonymous 12 months after the "
                "meeting: we then only keep how many people came from which municipality. "
                "For interest in a pilot, we delete your name, e-mail address and phone number after 24 "
                "months. We keep what you wrote about the neighbourhood or village. "
                "If you unsubscribe from the quarterly update, you will not "
                "receive any more e-mail from us. We do not share your data with other organisations, "
                "unless the law requires it.</p>"
            ),
            heading("Your rights"),
            paragraph(
                "<p>You may ask which data we hold about you. You may also ask us to change or delete it. "
                'E-mail <a href="mailto:leefbaarheid@gelderland.nl">leefbaarheid@gelderland.nl</a>. Do '
                "you disagree with how we handle your data? Then you can file a complaint with the "
                '<a href="https://www.autoriteitpersoonsgegevens.nl">Dutch Data Protection '
                "Authority</a>.</p>"
            ),
        ],
    },
    "themas/eenzaamheid": {
        "title": "Loneliness",
        "introduction": (
            "Many people sometimes feel lonely, young and old. How do you help them make contact with "
            "others again?"
        ),
        "questions": [
            theme_question(
                "How do you reach people who feel lonely?",
                "Many people feel ashamed and do not talk about it. They do not come to an activity by "
                "themselves.",
            ),
            theme_question(
                "What works for young people?",
                "Loneliness is common among young people too. They often want different things than older "
                "people.",
            ),
            theme_question(
                "How do you keep the volunteers who visit lonely people?",
                "Buddies and visitors do valuable work. They need support and appreciation.",
            ),
            theme_question(
                "How do you measure whether your approach works?",
                "Less loneliness is hard to measure. Which signs can you use?",
            ),
        ],
        "body": [
            paragraph(
                "<p>Loneliness is a feeling. You can have many people around you and still feel lonely. "
                "It helps when people belong somewhere and can do something for someone else.</p>"
            ),
            quote(
                "At first I came for the coffee. Now I help out in the kitchen myself.",
                "Visitor of a neighbourhood living room",
            ),
        ],
    },
    "themas/armoede-en-schulden": {
        "title": "Poverty and debt",
        "introduction": (
            "Money worries affect every part of life: health, work and contact with others. How do you "
            "help people in time, before the debts grow?"
        ),
        "questions": [
            theme_question(
                "How do you spot money worries early?",
                "Municipalities receive signals about arrears in rent, energy and health insurance. How do "
                "you turn that into a good conversation?",
            ),
            theme_question(
                "How do you make it easier to ask for help?",
                "Many people wait a long time. They do not know where to go, or they feel ashamed.",
            ),
            theme_question(
                "How do you involve people with lived experience in your policy?",
                "People who have experienced poverty themselves see what policy does in practice.",
            ),
        ],
        "body": [
            paragraph(
                "<p>Poverty is not only about money. It is also about stress, shame and taking part less. A "
                "neighbourhood can help: a volunteer who helps with the post, a place you can go without "
                "money.</p>"
            ),
        ],
    },
    "themas/covid-19-en-sociale-verbondenheid": {
        "title": "COVID-19 and social connectedness",
        "introduction": (
            "The pandemic put contact between people under pressure. What have we learned, and what do we "
            "want to keep?"
        ),
        "questions": [
            theme_question(
                "Which new forms of contact do we want to keep?",
                "During the pandemic, phone rounds, walking appointments and online meetings started.",
            ),
            theme_question(
                "How do we restore club and community life?",
                "Clubs and village halls lost members and volunteers. How do they get going again?",
            ),
            theme_question(
                "What do young people need after a difficult period?",
                "Young people missed school, sports and friends. Some still find it hard to join in.",
            ),
        ],
        "body": [
            paragraph(
                "<p>The pandemic showed how important contact is. Neighbours did shopping for each other. "
                "Volunteers called people who were at home alone. Many of those initiatives still "
                "exist.</p>"
            ),
            documents("Report of the learning network", ["verslag-juni-2021"]),
        ],
    },
    "themas/sociale-infrastructuur": {
        "title": "Social infrastructure",
        "introduction": (
            "Village halls, community centres, volunteers, and village and neighbourhood councils: the "
            "places and people that make a neighbourhood work together."
        ),
        "questions": [
            theme_question(
                "How does the village hall stay open?",
                "Village halls face high energy costs and fewer volunteers.",
            ),
            theme_question(
                "How do you find new volunteers?",
                "People are often willing to help, but prefer a short task to a commitment of years.",
            ),
            theme_question(
                "What role do you give village and neighbourhood councils?",
                "Councils know their village or neighbourhood well. How do you work well with them as a "
                "municipality?",
            ),
            theme_question(
                "How do you share a building with several organisations?",
                "A multi-purpose building can save money, but needs clear agreements.",
            ),
        ],
        "body": [
            paragraph(
                "<p>Social infrastructure is everything that helps people meet and do things together. A "
                "building alone is not enough: it is about the people who keep it open.</p>"
            ),
            image(
                "dorpshuis",
                "Drawing of a row of houses with pointed roofs, in soft colours.",
                "A village hall runs on volunteers.",
                credit=CREDIT,
            ),
        ],
    },
    "themas/gebiedsgericht-werken": {
        "title": "Area-based working",
        "introduction": (
            "Every neighbourhood and village is different. Area-based working means: start from what is "
            "going on in that area, together with residents and partners."
        ),
        "questions": [
            theme_question(
                "How do you get a good picture of an area?",
                "Figures tell a lot, but not everything. Residents' stories belong to the picture.",
            ),
            theme_question(
                "How do the municipality, housing association and welfare work together in one "
                "neighbourhood?",
                "Each partner has its own goals and budgets. How do you make one plan?",
            ),
            theme_question(
                "How do you keep an area-based approach going long enough?",
                "Real change in a neighbourhood often takes ten years or more.",
            ),
        ],
        "body": [
            heading("Why area-based?"),
            paragraph(
                "<p>Problems in a neighbourhood are often connected. People with money worries also have "
                "health problems more often. That is why it works better to look at an area than at one "
                "problem at a time.</p>"
            ),
        ],
    },
    "themas/bewonersparticipatie": {
        "title": "Resident participation",
        "introduction": (
            "Residents know best what their neighbourhood needs. How do you give them a real voice, and "
            "sometimes the budget too?"
        ),
        "questions": [
            theme_question(
                "How do you also reach residents who do not come to a consultation evening?",
                "At evenings you often see the same people. How do you hear the others?",
            ),
            theme_question(
                "When do you give residents a say over money?",
                "A neighbourhood budget gives residents real influence. It also takes trust.",
            ),
            theme_question(
                "How do you support residents' initiatives?",
                "Residents with a good idea often get stuck on rules, money or time.",
            ),
            theme_question(
                "How do you show what happens with residents' input?",
                "People are more likely to take part when they see that their input changes something.",
            ),
            theme_question(
                "What is the role of the municipal council?",
                "When residents have more say, the role of the council changes too.",
            ),
        ],
        "body": [
            paragraph(
                "<p>Participation works best when residents take part from the start. So not just "
                "responding to a plan that is already finished, but deciding together what needs to "
                "happen.</p>"
            ),
        ],
    },
    "kennisbank/buurtcirkel": {
        "title": "Neighbourhood circle: stronger together in the neighbourhood",
        "introduction": (
            "In a neighbourhood circle, residents help each other. A volunteer or coach makes sure the group "
            "runs well."
        ),
        "goal": "People who need some extra support find help and contact with neighbours in their own area.",
        "target_group": (
            "Adults who live independently and have a small need for support, for example because of a "
            "disability, mental health problems or few contacts."
        ),
        "approach": (
            "<p>Eight to ten residents from the same neighbourhood form a circle. They meet every month and "
            "help each other with small things.</p>"
            "<ul><li>A coach starts the group and then comes less and less often.</li>"
            "<li>Everyone contributes something: one can cook, another can help with the computer.</li>"
            "<li>The group itself makes contact with the neighbourhood, such as the baker or the community "
            "centre.</li></ul>"
        ),
        "working_elements": (
            "<ul><li>People are not only receivers, but also givers.</li>"
            "<li>Familiar faces and a regular rhythm give support.</li>"
            "<li>The neighbourhood around the group takes part.</li></ul>"
        ),
        "conditions_and_costs": (
            "<p>You need a coach for about four hours a week per circle in the first year. After that, less. "
            "A room to meet is often free, for example in a community centre.</p>"
        ),
        "evidence_assessed_by": "Recognition Committee for Interventions",
        "body": [
            heading("What do participants say?"),
            quote(
                "I used to be afraid to ask anyone for anything. Now I know who I can call.",
                "Member of a neighbourhood circle",
            ),
        ],
    },
    "kennisbank/maatjesproject": {
        "title": "Buddy project: a regular buddy for people who are on their own",
        "introduction": (
            "A volunteer and a participant meet regularly for a period of time. They do things together "
            "that they both enjoy."
        ),
        "goal": "Participants feel less lonely and build up their own network again.",
        "target_group": "People with few contacts, for example after a move, a divorce or a death.",
        "approach": (
            "<p>Together with the participant, a coordinator chooses a buddy who is a good fit. They agree "
            "on a fixed period, often a year.</p>"
            "<ul><li>First an introductory talk with both people.</li>"
            "<li>Then a meeting every week or every other week.</li>"
            "<li>The coordinator calls regularly to see how it is going.</li>"
            "<li>At the end they look back together: what did it bring?</li></ul>"
        ),
        "working_elements": (
            "<ul><li>A good match in interests and character.</li>"
            "<li>A clear start and end, so nobody feels tied down.</li>"
            "<li>Support and training for the volunteers.</li></ul>"
        ),
        "conditions_and_costs": (
            "<p>A coordinator working about 16 hours a week can support some 30 pairs. Also plan for a small "
            "budget for training and volunteers' expenses.</p>"
        ),
        "evidence_assessed_by": "Recognition Committee for Interventions",
    },
    "kennisbank/dorpsvisie": {
        "title": "Making a village vision",
        "introduction": (
            "In a village vision, residents write down how they see their village in ten years. Together "
            "they choose where to start."
        ),
        "goal": (
            "Residents decide together on the future of their village, and the municipality knows what the "
            "village finds important."
        ),
        "target_group": "Village councils, residents' groups and municipalities with small villages.",
        "approach": (
            "<ol><li>A small group of residents takes the initiative.</li>"
            "<li>They ask as many fellow villagers as possible what they find important.</li>"
            "<li>The group writes down the results in everyday language.</li>"
            "<li>The village chooses three to five points to start with.</li>"
            "<li>The group discusses the vision with the municipality.</li></ol>"
        ),
        "working_elements": (
            "<ul><li>The vision comes from the village itself.</li>"
            "<li>Quiet groups are asked too: young people, newcomers, older people.</li>"
            "<li>Concrete points that work can start on straight away.</li></ul>"
        ),
        "conditions_and_costs": (
            "<p>A group of enthusiastic residents and about a year. A process facilitator helps. The "
            "municipality or province often pays part of the costs.</p>"
        ),
        "evidence_assessed_by": "Vereniging Kleine Kernen Gelderland (association of small villages)",
        "body": [
            paragraph(
                "<p>A village vision is never finished. Look back together every year: what has worked, and "
                "what has changed in the village?</p>"
            ),
        ],
    },
    "pilots/samen-aan-tafel-in-hatert": {
        "title": "Around the table in Hatert",
        "introduction": (
            "A weekly meal in the neighbourhood, with a volunteer at the table who helps with money "
            "questions. This way, residents with money worries came into view earlier."
        ),
        "aim": (
            "Reach residents with money worries or few contacts earlier, through a place they already like "
            "to go."
        ),
        "approach": (
            "<p>Every Tuesday volunteers cooked in the community centre. A trained home-administration "
            "volunteer also sat at the table. Anyone who wanted to could make an appointment after the "
            "meal.</p>"
            "<ul><li>The meal cost a few euros.</li>"
            "<li>With the resident's permission, the municipality passed on signals of payment "
            "arrears.</li></ul>"
        ),
        "partners": (
            "Municipality of Nijmegen\nWelfare organisation in the neighbourhood\n"
            "Housing association\nMovisie"
        ),
        "lessons": [
            lesson(
                "Help with money works better through a place people already go",
                "Residents came for the food and the company. Talking about money came naturally later.",
                "Find an existing activity and add help to it, instead of opening a new service desk.",
            ),
            lesson(
                "Volunteers need support too",
                "Some stories were hard to hear. Volunteers wanted to know who they could turn to.",
                "Arrange a regular professional for questions and peer review from the start.",
            ),
            lesson(
                "Don't just count sign-ups",
                "Most of the gain was in conversations that never ended up in a record.",
                "Ask participants and volunteers for their stories too.",
            ),
        ],
        "evaluation": (
            "<p>Movisie talked with participants, volunteers and professionals. More than half of the "
            "participants said they felt less alone. A small group got help with debts through the meal. "
            "The municipality is continuing the approach in two other neighbourhoods.</p>"
        ),
    },
    "pilots/dorpshuis-als-huiskamer-lievelde": {
        "title": "The village hall as the living room of Lievelde",
        "introduction": (
            "The village hall is open three mornings a week as the village's living room. Residents come up "
            "with the activities themselves."
        ),
        "aim": "More meeting in the village, and a village hall that will still be open in ten years.",
        "approach": (
            "<p>The board asked the whole village what the village hall could mean for them. Now there is a "
            "living room with coffee three mornings a week. Volunteers act as hosts.</p>"
            "<ul><li>The primary school and home care use the building too.</li>"
            "<li>The board takes courses on saving energy and running the building.</li></ul>"
        ),
        "partners": (
            "Municipality of Oost Gelre\nVillage hall foundation\nVillage council\nPrimary school\n"
            "Wageningen University & Research"
        ),
        "lessons": [
            lesson(
                "Ask the village, not just the board",
                "The conversations brought ideas the board had not thought of, such as a repair café.",
                "Take time for conversations at the door and in the school playground.",
            ),
            lesson(
                "A regular host makes the difference",
                "People came back more often when they knew who would be there.",
                "Make a rota with familiar faces on fixed days.",
            ),
        ],
        "evaluation": (
            "<p>Researchers from Wageningen University &amp; Research follow the pilot. They count visitors "
            "and talk with residents. The first results are positive: the number of visitors grows every "
            "month.</p>"
        ),
    },
    "nieuws/nieuwe-bijeenkomsten-leernetwerk": {
        "title": "New learning network meetings",
        "introduction": (
            "In the coming months there are four learning network meetings. On loneliness, small villages, "
            "neighbourhood budgets and debt."
        ),
        "body": [
            paragraph(
                "<p>In the learning network, civil servants of Gelderland municipalities talk with each "
                "other "
                "about their questions. One meeting takes place at the pilot in Lievelde. You will see for "
                "yourself how the village hall works.</p>"
            ),
            call_to_action(
                "Sign up",
                "Signing up is free. The number of places is limited.",
                "Go to the meetings",
                page="leernetwerk",
            ),
        ],
    },
    "nieuws/monitor-eenzaamheid-en-geldzorgen": {
        "title": "Monitor Gelders Welbevinden: almost half sometimes feel lonely",
        "introduction": (
            "The new figures of the Monitor Gelders Welbevinden (Gelderland Well-being Monitor) are out. "
            "Many residents sometimes feel lonely, and one in five households worries about money."
        ),
        "body": [
            paragraph(
                "<p>The monitor shows how residents of Gelderland are doing. The figures help municipalities "
                "choose what to work on.</p>"
            ),
            key_figures(
                "The key figures",
                [
                    ("48%", "of adults sometimes feel lonely", MONITOR),
                    ("1 in 5", "households worry about money", MONITOR),
                    ("31%", "volunteer in their own village or neighbourhood", MONITOR),
                ],
            ),
            paragraph(
                "<p>Would you like to discuss the figures for your own municipality? Get in touch with Team "
                "Leefbaarheid.</p>"
            ),
        ],
    },
    "leernetwerk/leernetwerk-eenzaamheid-bereiken": {
        "title": "Learning network: how do you reach people who feel lonely?",
        "introduction": (
            "Many people who feel lonely do not come to an activity. How do you find them? We share "
            "experiences and ways of working."
        ),
        "audience": AUDIENCE.format("loneliness"),
        "programme": [
            programme_item("14:00", "Welcome"),
            programme_item(
                "14:10", "What works?", "A researcher explains what is known about reaching people."
            ),
            programme_item("14:40", "Examples from two municipalities"),
            programme_item("15:20", "Peer review in small groups"),
            programme_item("15:50", "Closing"),
        ],
    },
    "subsidies/leefbaarheidsregeling-bewonersinitiatieven": {
        "title": "Livability scheme for residents' initiatives",
        "introduction": (
            "Money for residents' plans that make their village or neighbourhood a better place to live. "
            "For example a meeting place or transport for older people."
        ),
        "funder": "Province of Gelderland",
        "target_group": (
            "Residents' groups, village and neighbourhood councils and foundations in Gelderland."
        ),
        "amount": "Up to €25,000 per plan",
        "body": [
            heading("What can you get money for?"),
            paragraph(
                "<ul><li>A place to meet each other.</li>"
                "<li>Activities against loneliness.</li>"
                "<li>Plans that residents carry out themselves, with help from volunteers.</li></ul>"
            ),
            heading("What does the province look at?"),
            paragraph(
                "<p>The plan comes from residents themselves. Enough people take part. And you pay part of "
                "the costs yourself, with money or with volunteers' hours.</p>"
            ),
        ],
    },
}

ORGANISATIONS = {
    "provincie-gelderland": (
        "The province set up this knowledge programme. Team Leefbaarheid brings municipalities, knowledge "
        "organisations and partners together."
    ),
    "leefbaarheidsalliantie-gelderland": (
        "A partnership of Gelderland organisations working on livable villages and neighbourhoods. The "
        "members share knowledge and work together."
    ),
    "movisie": (
        "National knowledge institute for the social domain. Movisie collects knowledge about social "
        "issues and about approaches that work."
    ),
    "platform31": (
        "Knowledge and network organisation for cities and regions. Platform31 helps municipalities with "
        "questions about housing, neighbourhoods and livability."
    ),
    "han": (
        "University of applied sciences in Gelderland. Researchers and students take part in practical "
        "research in neighbourhoods and villages."
    ),
    "wageningen-university-research": (
        "University and research institute. Its research includes life in the countryside and in small "
        "villages."
    ),
    "nibud": (
        "National Institute for Family Finance Information. Offers explanations and tools about making ends "
        "meet and handling money."
    ),
    "pharos": (
        "Dutch centre of expertise on health disparities. Pharos helps organisations reach people who are "
        "having a hard time."
    ),
    "vereniging-kleine-kernen-gelderland": (
        "Association for villages and small communities in Gelderland. Supports village councils and "
        "residents' groups with advice and a network."
    ),
    "gelderse-woningcorporaties": (
        "Housing associations in Gelderland work together in the alliance on pleasant neighbourhoods. They "
        "know their tenants and their neighbourhoods well."
    ),
    "gelderse-welzijnsorganisaties": (
        "Welfare organisations support residents, volunteers and village halls. In the alliance they share "
        "what they learn in practice."
    ),
    "ggd-gelderland-zuid": (
        "The regional public health service works on the health of all residents. Its research shows how "
        "people in the region are doing."
    ),
}

# The footer's texts: the team's name, and the English text of each Dutch link text. Links to
# pages have no text of their own (they show the page title in the reader's language).
FOOTER = {
    "team_name": "Team Leefbaarheid, Province of Gelderland",
    "links": {"Provincie Gelderland": "Province of Gelderland"},
}
