"""Registration e-mails go out through the Tasks API, never inside the visitor's request.

In production ``db_worker`` sends them, so a slow or dead SMTP server never holds up the page. A
failed send is written on the registration (``mail_error``, shown in the admin) and, when the
backend can wait, tried again later; the next successful send clears it.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .messages import build
from .models import Registration

RETRY_DELAYS = (60, 300, 1800)  # seconds before the second, third and fourth try


@task()
def send_registration_mail(registration_id, kind, attempt=0):
    registration = Registration.objects.select_related("meeting").filter(pk=registration_id).first()
    if registration is None:
        return "gone"
    try:
        build(registration, kind).send()
    except OSError as error:  # smtplib's errors are OSErrors: refused, dropped, timed out
        Registration.objects.filter(pk=registration_id).update(mail_error=f"{kind}: {error}"[:300])
        backend = send_registration_mail.get_backend()
        if attempt < len(RETRY_DELAYS) and backend.supports_defer:
            run_after = timezone.now() + timedelta(seconds=RETRY_DELAYS[attempt])
            send_registration_mail.using(run_after=run_after).enqueue(registration_id, kind, attempt + 1)
        return "failed"
    Registration.objects.filter(pk=registration_id).update(mail_sent_at=timezone.now(), mail_error="")
    return "sent"


def mail_each_once(registrations, sent_field, kind, progress=None):
    """Queue the ``kind`` mail for each of ``registrations`` whose ``sent_field`` is still empty.

    Each row is claimed by an UPDATE that fills ``sent_field``: two runs at once (a cron job and an
    editor's button, two editors) mail nobody twice. Returns how many were queued.
    """
    queued = 0
    for registration_id in registrations.values_list("pk", flat=True):
        with transaction.atomic():
            claimed = Registration.objects.filter(pk=registration_id, **{sent_field: None}).update(
                **{sent_field: timezone.now()}
            )
            if claimed:
                transaction.on_commit(lambda pk=registration_id: send_registration_mail.enqueue(pk, kind))
        queued += claimed
        if progress:
            progress(queued)
    return queued
