"""Background sending through Django's Tasks API: a send runs in ``db_worker``, not in a request.

``send_issue_task`` sends batches until the send is done, paused or cancelled. When rows wait for a
retry (or for a dead worker's claim to expire) and the backend can defer, it queues itself again
for that moment; without defer (the Immediate backend of dev and tests) a later ``send_issue`` or
"Hervatten" picks them up. All state is in the rows, so a task that runs twice or dies halfway
does no harm: the next run continues from the database.
"""

from django.utils import timezone
from django_tasks import task

from .delivery import run_send
from .models import IssueSend


def can_defer():
    return send_issue_task.get_backend().supports_defer


@task()
def send_issue_task(send_id):
    send = IssueSend.objects.filter(pk=send_id).select_related("issue").first()
    if send is None:
        return "gone"
    if send.status == IssueSend.Status.SCHEDULED and send.send_after and send.send_after > timezone.now():
        # Queued early (or moved later): wait for the moment instead of sending now.
        enqueue_send(send)
        return send.status
    outcome = run_send(send)
    if outcome.status == IssueSend.Status.SENDING and outcome.wake_at and can_defer():
        send_issue_task.using(run_after=max(outcome.wake_at, timezone.now())).enqueue(send_id)
    return outcome.status


def enqueue_send(send):
    """Queue the send, for its ``send_after`` when that is later and the backend can wait.

    Returns ``False`` when a later moment was asked for and the backend cannot defer (nothing is
    queued then: run ``manage.py send_issue`` at that time, or use a worker backend).
    """
    later = send.send_after and send.send_after > timezone.now()
    if later:
        if not can_defer():
            return False
        send_issue_task.using(run_after=send.send_after).enqueue(send.pk)
    else:
        send_issue_task.enqueue(send.pk)
    return True
