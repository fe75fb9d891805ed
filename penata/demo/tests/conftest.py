import pytest


@pytest.fixture(autouse=True)
def demo_media_root(settings, tmp_path):
    """The demo writes evidence files of external training: into a temporary media root."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
