"""What a partner's account is kept out of beyond Wagtail's own permissions.

Wagtail's permissions decide what an account may *change*; several admin screens still *show*
pages the account may not change, drafts of other partners and the editors' private pages
included. A partner (an account whose every group is a partner's group, see ``set_up_partner``)
works in its own section only, so here it gets less than Wagtail gives:

- **Reports**: none. Wagtail shows them to anyone with a page permission, and its site history
  lists every page's log entries. A partner follows its own pages through the page's status and
  history instead.
- **The page chooser** (``choose-page/``, its search, "add link" in rich text) lists only the
  pages a partner may pick: what any visitor can see (``core.visibility.visible``) but for pages
  below an unpublished one, and its own section with everything below it (``choosable_pages``,
  through Wagtail's ``construct_page_chooser_queryset`` hook in ``wagtail_hooks.py``). The hook
  filters the rows of a listing only; ``PartnerAdminMiddleware`` below refuses the chooser's
  other ways to name a page: a page to browse into, a list of chosen ids, and the page it opens
  at for a page type.
- **Bulk actions** (``bulk/<app>/<model>/<action>/?id=...``): Wagtail's confirmation page names
  every object it is given, also the ones the account may not touch ("you don't have permission
  to ..."). A partner's request that names anything it may not change is refused before the
  view runs.
- **Admin views with a page in their path** (``pages/<page_id>/...``): Wagtail checks what the
  account may do with the page, but not always before it shows it: the move confirmation
  (``pages/<id>/move/<destination>/confirm/``) names both pages to anyone. A partner's request
  that names a page it may not pick in the chooser is refused.
- **The admin API's images and documents** (``api/main/images/``, ``api/main/documents/``)
  list every image and document, whatever the account may choose. Wagtail's own screens don't
  use them; a partner gets neither.

``tests/partners/test_admin_walk.py`` requests every admin URL as a partner, with the ids of
what it must not see, and fails on any answer that names it.

Editors (Redacteuren, Hoofdredactie) and superusers are never narrowed here.
"""

from functools import cache

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.coreutils import resolve_model_string
from wagtail.models import Page
from wagtail.permissions import page_permission_policy, policy_registry

from core.visibility import visible

REPORT_NAMESPACES = {"wagtailadmin_reports"}
REPORT_VIEWS = {("wagtail_localize", "translations_report")}
BULK_ACTION_VIEW = "wagtail_bulk_action"
CHOOSER_ROOT_VIEW = "wagtailadmin_choose_page"
CHOOSER_CHILD_VIEW = "wagtailadmin_choose_page_child"
CHOOSER_CHOSEN_VIEW = "wagtailadmin_choose_page_chosen_multiple"
GUARDED_VIEWS = {BULK_ACTION_VIEW, CHOOSER_ROOT_VIEW, CHOOSER_CHOSEN_VIEW}
# Names Wagtail (and this site's apps) give a page id in an admin path.
PAGE_KWARGS = {"page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk"}
PAGES_NAMESPACE = "wagtailadmin_pages"
# The admin API's images and documents endpoints list every image and document, whatever the
# account may choose; Wagtail's own screens don't use them.
ADMIN_API_NAMESPACE = "wagtailadmin_api"
MEDIA_API_NAMESPACES = {"images", "documents"}


def is_partner_account(user):
    """True for a signed-in account whose groups are all partners' groups (not an editor's)."""
    if not user.is_authenticated or user.is_superuser:
        return False
    cached = getattr(user, "_partner_account", None)
    if cached is None:
        from .models import Partner  # noqa: PLC0415 - imported by the middleware at start-up

        group_ids = set(user.groups.values_list("pk", flat=True))
        partner_group_ids = set(
            Partner.objects.filter(group__in=group_ids).values_list("group_id", flat=True)
        )
        cached = bool(group_ids) and group_ids == partner_group_ids
        user._partner_account = cached
    return cached


def own_sections_q(user):
    """Matches the sections of the partners ``user`` works for, and every page below them."""
    from .models import Partner  # noqa: PLC0415 - imported by the middleware at start-up

    paths = Partner.objects.filter(group__user=user, section__isnull=False).values_list(
        "section__path", flat=True
    )
    q = Q()
    for path in paths:
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


def below_unpublished_q():
    """Matches the pages below an unpublished page.

    A live page there is public (Wagtail serves it), but the chooser's search shows each result's
    parent, by its title in the admin: the unpublished page's latest draft title.
    """
    q = Q()
    for path, depth in Page.objects.filter(live=False, numchild__gt=0).values_list("path", "depth"):
        q |= Q(path__startswith=path, depth__gt=depth)
    return q


def choosable_pages(pages, user):
    """``pages`` narrowed to what a partner may pick: public pages, and its own section's pages.

    Public: what any visitor can see (``core.visibility.visible``) and not below an unpublished
    page. Built from lookups every search backend can filter on (``live``, ``path``, ``depth``,
    ``id``), because the chooser's search runs this queryset through the search index.
    """
    public = visible(pages)
    if below_unpublished := below_unpublished_q():
        public = public.exclude(below_unpublished)
    return public | pages.filter(own_sections_q(user))


def is_choosable(user, page_ids):
    """True when every page of ``page_ids`` that exists is one ``user`` may pick."""
    named = Page.objects.filter(pk__in=page_ids)
    return named.count() == choosable_pages(named, user).count()


def is_report(resolver_match):
    namespaces = set(resolver_match.namespaces)
    return bool(namespaces & REPORT_NAMESPACES) or any(
        namespace in namespaces and resolver_match.url_name == name for namespace, name in REPORT_VIEWS
    )


def _ids(values, model):
    """The values as ``model``'s primary keys; ``None`` when one is not a key at all."""
    try:
        return [model._meta.pk.to_python(value) for value in values]
    except ValidationError:
        return None


def _bulk_action_ids(request, model, action):
    """The ids a bulk action will look at: those in the address, or every one of "select all"."""
    ids = request.GET.getlist("id")
    if "all" not in ids:
        return ids
    action_class = bulk_action_registry.get_bulk_action_class(
        model._meta.app_label, model._meta.model_name, action
    )
    if action_class is None:
        return []  # Wagtail answers 404
    # The same query the action runs itself, so that the check covers exactly what it lists.
    parent_id = request.GET.get("childOf")
    return list(action_class(request, model).get_all_objects_in_listing_query(parent_id))


def names_only_changeable_objects(request, app_label, model_name, action):
    """True when a bulk action's request names nothing the account may not change.

    Pages: pages it may edit. Images, documents, snippets, users: objects its permission policy
    lets it change or choose (a partner chooses its own collection's images; it sees their titles
    in the chooser anyway).
    """
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return True  # Wagtail answers 404
    try:
        ids = _ids(_bulk_action_ids(request, model, action), model)
    except (ObjectDoesNotExist, ValueError, ValidationError):
        return False  # a "childOf" that names no page
    if ids is None:
        return False
    if not ids:
        return True
    named = model._default_manager.filter(pk__in=ids)
    if issubclass(model, Page):
        allowed = page_permission_policy.instances_user_has_permission_for(request.user, "change")
    else:
        allowed = policy_registry.get_by_type(model).instances_user_has_any_permission_for(
            request.user, ["change", "choose"]
        )
    return named.count() == named.filter(pk__in=allowed.values("pk")).count()


def _chooser_start(request):
    """Where the page chooser opens for a ``page_type``: the deepest page above all such pages.

    Wagtail's own choice (``BrowseView``), which it shows with its title; ``None`` when there is
    no such page or the type is not a page type.
    """
    try:
        models = [resolve_model_string(name) for name in request.GET["page_type"].split(",")]
        if not all(issubclass(model, Page) for model in models):
            return None
        return Page.objects.type(*models).first_common_ancestor()
    except (LookupError, ValueError, ObjectDoesNotExist):
        return None


@cache
def admin_prefix():
    return reverse("wagtailadmin_home")


def _named_pages(request, match):
    """The ids of the pages an admin address names in its path (``pages/<page_id>/...``)."""
    if not request.path.startswith(admin_prefix()):
        return []
    names = set(PAGE_KWARGS)
    if PAGES_NAMESPACE in match.namespaces:
        names.add("pk")  # revisions/compare
    return [value for name, value in match.kwargs.items() if name in names]


def is_media_api(match):
    return ADMIN_API_NAMESPACE in match.namespaces and bool(MEDIA_API_NAMESPACES & set(match.namespaces))


def is_guarded(request, match):
    """True for the admin views this module narrows for partners (cheap: no query)."""
    return (
        match.view_name in GUARDED_VIEWS
        or is_report(match)
        or is_media_api(match)
        or bool(_named_pages(request, match))
    )


def partner_refusal(request, match):
    """The answer to a partner's admin request that would show what isn't theirs, or ``None``."""
    if is_report(match) or is_media_api(match):
        return permission_denied(request)
    # Any admin view with a page in its path: Wagtail checks what the account may do with it,
    # but some views show the page before they check (the move confirmation names both pages).
    named = _ids(_named_pages(request, match), Page)
    if named is None or (named and not is_choosable(request.user, named)):
        return permission_denied(request)
    if match.view_name == BULK_ACTION_VIEW:
        if not names_only_changeable_objects(request, **match.kwargs):
            return permission_denied(request)
    elif match.view_name == CHOOSER_CHOSEN_VIEW:
        ids = _ids(request.GET.getlist("id"), Page)
        if ids is None or not is_choosable(request.user, ids):
            return permission_denied(request)
    elif match.view_name == CHOOSER_ROOT_VIEW and request.GET.get("page_type"):
        # For a page type the chooser opens at the page above all pages of that type, drafts
        # included, and names it. If that page is not one the partner may pick, it opens at the
        # root instead, from where the partner sees only what it may pick.
        start = _chooser_start(request)
        if start is not None and not start.is_root() and not is_choosable(request.user, [start.pk]):
            root = Page.get_first_root_node()
            url = reverse(CHOOSER_CHILD_VIEW, args=[root.pk])
            return redirect(f"{url}?{request.GET.urlencode()}")
    return None


class PartnerAdminMiddleware:
    """Answers a partner's request for what isn't theirs as Wagtail answers a refused admin view.

    Only for the views ``is_guarded`` names; every other request passes untouched and costs no
    query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not is_guarded(request, match) or not is_partner_account(request.user):
            return None
        return partner_refusal(request, match)
