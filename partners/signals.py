"""A page saved in a partner's section is the partner's: a partner article, by that organisation.

So the news listing's *Artikel van een partner* filter and the kennisbank's organisation filter
find it whatever the partner chose in the form. Set on every save of the page row, which is also
what publishing (an editor's approval) does.
"""

from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _

from knowledge.models import KnowledgeItemPage, NewsPage

from .models import PartnerSectionPage

# root (1) / home page (2) / news index (3) / partner's section (4) / its pages (5): a page higher up
# (every item in the kennisbank, every news item in the news index) costs no query here.
SECTION_PAGES_DEPTH = 5


def _section_of(page):
    if not page.path or page.depth != SECTION_PAGES_DEPTH:
        return None
    parent = page.get_parent()
    if parent is None or parent.specific_class is not PartnerSectionPage:
        return None
    return parent.specific


def file_news_under_partner(sender, instance, **kwargs):
    section = _section_of(instance)
    if section is None:
        return
    instance.category = NewsPage.Category.PARTNER
    if instance.organisation_id is None:
        instance.organisation_id = section.organisation_id


def file_item_under_partner(sender, instance, **kwargs):
    section = _section_of(instance)
    if section is not None and instance.organisation_id is None:
        instance.organisation_id = section.organisation_id


def partner_article_form(form):
    """For ``core.admin_forms.PAGE_FORM_HOOK``: a news page below a partner's section offers only
    the category it gets on save, *Artikel van een partner*, already chosen."""
    if form._meta.model is not NewsPage or "category" not in form.fields:
        return
    parent = getattr(form, "parent_page", None)
    if parent is None or parent.specific_class is not PartnerSectionPage:
        return
    field = form.fields["category"]
    field.choices = [(NewsPage.Category.PARTNER, NewsPage.Category.PARTNER.label)]
    field.help_text = _("Een bericht in de rubriek van een partner is altijd een artikel van een partner.")
    form.initial["category"] = NewsPage.Category.PARTNER


def connect():
    pre_save.connect(file_news_under_partner, sender=NewsPage, dispatch_uid="partners_news")
    pre_save.connect(file_item_under_partner, sender=KnowledgeItemPage, dispatch_uid="partners_items")
