"""Every string a visitor reads is marked for translation and has its English in the catalogue.

``test_catalogues.py`` keeps the catalogue itself complete. These tests close the two ways a
Dutch string still reaches an English page past it:

- **Never marked.** Text written straight into a template (outside ``{% translate %}`` and
  ``{% blocktranslate %}``), or a form label, help text or validation message in Python without
  ``gettext``. The template check reads every template under ``site/templates`` with Django's own
  lexer, drops what the translation tags and comments hold, and looks at what is left with an
  HTML parser: text between tags and the attributes people read or hear (``alt``, ``title``,
  ``aria-label``, ``placeholder``). The Python check reads the project's modules with ``ast``.
- **Marked, but never extracted.** A new ``{% translate %}`` without ``make messages`` afterwards
  is missing from the catalogue, and gettext silently shows the Dutch. The last test runs
  ``makemessages`` on a copy of the project and fails on every string the committed catalogue
  lacks.

Names are not translated: ``NAMES`` lists them. Files that are exempt say why in ``EXEMPT``.
"""

import ast
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "site" / "templates"
APPS = [
    "accounts",
    "core",
    "home",
    "knowledge",
    "newsletter",
    "partners",
    "pilot_interest",
    "registrations",
    "search",
]

# Proper names: the same in both languages (the site calls its team "Team Leefbaarheid" in English too).
NAMES = [
    "Team Leefbaarheid",
    "Leefbaarheid Gelderland",
    "Monitor Gelders Welbevinden",
    "RSS",
    "Atom",
    "iCalendar",
]

EXEMPT = {
    # Rendered when something broke, so it uses no catalogue: both languages are written out.
    "500.html": "writes out Dutch and English itself",
}
# Operator-facing output of management commands (Dutch only, like the commands' own help).
EXEMPT_PYTHON = {
    "knowledge/importing.py": "messages in the import report of manage.py import_knowledge",
    "pilot_interest/housekeeping.py": "labels in the output of manage.py purge_personal_data",
    "registrations/housekeeping.py": "labels in the output of manage.py purge_personal_data",
    "search/retention.py": "labels in the output of manage.py purge_personal_data",
}

WORD = re.compile(r"[^\W\d_]{2,}")
READ_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "aria-description", "aria-roledescription"}
NOT_TEXT = {"script", "style", "svg", "pre", "code"}
# Blocks that hold a value for the machine, not text: the Open Graph type ("article").
NOT_TEXT_BLOCKS = {"og_type"}
PLACEHOLDER = "0"  # where a template tag or variable stood: not a word, and valid inside a tag name


def outside_translation_tags(source):
    """The template's literal text that no translation tag or comment holds; tags become placeholders.

    Text in a ``{% block … %}`` whose name ends in ``class`` (``body_class``) is a CSS class name.
    """
    pieces, translating, commenting, blocks = [], 0, 0, []
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name, *arguments = token.contents.split() or [""]
            translating += {
                "blocktranslate": 1,
                "blocktrans": 1,
                "endblocktranslate": -1,
                "endblocktrans": -1,
            }.get(name, 0)
            commenting += {"comment": 1, "endcomment": -1}.get(name, 0)
            if name == "block":
                blocks.append(arguments[0])
            elif name == "endblock" and blocks:
                blocks.pop()
            pieces.append(PLACEHOLDER)
        elif token.token_type == TokenType.TEXT and not (translating or commenting):
            if blocks and (blocks[-1].endswith("class") or blocks[-1] in NOT_TEXT_BLOCKS):
                continue
            pieces.append(token.contents)
        else:
            pieces.append(PLACEHOLDER)
    return "".join(pieces)


def words(text):
    text = re.sub(r"\S*(?:://|#|/)\S*", " ", text)  # addresses and anchors: #meeting-report
    for name in NAMES:
        text = text.replace(name, "")
    return WORD.findall(text.replace(PLACEHOLDER, " "))


class ReadableText(HTMLParser):
    """Collects text a person reads or hears: between tags, and in the attributes above."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in NOT_TEXT:
            self.hidden += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value and words(value):
                self.found.append(f'{name}="{value}"')

    def handle_endtag(self, tag):
        if tag in NOT_TEXT:
            self.hidden = max(0, self.hidden - 1)

    def handle_data(self, data):
        if not self.hidden and words(data):
            self.found.append(data.strip().replace(PLACEHOLDER, "…"))


def untranslated_in_template(path):
    text = outside_translation_tags(path.read_text())
    if path.suffix == ".txt":  # a text mail: everything left is read
        return [line.strip().replace(PLACEHOLDER, "…") for line in text.splitlines() if words(line)]
    # A tag whose name is a variable (``<{{ value.level }}>``) must still parse as a tag.
    text = re.sub(f"<(/?){PLACEHOLDER}", r"<\1x", text)
    if path.stem.endswith("_attrs"):  # an include that holds a tag's attributes
        text = f"<x {text}>"
    parser = ReadableText()
    parser.feed(text)
    parser.close()
    return parser.found


def test_templates_hold_no_text_outside_translation_tags():
    templates = [p for p in TEMPLATES.rglob("*") if p.suffix in {".html", ".txt", ".mjml"}]
    assert len(templates) > 100  # the scan reads the real tree
    found = {
        str(path.relative_to(TEMPLATES)): untranslated
        for path in sorted(templates)
        if str(path.relative_to(TEMPLATES)) not in EXEMPT and (untranslated := untranslated_in_template(path))
    }
    assert found == {}


def test_the_template_check_finds_a_string_left_out(tmp_path):
    """The check itself: text, a read attribute and a text mail line outside the tags are found."""
    page = tmp_path / "page.html"
    page.write_text(
        '{% load i18n %}<p>{% translate "Goed" %}</p><p>Niet vertaald</p>'
        '<img alt="Een foto" src="{{ src }}">'
        "<p>{% blocktranslate %}Ook goed {{ x }}{% endblocktranslate %}</p>"
        "<script>const nietGelezen = 1;</script>{# commentaar #}<p>Leefbaarheid Gelderland · {{ year }}</p>"
    )
    mail = tmp_path / "mail.txt"
    mail.write_text('{% load i18n %}{% translate "Hallo" %}\n\nMet vriendelijke groet\n{{ name }}\n')
    assert untranslated_in_template(page) == ["Niet vertaald", 'alt="Een foto"']
    assert untranslated_in_template(mail) == ["Met vriendelijke groet"]


# Python ------------------------------------------------------------------------------------------

TRANSLATING_CALLS = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy", "ngettext", "ngettext_lazy"}
READ_KEYWORDS = {"label", "help_text", "placeholder", "empty_label", "verbose_name", "verbose_name_plural"}
MESSAGE_CALLS = {"ValidationError", "success", "error", "warning", "info"}


def call_name(node):
    """``ValidationError``, or ``success`` of ``messages.success``; never a logger's ``warning``."""
    if isinstance(node.func, ast.Name):
        return node.func.id
    if not isinstance(node.func, ast.Attribute):
        return ""
    receiver = node.func.value
    if isinstance(receiver, ast.Name) and receiver.id in {"messages", "forms", "exceptions"}:
        return node.func.attr
    return "" if node.func.attr in MESSAGE_CALLS else node.func.attr


def literal_text(node):
    """A plain string literal with words (an f-string counts: it can't be translated either)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if words(node.value) else None
    if isinstance(node, ast.JoinedStr):
        return ast.unparse(node)
    return None


def untranslated_in_module(source):
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or call_name(node) in TRANSLATING_CALLS:
            continue
        candidates = [keyword.value for keyword in node.keywords if keyword.arg in READ_KEYWORDS]
        if call_name(node) in MESSAGE_CALLS:
            candidates += node.args[-1:] if call_name(node) != "ValidationError" else node.args[:1]
        candidates += [
            value
            for keyword in node.keywords
            if keyword.arg == "error_messages" and isinstance(keyword.value, ast.Dict)
            for value in keyword.value.values
        ]
        found += [f"line {c.lineno}: {text!r}" for c in candidates if (text := literal_text(c))]
    return found


def python_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = str(path.relative_to(ROOT))
            # Management commands talk to the operator, in Dutch like their --help.
            if not {"migrations", "management"} & set(path.parts) and relative not in EXEMPT_PYTHON:
                yield relative, path


def test_python_marks_labels_help_and_messages_for_translation():
    modules = list(python_modules())
    assert len(modules) > 50
    found = {name: hits for name, path in modules if (hits := untranslated_in_module(path.read_text()))}
    assert found == {}


def test_the_python_check_finds_a_string_left_out():
    source = (
        "from django.utils.translation import gettext_lazy as _\n"
        "name = forms.CharField(label=_('Naam'), help_text='Uw volledige naam')\n"
        "raise ValidationError('Dit klopt niet')\n"
        "messages.success(request, _('Opgeslagen'))\n"
        "messages.error(request, f'Fout bij {x}')\n"
        "field = forms.EmailField(error_messages={'invalid': 'Geen e-mailadres'})\n"
    )
    assert untranslated_in_module(source) == [
        "line 2: 'Uw volledige naam'",
        "line 3: 'Dit klopt niet'",
        "line 5: \"f'Fout bij {x}'\"",
        "line 6: 'Geen e-mailadres'",
    ]


# The catalogue against the source ---------------------------------------------------------------


def catalogue_keys(path):
    return {
        (entry.msgctxt, entry.msgid)
        for entry in polib.pofile(str(path))
        if entry.msgid and not entry.obsolete
    }


def test_every_marked_string_is_in_the_english_catalogue(tmp_path):
    """``makemessages`` on a copy of the project finds no string the committed catalogue lacks."""
    if shutil.which("xgettext") is None:
        pytest.fail(
            "This test runs makemessages, which needs gettext: apt-get install gettext", pytrace=False
        )
    copy = tmp_path / "project"
    ignore = shutil.ignore_patterns(".venv", "var", "node_modules", ".git", "__pycache__", "*.mo", "media")
    shutil.copytree(ROOT, copy, ignore=ignore)
    # The Makefile's `messages` target, minus compiling: the same extensions and ignores.
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "-e", "html,txt,py,mjml", "-v", "0"]
        + ["--ignore=.venv", "--ignore=var", "--ignore=node_modules"],
        cwd=copy,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin"},
    )
    catalogue = Path("site/locale/en/LC_MESSAGES/django.po")
    missing = catalogue_keys(copy / catalogue) - catalogue_keys(ROOT / catalogue)
    assert sorted(missing, key=str) == [], "run `make messages` and translate the new strings"
