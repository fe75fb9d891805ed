from django.contrib.auth import forms as auth_forms
from django.db import transaction
from django.template import loader
from django.utils.translation import gettext_noop

from penata.core.tasks import email_send

# Django's own Indonesian catalogue renders this sign-in error as "nama pengguna nama
# pengguna". Marking the same msgid here puts it in Penata's catalogue, which takes
# precedence over Django's for every form that uses it.
DJANGO_MESSAGES_TRANSLATED_HERE = (
    gettext_noop(
        "Please enter a correct %(username)s and password. Note that both fields may be case-sensitive."
    ),
)


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, with the email sent by a background task after commit.

    The message is rendered here, in the request's language, so the task carries only
    strings. ``robust=True`` keeps Django's rule that a delivery problem is logged and
    never shown, so the page does not reveal which addresses have an account.
    """

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = loader.render_to_string(subject_template_name, context)
        # An email subject must not contain newlines.
        subject = "".join(subject.splitlines())
        body = loader.render_to_string(email_template_name, context)
        html_body = (
            loader.render_to_string(html_email_template_name, context)
            if html_email_template_name is not None
            else None
        )
        transaction.on_commit(
            lambda: email_send.delay(
                to=[to_email], subject=subject, body=body, html_body=html_body, from_email=from_email
            ),
            robust=True,
        )
