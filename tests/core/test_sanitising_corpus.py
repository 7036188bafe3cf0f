"""Hostile HTML against the project's one sanitising policy (core/sanitising.py).

Every payload's output is parsed back the way a browser parses it (html5lib, a WHATWG parser;
bleach ships it) and with Python's html.parser, and once more after a round trip through
html5lib's serialiser, which catches markup that turns into something else when parsed again
(mutation XSS). Each time: only allowed elements, attributes only ``href`` and ``rel`` on links,
every link ``rel="nofollow noopener"``, every ``href`` resolving (as a browser resolves it, on an
https page) to http, https or mailto, nothing of a script's or style's body left as text, and
sanitising the output again changes nothing.

What the policy does with links that are not absolute: relative hrefs (``/pad``, ``pagina.html``,
``#anker``) and protocol-relative ones (``//elders.example/``) are kept. On the site, an https
page, the first resolve to the site itself and the second to https: neither can run script.
"""

import re
import time
from urllib.parse import urljoin, urlsplit

from bleach._vendor import html5lib
from bs4 import BeautifulSoup
from django.test import SimpleTestCase

from core.sanitising import ALLOWED_PROTOCOLS, ALLOWED_TAGS, LINK_REL, sanitise_html

PAGE = "https://leefbaarheid.example/kennisbank/item/"

CORPUS = [
    # Elements whose content is code.
    ("script", "<script>alert(1)</script>"),
    ("script upper case with src", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>"),
    ("script split by script", "<scr<script>ipt>alert(1)</scr</script>ipt>"),
    ("script inside angle brackets", "<<script>script>alert(1)<</script>/script>"),
    ("script double escaped", "<script><!--<script></script>alert(1)</script>-->"),
    ("script ended inside a comment", "<script><!--</script>--><p>tekst</p>"),
    ("script in a paragraph", "<p>Tekst<script>alert(1)</script> en meer</p>"),
    ("style", '<style>body{background:url("javascript:alert(1)")}</style>'),
    ("style with markup inside", "<style><img src=x onerror=alert(1)></style>"),
    ("iframe", '<iframe src="javascript:alert(1)"></iframe>'),
    ("iframe srcdoc", '<iframe srcdoc="<script>alert(1)</script>"></iframe>'),
    ("iframe without a space", "<iframe/onload=alert(1)>"),
    ("object", '<object data="javascript:alert(1)"><param name=x value=alert(1)></object>'),
    ("embed", '<embed src="data:image/svg+xml;base64,PHN2Zy9vbmxvYWQ9YWxlcnQoMSk+">'),
    ("template", "<template><script>alert(1)</script></template>"),
    ("textarea", "<textarea><script>alert(1)</script></textarea>"),
    ("title", "<title><img src=x onerror=alert(1)></title>"),
    ("xmp", "<xmp><img src=x onerror=alert(1)></xmp>"),
    ("noembed", "<noembed><img src=x onerror=alert(1)></noembed>"),
    ("noframes", "<noframes><img src=x onerror=alert(1)></noframes>"),
    ("plaintext", "<plaintext><script>alert(1)</script>"),
    ("select with style", "<select><style><img src=x onerror=alert(1)></style></select>"),
    # Foreign markup.
    ("svg onload", "<svg onload=alert(1)>"),
    ("svg script", "<svg><script>alert(1)</script></svg>"),
    ("svg xlink href", '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">klik</text></a></svg>'),
    ("svg animate", "<svg><animate onbegin=alert(1) attributeName=x dur=1s>"),
    ("svg set href", '<svg><a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>'),
    ("svg style", "<svg><style><img src=x onerror=alert(1)></style></svg>"),
    ("svg CDATA", "<svg><![CDATA[><img src=x onerror=alert(1)>]]></svg>"),
    ("svg inside a link", '<a href="https://example.nl"><svg><a href="javascript:alert(1)">in</a></svg></a>'),
    (
        "math maction",
        '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">klik</maction></math>',
    ),
    ("math href", '<math href="javascript:alert(1)">CLICKME</math>'),
    ("math style", "<math><style><img src=x onerror=alert(1)></style></math>"),
    # Event handlers and styles on allowed elements.
    ("p onclick", '<p onclick="alert(1)">tekst</p>'),
    ("a onmouseover", '<a href="https://example.nl" onmouseover="alert(1)">link</a>'),
    ("li onfocus autofocus", "<ul><li tabindex=1 autofocus onfocus=alert(1)>punt</li></ul>"),
    ("b style", '<b style="background:url(javascript:alert(1))">vet</b>'),
    ("h2 with id and class", '<h2 id="login" class="admin" style="position:fixed">Kop</h2>'),
    ("a target and rel opener", '<a href="https://example.nl" target="_blank" rel="opener">x</a>'),
    ("a with ping and download", '<a href="https://example.nl" ping="https://evil.example/" download>x</a>'),
    ("div onpointerenter", "<div onpointerenter=alert(1)>vlak</div>"),
    ("details ontoggle", "<details open ontoggle=alert(1)><summary>x</summary></details>"),
    ("body onload", "<body onload=alert(1)><p>tekst</p></body>"),
    ("video source onerror", "<video><source onerror=alert(1)></video>"),
    ("table background", '<table background="javascript:alert(1)"><tr><td>cel</td></tr></table>'),
    # Link schemes, plain and obfuscated.
    ("javascript href", '<a href="javascript:alert(1)">x</a>'),
    ("javascript upper case", '<a href="JAVASCRIPT:alert(1)">x</a>'),
    ("javascript mixed case", '<a href="jAvAsCrIpT&#58;alert(1)">x</a>'),
    ("javascript one entity", '<a href="&#106;avascript:alert(1)">x</a>'),
    (
        "javascript hex entities",
        '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
    ),
    (
        "javascript entities without ;",
        '<a href="&#106&#97&#118&#97&#115&#99&#114&#105&#112&#116&#58alert(1)">x</a>',
    ),
    ("javascript padded entity", '<a href="&#0000106avascript:alert(1)">x</a>'),
    ("javascript named colon", '<a href="javascript&colon;alert(1)">x</a>'),
    ("javascript tab", '<a href="jav\tascript:alert(1)">x</a>'),
    ("javascript newline", '<a href="java\nscript:alert(1)">x</a>'),
    ("javascript carriage return", '<a href="java\rscript:alert(1)">x</a>'),
    ("javascript tab entity", '<a href="jav&#x09;ascript:alert(1)">x</a>'),
    ("javascript named tab", '<a href="jav&Tab;ascript:alert(1)">x</a>'),
    ("javascript newline entity", '<a href="jav&NewLine;ascript:alert(1)">x</a>'),
    ("javascript leading spaces", '<a href="   javascript:alert(1)">x</a>'),
    ("javascript leading control", '<a href="\x01javascript:alert(1)">x</a>'),
    ("javascript leading control entity", '<a href=" &#14;  javascript:alert(1)">x</a>'),
    ("javascript NUL inside", '<a href="java\x00script:alert(1)">x</a>'),
    ("javascript unquoted", "<a href=javascript:alert(1)>x</a>"),
    ("vbscript", '<a href="vbscript:msgbox(1)">x</a>'),
    ("data html base64", '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'),
    ("data html", '<a href="data:text/html,<script>alert(1)</script>">x</a>'),
    ("file", '<a href="file:///etc/passwd">x</a>'),
    ("protocol relative", '<a href="//evil.example/">x</a>'),
    ("backslash relative", '<a href="\\\\evil.example/">x</a>'),
    ("quote breaking out of href", '<a href="http://example.nl/&#x22;onmouseover=alert(1)">x</a>'),
    ("mailto with markup", '<a href="mailto:x@example.nl?subject=<script>alert(1)</script>">mail</a>'),
    # Elements that change the page around them.
    ("img onerror", "<img src=x onerror=alert(1)>"),
    ("img unterminated", '<img src="x onerror=alert(1)'),
    ("base", '<base href="https://evil.example/"><a href="/pad">x</a>'),
    ("meta refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'),
    ("link stylesheet", '<link rel=stylesheet href="https://evil.example/x.css">'),
    (
        "form with formaction",
        '<form action="https://evil.example">'
        '<input type=submit formaction="javascript:alert(1)" value=x></form>',
    ),
    ("button formaction", '<button formaction="javascript:alert(1)">x</button>'),
    ("isindex", "<isindex action=javascript:alert(1) type=image>"),
    # Mutation XSS classics.
    ("mxss noscript title", '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'),
    ("mxss math mglyph style", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"),
    ("mxss svg p style", '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">'),
    ("mxss form math", "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>"),
    (
        "mxss math mtext style",
        "<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style>"
        '<a title="</style><img src onerror=alert(1)>">',
    ),
    ("mxss table form", '<table><form><tr><td><a title="</table><img src=x onerror=alert(1)>">x</a>'),
    ("mxss comment in title", '<a title="<!--"><img src=x onerror=alert(1)>-->">'),
    # Broken markup.
    ("unclosed tags", '<p><b><i><a href="https://example.nl">open'),
    ("unclosed attribute", '<a href="https://example.nl onmouseover=alert(1) x="'),
    ("nested quotes", "<a title='\"><script>alert(1)</script>' href=https://example.nl>x</a>"),
    ("attribute without space", '<a href="https://example.nl/"onclick="alert(1)">x</a>'),
    ("NUL in tag name", "<scr\x00ipt>alert(1)</scr\x00ipt>"),
    ("NUL before attribute", "<img\x00src=x onerror=alert(1)>"),
    ("NUL in text", "<p>te\x00kst</p>"),
    # Comments and CDATA.
    ("conditional comment", "<!--[if IE]><script>alert(1)</script><![endif]-->"),
    ("downlevel-revealed conditional comment", "<![if !IE]><script>alert(1)</script><![endif]>"),
    ("comment ended early", "<!--><img src=x onerror=alert(1)>-->"),
    ("comment ended with --!>", "<!-- --!><img src=x onerror=alert(1)> -->"),
    ("comment with markup", "<p>a<!-- <script>alert(1)</script> -->b</p>"),
    ("CDATA", "<![CDATA[<script>alert(1)</script>]]>"),
    ("processing instruction", '<?xml-stylesheet href="javascript:alert(1)"?><p>x</p>'),
    ("escaped script stays text", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
]

# Payloads whose "alert(" is text to a browser as well, not a script's body: escaped markup, an
# element named "scr<script" or "scr\ufffdipt" (a NUL in a tag name), and "<![CDATA[", which
# outside SVG and MathML is a comment that ends at the first ">".
ALERT_AS_TEXT = {"escaped script stays text", "script split by script", "NUL in tag name", "CDATA"}
DANGEROUS_TAG = re.compile(
    r"<\s*/?\s*(script|style|iframe|object|embed|svg|math|img|base|meta|link|form|input|button|"
    r"template|noscript|textarea|title|xmp|plaintext|body|video|source)\b",
    re.IGNORECASE,
)


C0_AND_SPACE = "".join(chr(code) for code in range(0x21))


def browser_href(href):
    """Where a browser on an https page goes with ``href`` (it drops tabs and newlines anywhere
    and control characters and spaces at either end)."""
    cleaned = re.sub(r"[\t\n\r]", "", href).strip(C0_AND_SPACE)
    return urljoin(PAGE, cleaned.replace("\\", "/"))


def html5lib_elements(html):
    """The elements (tag, attributes) html5lib makes of ``html``, their text, and the tree."""
    fragment = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    elements = [(element.tag, dict(element.attrib)) for element in fragment.iter() if element is not fragment]
    text = "".join(fragment.itertext())
    return elements, text, fragment


def html5lib_round_trip(fragment):
    walker = html5lib.getTreeWalker("etree")
    return html5lib.serializer.HTMLSerializer(quote_attr_values="always").render(walker(fragment))


def html_parser_elements(html):
    soup = BeautifulSoup(html, "html.parser")
    return [(element.name, dict(element.attrs)) for element in soup.find_all(True)], soup.get_text()


class PolicyAssertions:
    def assertWithinPolicy(self, elements, text, where, alert_is_text=False):
        for tag, attributes in elements:
            self.assertIsInstance(tag, str, f"{where}: a comment or other node ({tag})")
            self.assertIn(tag, ALLOWED_TAGS, f"{where}: <{tag}>")
            if tag != "a":
                self.assertEqual(attributes, {}, f"{where}: attributes on <{tag}>")
                continue
            self.assertLessEqual(set(attributes), {"href", "rel"}, f"{where}: {attributes}")
            rel = attributes.get("rel")
            rel = " ".join(rel) if isinstance(rel, list) else rel
            self.assertEqual(rel, LINK_REL, f"{where}: rel of {attributes}")
            if "href" in attributes:
                scheme = urlsplit(browser_href(attributes["href"])).scheme
                self.assertIn(scheme, ALLOWED_PROTOCOLS, f"{where}: href {attributes['href']!r}")
        if not alert_is_text:
            self.assertNotIn("alert(", text, f"{where}: a script's text shows")
            self.assertNotIn("msgbox(", text, f"{where}: a script's text shows")

    def assertSafe(self, name, payload, seconds=5):
        started = time.monotonic()
        output = sanitise_html(payload)
        self.assertLess(time.monotonic() - started, seconds, f"{name}: too slow")
        alert_is_text = name in ALERT_AS_TEXT

        self.assertNotRegex(output, DANGEROUS_TAG, f"{name}: {output!r}")
        elements, text, fragment = html5lib_elements(output)
        self.assertWithinPolicy(elements, text, f"{name} (html5lib)", alert_is_text)
        again, text_again, _ = html5lib_elements(html5lib_round_trip(fragment))
        self.assertWithinPolicy(again, text_again, f"{name} (html5lib, parsed twice)", alert_is_text)
        elements, text = html_parser_elements(output)
        self.assertWithinPolicy(elements, text, f"{name} (html.parser)", alert_is_text)
        self.assertEqual(sanitise_html(output), output, f"{name}: sanitising again changes it")
        return output


# The time limits catch work that grows with the square of the input (minutes for these sizes),
# with room for a busy CI machine; on an idle laptop the nesting takes about 4 s, the megabyte 8 s.
DEEP_SECONDS = 30
MEGABYTE_SECONDS = 60


class HostilePayloadTests(PolicyAssertions, SimpleTestCase):
    def test_the_corpus_is_large_and_named_uniquely(self):
        names = [name for name, _ in CORPUS]
        self.assertGreaterEqual(len(CORPUS), 40)
        self.assertEqual(len(names), len(set(names)))

    def test_every_payload_comes_out_within_the_policy(self):
        for name, payload in CORPUS:
            with self.subTest(name):
                self.assertSafe(name, payload)

    def test_every_payload_stays_within_the_policy_around_good_content(self):
        for name, payload in CORPUS:
            with self.subTest(name):
                output = self.assertSafe(name, f"<p>Voor</p>{payload}<p>Na</p>")
                self.assertIn("Voor", output)

    def test_script_and_style_go_with_their_content(self):
        self.assertEqual(
            sanitise_html("<p>a</p><script>alert(1)</script><style>p{}</style><p>b</p>"), "<p>a</p><p>b</p>"
        )

    def test_dangerous_links_lose_their_href_and_keep_their_text(self):
        for name, payload in CORPUS:
            if name.startswith(("javascript", "vbscript", "data", "file")):
                with self.subTest(name):
                    self.assertEqual(sanitise_html(payload), '<a rel="nofollow noopener">x</a>')

    def test_protocol_relative_and_relative_links_are_kept(self):
        self.assertEqual(
            sanitise_html('<a href="//elders.example/">x</a> <a href="/pad">y</a>'),
            '<a href="//elders.example/" rel="nofollow noopener">x</a> '
            '<a href="/pad" rel="nofollow noopener">y</a>',
        )
        self.assertEqual(urlsplit(browser_href("//elders.example/")).scheme, "https")

    def test_deep_nesting_finishes_fast(self):
        payload = "<b>" * 10_000 + "diep" + "</b>" * 10_000

        output = self.assertSafe("deep nesting", payload, seconds=DEEP_SECONDS)

        self.assertIn("diep", output)
        self.assertNotRegex(output, DANGEROUS_TAG)
        self.assertEqual(set(re.findall(r"</?([a-z0-9]+)", output)) - {"b"}, set())

    def test_deep_nesting_of_hostile_elements_finishes_fast(self):
        payload = (
            "<div onclick=alert(1)><svg>" * 2_000 + "<img src=x onerror=alert(1)>" + "</svg></div>" * 2_000
        )

        output = self.assertSafe("deep hostile nesting", payload, seconds=DEEP_SECONDS)

        self.assertNotIn("alert", output)

    def test_a_megabyte_of_hostile_markup(self):
        unit = (
            '<p onclick="alert(1)">Tekst <a href="javascript:alert(1)">link</a> '
            '<a href="https://example.nl/">goed</a><img src=x onerror=alert(1)>'
            "<script>alert(1)</script><svg onload=alert(1)></svg></p>"
        )
        payload = unit * (1024 * 1024 // len(unit) + 1)
        self.assertGreaterEqual(len(payload), 1024 * 1024)

        output = self.assertSafe("a megabyte", payload, seconds=MEGABYTE_SECONDS)

        self.assertNotIn("alert", output)
        self.assertNotRegex(output, DANGEROUS_TAG)
        self.assertEqual(
            output.count('<a href="https://example.nl/" rel="nofollow noopener">goed</a>'),
            payload.count("goed"),
        )


class GoodContentTests(PolicyAssertions, SimpleTestCase):
    def test_a_paragraph_with_a_link_and_a_list_comes_through_intact(self):
        html = (
            '<h2>Buurtkring</h2><p>Lees <a href="https://example.nl/rapport?a=1&amp;b=2" '
            'rel="nofollow noopener">het rapport</a> en <em>doe</em> <strong>mee</strong>.</p>'
            "<ul><li>een</li><li>twee <b>vet</b></li></ul><ol><li>drie</li></ol>"
            "<blockquote><p>citaat<br>tweede regel</p></blockquote>"
            '<p><a href="mailto:team@example.nl" rel="nofollow noopener">mail ons</a></p>'
        )

        self.assertEqual(sanitise_html(html), html)
        self.assertSafe("good content", html)

    def test_links_get_rel_and_the_text_of_dropped_tags_stays(self):
        # bleach puts a line break where it drops a block (h1), as a browser would show it.
        self.assertEqual(
            sanitise_html('<div><p>Lees <a href="https://example.nl">dit</a></p><h1>Kop</h1></div>'),
            '<p>Lees <a href="https://example.nl" rel="nofollow noopener">dit</a></p>\nKop',
        )
