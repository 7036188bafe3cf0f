"""Admin screens for putting a kwartaalupdate together: a choice per section, not a dump.

- "Kwartaalupdate" in the admin menu (``newsletter_issues``): the issues so far, each with its
  state and a link to edit it, and the first step of a new one (quarter and language).
- "Kwartaalupdate samenstellen" (``newsletter_assembly``): for that quarter and language, every
  section with its candidates (``newsletter.assembly.candidates``), each with a checkbox, the
  pre-selection ticked. "Alles kiezen" and "Niets kiezen" per section are submit buttons, so they
  work without JavaScript; the page comes back with the boxes changed and nothing saved.
  "Concept maken" makes the draft issue with what is ticked and opens it in the editor.

Who may assemble: whoever may add a page to the kwartaalupdate archive of that language (both
editors' roles, *Redacteuren* and *Hoofdredactie*). Everyone else gets PermissionDenied, which
Wagtail's admin answers with a redirect to the dashboard. Only a POST with "Concept maken" changes
anything; a bad quarter or a quarter that already has an issue is said in the form.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem

from ..assembly import (
    AssemblyError,
    assemble_issue,
    candidates,
    current_quarter,
    existing_issue,
    normalise_quarter,
)
from ..models import NewsletterIndexPage, NewsletterIssuePage


def assemblable_archives(user):
    """The archives (one per language) ``user`` may add an issue to."""
    archives = NewsletterIndexPage.objects.select_related("locale").order_by("path")
    return [archive for archive in archives if archive.permissions_for_user(user).can_add_subpage()]


def may_assemble(user):
    return bool(assemblable_archives(user))


class QuarterForm(forms.Form):
    """Step one: which quarter, in which language. Refuses a quarter that already has an issue."""

    quarter = forms.CharField(
        label=gettext_lazy("Kwartaal"),
        max_length=7,
        help_text=gettext_lazy("Jaar en kwartaal, bijvoorbeeld 2026-Q4 voor oktober tot en met december."),
    )
    language = forms.ChoiceField(label=gettext_lazy("Taal"))

    def __init__(self, *args, archives, **kwargs):
        super().__init__(*args, **kwargs)
        self.archives = {archive.locale.language_code: archive for archive in archives}
        self.fields["language"].choices = [
            (code, archive.locale.get_display_name()) for code, archive in self.archives.items()
        ]
        if len(self.archives) == 1:
            self.fields["language"].widget = forms.HiddenInput()

    def clean_quarter(self):
        try:
            return normalise_quarter(self.cleaned_data["quarter"])
        except AssemblyError as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self):
        cleaned = super().clean()
        quarter, language = cleaned.get("quarter"), cleaned.get("language")
        if quarter and language:
            cleaned["archive"] = archive = self.archives[language]
            self.existing = existing_issue(quarter, archive.locale)
            if self.existing is not None:
                self.add_error(
                    "quarter",
                    _("Voor %(quarter)s is er al een kwartaalupdate in deze taal: “%(title)s”. Pas die aan.")
                    % {"quarter": quarter, "title": self.existing.title},
                )
        return cleaned


def _archives_or_403(request):
    archives = assemblable_archives(request.user)
    if not archives:
        raise PermissionDenied
    return archives


def _default_language(archives, request):
    codes = [archive.locale.language_code for archive in archives]
    wanted = request.GET.get("language")
    return wanted if wanted in codes else codes[0]


def issues_view(request):
    """The issues so far, newest quarter first, and the form to start a new one."""
    archives = _archives_or_403(request)
    issues = [
        issue
        for issue in NewsletterIssuePage.objects.select_related("locale").order_by("-quarter", "locale__pk")
        if issue.permissions_for_user(request.user).can_edit()
    ]
    form = QuarterForm(
        initial={"quarter": current_quarter(), "language": _default_language(archives, request)},
        archives=archives,
    )
    return TemplateResponse(request, "newsletter/admin/issues.html", {"issues": issues, "form": form})


def _selection(request, sections):
    """``{kind: [page id]}`` as ticked in the POST, only ids the section offered."""
    chosen = {}
    for section in sections:
        offered = set(section.page_ids)
        picked = set()
        for value in request.POST.getlist(f"kies-{section.kind.value}"):
            if value.isdigit() and int(value) in offered:
                picked.add(int(value))
        chosen[section.kind.value] = [pk for pk in section.page_ids if pk in picked]
    return chosen


def _apply_buttons(request, sections, selection):
    """ "Alles kiezen" / "Niets kiezen" for one section: the changed selection."""
    kinds = {section.kind.value: section for section in sections}
    everything, nothing = request.POST.get("alles"), request.POST.get("niets")
    if everything in kinds:
        selection[everything] = kinds[everything].page_ids
    if nothing in kinds:
        selection[nothing] = []
    return selection


def assembly_view(request, archive_id=None):
    """GET ``?quarter=&language=``: the candidates, pre-selection ticked. POST: the buttons."""
    archives = _archives_or_403(request)
    if archive_id is not None:
        # The archive's own button: its language, whatever the query says.
        matching = [archive for archive in archives if archive.pk == archive_id]
        if not matching:
            raise PermissionDenied
        archives = matching
    data = request.POST if request.method == "POST" else request.GET
    if "quarter" not in data:
        form = QuarterForm(
            initial={"quarter": current_quarter(), "language": _default_language(archives, request)},
            archives=archives,
        )
        return TemplateResponse(request, "newsletter/admin/assemble.html", {"form": form, "sections": None})
    values = data.copy()
    values.setdefault("language", archives[0].locale.language_code)
    form = QuarterForm(values, archives=archives)
    if not form.is_valid():
        existing = getattr(form, "existing", None)
        context = {"form": form, "sections": None, "existing": existing}
        return TemplateResponse(request, "newsletter/admin/assemble.html", context, status=400)

    archive = form.cleaned_data["archive"]
    quarter = form.cleaned_data["quarter"]
    sections = candidates(quarter, archive.locale)
    if request.method == "GET":
        selection = {section.kind.value: section.preselected for section in sections}
    else:
        selection = _apply_buttons(request, sections, _selection(request, sections))
        if "maken" in request.POST:
            try:
                issue = assemble_issue(
                    quarter, archive.locale.language_code, user=request.user, selection=selection
                )
            except AssemblyError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Concept “%(title)s” gemaakt. Kijk het na en pas het aan.") % {"title": issue.title},
                )
                return redirect("wagtailadmin_pages:edit", issue.pk)
    rows = [
        {
            "section": section,
            "chosen": set(selection.get(section.kind.value, ())),
            "count": len(selection.get(section.kind.value, ())),
        }
        for section in sections
    ]
    context = {
        "form": form,
        "archive": archive,
        "quarter": quarter,
        "language": archive.locale.language_code,
        "sections": rows,
        "chosen_count": sum(row["count"] for row in rows),
    }
    return TemplateResponse(
        request, "newsletter/admin/assemble.html", context, status=400 if form.errors else 200
    )


class IssuesMenuItem(MenuItem):
    """ "Kwartaalupdate" in the admin menu, for whoever may add an issue to an archive."""

    def is_shown(self, request):
        return may_assemble(request.user)


@hooks.register("register_admin_menu_item")
def register_issues_menu_item():
    return IssuesMenuItem(
        gettext_lazy("Kwartaalupdate"), reverse("newsletter_issues"), icon_name="mail", order=440
    )


@hooks.register("after_publish_page")
def warn_about_problems(request, page):
    """Publishing an issue that can't be sent yet says why, beside Wagtail's "published" message."""
    if not isinstance(page.specific_deferred, NewsletterIssuePage):
        return
    problems = page.specific.problems()
    if problems:
        messages.warning(
            request,
            _("Gepubliceerd, maar nog niet klaar om te versturen: %(problems)s")
            % {"problems": " ".join(problems)},
        )


@hooks.register("insert_global_admin_css")
def issue_checks_css():
    # The checks and buttons at the top of an issue's edit form (``IssueChecksPanel``). Wagtail 8
    # no longer calls ``insert_editor_css``; every rule in the file is scoped to our own classes.
    return format_html('<link rel="stylesheet" href="{}">', static("css/newsletter-admin.css"))


@hooks.register("register_admin_urls")
def register_assembly_urls():
    return [
        path("kwartaalupdate/", issues_view, name="newsletter_issues"),
        path("kwartaalupdate/samenstellen/", assembly_view, name="newsletter_assembly"),
    ]
