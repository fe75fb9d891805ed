"""Complaints at province scale: 200,000 reports on PostgreSQL behind a real gunicorn.

    .venv/bin/python bench/complaints.py [--reports 200000] [--requests 200] [--seconds 20]
        [--database-url postgres://postgres@127.0.0.1:5432/penata_bench_complaints] [--keep-db]

Steps:
1. drop and create the bench database, migrate it, load the small demo province
   (``load_demo --employees 3000``: agencies, categories, officers, ~300 reports taken
   through the services), then add ``--reports`` generated reports with ``bulk_create``
   (spread over the past year and every status, as the lifecycle leaves them: deadlines,
   agencies, answers; no audit events, which none of the measured requests read) and
   ``VACUUM ANALYZE``;
2. start gunicorn (``--workers`` sync workers, DEBUG off) on a free local port;
3. public submissions per second: wrk (``apt-get install wrk``) keeps ``--clients``
   connections posting the public report form for ``--seconds`` seconds after a 3-second
   warm-up (one CSRF cookie and token, as a browser holds; each post files a new report and
   a redirect to the confirmation page counts as accepted); then the same through Open311
   ``POST requests.json`` with an API key;
4. sequential latency (after a warm-up) of the officer inbox (a complaint officer of the
   busiest agency and the verifier, with and without filters, first and later pages)
   and of Open311 ``GET requests.json``/``.xml`` (default window, filters, pages);
5. print the results and write them into their section of ``bench/RESULTS.md``.

The load generator runs on the same cores as gunicorn and PostgreSQL, so the submission
rate is a floor. The server runs with ``CONN_MAX_AGE=60``, the production default, and
queues its tasks in Redis (database 14, emptied at the end) as production does.
Everything talks to 127.0.0.1 only; every loop is bounded.
"""

import argparse
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from foundation import (
    ROOT,
    Http,
    cookie_header,
    cookies_from,
    database_drop,
    database_parts,
    database_recreate,
    database_run,
    free_port,
    log,
    machine,
    manage,
    results_write,
    server_start,
    server_stop,
    session_sign_in,
)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/penata_bench_complaints"
BENCH_BROKER = "redis://127.0.0.1:6379/14"
SEED = 2026
WARMUP = 10
BATCH = 5000
TARGET_SUBMISSIONS_PER_S = 100
TARGET_P95_MS = 150
DESCRIPTIONS = (
    "Antrean pembuatan KTP elektronik di kantor kecamatan sangat panjang, petugas baru datang pukul 10.",
    "Jalan menuju pelabuhan rusak berat dan berlubang, kendaraan sulit lewat saat hujan.",
    "Obat di puskesmas sering kosong sehingga pasien harus membeli di apotek luar.",
    "Lampu penerangan jalan di depan sekolah mati sudah dua minggu, anak-anak pulang dalam gelap.",
    "Pungutan biaya pendaftaran sekolah tidak sesuai dengan ketentuan yang diumumkan.",
    "Speedboat ke Ternate sering terlambat berangkat tanpa pemberitahuan kepada penumpang.",
    "Air bersih dari PDAM tidak mengalir selama tiga hari di kelurahan kami.",
    "Sampah menumpuk di pasar dan tidak diangkut oleh petugas kebersihan.",
)
KECAMATAN = ("Oba Utara", "Oba", "Oba Tengah", "Oba Selatan", "Tidore", "Ternate Tengah", "Jailolo", "Tobelo")


# --- data ------------------------------------------------------------------------------------


def reports_generate(total: int) -> dict:
    """Add ``total`` reports in every status, as the lifecycle services would leave them."""
    from django.db import transaction
    from django.utils import timezone

    from penata.accounts.models import Role, User
    from penata.complaints.models import (
        STEP_WORKING_DAYS,
        Complaint,
        ComplaintCategory,
        ComplaintKind,
        ComplaintStatus,
        Privacy,
        Step,
    )
    from penata.complaints.tracking import tracking_code_generate
    from penata.core.calendar import deadline_at
    from penata.organization.models import Agency

    rng = random.Random(SEED)
    categories = list(ComplaintCategory.objects.filter(is_active=True, default_agency__isnull=False))
    agencies = list(Agency.objects.all())
    officers: dict[int, list[int]] = {}
    for user_id, agency_id in User.objects.filter(role=Role.COMPLAINT_OFFICER).values_list("id", "agency_id"):
        officers.setdefault(agency_id, []).append(user_id)
    codes = set(Complaint.objects.values_list("tracking_code", flat=True))
    now = timezone.now()
    # Share of reports per status: most are closed, a working inbox of open ones.
    statuses = (
        [ComplaintStatus.FINISHED] * 70
        + [ComplaintStatus.ANSWERED] * 6
        + [ComplaintStatus.DISPATCHED] * 12
        + [ComplaintStatus.SUBMITTED] * 4
        + [ComplaintStatus.NEEDS_INFO] * 2
        + [ComplaintStatus.NOT_AUTHORITY] * 3
        + [ComplaintStatus.ARCHIVED] * 3
    )
    deadlines: dict = {}

    def due(start, step):
        key = (start.date(), step)
        if key not in deadlines:
            deadlines[key] = deadline_at(
                start.replace(hour=10, minute=0, second=0, microsecond=0), STEP_WORKING_DAYS[step]
            )
        return deadlines[key]

    made = 0
    started = time.perf_counter()
    while made < total:
        batch = []
        for _ in range(min(BATCH, total - made)):
            category = rng.choice(categories)
            status = rng.choice(statuses)
            # Open reports are recent; closed ones anywhere in the past year.
            age_days = (
                rng.uniform(0, 20)
                if status
                in (
                    ComplaintStatus.SUBMITTED,
                    ComplaintStatus.DISPATCHED,
                    ComplaintStatus.ANSWERED,
                    ComplaintStatus.NEEDS_INFO,
                )
                else rng.uniform(0, 365)
            )
            submitted = now - timedelta(days=age_days, minutes=rng.randrange(600))
            privacy = rng.choices(
                [Privacy.PUBLIC, Privacy.ANONYMOUS, Privacy.CONFIDENTIAL], weights=[70, 22, 8]
            )[0]
            code = tracking_code_generate()
            while code in codes:
                code = tracking_code_generate()
            codes.add(code)
            agency_id = category.default_agency_id if rng.random() < 0.9 else rng.choice(agencies).pk
            report = Complaint(
                tracking_code=code,
                kind=rng.choice(ComplaintKind.values),
                category=category,
                description=rng.choice(DESCRIPTIONS),
                kecamatan=rng.choice(KECAMATAN),
                privacy=privacy,
                reporter_name="" if privacy == Privacy.ANONYMOUS else "Warga Bench",
                reporter_email="" if privacy == Privacy.ANONYMOUS else "warga@example.test",
                status=status,
                submitted_at=submitted,
            )
            if rng.random() < 0.6:
                report.latitude = round(rng.uniform(0.3, 1.2), 6)
                report.longitude = round(rng.uniform(127.3, 128.0), 6)
            dispatched = submitted + timedelta(days=rng.uniform(0.1, 4))
            answered = dispatched + timedelta(days=rng.uniform(0.5, 9))
            if status == ComplaintStatus.SUBMITTED:
                report.step, report.step_started_at = Step.VERIFICATION, submitted
                report.step_due_at = due(submitted, Step.VERIFICATION)
            if status in (ComplaintStatus.DISPATCHED, ComplaintStatus.ANSWERED, ComplaintStatus.FINISHED):
                report.agency_id = agency_id
                pool = officers.get(agency_id)
                if pool and rng.random() < 0.7:
                    report.assigned_to_id = rng.choice(pool)
            if status == ComplaintStatus.DISPATCHED:
                report.step, report.step_started_at = Step.FOLLOW_UP, dispatched
                report.step_due_at = due(dispatched, Step.FOLLOW_UP)
            if status in (ComplaintStatus.ANSWERED, ComplaintStatus.FINISHED):
                report.answer = "Terima kasih, laporan Anda sudah kami tindak lanjuti."
                report.answered_at = report.first_answered_at = min(answered, now)
                report.answered_within_deadline = answered <= due(dispatched, Step.FOLLOW_UP)
            if status == ComplaintStatus.ANSWERED:
                report.step, report.step_started_at = Step.RESPONSE, report.answered_at
                report.step_due_at = due(report.answered_at, Step.RESPONSE)
            if status in (ComplaintStatus.FINISHED, ComplaintStatus.NOT_AUTHORITY, ComplaintStatus.ARCHIVED):
                report.closed_at = min(answered + timedelta(days=3), now)
            batch.append(report)
        with transaction.atomic():
            Complaint.objects.bulk_create(batch, batch_size=1000)
        made += len(batch)
        log(f"  {made:,} reports")
    return {"reports": made, "seconds": time.perf_counter() - started}


def broker_empty() -> None:
    import redis

    try:
        redis.Redis.from_url(BENCH_BROKER).flushdb()
    except redis.RedisError as error:
        log(f"could not empty the bench queue {BENCH_BROKER}: {error}")


def open311_key() -> str:
    from penata.complaints.services.open311_clients import open311_client_create

    _client, key = open311_client_create(
        name=f"Bench client {time.time_ns()}", contact="bench@example.test", actor=None
    )
    return key


def bench_users() -> dict[str, str]:
    """The verifier and the complaint officer of the agency with the most open reports."""
    from django.db.models import Count

    from penata.accounts.models import Role, User
    from penata.complaints.models import CLOSED_STATUSES, Complaint

    busiest = (
        Complaint.objects.exclude(status__in=CLOSED_STATUSES)
        .exclude(agency=None)
        .values("agency_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    officer = (
        User.objects.filter(role=Role.COMPLAINT_OFFICER, agency_id=busiest["agency_id"], is_active=True)
        .order_by("username")
        .first()
    )
    verifier = User.objects.filter(role=Role.COMPLAINT_VERIFIER, is_active=True).order_by("username").first()
    return {"officer": officer.username, "verifier": verifier.username}


def form_fields() -> dict:
    """A valid public report as the form posts it (field names read from the form class)."""
    from penata.complaints.models import ComplaintCategory

    category = ComplaintCategory.objects.filter(is_active=True).order_by("code").first()
    return {
        "kind": "complaint",
        "category": str(category.pk),
        "description": DESCRIPTIONS[0],
        "latitude": "0.72",
        "longitude": "127.56",
        "kecamatan": "Oba Utara",
        "privacy": "public",
        "reporter_name": "Warga Bench",
        "reporter_email": "warga@example.test",
    }, category.code


# --- load and latency ------------------------------------------------------------------------


def wrk_post(port: int, path: str, *, body: str, headers: dict, seconds: float, connections: int) -> dict:
    """POST the same body for ``seconds`` with wrk (a C load generator: it leaves the cores to
    gunicorn and PostgreSQL); a 2xx or 3xx answer counts as accepted."""
    script = "\n".join(
        ['wrk.method = "POST"', f"wrk.body = {json.dumps(body)}"]
        + [f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items()]
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        command = [
            "wrk",
            f"-t{min(2, connections)}",
            f"-c{connections}",
            f"-d{int(seconds)}s",
            "--latency",
            "--timeout",
            "10s",
            "-s",
            handle.name,
            f"http://127.0.0.1:{port}{path}",
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 120, check=True)
    finally:
        os.unlink(handle.name)
    out = done.stdout
    total = int(re.search(r"(\d+) requests in", out).group(1))
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    wall = float(re.search(r"requests in ([\d.]+)s", out).group(1))

    def ms(share: str) -> float:
        match = re.search(rf"^\s+{share}%\s+([\d.]+)(us|ms|s)\b", out, re.M)
        if match is None:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    ok = total - (int(failed.group(1)) if failed else 0)
    return {
        "ok": ok,
        "failed": total - ok,
        "socket_errors": errors.group(1).strip() if errors else "none",
        "seconds": wall,
        "per_second": ok / wall,
        "p50_ms": ms("50"),
        "p99_ms": ms("99"),
    }


def web_form_request(port: int, fields: dict) -> tuple[str, dict]:
    """Body and headers of a valid form post: one CSRF cookie and token, as a browser has."""
    status, headers, body = Http(port).request("GET", "/complaints/new/")
    if status != 200:
        raise RuntimeError(f"the report form answered {status}")
    cookies = cookies_from(headers)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urlencode({**fields, "csrfmiddlewaretoken": token})
    return form, {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie_header(cookies)}


def open311_request(key: str, service_code: str) -> tuple[str, dict]:
    form = urlencode(
        {
            "api_key": key,
            "service_code": service_code,
            "lat": "0.72",
            "long": "127.56",
            "description": DESCRIPTIONS[1],
            "email": "warga@example.test",
            "first_name": "Warga",
            "last_name": "Bench",
        }
    )
    return form, {"Content-Type": "application/x-www-form-urlencoded"}


def submissions_run(port: int, path: str, request: tuple[str, dict], *, seconds: float, connections: int):
    body, headers = request
    # Warm-up: a gunicorn worker's first requests import the views and fill caches.
    wrk_post(port, path, body=body, headers=headers, seconds=3, connections=connections)
    return wrk_post(port, path, body=body, headers=headers, seconds=seconds, connections=connections)


def latency_run(client: Http, paths: list[str], headers: dict, requests: int) -> dict:
    for index in range(WARMUP):
        client.request("GET", paths[index % len(paths)], headers=headers)
    timings, statuses = [], {}
    for index in range(requests):
        path = paths[index % len(paths)]
        started = time.perf_counter()
        status, _h, _b = client.request("GET", path, headers=headers)
        timings.append((time.perf_counter() - started) * 1000)
        statuses[status] = statuses.get(status, 0) + 1
    timings.sort()

    def pct(share):
        return timings[max(0, math.ceil(share * len(timings)) - 1)]

    return {"p50": pct(0.5), "p95": pct(0.95), "max": timings[-1], "statuses": statuses, "n": len(timings)}


def inbox_paths(category_code: str) -> list[str]:
    return [
        "/complaints/inbox/",
        "/complaints/inbox/?page=2",
        "/complaints/inbox/?overdue=1",
        "/complaints/inbox/?status=dispatched",
        f"/complaints/inbox/?category={category_code}",
        "/complaints/inbox/?page=5",
    ]


def open311_paths(category_code: str) -> list[str]:
    return [
        "/open311/v2/requests.json",
        "/open311/v2/requests.xml",
        "/open311/v2/requests.json?status=open",
        f"/open311/v2/requests.json?service_code={category_code}",
        "/open311/v2/requests.json?page=3&page_size=100",
        "/open311/v2/requests.json?status=closed&page=2",
    ]


# --- report ----------------------------------------------------------------------------------


def markdown(*, args, facts: dict) -> str:
    lines = [
        f"Machine: {facts['machine']['CPU']}, {facts['machine']['cores']} cores, "
        f"{facts['machine']['memory']}; PostgreSQL {facts['machine']['PostgreSQL']}; Python "
        f"{facts['machine']['Python']}.",
        "",
        f"Data: {facts['reports']:,} reports ({facts['generated']['reports']:,} generated in "
        f"{facts['generated']['seconds']:.0f} s, the rest from the demo); gunicorn with "
        f"{args.workers} sync workers, DEBUG off, on 127.0.0.1; the load generator shares the "
        "same cores.",
        "",
        "| measurement | result | target | met |",
        "|---|---|---|---|",
    ]
    for label, run in (("public form", facts["web"]), ("Open311 `POST requests`", facts["open311_post"])):
        met = "yes" if run["per_second"] >= TARGET_SUBMISSIONS_PER_S else "**no**"
        lines.append(
            f"| {label}: submissions per second (wrk, {args.clients} connections, {run['seconds']:.0f} s; "
            f"p50 {run['p50_ms']:.0f} ms, p99 {run['p99_ms']:.0f} ms; {run['failed']} refused, socket "
            f"errors {run['socket_errors']}) | {run['per_second']:.0f}/s "
            f"| ≥ {TARGET_SUBMISSIONS_PER_S}/s | {met} |"
        )
    for label, run in facts["latency"].items():
        lines.append(
            f"| {label}: p95 of {run['n']} requests (p50 {run['p50']:.0f} ms, max {run['max']:.0f} ms; "
            f"statuses {run['statuses']}) | {run['p95']:.0f} ms | ≤ {TARGET_P95_MS} ms "
            f"| {'yes' if run['p95'] <= TARGET_P95_MS else '**no**'} |"
        )
    return "\n".join(lines) + "\n\n"


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=200, help="measured requests per latency row")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each submission run")
    parser.add_argument("--clients", type=int, default=16, help="concurrent wrk connections")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--reuse-db", action="store_true", help="skip the load: the database is loaded")
    parser.add_argument("--keep-db", action="store_true", help="leave the bench database in place")
    parser.add_argument("--no-results", action="store_true", help="do not write bench/RESULTS.md")
    args = parser.parse_args()
    if not 0 <= args.reports <= 2_000_000 or not 1 <= args.requests <= 10_000:
        parser.error("--reports must be 0-2000000 and --requests 1-10000")
    if not 1 <= args.seconds <= 600 or not 1 <= args.clients <= 64 or not 1 <= args.workers <= 16:
        parser.error("--seconds 1-600, --clients 1-64, --workers 1-16")
    return args


def main() -> None:
    args = arguments()
    connect, name = database_parts(args.database_url)
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "PENATA_ENV": "development",
        "DEBUG": "false",
        "CELERY_BROKER_URL": "",
        # Status emails go nowhere: the console backend would write them into the log.
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        # As in production (the development default closes the connection after each request).
        "CONN_MAX_AGE": "60",
    }
    os.environ.update(
        {k: env[k] for k in ("DATABASE_URL", "PENATA_ENV", "DEBUG", "CELERY_BROKER_URL", "EMAIL_BACKEND")}
    )
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(ROOT))
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    server, succeeded = None, False
    facts: dict = {}
    try:
        server_settings = None
        if not args.reuse_db:
            server_settings = database_recreate(connect, name)
            log("migrate and load the demo province (3,000 employees)")
            manage(env, "migrate", "--noinput")
            manage(env, "load_demo", "--employees", "3000")
        django.setup()
        from penata.complaints.models import Complaint

        if not args.reuse_db:
            log(f"generate {args.reports:,} reports")
            facts["generated"] = reports_generate(args.reports)
            database_run(connect, name, "VACUUM ANALYZE")
        else:
            facts["generated"] = {"reports": 0, "seconds": 0.0}
        facts["reports"] = Complaint.objects.count()
        if server_settings is None:
            import psycopg

            with psycopg.connect(dbname=name, autocommit=True, **connect) as conn:
                server_settings = {
                    s: conn.execute(f"SHOW {s}").fetchone()[0]
                    for s in ("server_version", "shared_buffers", "work_mem", "autovacuum")
                }
        facts["machine"] = machine(server_settings)
        users = bench_users()
        fields, category_code = form_fields()
        key = open311_key()
        port = free_port()
        log_path = Path(tempfile.gettempdir()) / "penata-bench-complaints-gunicorn.log"
        log(f"start gunicorn ({args.workers} workers) on port {port}")
        # As in production, tasks (the reporter's e-mail) go to a broker instead of running
        # inside the request; nothing consumes this scratch queue, emptied at the end.
        server_env = {**env, "CELERY_BROKER_URL": BENCH_BROKER, "CELERY_TASK_ALWAYS_EAGER": "false"}
        server = server_start(server_env, port, log_path, workers=args.workers)
        client = Http(port)

        log("public form submissions")
        facts["web"] = submissions_run(
            port,
            "/complaints/new/",
            web_form_request(port, fields),
            seconds=args.seconds,
            connections=args.clients,
        )
        log(f"  {facts['web']['per_second']:.0f}/s")
        log("Open311 submissions")
        facts["open311_post"] = submissions_run(
            port,
            "/open311/v2/requests.json",
            open311_request(key, category_code),
            seconds=args.seconds,
            connections=args.clients,
        )
        log(f"  {facts['open311_post']['per_second']:.0f}/s")

        facts["latency"] = {}
        for role in ("officer", "verifier"):
            headers = session_sign_in(client, users[role])
            label = f"inbox, {role} `{users[role]}`"
            log(label)
            facts["latency"][label] = latency_run(client, inbox_paths(category_code), headers, args.requests)
        log("Open311 GET requests")
        facts["latency"]["Open311 `GET requests` (json and xml, filters, pages)"] = latency_run(
            client, open311_paths(category_code), {}, args.requests
        )
        text = markdown(args=args, facts=facts)
        print(text)
        if not args.no_results:
            results_write(text, section="complaints", title="Complaints at province scale")
        succeeded = True
    finally:
        server_stop(server)
        broker_empty()
        if not args.keep_db and succeeded:
            database_drop(connect, name)
        print(json.dumps({k: v for k, v in facts.items() if k != "machine"}, default=str)[:2000])


if __name__ == "__main__":
    main()
