"""Files with a report or an answer: checked by their content, never by their name.

An upload is accepted when its bytes are a JPEG, PNG or WebP image that Pillow can fully
decode, or a PDF (header and end-of-file marker); anything else, an executable renamed
``foto.jpg`` included, is refused. At most ``ATTACHMENT_MAX_FILES`` files of at most
``ATTACHMENT_MAX_BYTES`` each per report and kind. Checks run before anything is
written, so a bad file in a batch leaves no file and no row behind.
"""

import hashlib
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from penata.core.events import event_record
from penata.core.uploads import CheckedFile, upload_check

from ..models import ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_FILES, Complaint, ComplaintAttachment


def attachments_check(files: Sequence, *, field: str = "attachments", already: int = 0) -> list[CheckedFile]:
    """Read and check uploaded files (Django ``UploadedFile`` or anything with ``name``,
    ``size`` and ``read``). Raises one ``ValidationError`` on ``field`` naming every bad file."""
    if already + len(files) > ATTACHMENT_MAX_FILES:
        raise ValidationError(
            {field: _("At most %(max)s files can be attached.") % {"max": ATTACHMENT_MAX_FILES}}
        )
    problems: list[str] = []
    checked: list[CheckedFile] = []
    for upload in files:
        try:
            checked.append(upload_check(upload, field=field, max_bytes=ATTACHMENT_MAX_BYTES))
        except ValidationError as error:
            problems.extend(error.message_dict[field])
    if problems:
        raise ValidationError({field: problems})
    return checked


def attachments_store(
    *,
    complaint: Complaint,
    files: Sequence[CheckedFile],
    kind: str,
    actor=None,
    written: list | None = None,
) -> list[ComplaintAttachment]:
    """Save checked files with the report, in the caller's transaction; one event lists
    them. ``written`` (from ``stored_files_removed_on_error``) collects what was written."""
    uploader = actor if actor is not None and actor.is_authenticated else None
    stored: list[ComplaintAttachment] = []
    for checked in files:
        attachment = ComplaintAttachment(
            complaint=complaint,
            kind=kind,
            original_name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=hashlib.sha256(checked.content).hexdigest(),
            uploaded_by=uploader,
        )
        attachment.file.save(checked.name, ContentFile(checked.content), save=False)
        if written is not None:
            written.append((attachment.file.storage, attachment.file.name))
        attachment.save()
        stored.append(attachment)
    if stored:
        event_record(
            subject=complaint,
            action="complaint.attachments_added",
            actor=uploader,
            to_state={"kind": kind, "files": [a.original_name for a in stored]},
        )
    return stored
