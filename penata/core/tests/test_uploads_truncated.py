"""A cut-off image is refused even after a library switched Pillow to accept them."""

import io

from PIL import Image, ImageFile

from penata.core.uploads import detect_content_type


def truncated_png() -> bytes:
    image = Image.frombytes("RGB", (64, 48), bytes(range(256)) * 36)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    data = buffer.getvalue()
    return data[: len(data) // 2]


def test_a_truncated_photo_is_refused_after_weasyprint_was_imported():
    import weasyprint  # noqa: F401 - it sets ImageFile.LOAD_TRUNCATED_IMAGES on import

    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
    assert detect_content_type(truncated_png()) is None
    # The switch is left as the other library set it.
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
