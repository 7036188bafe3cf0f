"""Illustrations and downloads for the demo, generated on the spot (no files in the repository).

Each image is an abstract, friendly composition in a calm palette, 1600×900 pixels, drawn with
Pillow from a seed derived from its key: the same key always gives the same picture. The documents
are a small PDF (written by hand: a PDF of one text page needs no library) and a plain-text
checklist. Images and documents are found again by their title.
"""

import math
import random
import zlib
from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

WIDTH, HEIGHT = 1600, 900
SCALE = 2  # drawn at twice the size and scaled down, for smooth edges

# Soft greens, blues, sand and a muted coral: friendly, and quiet behind text.
PALETTES = [
    ["#eef4ef", "#9cc5a1", "#4f8a6b", "#f2d7a6", "#e58f6f", "#2f5d62"],
    ["#eef3f8", "#a7c4dd", "#4d7ea8", "#f4e3c1", "#f0a58f", "#28465e"],
    ["#f7f1e8", "#e9c89b", "#b98b5a", "#a9c9b5", "#5e8c7f", "#3d4f5c"],
    ["#f1f0f6", "#c3bfdc", "#7a72a8", "#f6dca5", "#8fbfa6", "#3f3d62"],
]

# key -> (title, style). The title is also how a second run finds the image again.
IMAGES = {
    "hero": ("Illustratie: samen leven in Gelderland", "hills"),
    "eenzaamheid": ("Illustratie: mensen die elkaar vinden", "circles"),
    "armoede": ("Illustratie: samen rondkomen", "blocks"),
    "covid": ("Illustratie: weer bij elkaar komen", "circles"),
    "infrastructuur": ("Illustratie: een dorpshuis als middelpunt", "houses"),
    "gebied": ("Illustratie: wijken en dorpen op de kaart", "hills"),
    "participatie": ("Illustratie: bewoners aan tafel", "circles"),
    "dorpshuis": ("Illustratie: ontmoeten in het dorpshuis", "houses"),
    "wijk": ("Illustratie: een levendige wijk", "blocks"),
    "leernetwerk": ("Illustratie: collega's die kennis delen", "circles"),
    "nieuws": ("Illustratie: nieuws uit het programma", "blocks"),
    "monitor": ("Illustratie: cijfers over welbevinden", "bars"),
    "subsidie": ("Illustratie: geld voor goede ideeën", "houses"),
    "kennis": ("Illustratie: kennis om mee te werken", "bars"),
    "pilot": ("Illustratie: een proef in de buurt", "hills"),
}

DOCUMENTS = {
    "verslag-juni-2021": (
        "Verslag leernetwerk juni 2021: COVID-19 en sociale verbondenheid",
        "verslag-leernetwerk-juni-2021.pdf",
    ),
    "checklist-dorpsvisie": ("Checklist: zo maakt u samen een dorpsvisie", "checklist-dorpsvisie.txt"),
}

REPORT_LINES = [
    "Leernetwerk Leefbaarheid Gelderland",
    "Verslag van de online bijeenkomst in juni 2021",
    "Thema: COVID-19 en sociale verbondenheid",
    "",
    "Wat bespraken we?",
    "- Hoe houden vrijwilligers contact met mensen die alleen thuis zitten?",
    "- Welke nieuwe vormen van ontmoeten willen we na de coronatijd houden?",
    "- Hoe bereiken we jongeren die zich eenzaam voelen?",
    "",
    "Wat namen de deelnemers mee?",
    "- Bel-rondes en wandelafspraken werkten goed. Veel gemeenten gaan hiermee door.",
    "- Het dorpshuis of buurthuis is meer dan een gebouw: het is een netwerk van mensen.",
    "- Vraag jongeren zelf wat zij nodig hebben. Zij weten het antwoord vaak al.",
    "",
    "Meer weten? Mail naar leefbaarheid@gelderland.nl.",
]

CHECKLIST = """Checklist: zo maakt u samen een dorpsvisie

1. Begin met een kleine groep bewoners die het dorp goed kent.
2. Vraag zo veel mogelijk dorpsgenoten wat zij belangrijk vinden: op straat, online en op papier.
3. Let op wie u nog niet hoort: jongeren, nieuwe inwoners, mensen die slecht ter been zijn.
4. Schrijf op wat goed gaat en wat beter kan. Gebruik gewone woorden.
5. Kies samen drie tot vijf punten om mee te beginnen.
6. Bespreek de visie met de gemeente. Spreek af wie wat doet.
7. Kijk elk jaar samen terug: wat is er gelukt, wat is er veranderd?

Vragen? Mail naar leefbaarheid@gelderland.nl.
"""


def _palette(rng):
    return rng.choice(PALETTES)


def _draw(style, rng):
    width, height = WIDTH * SCALE, HEIGHT * SCALE
    background, *colours = _palette(rng)
    canvas = PILImage.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(canvas)
    if style == "hills":
        sun = rng.randint(height // 8, height // 5)
        x, y = rng.randint(width // 2, width - sun * 2), rng.randint(sun, height // 3)
        draw.ellipse([x - sun, y - sun, x + sun, y + sun], fill=colours[2])
        for layer, colour in enumerate([colours[0], colours[1], colours[4]]):
            base = height * (0.45 + 0.17 * layer)
            crests = [base + rng.uniform(-1, 1) * height * 0.08 for _ in range(6)]
            points = [(0, height)]
            for step in range(101):
                # Cosine interpolation between the crests gives rolling hills rather than peaks.
                position = step / 100 * (len(crests) - 1)
                left = int(min(position, len(crests) - 2))
                weight = (1 - math.cos((position - left) * math.pi)) / 2
                points.append((width * step / 100, crests[left] * (1 - weight) + crests[left + 1] * weight))
            points.append((width, height))
            draw.polygon(points, fill=colour)
    elif style == "circles":
        for _ in range(rng.randint(7, 11)):
            radius = rng.randint(height // 10, height // 4)
            x, y = rng.randint(0, width), rng.randint(0, height)
            draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=rng.choice(colours))
        centres = [
            (rng.randint(width // 6, width * 5 // 6), rng.randint(height // 5, height * 4 // 5))
            for _ in range(5)
        ]
        draw.line(centres, fill=colours[4], width=SCALE * 10, joint="curve")
        for x, y in centres:
            dot = SCALE * 34
            draw.ellipse(
                [x - dot, y - dot, x + dot, y + dot], fill=colours[4], outline=background, width=SCALE * 8
            )
    elif style in ("blocks", "houses"):
        ground = int(height * 0.78)
        draw.rectangle([0, ground, width, height], fill=colours[0])
        x = rng.randint(-width // 20, width // 20)
        while x < width:
            block_width = rng.randint(width // 10, width // 5)
            block_height = rng.randint(height // 4, height // 2)
            colour = rng.choice(colours[1:])
            draw.rounded_rectangle(
                [x, ground - block_height, x + block_width, ground], radius=SCALE * 24, fill=colour
            )
            if style == "houses":
                draw.polygon(
                    [
                        (x - SCALE * 10, ground - block_height + SCALE * 10),
                        (x + block_width / 2, ground - block_height - block_width * 0.45),
                        (x + block_width + SCALE * 10, ground - block_height + SCALE * 10),
                    ],
                    fill=colours[-1],
                )
            door = block_width // 5
            draw.rounded_rectangle(
                [
                    x + block_width // 2 - door // 2,
                    ground - door * 2,
                    x + block_width // 2 + door // 2,
                    ground,
                ],
                radius=SCALE * 10,
                fill=background,
            )
            x += block_width + rng.randint(SCALE * 20, width // 25)
    else:  # bars
        count = rng.randint(6, 9)
        gap = width // (count * 3)
        bar_width = (width - gap * (count + 1)) // count
        for index in range(count):
            bar_height = rng.randint(height // 5, height * 3 // 4)
            left = gap + index * (bar_width + gap)
            draw.rounded_rectangle(
                [left, height - bar_height, left + bar_width, height + SCALE * 40],
                radius=SCALE * 30,
                fill=colours[index % len(colours)],
            )
        radius = height // 6
        draw.ellipse([width - radius * 3, radius // 2, width - radius, radius * 5 // 2], fill=colours[3])
    return canvas.resize((WIDTH, HEIGHT), PILImage.Resampling.LANCZOS)


def render_png(key):
    style = IMAGES[key][1]
    rng = random.Random(zlib.crc32(key.encode()))
    buffer = BytesIO()
    _draw(style, rng).save(buffer, format="PNG")
    return buffer.getvalue()


def _pdf_text(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("cp1252")


def render_pdf(lines):
    """A one-page A4 PDF with the lines in Helvetica; searchable and copyable text."""
    content = (
        b"BT /F1 12 Tf 16 TL 72 770 Td "
        + b" ".join(b"(" + _pdf_text(line) + b") '" for line in lines)
        + b" ET"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Lang (nl-NL) >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
    ]
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(output)
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    output += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    output += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(output)


def _file_missing(instance):
    return not instance.file or not instance.file.storage.exists(instance.file.name)


def sync_images(tally):
    """Create the images that are missing (or whose file is gone); return them by key."""
    image_model = get_image_model()
    images = {}
    for key, (title, _style) in IMAGES.items():
        image = image_model.objects.filter(title=title).first()
        if image is not None and not _file_missing(image):
            tally.add("unchanged")
        else:
            status = "created" if image is None else "updated"
            image = image or image_model(title=title)
            image.file = ContentFile(render_png(key), name=f"demo-{key}.png")
            # Emptied, Wagtail's public getters measure and store the new file's size and hash.
            image.file_size, image.file_hash = None, ""
            image.save()
            image.get_file_size()
            image.get_file_hash()
            tally.add(status)
        images[key] = image
    return images


def sync_documents(tally):
    document_model = get_document_model()
    documents = {}
    contents = {
        "verslag-juni-2021": lambda: render_pdf(REPORT_LINES),
        "checklist-dorpsvisie": lambda: CHECKLIST.encode("utf-8"),
    }
    for key, (title, filename) in DOCUMENTS.items():
        document = document_model.objects.filter(title=title).first()
        if document is not None and not _file_missing(document):
            tally.add("unchanged")
        else:
            status = "created" if document is None else "updated"
            document = document or document_model(title=title)
            document.file = ContentFile(contents[key](), name=filename)
            document.file_size, document.file_hash = None, ""
            document.save()
            document.get_file_size()
            document.get_file_hash()
            tally.add(status)
        documents[key] = document
    return documents
