"""The upload handler that keeps an oversized file from being received whole."""

from penata.core.uploads import UploadSizeLimitHandler

CHUNK = 64 * 1024


def kept_bytes(handler: UploadSizeLimitHandler, size: int) -> int:
    """Feed one file of ``size`` bytes in chunks; how many bytes the handler passes on."""
    handler.new_file("evidence", "file.pdf", "application/pdf", size)
    kept = 0
    for start in range(0, size, CHUNK):
        chunk = b"x" * min(CHUNK, size - start)
        passed = handler.receive_data_chunk(chunk, start)
        if passed is not None:
            assert passed == chunk
            kept += len(passed)
    assert handler.file_complete(kept) is None
    return kept


def test_a_file_within_the_limit_is_passed_on_whole():
    handler = UploadSizeLimitHandler(max_bytes=5 * 1024 * 1024, max_files=2)
    assert kept_bytes(handler, 5 * 1024 * 1024) == 5 * 1024 * 1024
    assert kept_bytes(handler, 1000) == 1000


def test_past_the_limit_at_most_one_chunk_more_is_kept():
    handler = UploadSizeLimitHandler(max_bytes=5 * 1024 * 1024, max_files=2)
    kept = kept_bytes(handler, 50 * 1024 * 1024)
    assert 5 * 1024 * 1024 < kept <= 5 * 1024 * 1024 + CHUNK
    # The count starts again with the next file.
    assert kept_bytes(handler, 3 * CHUNK) == 3 * CHUNK


def test_a_file_past_the_count_is_dropped_entirely():
    handler = UploadSizeLimitHandler(max_bytes=5 * 1024 * 1024, max_files=1)
    assert kept_bytes(handler, 2 * CHUNK) == 2 * CHUNK
    assert kept_bytes(handler, 2 * CHUNK) == 0
