"""Writing a page the way an editor's actions do, through Wagtail's and treebeard's public API.

``create_page`` is ``parent.add_child(instance=page)`` (treebeard: the tree path, the parent's
child count, under a lock on the parent), ``page.save_revision()`` and, when publishing,
``revision.publish()``; ``update_page`` is the last two. So an imported page has what a page an
editor made has: its revisions, its history (created, published), its URL, the signals every
receiver listens to (the content version, a front-end cache), and a tree that
``Page.find_problems()`` finds nothing wrong with. A Wagtail upgrade that adds a column or changes
what publishing does changes it for imported pages too; nothing here writes Wagtail's tables
itself.

What happens to the new revision is the caller's ``Publication``:

- ``PUBLISH``: it goes live at once (``import_knowledge``, ``seed_demo``);
- ``DRAFT``: it waits; a live page stays as it is (``import_knowledge --draft``);
- ``REVIEW``: it waits, and the page enters its workflow for a reviewer (a partner's feed);
  without a workflow on the page it simply waits as a draft.
"""

import enum

from wagtail.models import WorkflowState


class Publication(enum.Enum):
    PUBLISH = "publish"
    DRAFT = "draft"
    REVIEW = "review"


def create_page(parent, page, publication, user=None):
    """Add the unsaved ``page`` as the last child of ``parent``; its first revision.

    The page is first saved as a draft, as the editor's first save is: ``add_child`` logs it as
    created, and publishing (when asked) makes it live from its revision.
    """
    page.live = False
    page.has_unpublished_changes = True
    parent.add_child(instance=page)
    # Publishing validates the whole page (``full_clean``) before it saves it: validating the
    # revision too would ask the database the same questions twice.
    revision = page.save_revision(user=user, clean=publication is not Publication.PUBLISH)
    _after_revision(page, revision, publication, user)
    return revision


def update_page(page, publication, user=None):
    """Save the changed ``page`` (the specific page, fields set) as a new revision; the revision."""
    revision = page.save_revision(user=user, log_action=True, clean=publication is not Publication.PUBLISH)
    _after_revision(page, revision, publication, user)
    return revision


def _after_revision(page, revision, publication, user):
    if publication is Publication.PUBLISH:
        revision.publish(user=user, skip_permission_checks=True)
    elif publication is Publication.REVIEW:
        submit_for_review(page, user)


def submit_for_review(page, user=None):
    """Put ``page`` before the reviewers of its workflow, unless it is there already.

    A page whose reviewer asked for changes goes back to them (the workflow resumes); a page in
    review stays where it is; any other page starts its workflow. ``user=None`` starts it in the
    system's name: Wagtail's log says so, and the reviewers are notified all the same.
    """
    workflow = page.get_workflow()
    if workflow is None:
        return
    state = (
        WorkflowState.objects.for_instance(page)
        .filter(status__in=(WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES))
        .first()
    )
    if state is None:
        workflow.start(page, user)
    elif state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
