"""No module of the project uses a private name of the libraries it is built on.

A name that starts with an underscore is a library's own business: it may change or vanish in any
release, without a deprecation and without a line in the changelog, and the code that used it
then breaks, or, worse, silently writes something the library no longer expects (a hand-written
tree path, a page row without a column a new Wagtail added). So the project uses public APIs
only; where no public way exists, the workaround is listed in ``ALLOWED`` below, with its reason
and a line in ``docs/pitfalls.md``, and this test says when it is no longer used.

The check reads every Python module of the project with ``ast`` (not ``tests/``: a test may look
inside a library on purpose, as the sanitiser's corpus does with bleach's parser) and flags:

- ``from wagtail.x import _y`` and ``import bleach._vendor...``: a private name or module;
- ``Page._get_path(...)``, ``queryset._insert(...)``, ``getattr(page, "_cached_parent_obj")``: an
  attribute starting with ``_`` that one of the libraries defines, on anything but ``self``,
  ``cls``, ``super()`` or a module of the project itself;
- a method of a project class named like a library's private method (an override of it).
"""

import ast
import re
from functools import cache
from pathlib import Path

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = object()  # a base class imported from one of the libraries
LIBRARIES = ("wagtail", "treebeard", "modelcluster", "modelsearch", "django_tasks", "django", "bleach")
SITE_PACKAGES = Path(__import__("django").__file__).resolve().parents[1]
# Underscore names that are public all the same: Django documents the model's Options API, its
# managers and its state ("Model _meta API", "Managers", "Model instance reference"), Python the
# methods of a named tuple.
DOCUMENTED = {"_meta", "_default_manager", "_base_manager", "_state", "_replace", "_asdict", "_fields"}
# Workarounds with no public way: (module, private name) -> why. Each has a line in docs/pitfalls.md.
ALLOWED = {
    # One HTML parser for both passes of the sanitiser: bleach's vendored html5lib, with a corpus
    # test that fails when a bleach upgrade changes it.
    ("core/sanitising.py", "bleach._vendor"): "html5lib as bleach parses it",
    # modelsearch's title norm depends on the moment a page was indexed; no setting or hook
    # changes it, so the site's backends override the method that computes it.
    ("search/backends/__init__.py", "_refresh_title_norms"): "stable title norms for ranking",
    # Wagtail's memo of a request's site and of the sites' root paths, preset from the cache
    # instead of a query and a Redis read on every request; tests/core/test_sites.py checks that
    # Wagtail still reads them.
    ("core/sites.py", "_wagtail_site"): "the request's site without a query",
    ("core/sites.py", "_wagtail_cached_site_root_paths"): "the site root paths without a cache read",
}
# A private name as a library defines it: def/class, an assignment to it or to an attribute.
DEFINITION = re.compile(
    r"^\s*(?:async\s+)?(?:def|class)\s+(_\w+)|^\s*(_\w+)\s*(?::[^=\n]*)?=[^=]|\.(_\w+)\s*(?::[^=\n]*)?=[^=]",
    re.MULTILINE,
)


def is_private(name):
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


METHOD = re.compile(r"^[ \t]+(?:async\s+)?def\s+(_\w+)", re.MULTILINE)


@cache
def library_private_methods():
    """The private methods the libraries' classes define (an indented ``def _name``)."""
    return frozenset(
        name
        for library in LIBRARIES
        for path in (SITE_PACKAGES / library).rglob("*.py")
        if not {"tests", "migrations"} & set(path.parts)
        for name in METHOD.findall(path.read_text(encoding="utf-8", errors="replace"))
        if is_private(name)
    )


@cache
def library_private_names():
    """Every private name the libraries define (their tests and migrations left out), and their
    private modules and packages (``bleach._vendor``)."""
    names = set()
    for library in LIBRARIES:
        for path in (SITE_PACKAGES / library).rglob("*.py"):
            parts = path.relative_to(SITE_PACKAGES).with_suffix("").parts
            if "tests" in parts or "migrations" in parts:
                continue
            names.update(part for part in parts if is_private(part))
            for match in DEFINITION.finditer(path.read_text(encoding="utf-8", errors="replace")):
                name = next(group for group in match.groups() if group)
                if is_private(name):
                    names.add(name)
    return frozenset(names - DOCUMENTED)


def project_packages():
    return {path.parent.name for path in ROOT.glob("*/__init__.py")} - {"tests"}


def project_modules():
    for package in sorted(project_packages()):
        yield from sorted((ROOT / package).rglob("*.py"))
    yield from sorted(ROOT.glob("*.py"))


def is_library(module):
    return module.split(".")[0] in LIBRARIES


def findings(source, private_names, own_packages):
    """``[(line, private name)]`` for the uses of a library's private names in ``source``."""
    tree = ast.parse(source)
    own = set()  # names bound to the project's own modules: their privates are the project's
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level or module.split(".")[0] in own_packages:
                own.update(alias.asname or alias.name for alias in node.names)
            elif is_library(module):
                found += _private_module(node.lineno, module)
                found += [(node.lineno, f"{module}.{a.name}") for a in node.names if is_private(a.name)]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in own_packages:
                    own.add((alias.asname or alias.name).split(".")[0])
                elif is_library(alias.name):
                    found += _private_module(node.lineno, alias.name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in private_names:
            if not _owned(node.value, own):
                found.append((node.lineno, node.attr))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "setattr", "hasattr", "delattr")
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value in private_names
            and not _owned(node.args[0], own)
        ):
            found.append((node.lineno, node.args[1].value))
    return sorted(set(found))


def classes(source, own_packages):
    """``{name: (bases, {private method: line})}`` of the classes ``source`` defines; a base is
    ``LIBRARY`` when it was imported from a library, else its name (a class of the project)."""
    tree = ast.parse(source)
    from_library = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and not node.level and is_library(node.module or ""):
            from_library.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            from_library.update(
                (alias.asname or alias.name).split(".")[0] for alias in node.names if is_library(alias.name)
            )
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            bases = []
            for base in node.bases:
                root = base
                while isinstance(root, ast.Attribute):
                    root = root.value
                name = root.id if isinstance(root, ast.Name) else ""
                bases.append(LIBRARY if name in from_library else ast.unparse(base).split(".")[-1])
            methods = {
                item.name: item.lineno
                for item in node.body
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and is_private(item.name)
            }
            found[node.name] = (bases, methods)
    return found


def overrides(project_classes, private_methods):
    """``[(module, line, method)]``: private methods of a library that project classes replace.

    A class counts when a library class is among its ancestors, or when it is mixed into such a
    class (``class Index(StableTitleNorms, PostgresIndex)``): its methods then come first.
    """
    bases = {name: base_names for _module, name, base_names, _methods in project_classes}
    derived = set()
    changed = True
    while changed:
        changed = False
        for name, base_names in bases.items():
            if name not in derived and any(base == LIBRARY or base in derived for base in base_names):
                derived.add(name)
                changed = True
    mixed_in = {base for name in derived for base in bases[name] if base in bases}
    return [
        (module, line, method)
        for module, name, _bases, methods in project_classes
        if name in derived | mixed_in
        for method, line in methods.items()
        if method in private_methods
    ]


def _private_module(line, module):
    """``[(line, "bleach._vendor")]`` when the dotted ``module`` passes through a private one."""
    parts = module.split(".")
    for number, part in enumerate(parts, start=1):
        if is_private(part):
            return [(line, ".".join(parts[:number]))]
    return []


def _owned(value, own):
    """True for ``self.x``, ``cls.x``, ``super().x`` and anything reached from a project module."""
    while isinstance(value, (ast.Attribute, ast.Call, ast.Subscript)):
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "super":
            return True
        value = value.func if isinstance(value, ast.Call) else value.value
    return isinstance(value, ast.Name) and (value.id in ("self", "cls") or value.id in own)


def project_findings():
    private_names, own_packages = library_private_names(), project_packages()
    found, project_classes = set(), []
    for path in project_modules():
        module, source = path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")
        found.update((module, line, name) for line, name in findings(source, private_names, own_packages))
        project_classes += [
            (module, name, bases, methods) for name, (bases, methods) in classes(source, own_packages).items()
        ]
    found.update(overrides(project_classes, library_private_methods()))
    return found


class PublicApiTests(SimpleTestCase):
    def test_no_project_module_uses_a_private_name_of_a_library(self):
        unexplained = sorted(
            f"{module}:{line}: {name}"
            for module, line, name in project_findings()
            if (module, name) not in ALLOWED
        )

        self.assertEqual(unexplained, [], "private names of libraries (see this test's docstring)")

    def test_every_allowed_workaround_is_still_used_and_documented(self):
        used = {(module, name) for module, _line, name in project_findings()}
        pitfalls = (ROOT / "docs" / "pitfalls.md").read_text(encoding="utf-8")

        for module, name in ALLOWED:
            self.assertIn((module, name), used, f"{name} is no longer used in {module}: drop it from ALLOWED")
            self.assertTrue(name in pitfalls, f"docs/pitfalls.md says nothing about {name}")

    def test_the_check_finds_private_names_in_every_form(self):
        source = """
from django.db import connection
from wagtail.models import Page
from wagtail.models.pages import _copy
from bleach._vendor import html5lib
import bleach._vendor.html5lib
from knowledge import importing

def create(parent, pages, model, page):
    first = Page._str2int(parent.path[-Page.steplen:]) + 1
    path = Page._get_path(parent.path, parent.depth + 1, first)
    model._base_manager._insert(pages, fields=model._meta.local_concrete_fields)
    page._cached_parent_obj = parent
    getattr(page, "_cluster_related_objects", None)
    return model._meta.label, page._state.adding, importing._unreadable

class Norms:
    def _refresh_title_norms(self):
        return self._own_helper()

class Index(Norms, Page):
    pass

class Import:
    def _update(self):
        return None
"""
        found = [name for _line, name in findings(source, library_private_names(), {"knowledge"})]
        project_classes = [("m.py", name, *found) for name, found in classes(source, {"knowledge"}).items()]
        found += [name for _module, _line, name in overrides(project_classes, library_private_methods())]

        self.assertEqual(
            found,
            [
                "wagtail.models.pages._copy",
                "bleach._vendor",
                "bleach._vendor",
                "_str2int",
                "_get_path",
                "_insert",
                "_cached_parent_obj",
                "_cluster_related_objects",
                "_refresh_title_norms",
            ],
        )
