"""Where a page type may be added, told to the editor who tries the wrong place.

Wagtail's page-create view refuses a type that may not stand below the chosen parent (a meeting
below the home page, a second knowledge-base index) with ``PermissionDenied``, which the admin
shows as "you do not have permission to access this area": an editor who has every permission
reads that they have none. ``PageTypePlacementMiddleware`` answers those requests first, before
the view: it sends the editor back to the parent in the explorer with a message that says why
the type cannot go there, and where it can, with a button per place. Only the refusal for the
place is handled this way; an editor who may not add pages below the parent at all still gets
Wagtail's own answer, which is then true.
"""

from django.contrib.contenttypes.models import ContentType
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.models import Page
from wagtail.users.models import UserProfile

ADD_PAGE_VIEW = "wagtailadmin_pages:add"
MAX_PLACES = 3


def _places(user, page_class, parent):
    """Up to ``MAX_PLACES`` pages in the parent's language where this user can add this type."""
    parent_models = page_class.allowed_parent_page_models()
    candidates = Page.objects.type(*parent_models).filter(locale_id=parent.locale_id).order_by("path")
    places = []
    for candidate in candidates.specific()[:20]:
        if page_class.can_create_at(candidate) and candidate.permissions_for_user(user).can_add_subpage():
            places.append(candidate)
            if len(places) == MAX_PLACES:
                break
    return places


def refusal(user, page_class, parent):
    """``(message, places)`` when ``page_class`` cannot be added below ``parent``, else ``None``.

    ``None`` also when the reason is not the place (a type nobody may create).
    """
    if not page_class.is_creatable or page_class.can_create_at(parent):
        return None
    names = {"type": page_class.get_verbose_name(), "parent": parent.get_admin_display_title()}
    if not page_class.can_exist_under(parent):
        message = _("Een pagina van het type ‘%(type)s’ kan niet onder ‘%(parent)s’ staan.") % names
        places = _places(user, page_class, parent)
        if places:
            where = ", ".join(f"‘{place.get_admin_display_title()}’" for place in places)
            message += " " + _("Dit type hoort onder: %(places)s.") % {"places": where}
        else:
            parent_models = page_class.allowed_parent_page_models()
            types = ", ".join(f"‘{model.get_verbose_name()}’" for model in parent_models)
            message += " " + _("Dit type hoort onder een pagina van het type %(types)s.") % {"types": types}
        return message, places
    count = page_class.max_count_per_parent
    if count is not None and parent.get_children().type(page_class).count() >= count:
        message = ngettext(
            "Onder ‘%(parent)s’ kan maar één pagina van het type ‘%(type)s’ staan, en die is er al.",
            "Onder ‘%(parent)s’ kunnen maar %(count)d pagina's van het type ‘%(type)s’ staan, "
            "en die zijn er al.",
            count,
        ) % {**names, "count": count}
        return message, []
    count = page_class.max_count
    message = ngettext(
        "Er kan maar één pagina van het type ‘%(type)s’ zijn, en die is er al.",
        "Er kunnen maar %(count)d pagina's van het type ‘%(type)s’ zijn, en die zijn er al.",
        count or 0,
    ) % {**names, "count": count or 0}
    return message, []


class PageTypePlacementMiddleware:
    """Answers "add this type below that page" requests that Wagtail would refuse as no access."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name != ADD_PAGE_VIEW:
            return None
        user = request.user
        if not user.is_authenticated or not user.has_perm("wagtailadmin.access_admin"):
            return None
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return None
        try:
            content_type = ContentType.objects.get_by_natural_key(
                view_kwargs["content_type_app_name"], view_kwargs["content_type_model_name"]
            )
            parent = Page.objects.get(pk=view_kwargs["parent_page_id"]).specific
        except (KeyError, ContentType.DoesNotExist, Page.DoesNotExist):
            return None  # the view answers 404
        page_class = content_type.model_class()
        if page_class is None or not issubclass(page_class, Page):
            return None
        if not parent.permissions_for_user(user).can_add_subpage():
            return None  # no access is the true answer
        # In the editor's admin language, as the admin's own messages are.
        with translation.override(UserProfile.get_for_user(user).get_preferred_language()):
            found = refusal(user, page_class, parent)
            if found is None:
                return None
            message, places = found
            buttons = [
                messages.button(
                    reverse(ADD_PAGE_VIEW, args=[content_type.app_label, content_type.model, place.pk]),
                    _("Toevoegen onder ‘%(parent)s’") % {"parent": place.get_admin_display_title()},
                )
                for place in places
            ]
            messages.error(request, message, buttons=buttons)
        return redirect("wagtailadmin_explore", parent.pk)
