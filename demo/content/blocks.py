"""A short notation for StreamField content in the demo data.

Each function returns a ``(block_type, value)`` pair for one block of ``core.blocks`` or
``knowledge.models.common``. Images, documents and pages are named by a key (``Img("dorpshuis")``,
``Doc("checklist")``, ``PageAt("leernetwerk")``) because their database ids are only known while
seeding; ``sync.stream`` turns the pairs into Wagtail's raw stream data with stable block ids.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Img:
    key: str


@dataclass(frozen=True)
class Doc:
    key: str


@dataclass(frozen=True)
class PageAt:
    """A Dutch page by its slug path below the home page, e.g. ``"kennisbank/buurtcirkel"``."""

    path: str


@dataclass(frozen=True)
class Raw:
    """A value stored exactly as given (a table's rows are lists, not a ListBlock)."""

    value: object


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def paragraph(html):
    return ("paragraph", html)


def image(key, alt_text, caption="", credit="Provincie Gelderland"):
    # The credit is the maker or source alone: the caption puts "Beeld:" before it.
    return (
        "image",
        {"image": Img(key), "alt_text": alt_text, "caption": caption, "credit": credit},
    )


def quote(text, attribution, role=""):
    return ("quote", {"quote": text, "attribution": attribution, "role": role})


def call_to_action(title, text, button_text, page=None, url=""):
    return (
        "call_to_action",
        {
            "title": title,
            "text": text,
            "button_text": button_text,
            "page": PageAt(page) if page else None,
            "url": url,
        },
    )


def key_figures(title, figures):
    """``figures`` is a list of ``(value, label, source)``."""
    return (
        "key_figures",
        {
            "title": title,
            "figures": [
                {"value": value, "label": label, "source": source} for value, label, source in figures
            ],
        },
    )


def documents(title, keys):
    return ("documents", {"title": title, "documents": [Doc(key) for key in keys]})


def faq(title, items):
    """``items`` is a list of ``(question, answer_html)``."""
    return (
        "faq",
        {"title": title, "items": [{"question": q, "answer": a} for q, a in items]},
    )


def contact_details(title):
    """Team Leefbaarheid's contact details, shown from the site settings (``home.blocks``)."""
    return ("contact_details", {"title": title})


def table(caption, rows):
    """A table whose first row is the header."""
    return (
        "table",
        {
            "caption": caption,
            "table": Raw({"first_row_is_table_header": True, "first_col_is_header": False, "data": rows}),
        },
    )


def theme_question(question, explanation):
    return ("question", {"question": question, "explanation": explanation})


def lesson(text, explanation, advice):
    return ("lesson", {"lesson": text, "explanation": explanation, "advice": advice})


def programme_item(time, title, description=""):
    """``time`` as ``"HH:MM"``."""
    return ("item", {"time": f"{time}:00", "title": title, "description": description})


def document(key):
    return ("document", Doc(key))
