"""Background jobs shared by every app."""

import logging
import smtplib

from celery import shared_task
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives

logger = logging.getLogger(__name__)

# A message id is remembered this long so that a redelivered task (acks_late: the worker
# died after the SMTP server took the message, before the broker got the ack) does not
# send the same email twice. Works across workers when CACHE_URL is a shared cache.
SENT_MARK_SECONDS = 24 * 60 * 60


@shared_task(
    bind=True,
    name="penata.core.tasks.email_send",
    # A mail server that is down or slow is worth retrying; a refused address is not.
    autoretry_for=(smtplib.SMTPException, OSError),
    dont_autoretry_for=(smtplib.SMTPRecipientsRefused,),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    retry_jitter=True,
    max_retries=8,
    soft_time_limit=60,
    time_limit=90,
)
def email_send(
    self,
    *,
    to: list[str],
    subject: str,
    body: str,
    html_body: str | None = None,
    from_email: str | None = None,
) -> int:
    """Send one email (plain text, optionally with an HTML alternative); returns the count sent.

    ``from_email`` defaults to ``DEFAULT_FROM_EMAIL``.
    """
    recipients = [address for address in to if address]
    if not recipients:
        return 0
    mark = f"penata:email_send:{self.request.id}" if self.request.id else None
    if mark and cache.get(mark):
        logger.info("Email %s was already sent; skipping the redelivery.", self.request.id)
        return 0
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=from_email, to=recipients)
    if html_body is not None:
        message.attach_alternative(html_body, "text/html")
    sent = message.send()
    if mark:
        cache.set(mark, True, SENT_MARK_SECONDS)
    return sent
