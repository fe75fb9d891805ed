"""Attachments are checked by their content (services/attachments.py), never by name."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image

from penata.complaints.models import ATTACHMENT_MAX_BYTES, ComplaintAttachment
from penata.complaints.services import attachments_check, attachments_store, stored_files_removed_on_error
from penata.core.models import AuditEvent

from .factories import ComplaintFactory

EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 48
    + b"PE\x00\x00"
    + b"\x90" * 400
)
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def image_bytes(image_format: str, size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, format=image_format)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    # The declared content type is what a browser or an attacker says; it is ignored.
    return SimpleUploadedFile(name, content, content_type=content_type)


def media_files(root) -> list[Path]:
    return [path for path in Path(root).rglob("*") if path.is_file()]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# --- attachments_check ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected_type"),
    [
        ("foto.jpg", image_bytes("JPEG"), "image/jpeg"),
        ("foto.png", image_bytes("PNG"), "image/png"),
        ("foto.webp", image_bytes("WEBP"), "image/webp"),
        ("surat.pdf", MINIMAL_PDF, "application/pdf"),
        # The name says PDF, the bytes say PNG: the bytes win.
        ("lampiran.pdf", image_bytes("PNG"), "image/png"),
    ],
)
def test_valid_files_are_accepted_with_the_type_of_their_content(name, content, expected_type):
    checked = attachments_check([upload(name, content, content_type="application/octet-stream")])
    assert [(c.name, c.content_type, c.size, c.content) for c in checked] == [
        (name, expected_type, len(content), content)
    ]


def test_five_files_are_accepted():
    files = [upload(f"foto{i}.png", image_bytes("PNG")) for i in range(5)]
    assert [c.name for c in attachments_check(files)] == [f"foto{i}.png" for i in range(5)]


def test_no_files_is_fine():
    assert attachments_check([]) == []


def truncated_jpeg() -> bytes:
    content = image_bytes("JPEG", size=(400, 300))
    return content[: len(content) // 2]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("foto.jpg", EXE, "foto.jpg is not a photo (JPEG, PNG, WebP) or a PDF document."),
        ("rusak.jpg", truncated_jpeg(), "rusak.jpg is not a photo (JPEG, PNG, WebP) or a PDF document."),
        (
            "halaman.png",
            b"<!doctype html><html><script>alert(1)</script></html>",
            "halaman.png is not a photo (JPEG, PNG, WebP) or a PDF document.",
        ),
        ("kosong.jpg", b"", "kosong.jpg is empty."),
        (
            "setengah.pdf",
            b"%PDF-1.4\n1 0 obj<</Type/Catalog>>",
            "setengah.pdf is not a photo (JPEG, PNG, WebP) or a PDF document.",
        ),
        (
            "besar.jpg",
            b"\xff\xd8\xff" + b"\x00" * ATTACHMENT_MAX_BYTES,
            "besar.jpg is larger than 10.0\xa0MB.",
        ),
    ],
)
def test_bad_files_are_refused_by_content(name, content, message):
    with pytest.raises(ValidationError) as error:
        attachments_check([upload(name, content)])
    assert error.value.message_dict == {"attachments": [message]}


def test_a_file_claiming_a_small_size_is_still_read_only_up_to_the_limit():
    big = upload("besar.jpg", b"\xff\xd8\xff" + b"\x00" * ATTACHMENT_MAX_BYTES)
    big.size = 10  # a lying size: the content is measured too
    with pytest.raises(ValidationError) as error:
        attachments_check([big])
    assert error.value.message_dict == {"attachments": ["besar.jpg is larger than 10.0\xa0MB."]}


def test_every_bad_file_is_named_and_good_ones_do_not_pass_alone():
    files = [upload("ok.png", image_bytes("PNG")), upload("virus.jpg", EXE), upload("kosong.png", b"")]
    with pytest.raises(ValidationError) as error:
        attachments_check(files)
    assert error.value.message_dict == {
        "attachments": [
            "virus.jpg is not a photo (JPEG, PNG, WebP) or a PDF document.",
            "kosong.png is empty.",
        ]
    }


def test_six_files_are_refused_before_any_is_read():
    files = [upload(f"foto{i}.png", image_bytes("PNG")) for i in range(6)]
    with pytest.raises(ValidationError) as error:
        attachments_check(files)
    assert error.value.message_dict == {"attachments": ["At most 5 files can be attached."]}
    assert [f.tell() for f in files] == [0] * 6


def test_files_already_attached_count_towards_the_limit():
    with pytest.raises(ValidationError) as error:
        attachments_check(
            [upload("a.png", image_bytes("PNG")), upload("b.png", image_bytes("PNG"))], already=4
        )
    assert error.value.message_dict == {"attachments": ["At most 5 files can be attached."]}


def test_the_file_name_is_kept_without_its_path():
    checked = attachments_check([upload("../../etc/foto.png", image_bytes("PNG"))])
    assert checked[0].name == "foto.png"


# --- storing ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_store_saves_files_under_a_random_name_and_records_one_event(media):
    complaint = ComplaintFactory()
    png = image_bytes("PNG")
    checked = attachments_check([upload("foto.png", png), upload("surat.pdf", MINIMAL_PDF)])
    with stored_files_removed_on_error() as written, transaction.atomic():
        stored = attachments_store(complaint=complaint, files=checked, kind="report", written=written)
    assert [(a.original_name, a.content_type, a.size) for a in stored] == [
        ("foto.png", "image/png", len(png)),
        ("surat.pdf", "application/pdf", len(MINIMAL_PDF)),
    ]
    names = sorted(Path(a.file.name).name for a in stored)
    assert all(a.file.name.startswith(f"complaints/{complaint.tracking_code}/") for a in stored)
    assert "foto" not in "".join(names)
    assert sorted(path.name for path in media_files(media)) == names
    assert ComplaintAttachment.objects.count() == 2
    event = AuditEvent.objects.get()
    assert (event.action, event.to_state) == (
        "complaint.attachments_added",
        {"kind": "report", "files": ["foto.png", "surat.pdf"]},
    )


# Serialized rollback, as every transactional test here: a plain flush would re-create the
# content types that the next serialized test loads again.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_stored_files_removed_on_error_deletes_written_files_when_the_transaction_fails(media):
    complaint = ComplaintFactory()
    checked = attachments_check(
        [upload("foto.png", image_bytes("PNG")), upload("foto2.jpg", image_bytes("JPEG"))]
    )
    with pytest.raises(RuntimeError), stored_files_removed_on_error() as written, transaction.atomic():
        attachments_store(complaint=complaint, files=checked, kind="report", written=written)
        assert len(media_files(media)) == 2  # written, then the transaction fails
        raise RuntimeError("database went away")
    assert len(written) == 2
    assert media_files(media) == []
    assert ComplaintAttachment.objects.count() == 0
    assert AuditEvent.objects.count() == 0
