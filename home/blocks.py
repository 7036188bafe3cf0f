"""Blocks that belong to the top of the site: they show what the site's footer holds.

``ContactDetailsBlock`` puts Team Leefbaarheid's name, e-mail address, phone number and addresses
on a page the way the footer shows them: read from the footer snippet the site settings choose
(``home.models.SiteFooter``, through the cached site shell) when the page is shown, so a changed
phone number is right on the contact page at once and never drifts from the footer. Only its
heading is the editor's text, and only that is translated with the page; the team's name comes
from the footer's own translation.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import BodyStreamBlock


class ContactDetailsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Kop"), max_length=120, required=False)

    class Meta:
        icon = "mail"
        label = _("Contactgegevens")
        template = "blocks/contact_details_block.html"
        preview_value = {"title": "Zo bereikt u ons"}
        description = _("E-mailadres, telefoonnummer en adressen uit de voettekst van de site.")


class StandardPageStreamBlock(BodyStreamBlock):
    """The body of a standard page: the shared blocks, and the contact details."""

    contact_details = ContactDetailsBlock()
