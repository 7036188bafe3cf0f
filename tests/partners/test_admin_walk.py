"""Every admin URL, requested by a partner, shows nothing that isn't the partner's or public.

The walk builds a request for every URL pattern below ``/admin/`` from Django's URL resolver. It
fills each parameter with the ids of things partner A must never see (another partner's draft,
image and document; an editor's draft, image and document; a private page; an unpublished page;
a theme in preparation; other accounts; every registered model's objects), with partner A's own
page, image and document beside them, and asks for each as partner A: plain, with ``?q=`` (a
word in every secret title) and with ``?id=`` (every secret id: bulk actions and the page
chooser read ids there). No answer (nor the message it leaves for the next page) may name a
secret, and none may be a server error. A new Wagtail view, app or viewset is walked without
changing this test.
"""

import logging
import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import TestCase, override_settings
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern
from wagtail.admin.viewsets import viewsets
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.coreutils import resolve_model_string
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    Collection,
    Page,
    PageViewRestriction,
    Task,
    TaskState,
    Workflow,
    WorkflowState,
    get_page_models,
)
from wagtail.snippets.models import get_snippet_models

from knowledge.models import NewsPage, ThemePage
from partners.setup import set_up_partner
from tests.factories.home import StandardPageFactory
from tests.factories.knowledge import NewsPageFactory, build_site

from .test_permissions import account

# Every secret's title is "<marker> geheimwoord": a search for the shared word finds them all,
# and the marker, which the search box never echoes, shows whether an answer named one.
SHARED_WORD = "geheimwoord"
MARKERS = {
    "editor_draft": "Zwartkoolvis",
    "private_page": "Grijsmosberg",
    "other_draft": "Paarskraanvogel",
    "other_image": "Oranjeslakhuis",
    "other_document": "Blauwtulpveld",
    "editor_image": "Geelzandduin",
    "editor_document": "Roodkopergras",
    "unpublished_parent": "Mosgroenuil",
    "draft_theme": "Nachtblauwreiger",
}
PAGE_PARAMS = {"page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk"}
APP_PARAMS = {"app_label", "app_name", "content_type_app_name"}
MODEL_PARAMS = {"model_name", "content_type_model_name"}
FIXED_VALUES = {
    "filter_spec": ["original", "max-165x165"],
    "action_name": ["approve", "reject", "copy", "move", "convert_alias", "unpublish"],
    "mode": ["default"],
}
# Wagtail's bulk actions, by their ``action_type``.
BULK_ACTIONS = [
    "delete",
    "publish",
    "unpublish",
    "move",
    "add_tags",
    "add_to_collection",
    "set_active_state",
    "assign_role",
]
# Logging out would end the walk; Wagtail's "failwhale" raises on purpose (to test error mails).
SKIPPED_VIEWS = {"wagtailadmin_logout", "wagtailadmin_error_test"}


@dataclass
class Route:
    """One URL pattern below /admin/: its view name (for reverse) and parameter names."""

    view_name: str | None
    route: str
    params: list = field(default_factory=list)


def admin_routes():
    """Every URL pattern below ``/admin/``, walked recursively through includes."""

    def walk(patterns, prefix, namespaces, params):
        for entry in patterns:
            pattern = entry.pattern
            names = (
                list(pattern.converters)
                if isinstance(pattern, RoutePattern)
                else list(pattern.regex.groupindex)
                if isinstance(pattern, RegexPattern)
                else []
            )
            if isinstance(entry, URLResolver):
                ns = [*namespaces, entry.namespace] if entry.namespace else namespaces
                yield from walk(entry.url_patterns, prefix + str(pattern), ns, params + names)
            elif isinstance(entry, URLPattern):
                view_name = ":".join([*namespaces, entry.name]) if entry.name else None
                yield Route(view_name, prefix + str(pattern), params + names)

    for route in walk(get_resolver().url_patterns, "", [], []):
        if route.route.startswith("admin/"):
            yield route


def model_key(model):
    return (model._meta.app_label, model._meta.model_name)


# Flash messages in the session, so that a message naming a secret is laid at the door of the
# request that made it, not of the page that happens to show it next.
@override_settings(MESSAGE_STORAGE="django.contrib.messages.storage.session.SessionStorage")
class AdminWalkTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site(theme_slugs=("eenzaamheid",))
        movisie = set_up_partner("Movisie")
        platform = set_up_partner("Platform31")
        cls.partner_user = account("movisie", movisie.group)
        other_user = account("platform31", platform.group)
        editor = account("redacteur", Group.objects.get(name="Redacteuren"))
        root_collection = Collection.get_first_root_node()

        def title(key):
            return f"{MARKERS[key]} {SHARED_WORD}"

        def draft(parent, page_title, owner):
            page = parent.add_child(
                instance=NewsPage(
                    title=page_title,
                    slug=page_title.split()[0].lower(),
                    live=False,
                    owner=owner,
                    date="2026-01-05",
                    introduction=f"{page_title}: de introductie.",
                )
            )
            page.save_revision(user=owner)
            return page

        def image(key, collection, user=None):
            return get_image_model().objects.create(
                title=title(key) if key else "Eigen foto",
                file=get_test_image_file(filename=f"{MARKERS.get(key, 'eigen').lower()}.png"),
                collection=collection,
                uploaded_by_user=user,
            )

        def document(key, collection, user=None):
            name = MARKERS.get(key, "eigen").lower()
            return get_document_model().objects.create(
                title=title(key) if key else "Eigen verslag",
                file=ContentFile(b"Verslag.", name=f"{name}.txt"),
                collection=collection,
                uploaded_by_user=user,
            )

        # Partner A's own work, beside the secrets in every URL.
        cls.own_page = draft(movisie.section, "Eigen concept van Movisie", cls.partner_user)
        cls.own_image = image(None, movisie.collection, cls.partner_user)
        cls.own_document = document(None, movisie.collection, cls.partner_user)

        # What partner A must never see.
        editor_draft = draft(cls.site.news_index, title("editor_draft"), editor)
        private_page = StandardPageFactory(
            parent=cls.site.home, title=title("private_page"), slug="grijsmosberg"
        )
        private_page.save_revision(user=editor)
        PageViewRestriction.objects.create(page=private_page, restriction_type="password", password="x")
        other_draft = draft(platform.section, title("other_draft"), other_user)
        other_draft.get_workflow().start(other_draft, other_user)
        # Unpublished, with a live child that anyone can read (the child is not secret).
        unpublished_parent = StandardPageFactory(
            parent=cls.site.home, title=title("unpublished_parent"), slug="mosgroenuil"
        )
        StandardPageFactory(parent=unpublished_parent, title=f"Openbare pagina {SHARED_WORD}", slug="kind")
        unpublished_parent.unpublish()
        # A theme in preparation: the partner's forms offer themes to tick.
        draft_theme = cls.site.theme_index.add_child(
            instance=ThemePage(title=title("draft_theme"), slug="nachtblauwreiger", live=False)
        )
        # A live, public page of the editors' (not secret): its id is a valid choice everywhere.
        public_page = NewsPageFactory(parent=cls.site.news_index, title="Openbaar bericht")
        cls.secret_pages = [editor_draft, private_page, other_draft, unpublished_parent, draft_theme]
        cls.secret_images = [
            image("other_image", platform.collection, other_user),
            image("editor_image", root_collection, editor),
        ]
        cls.secret_documents = [
            document("other_document", platform.collection, other_user),
            document("editor_document", root_collection, editor),
        ]

        pages = [cls.own_page, *cls.secret_pages]
        cls.values = {
            **{name: [page.pk for page in [*pages, public_page]] for name in PAGE_PARAMS},
            "image_id": [cls.own_image.pk, *(image.pk for image in cls.secret_images)],
            "document_id": [cls.own_document.pk, *(doc.pk for doc in cls.secret_documents)],
            "collection_id": [movisie.collection.pk, platform.collection.pk, root_collection.pk],
            "revision_id": [page.latest_revision_id for page in pages],
            "workflow_state_id": list(WorkflowState.objects.values_list("pk", flat=True)),
            "task_state_id": list(TaskState.objects.values_list("pk", flat=True)),
            "task_id": list(Task.objects.values_list("pk", flat=True)),
            "object_id": [page.pk for page in pages],
            **FIXED_VALUES,
        }
        cls.values["doc_id"] = cls.values["document_id"]
        cls.values["revision_id_a"] = ["earliest", *cls.values["revision_id"]]
        cls.values["revision_id_b"] = ["latest", *cls.values["revision_id"]]
        # Any other id: every secret's id, and the first objects of every model the admin manages.
        pool = {value for name, values in cls.values.items() if name not in FIXED_VALUES for value in values}
        pool |= {other_user.pk, editor.pk, Workflow.objects.first().pk}
        for model in cls.admin_models():
            pool |= set(model._default_manager.values_list("pk", flat=True)[:3])
        cls.pool = sorted(value for value in pool if isinstance(value, int))
        cls.secret_ids = sorted(
            {item.pk for item in [*cls.secret_pages, *cls.secret_images, *cls.secret_documents]}
            | {other_user.pk, editor.pk}
        )

    @staticmethod
    def admin_models():
        """The models the admin names in its URLs (app label, model name)."""
        models = [
            Page,
            *get_page_models(),
            *get_snippet_models(),
            *settings_registry,
            get_image_model(),
            get_document_model(),
            get_user_model(),
            Group,
            Collection,
            Workflow,
            Task,
        ]
        for viewset in viewsets.viewsets:
            model = getattr(viewset, "model", None)
            if model:
                models.append(resolve_model_string(model) if isinstance(model, str) else model)
        return list(dict.fromkeys(models))

    def candidates(self, name):
        if name in self.values:
            return [str(value) for value in self.values[name]]
        if name == "action":
            return BULK_ACTIONS
        return [str(value) for value in self.pool]

    def requests(self, route):
        """The paths of ``route`` with its parameters filled, each with the query strings to add.

        One parameter varies at a time; the others keep their first value (partner A's own
        object, so that only one thing in the address is foreign). Every ``?q=`` and ``?id=``
        variant goes with the addresses that name no foreign id in the path.
        """
        groups = []
        names = list(route.params)
        app = next((name for name in names if name in APP_PARAMS), None)
        model = next((name for name in names if name in MODEL_PARAMS), None)
        if app and model:
            keys = [model_key(candidate) for candidate in self.admin_models()]
            groups.append(([{app: app_label, model: model_name} for app_label, model_name in keys], False))
            names = [name for name in names if name not in (app, model)]
        for name in names:
            is_id = name not in FIXED_VALUES and name != "action"
            groups.append(([{name: value} for value in self.candidates(name)], is_id))
        baseline = [choices[0] for choices, _is_id in groups]
        combinations = [(baseline, True)] + [
            ([*baseline[:index], choice, *baseline[index + 1 :]], not is_id)
            for index, (choices, is_id) in enumerate(groups)
            for choice in choices[1:]
        ]
        for combination, with_queries in combinations:
            kwargs = {key: value for part in combination for key, value in part.items()}
            path = self.build(route, kwargs)
            if path is not None:
                yield path, self.queries if with_queries else [""]

    def build(self, route, kwargs):
        if route.view_name is not None:
            try:
                return reverse(route.view_name, kwargs=kwargs)
            except NoReverseMatch:
                return None
        # An unnamed pattern (a project's override of a Wagtail URL): fill its route by hand.
        if "^" in route.route or "(?P" in route.route:
            return None
        path = route.route
        for name, value in kwargs.items():
            path = re.sub(rf"<(\w+:)?{name}>", value, path)
        return "/" + path

    def take_messages(self):
        session = self.client.session
        messages = session.pop("_messages", "")
        session.save()
        return str(messages).lower().encode()

    def body(self, response):
        if getattr(response, "streaming", False):
            return b"".join(response.streaming_content)
        return response.content

    def test_no_admin_url_shows_a_partner_what_isnt_its_own(self):
        self.client.raise_request_exception = False
        # Thousands of refusals and 404s: log only the server errors.
        request_log = logging.getLogger("django.request")
        self.addCleanup(request_log.setLevel, request_log.level)
        request_log.setLevel(logging.ERROR)
        self.client.force_login(self.partner_user)
        id_query = "&".join(f"id={pk}" for pk in self.secret_ids)
        self.queries = ["", f"?q={SHARED_WORD}", f"?{id_query}"]
        walked, skipped, leaks, errors = set(), [], [], []
        requests = 0
        for route in admin_routes():
            if route.view_name in SKIPPED_VIEWS or route.route.endswith("^.*/$"):
                skipped.append(route.route)
                continue
            addresses = [(path + query) for path, queries in self.requests(route) for query in queries]
            if not addresses:
                skipped.append(route.route)
                continue
            walked.add(route.route)
            for address in dict.fromkeys(addresses):
                if "_auth_user_id" not in self.client.session:
                    self.client.force_login(self.partner_user)
                response = self.client.get(address)
                requests += 1
                if response.status_code >= 500:
                    errors.append(f"{address}: {response.exc_info and response.exc_info[1]!r}")
                    continue
                content = self.body(response).lower() + self.take_messages()
                leaks += [
                    f"{address}: {marker}"
                    for marker in MARKERS.values()
                    if marker.lower().encode() in content
                ]

        print(
            f"\nAdmin walk as a partner: {len(walked)} URL patterns, {requests} requests; "
            f"{len(skipped)} patterns skipped: {skipped}"
        )
        self.assertFalse(errors, "Server errors:\n" + "\n".join(errors))
        self.assertFalse(leaks, "Secrets shown to partner A:\n" + "\n".join(leaks))
        self.assertGreater(len(walked), 250)
