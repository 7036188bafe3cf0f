"""Roles stay in their lane: nobody grants more than they hold.

Wagtail lets anyone who may change users tick *Administrator* and any group: "may manage users"
would be superuser in all but name. Here a non-superuser may only

- grant a group whose every right they hold themselves: its model permissions, and each page and
  collection permission on the same page or collection or one above it;
- edit, deactivate or delete an account that holds no more than they could grant (so nobody takes
  over a superuser or a colleague above them by changing their password).

Only a superuser makes a superuser.
"""

from django.contrib.auth.models import Group
from wagtail.models import GroupCollectionPermission, GroupPagePermission


def _model_permissions(groups):
    return set(
        groups.values_list("permissions__content_type__app_label", "permissions__codename").exclude(
            permissions=None
        )
    )


def _held(permission_model, target_field, groups):
    """``{(permission id, target path)}`` that ``groups`` hold on pages or collections."""
    rows = permission_model.objects.filter(group__in=groups).values_list(
        "permission_id", f"{target_field}__path"
    )
    return set(rows)


def _covers(held, permission_id, path):
    """True when ``held`` has ``permission_id`` on ``path`` or a node above it (a path prefix)."""
    return any(pid == permission_id and path.startswith(held_path) for pid, held_path in held)


def grantable_groups(user):
    """The groups ``user`` may put someone in."""
    if user.is_superuser:
        return Group.objects.all()
    own = user.groups.all()
    own_models = _model_permissions(own)
    own_pages = _held(GroupPagePermission, "page", own)
    own_collections = _held(GroupCollectionPermission, "collection", own)
    allowed = []
    for group in Group.objects.prefetch_related("permissions__content_type"):
        single = Group.objects.filter(pk=group.pk)
        if not _model_permissions(single) <= own_models:
            continue
        pages = _held(GroupPagePermission, "page", single)
        collections = _held(GroupCollectionPermission, "collection", single)
        if all(_covers(own_pages, *row) for row in pages) and all(
            _covers(own_collections, *row) for row in collections
        ):
            allowed.append(group.pk)
    return Group.objects.filter(pk__in=allowed)


def can_manage(user, account):
    """May ``user`` change, deactivate or delete ``account``?"""
    if user.is_superuser:
        return True
    if account.is_superuser:
        return False
    if account.pk == user.pk:
        return True
    grantable = set(grantable_groups(user).values_list("pk", flat=True))
    return set(account.groups.values_list("pk", flat=True)) <= grantable
