"""Uploaded documents checked by their content, never by their name or declared type.

A file is accepted when its bytes are a PDF (header and end-of-file marker) or a JPEG,
PNG or WebP image that Pillow decodes completely; an executable renamed ``bukti.pdf``, a
text file or a truncated photo is refused. Apps check a file with ``upload_check`` before
anything is written, and wrap the transaction that stores it in
``stored_files_removed_on_error`` so a failed write leaves no file behind. A view that
accepts files puts ``UploadSizeLimitHandler`` first among the request's upload handlers, so
an oversized file is never received whole.
"""

import io
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, UnidentifiedImageError

PDF_TYPE = "application/pdf"
IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
EXTENSIONS = {PDF_TYPE: "pdf", "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
# A decompression bomb is refused rather than decoded: 50 megapixels is far above any
# phone photo or scanned page.
MAX_IMAGE_PIXELS = 50_000_000
# The end-of-file marker may be followed by a little trailing data (an incremental save).
PDF_EOF_WINDOW = 2048


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content: bytes
    content_type: str

    @property
    def size(self) -> int:
        return len(self.content)


@contextmanager
def _truncated_images_refused():
    # Pillow's switch is global, and WeasyPrint turns it on when imported (to draw broken
    # images in a PDF anyway): once a certificate has been drawn in a process, a cut-off
    # photo would decode "completely". The check needs it off, whatever imported what.
    allowed = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = allowed


def detect_content_type(content: bytes) -> str | None:
    """``application/pdf``, ``image/jpeg``, ``image/png`` or ``image/webp`` when the
    bytes are one of those, else None."""
    if content.startswith(b"%PDF-"):
        return PDF_TYPE if b"%%EOF" in content[-PDF_EOF_WINDOW:] else None
    try:
        with _truncated_images_refused(), Image.open(io.BytesIO(content)) as image:
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


def upload_name(upload) -> str:
    """The file's own name without any directory part, at most 200 characters."""
    name = (getattr(upload, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1]
    return name.replace("\x00", "")[:200] or "file"


def upload_check(upload, *, field: str, max_bytes: int) -> CheckedFile:
    """Read one uploaded file (a Django ``UploadedFile`` or anything with ``name``,
    ``size`` and ``read``) and check it. Raises ``ValidationError`` on ``field``."""
    name = upload_name(upload)
    too_large = _("%(name)s is larger than %(max)s.") % {"name": name, "max": filesizeformat(max_bytes)}
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError({field: too_large})
    if hasattr(upload, "seek"):
        upload.seek(0)
    content = upload.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise ValidationError({field: too_large})
    if not content:
        raise ValidationError({field: _("%(name)s is empty.") % {"name": name}})
    content_type = detect_content_type(content)
    if content_type is None:
        raise ValidationError(
            {field: _("%(name)s is not a photo (JPEG, PNG, WebP) or a PDF document.") % {"name": name}}
        )
    return CheckedFile(name=name, content=content, content_type=content_type)


class UploadSizeLimitHandler(FileUploadHandler):
    """Keeps a huge upload from filling the disk: past ``max_bytes`` (or past ``max_files``
    files) the rest of a file is read and dropped, not stored. What is kept of a file is
    still larger than the limit (the chunk that crosses it is passed on), so the check that
    follows (``upload_check``) refuses it with its usual message instead of the request
    failing; a file past the count arrives empty, so a count check still sees it.

    Upload handlers can only change before the body is read, and the CSRF check reads it:
    the view is ``csrf_exempt``, inserts the handler first, then calls a ``csrf_protect``
    inner view::

        request.upload_handlers.insert(0, UploadSizeLimitHandler(request, max_bytes=..., max_files=...))
    """

    def __init__(self, request=None, *, max_bytes: int, max_files: int):
        super().__init__(request)
        self.max_bytes = max_bytes
        self.max_files = max_files
        self.files_seen = 0
        self.received = 0
        self.keep = True

    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        self.files_seen += 1
        self.received = 0
        self.keep = self.files_seen <= self.max_files

    def receive_data_chunk(self, raw_data, start):
        before = self.received
        self.received += len(raw_data)
        if self.keep and before <= self.max_bytes:
            return raw_data
        return None

    def file_complete(self, file_size):
        return None  # the next handler builds the file


@contextmanager
def stored_files_removed_on_error():
    """Wrap the transaction that stores files: when it fails, the files already written
    to storage are deleted again, so a refused request leaves nothing behind.

    Yields a list; append ``(storage, name)`` for every file written."""
    written: list[tuple] = []
    try:
        yield written
    except BaseException:
        for storage, name in written:
            storage.delete(name)
        raise
