"""The admin's *Partners* screen: the partners there are, and a form that sets one up.

It calls the same ``set_up_partner`` as ``manage.py create_partner``, so both do the same, and
running it for a partner that is there already changes nothing. Only those who may add partners
(Hoofdredactie, migration ``partners/0002``) see and use it.
"""

from django import forms
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.admin import messages
from wagtail.admin.auth import permission_required

from .models import Partner
from .setup import PartnerSetupError, set_up_partner_with_report

STEP_LABELS = {
    "organisation": pgettext_lazy("partner set-up", "organisatie"),
    "section": pgettext_lazy("partner set-up", "rubriek onder het nieuws"),
    "collection": pgettext_lazy("partner set-up", "collectie voor afbeeldingen en documenten"),
    "group": pgettext_lazy("partner set-up", "groep met rechten"),
    "workflow": pgettext_lazy("partner set-up", "workflow Partnerbijdrage beoordelen"),
}


class PartnerForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Naam van de organisatie"),
        max_length=150,
        help_text=gettext_lazy("Bestaat de organisatie al, dan wordt die gebruikt."),
    )


@permission_required("partners.add_partner")
def partner_index(request):
    form = PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            setup = set_up_partner_with_report(form.cleaned_data["name"])
        except PartnerSetupError:
            form.add_error("name", _("Er is nog geen nieuwsoverzicht in het Nederlands; maak dat eerst aan."))
        else:
            created = ", ".join(str(STEP_LABELS[step]) for step in setup.created)
            found = ", ".join(str(STEP_LABELS[step]) for step in setup.found)
            name = setup.partner.organisation.name
            if created:
                message = _("Partner %(name)s ingesteld. Nieuw: %(created)s.") % {
                    "name": name,
                    "created": created,
                }
                if found:
                    message += " " + _("Was er al: %(found)s.") % {"found": found}
            else:
                message = _("Partner %(name)s was al helemaal ingesteld; er is niets veranderd.") % {
                    "name": name
                }
            messages.success(request, message)
            return redirect("partners_index")
    partners = Partner.objects.select_related("organisation", "section", "group", "collection")
    return TemplateResponse(
        request,
        "partners/admin/index.html",
        {"form": form, "partners": partners, "page_title": _("Partners")},
    )
