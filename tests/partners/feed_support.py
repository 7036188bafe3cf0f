"""What the feed tests share: feeds to serve, sample and hostile, and a partner with a feed.

The server they are served from is ``tests.feed_server.FeedServer``, a real HTTP server on
loopback, so the import under test talks real HTTP through ``partners.fetching`` to a real socket.
"""

import html
import json

from partners.setup import set_up_partner

# The Content-Type a partner's server sends with an RSS feed.
RSS_TYPE = "application/rss+xml; charset=utf-8"

# Scripts and other active content a partner's feed (or whoever took it over) might carry. Each
# tries to leave a trace: window.__xss, the title, a dialog, an element with id "pwned".
HOSTILE_HTML = """
<p>Gewone tekst over de <strong>buurt</strong>.</p>
<script>window.__xss = 1; document.title = "pwned";</script>
<style>body { display: none }</style>
<iframe src="javascript:window.__xss=1"></iframe>
<svg onload="window.__xss=1"><script>window.__xss = 1</script></svg>
<img src="x" onerror="window.__xss=1;alert(1)">
<p onclick="window.__xss=1" onmouseover="alert(1)">Klik hier</p>
<a href="javascript:window.__xss=1">javascript-link</a>
<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">data-link</a>
<a href="JaVaScRiPt:alert(1)">hoofdletters</a>
<a href="https://www.movisie.nl/artikel" onfocus="alert(1)" style="color:red">echte link</a>
<noscript><p title="</noscript><img src=x onerror=window.__xss=1>"></p></noscript>
<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1"></style></mglyph></table>
</mtext></math>
<form action="https://evil.example/"><input name="q">
<button formaction="javascript:alert(1)">Zoek</button></form>
<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">
<template><img src=x onerror="window.__xss=1"></template>
<div id="pwned">weg ermee</div>
"""


# Feeds ------------------------------------------------------------------------------------------


def rss(items, encoding="utf-8", declaration=None):
    """An RSS 2.0 feed; each item a dict of guid, link, title, description, content, date, author."""
    parts = []
    for item in items:
        fields = []
        for name, tag in (
            ("guid", "guid"),
            ("link", "link"),
            ("title", "title"),
            ("description", "description"),
            ("date", "pubDate"),
            ("author", "dc:creator"),
        ):
            if name in item:
                fields.append(f"<{tag}>{html.escape(item[name], quote=False)}</{tag}>")
        if "content" in item:
            fields.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        parts.append(f"<item>{''.join(fields)}</item>")
    declaration = declaration if declaration is not None else f'<?xml version="1.0" encoding="{encoding}"?>'
    text = (
        f'{declaration}\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        f'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Nieuws</title>'
        f"<link>https://www.movisie.nl/</link>{''.join(parts)}</channel></rss>"
    )
    return text.encode(encoding)


def atom(entries):
    parts = []
    for entry in entries:
        parts.append(
            "<entry>"
            f"<id>{html.escape(entry['id'])}</id>"
            f'<title type="text">{html.escape(entry["title"])}</title>'
            f'<link rel="alternate" href="{html.escape(entry["link"])}"/>'
            f"<updated>{entry.get('updated', '2026-11-02T09:30:00Z')}</updated>"
            f'<summary type="text">{html.escape(entry.get("summary", ""))}</summary>'
            f'<content type="html">{html.escape(entry.get("content", ""))}</content>'
            f"<author><name>{html.escape(entry.get('author', ''))}</name></author>"
            "</entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Platform31</title><id>urn:platform31</id><updated>2026-11-02T09:30:00Z</updated>"
        f"{''.join(parts)}</feed>"
    ).encode()


def json_feed(items):
    return json.dumps(
        {"version": "https://jsonfeed.org/version/1.1", "title": "Kennisnet", "items": items}
    ).encode()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>x</title>
<item><guid>bom</guid><title>&lol9;</title><description>&lol9;</description></item>
</channel></rss>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title>
<item><guid>xxe</guid><title>Wachtwoorden &xxe;</title><description>&xxe;</description></item>
</channel></rss>"""

HTML_PAGE = b"""<!DOCTYPE html><html lang="nl"><head><title>Movisie</title></head>
<body><h1>Welkom</h1><p>Dit is onze website.<br></p></body></html>"""


def partner_with_feed(name, url):
    """A partner (``set_up_partner``) whose organisation's feed address is ``url``."""
    partner = set_up_partner(name)
    partner.organisation.feed_url = url
    partner.organisation.save()
    return partner
