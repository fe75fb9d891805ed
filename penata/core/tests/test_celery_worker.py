"""The password-reset email through a real broker and a real Celery worker process.

Runs only when ``CELERY_TEST_BROKER_URL`` is set (CI sets it to a Redis database); an
unreachable broker then fails the test. The worker gets the test database's URL so a task
that reads rows sees what the test committed: that needs PostgreSQL (or a file-based SQLite
test database); an in-memory SQLite test database cannot be shared, so the test is skipped
there. Each run consumes its own queue, so messages left by an interrupted run are never
picked up.
"""

import contextlib
import email
import email.policy
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import connection
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from kombu import Connection, Exchange, Queue, pools

from config.celery import app as celery_app

BROKER_URL = os.environ.get("CELERY_TEST_BROKER_URL", "")
WAIT_SECONDS = 60
FILE_END = b"\n" + b"-" * 79 + b"\n"

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.skipif(not BROKER_URL, reason="CELERY_TEST_BROKER_URL is not set"),
]


def database_url() -> str:
    """The URL of the database this test runs on, for the worker process."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        credentials = quote(db["USER"] or "", safe="")
        if db["PASSWORD"]:
            credentials += ":" + quote(db["PASSWORD"], safe="")
        host = db["HOST"] or ""
        port = f":{db['PORT']}" if db["PORT"] else ""
        return f"postgres://{credentials}@{host}{port}/{quote(db['NAME'], safe='')}"
    if connection.vendor == "sqlite" and not connection.is_in_memory_db():
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    pytest.skip("the worker cannot share an in-memory SQLite test database; run on PostgreSQL")


@pytest.fixture
def broker():
    try:
        with Connection(BROKER_URL, connect_timeout=5) as conn:
            conn.ensure_connection(max_retries=2, interval_start=0.5, interval_step=0.5)
    except Exception as exc:
        pytest.fail(f"CELERY_TEST_BROKER_URL is set but the broker does not answer: {exc!r}")
    queue = f"penata-test-{uuid.uuid4().hex}"
    yield queue
    # Celery names the default exchange after the default queue. Declaring first lets this
    # connection know the binding, so deleting the queue removes it from the broker too.
    with Connection(BROKER_URL, connect_timeout=5) as conn:
        bound = Queue(queue, Exchange(queue, type="direct"), routing_key=queue).bind(conn)
        bound.declare()
        bound.delete()


@contextlib.contextmanager
def celery_app_on_broker(queue: str, django_settings):
    """Point this process's Celery app at the broker and ``queue``, then restore it."""
    changed = {"broker_url": BROKER_URL, "task_always_eager": False, "task_default_queue": queue}
    # Read the configuration before overriding the Django setting: Celery loads it lazily,
    # and a first read after the override would "restore" the override, leaving every
    # later test in this process sending its tasks to a broker no worker listens on.
    before = {key: celery_app.conf[key] for key in changed}
    django_settings.CELERY_TASK_ALWAYS_EAGER = False

    def reset_connections():
        # The queues, router and connection pools are built once from the configuration.
        pools.reset()
        celery_app._pool = None
        celery_app.__dict__.pop("amqp", None)

    celery_app.conf.update(changed)
    reset_connections()
    try:
        yield queue
    finally:
        reset_connections()
        celery_app.conf.update(before)


@pytest.fixture
def app_on_broker(broker, settings):
    with celery_app_on_broker(broker, settings) as queue:
        yield queue


@pytest.fixture
def worker(app_on_broker, transactional_db, tmp_path):
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    log_path = tmp_path / "worker.log"
    env = os.environ | {
        "PENATA_ENV": "test",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": BROKER_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(outbox),
    }
    celery = Path(sys.executable).with_name("celery")
    command = [
        str(celery),
        "-A",
        "config",
        "worker",
        "--pool=solo",
        "--concurrency=1",
        "-Q",
        app_on_broker,
        "--hostname",
        f"{app_on_broker}@%h",
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
        "-l",
        "info",
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 - fixed argument list, no shell
            command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        yield outbox, process, log_path
    finally:
        # Warm shutdown: the worker finishes its current task and acknowledges it.
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def wait_for_email(outbox: Path, process: subprocess.Popen, log_path: Path) -> list[bytes]:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        written = [path.read_bytes() for path in sorted(outbox.glob("*.log"))]
        if written and all(data.endswith(FILE_END) for data in written):
            return written
        if process.poll() is not None:
            break
        time.sleep(0.2)
    pytest.fail(
        f"no email within {WAIT_SECONDS} s (worker exit code {process.poll()}); worker log:\n"
        + log_path.read_text(errors="replace")[-4000:]
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_password_reset_email_is_sent_by_the_worker(client, make_user, worker):
    outbox, process, log_path = worker
    user = make_user(username="hasan.worker", email="hasan@example.test")

    response = client.post(reverse("accounts:password_reset"), {"email": "hasan@example.test"})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    files = wait_for_email(outbox, process, log_path)
    assert len(files) == 1
    message = email.message_from_bytes(files[0][: -len(FILE_END)], policy=email.policy.default)
    assert message["To"] == "hasan@example.test"
    assert message["From"] == settings.DEFAULT_FROM_EMAIL
    body = message.get_body(preferencelist=("plain",)).get_content()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    tokens = re.findall(rf"http://testserver/accounts/reset/{uid}/([\w-]+)/", body)
    assert len(tokens) == 1
    assert default_token_generator.check_token(user, tokens[0]) is True
    assert "hasan.worker" in body


def test_the_app_runs_tasks_in_process_again_afterwards(settings):
    with celery_app_on_broker("penata-test-restore", settings):
        assert celery_app.conf.task_always_eager is False
    assert celery_app.conf.task_always_eager is True
    assert celery_app.conf.task_default_queue == "celery"
