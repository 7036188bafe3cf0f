"""Demo content for ``manage.py seed_demo``: the texts, the generated images and the English.

``sync`` and ``translate`` hold the idempotent create-or-update machinery; the other modules are
data, one per part of the site, written in plain Dutch (B1).
"""
