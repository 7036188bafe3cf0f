"""The programme's six themes, each with the questions it works on and a short explanation."""

from .blocks import documents, heading, image, paragraph, quote, theme_question

THEMES = [
    {
        "slug": "eenzaamheid",
        "title": "Eenzaamheid",
        "image": "eenzaamheid",
        "introduction": (
            "Veel mensen voelen zich soms eenzaam, jong en oud. Hoe helpt u hen om weer contact te "
            "maken met anderen?"
        ),
        "questions": [
            theme_question(
                "Hoe bereikt u mensen die zich eenzaam voelen?",
                "Veel mensen schamen zich en praten er niet over. Ze komen niet vanzelf naar een activiteit.",
            ),
            theme_question(
                "Wat werkt voor jongeren?",
                "Eenzaamheid komt ook veel voor onder jongeren. Zij hebben vaak andere wensen dan ouderen.",
            ),
            theme_question(
                "Hoe houdt u vrijwilligers vast die eenzame mensen bezoeken?",
                "Maatjes en bezoekers doen waardevol werk. Ze hebben steun en waardering nodig.",
            ),
            theme_question(
                "Hoe meet u of uw aanpak iets oplevert?",
                "Minder eenzaamheid is lastig te meten. Welke signalen kunt u gebruiken?",
            ),
        ],
        "body": [
            paragraph(
                "<p>Eenzaamheid is een gevoel. U kunt veel mensen om u heen hebben en u toch eenzaam "
                "voelen. Het helpt als mensen ergens bij horen en iets voor een ander kunnen doen.</p>"
            ),
            quote(
                "Ik kwam eerst voor de koffie. Nu help ik zelf mee in de keuken.",
                "Bezoeker van een buurtkamer",
            ),
        ],
    },
    {
        "slug": "armoede-en-schulden",
        "title": "Armoede en schulden",
        "image": "armoede",
        "introduction": (
            "Geldzorgen raken het hele leven: gezondheid, werk en contact met anderen. Hoe helpt u "
            "mensen op tijd, voordat de schulden groot worden?"
        ),
        "questions": [
            theme_question(
                "Hoe signaleert u geldzorgen vroeg?",
                "Gemeenten krijgen signalen over achterstanden bij huur, energie en zorgverzekering. "
                "Hoe maakt u daar een goed gesprek van?",
            ),
            theme_question(
                "Hoe verlaagt u de drempel om hulp te vragen?",
                "Veel mensen wachten lang. Ze weten niet waar ze terechtkunnen of schamen zich.",
            ),
            theme_question(
                "Hoe betrekt u ervaringsdeskundigen bij uw beleid?",
                "Mensen die zelf armoede kennen, zien wat beleid in de praktijk doet.",
            ),
        ],
        "body": [
            paragraph(
                "<p>Armoede gaat niet alleen over geld. Het gaat ook over stress, schaamte en minder "
                "meedoen. Een buurt kan helpen: een vrijwilliger die meekijkt naar de post, een plek "
                "waar u zonder geld naartoe kunt.</p>"
            ),
        ],
    },
    {
        "slug": "covid-19-en-sociale-verbondenheid",
        "title": "COVID-19 en sociale verbondenheid",
        "image": "covid",
        "introduction": (
            "De coronatijd zette contacten tussen mensen onder druk. Wat hebben we geleerd, en wat "
            "houden we vast?"
        ),
        "questions": [
            theme_question(
                "Welke nieuwe vormen van contact willen we houden?",
                "In de coronatijd ontstonden belrondes, wandelafspraken en online ontmoetingen.",
            ),
            theme_question(
                "Hoe herstellen we het verenigingsleven?",
                "Verenigingen en dorpshuizen verloren leden en vrijwilligers. Hoe komen ze weer op gang?",
            ),
            theme_question(
                "Wat hebben jongeren nodig na een moeilijke periode?",
                "Jongeren misten school, sport en vrienden. Sommigen hebben nog steeds moeite om aan te "
                "haken.",
            ),
        ],
        "body": [
            paragraph(
                "<p>In de coronatijd zagen we hoe belangrijk contact is. Buren deden boodschappen voor "
                "elkaar. Vrijwilligers belden mensen die alleen thuis zaten. Veel van die initiatieven "
                "bestaan nog steeds.</p>"
            ),
            documents("Verslag van het leernetwerk", ["verslag-juni-2021"]),
        ],
    },
    {
        "slug": "sociale-infrastructuur",
        "title": "Sociale infrastructuur",
        "image": "infrastructuur",
        "introduction": (
            "Dorpshuizen, wijkaccommodaties, vrijwilligers en dorps- en wijkraden: de plekken en "
            "mensen die een buurt samen laten werken."
        ),
        "questions": [
            theme_question(
                "Hoe blijft het dorpshuis open?",
                "Dorpshuizen hebben te maken met hoge energiekosten en minder vrijwilligers.",
            ),
            theme_question(
                "Hoe vindt u nieuwe vrijwilligers?",
                "Mensen willen zich vaak wel inzetten, maar liever voor een korte klus dan voor jaren.",
            ),
            theme_question(
                "Welke rol geeft u dorps- en wijkraden?",
                "Raden kennen hun dorp of wijk goed. Hoe werkt u als gemeente goed met hen samen?",
            ),
            theme_question(
                "Hoe deelt u een gebouw met meerdere organisaties?",
                "Een multifunctioneel gebouw kan geld besparen, maar vraagt goede afspraken.",
            ),
        ],
        "body": [
            paragraph(
                "<p>Sociale infrastructuur is alles wat mensen helpt om elkaar te ontmoeten en samen "
                "iets te doen. Een gebouw alleen is niet genoeg: het gaat om de mensen die het open "
                "houden.</p>"
            ),
            image(
                "dorpshuis",
                "Tekening van een rij huizen met puntdaken, in zachte kleuren.",
                "Een dorpshuis draait op vrijwilligers.",
            ),
        ],
    },
    {
        "slug": "gebiedsgericht-werken",
        "title": "Gebiedsgericht werken",
        "image": "gebied",
        "introduction": (
            "Elke wijk en elk dorp is anders. Gebiedsgericht werken betekent: beginnen bij wat er in "
            "dat gebied speelt, samen met bewoners en partners."
        ),
        "questions": [
            theme_question(
                "Hoe brengt u een gebied goed in beeld?",
                "Cijfers vertellen veel, maar niet alles. Verhalen van bewoners horen erbij.",
            ),
            theme_question(
                "Hoe werken gemeente, corporatie en welzijn samen in één wijk?",
                "Iedere partner heeft eigen doelen en budgetten. Hoe maakt u één plan?",
            ),
            theme_question(
                "Hoe houdt u een gebiedsaanpak lang genoeg vol?",
                "Echte verandering in een wijk kost vaak tien jaar of meer.",
            ),
        ],
        "body": [
            heading("Waarom gebiedsgericht?"),
            paragraph(
                "<p>Problemen in een buurt hangen vaak samen. Wie geldzorgen heeft, heeft ook vaker "
                "gezondheidsproblemen. Daarom werkt het beter om per gebied te kijken dan per "
                "probleem.</p>"
            ),
        ],
    },
    {
        "slug": "bewonersparticipatie",
        "title": "Bewonersparticipatie",
        "image": "participatie",
        "introduction": (
            "Bewoners weten zelf het beste wat hun buurt nodig heeft. Hoe geeft u hen echt een stem, "
            "en soms ook het budget?"
        ),
        "questions": [
            theme_question(
                "Hoe bereikt u ook bewoners die niet naar een inspraakavond komen?",
                "Op avonden ziet u vaak dezelfde mensen. Hoe hoort u de anderen?",
            ),
            theme_question(
                "Wanneer geeft u bewoners zeggenschap over geld?",
                "Een buurtbudget geeft bewoners echte invloed. Het vraagt ook vertrouwen.",
            ),
            theme_question(
                "Hoe ondersteunt u bewonersinitiatieven?",
                "Bewoners met een goed idee lopen vaak vast op regels, geld of tijd.",
            ),
            theme_question(
                "Hoe laat u zien wat er met de inbreng van bewoners gebeurt?",
                "Mensen doen eerder mee als ze zien dat hun inbreng iets verandert.",
            ),
            theme_question(
                "Wat is de rol van de gemeenteraad?",
                "Als bewoners meer zeggen, verandert ook de rol van de raad.",
            ),
        ],
        "body": [
            paragraph(
                "<p>Participatie werkt het best als bewoners vanaf het begin meedoen. Dus niet alleen "
                "mogen reageren op een plan dat al klaar is, maar samen bepalen wat er moet "
                "gebeuren.</p>"
            ),
        ],
    },
]
