"""The demo knowledge base: at least 30 items over every kind, theme and level of evidence.

One module per theme; an item that fits several themes lives with its main theme. Named methods
are described in general terms (what they are, not claims about a particular organisation), and
the "good examples" are realistic scenarios, not reports of what a named municipality did.
"""

from . import (
    armoede_en_schulden,
    bewonersparticipatie,
    covid,
    eenzaamheid,
    gebiedsgericht_werken,
    sociale_infrastructuur,
)

ITEMS = [
    *eenzaamheid.ITEMS,
    *armoede_en_schulden.ITEMS,
    *covid.ITEMS,
    *sociale_infrastructuur.ITEMS,
    *gebiedsgericht_werken.ITEMS,
    *bewonersparticipatie.ITEMS,
]
