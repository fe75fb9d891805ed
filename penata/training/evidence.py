"""Evidence of external training: a certificate or attendance letter as a PDF or a photo,
checked by its content (``penata.core.uploads``) and served only through a checked view."""

from django.http import FileResponse, Http404

from penata.core.uploads import PDF_TYPE, CheckedFile, upload_check

from .models import EVIDENCE_MAX_BYTES, ExternalTraining


def evidence_check(upload) -> CheckedFile:
    """The uploaded evidence, read and checked; ``ValidationError`` on ``evidence``."""
    return upload_check(upload, field="evidence", max_bytes=EVIDENCE_MAX_BYTES)


def evidence_response(claim: ExternalTraining) -> FileResponse:
    """The stored file with the type detected at upload, never sniffed by the browser: a
    PDF is downloaded, a photo shown."""
    try:
        handle = claim.evidence.open("rb")
    except (FileNotFoundError, OSError, ValueError):
        raise Http404 from None
    response = FileResponse(
        handle,
        content_type=claim.evidence_content_type,
        as_attachment=claim.evidence_content_type == PDF_TYPE,
        filename=claim.evidence_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
