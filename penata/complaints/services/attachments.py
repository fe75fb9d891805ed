"""Files with a report or an answer: checked by their content, never by their name.

An upload is accepted when its bytes are a JPEG, PNG or WebP image that Pillow can fully
decode, or a PDF (header and end-of-file marker); anything else, an executable renamed
``foto.jpg`` included, is refused. At most ``ATTACHMENT_MAX_FILES`` files of at most
``ATTACHMENT_MAX_BYTES`` each per report and kind. Checks run before anything is
written, so a bad file in a batch leaves no file and no row behind.
"""

import hashlib
import io
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from penata.core.events import event_record

from ..models import ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_FILES, Complaint, ComplaintAttachment

IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
PDF_TYPE = "application/pdf"
# A decompression bomb is refused rather than decoded: 50 megapixels is far above any
# phone photo.
MAX_IMAGE_PIXELS = 50_000_000


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content: bytes
    content_type: str

    @property
    def size(self) -> int:
        return len(self.content)


def _detect(content: bytes) -> str | None:
    if content.startswith(b"%PDF-"):
        return PDF_TYPE if b"%%EOF" in content[-2048:] else None
    try:
        with Image.open(io.BytesIO(content)) as image:
            image_format = image.format
            if image_format not in IMAGE_TYPES:
                return None
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                return None
            image.load()  # decodes every pixel: a truncated or forged file fails here
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    return IMAGE_TYPES[image_format]


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
        name = (getattr(upload, "name", "") or "file").rsplit("/", 1)[-1][:200]
        size = getattr(upload, "size", None)
        if size is not None and size > ATTACHMENT_MAX_BYTES:
            problems.append(
                _("%(name)s is larger than %(max)s.")
                % {"name": name, "max": filesizeformat(ATTACHMENT_MAX_BYTES)}
            )
            continue
        content = upload.read(ATTACHMENT_MAX_BYTES + 1)
        if len(content) > ATTACHMENT_MAX_BYTES:
            problems.append(
                _("%(name)s is larger than %(max)s.")
                % {"name": name, "max": filesizeformat(ATTACHMENT_MAX_BYTES)}
            )
            continue
        if not content:
            problems.append(_("%(name)s is empty.") % {"name": name})
            continue
        content_type = _detect(content)
        if content_type is None:
            problems.append(
                _("%(name)s is not a photo (JPEG, PNG, WebP) or a PDF document.") % {"name": name}
            )
            continue
        checked.append(CheckedFile(name=name, content=content, content_type=content_type))
    if problems:
        raise ValidationError({field: problems})
    return checked


@contextmanager
def stored_files_removed_on_error():
    """Wrap the transaction that stores attachments: when it fails, the files already
    written to storage are deleted again, so a refused request leaves nothing behind.

    Yields the list that ``attachments_store`` appends ``(storage, name)`` pairs to."""
    written: list[tuple] = []
    try:
        yield written
    except BaseException:
        for storage, name in written:
            storage.delete(name)
        raise


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
