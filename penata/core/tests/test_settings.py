"""Production refuses to start without a secret key and allowed hosts.

Settings are evaluated once per process, so each case imports them in a fresh interpreter.
"""

import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION_ENV = {
    "PENATA_ENV": "production",
    "SECRET_KEY": "a-long-production-secret",
    "ALLOWED_HOSTS": "penata.test",
}


def import_settings(**overrides: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENV}
    # Empty values are still set, so a developer's .env cannot fill them in.
    env |= PRODUCTION_ENV | overrides
    return subprocess.run(
        [sys.executable, "-c", "import config.settings as s; print(s.DEBUG, s.ALLOWED_HOSTS)"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY must be set in production."),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS must be set in production."),
        ({"SECRET_KEY": "", "ALLOWED_HOSTS": ""}, "SECRET_KEY must be set in production."),
    ],
)
def test_production_refuses_to_start_without(overrides, message):
    result = import_settings(**overrides)

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip().splitlines()[-1] == (
        f"django.core.exceptions.ImproperlyConfigured: {message}"
    )


def test_production_starts_with_secret_key_and_allowed_hosts():
    result = import_settings()

    assert result.returncode == 0, result.stderr
    assert result.stdout == "False ['penata.test']\n"
