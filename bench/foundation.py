"""Foundation benchmark: the province-sized demo on PostgreSQL behind a real gunicorn.

    .venv/bin/python bench/foundation.py [--employees 50000] [--requests 200]
        [--database-url postgres://postgres@127.0.0.1:5432/penata_bench] [--keep-db]

Steps:
1. drop and create the bench database, migrate it, load the demo province
   (``manage.py load_demo``, timed) and ``VACUUM ANALYZE`` it (as autovacuum would);
   ``--what-if-sql FILE`` then runs extra SQL, e.g. an index to try before its migration;
2. start gunicorn (2 sync workers, DEBUG off) on a free local port;
3. time sequential requests (after a warm-up) to the employee API (list: first page,
   last page, search; detail) and the employee pages (list: first page, last page,
   search; profile), signed in as the province administrator and as an agency
   administrator; the SQL queries per request are counted in-process beforehand;
4. time ``manage.py import_excel employees`` of a generated workbook of new employees
   (built from the import template): a dry run, the import, then the same file again
   (nothing changes);
5. print the results and write them into their section of ``bench/RESULTS.md``;
6. stop gunicorn and drop the database (unless ``--keep-db``).

Everything talks to 127.0.0.1 only, and every loop has a fixed bound.
"""

import argparse
import http.client
import io
import json
import math
import os
import platform
import random
import re
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS_FILE = Path(__file__).resolve().parent / "RESULTS.md"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/penata_bench"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
USERS = ("admin", "opd_admin")
WARMUP = 10
SEED = 20251231
SEARCH_TERMS = 20
SQL_SAMPLES = 20
HTTP_TIMEOUT = 60
SERVER_START_TIMEOUT = 60
SERVER_STOP_TIMEOUT = 15
TARGET_LIST_P95_MS = 100
TARGET_IMPORT_S = 20


STARTED = time.monotonic()


def log(message: str) -> None:
    print(f"[{time.monotonic() - STARTED:7.1f} s] {message}", flush=True)


# --- database and commands -------------------------------------------------------------------


def database_parts(url: str) -> tuple[dict, str]:
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        sys.exit("--database-url must be a postgres:// URL")
    if parts.hostname not in LOCAL_HOSTS:
        sys.exit("--database-url must point at 127.0.0.1: the benchmark only loads a local server")
    name = parts.path.lstrip("/")
    # The database is dropped and created: refuse anything not named as a bench database.
    if not re.fullmatch(r"[a-z0-9_]*bench[a-z0-9_]*", name):
        sys.exit("the database name must contain 'bench' (it is dropped and recreated)")
    connect = {"host": parts.hostname, "port": parts.port or 5432, "user": parts.username or "postgres"}
    if parts.password:
        connect["password"] = parts.password
    return connect, name


def database_recreate(connect: dict, name: str) -> dict[str, str]:
    """Drop and create the database; return the server settings worth reporting."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(dbname="postgres", autocommit=True, **connect) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return {
            setting: conn.execute(sql.SQL("SHOW {}").format(sql.Identifier(setting))).fetchone()[0]
            for setting in ("server_version", "shared_buffers", "work_mem", "autovacuum")
        }


def database_run(connect: dict, name: str, statements: str) -> float:
    """Run SQL outside a transaction (VACUUM needs that); return its wall time."""
    import psycopg

    started = time.perf_counter()
    with psycopg.connect(dbname=name, autocommit=True, **connect) as conn:
        conn.execute(statements)
    return time.perf_counter() - started


def database_drop(connect: dict, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(dbname="postgres", autocommit=True, **connect) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@dataclass
class Run:
    wall: float
    cpu: float  # user + system time of the command itself (PostgreSQL's work excluded)
    output: str


def manage(env: dict, *arguments: str) -> Run:
    """Run ``manage.py``; stop the benchmark if it fails."""
    command = [sys.executable, str(ROOT / "manage.py"), *arguments]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    output = done.stdout + done.stderr
    if done.returncode != 0:
        print(output[-4000:])
        raise RuntimeError(f"manage.py {' '.join(arguments)} failed with exit code {done.returncode}")
    return Run(wall=wall, cpu=cpu, output=output)


# --- machine ---------------------------------------------------------------------------------


def machine(server: dict[str, str]) -> dict[str, str]:
    cpu = platform.processor() or "unknown"
    memory = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "PostgreSQL": f"{server['server_version']} (shared_buffers {server['shared_buffers']}, "
        f"work_mem {server['work_mem']}, autovacuum {server['autovacuum']})",
        "Python": platform.python_version(),
        "OS": f"{platform.system()} {platform.release()}",
    }


# --- HTTP ------------------------------------------------------------------------------------


class Http:
    """One new connection per request: gunicorn's sync workers close it after each response."""

    def __init__(self, port: int):
        self.port = port

    def request(self, method: str, path: str, *, headers=None, body=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=HTTP_TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            data = response.read()
            return response.status, response.headers, data
        finally:
            connection.close()


def cookies_from(headers) -> dict[str, str]:
    jar = SimpleCookie()
    for value in headers.get_all("Set-Cookie") or []:
        jar.load(value)
    return {name: morsel.value for name, morsel in jar.items()}


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def demo_password() -> str:
    from django.conf import settings

    return settings.PENATA_DEMO_PASSWORD


def session_sign_in(client: Http, username: str) -> dict[str, str]:
    """Sign in through the login form (CSRF cookie and token included); headers for pages."""
    status, headers, body = client.request("GET", "/accounts/login/")
    if status != 200:
        raise RuntimeError(f"login page answered {status}")
    cookies = cookies_from(headers)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if token is None or "csrftoken" not in cookies:
        raise RuntimeError("no CSRF token on the login page")
    form = urlencode(
        {"csrfmiddlewaretoken": token.group(1).decode(), "username": username, "password": demo_password()}
    )
    status, headers, _body = client.request(
        "POST",
        "/accounts/login/",
        body=form,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie_header(cookies)},
    )
    cookies.update(cookies_from(headers))
    if status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"sign-in of {username} failed (status {status})")
    return {"Cookie": cookie_header(cookies)}


def token_sign_in(client: Http, username: str) -> dict[str, str]:
    status, _headers, body = client.request(
        "POST",
        "/api/v1/auth/token/",
        body=json.dumps({"username": username, "password": demo_password()}),
        headers={"Content-Type": "application/json"},
    )
    if status != 200:
        raise RuntimeError(f"token for {username} answered {status}: {body[:200]!r}")
    return {"Authorization": f"Token {json.loads(body)['token']}", "Accept": "application/json"}


# --- the server ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_start(env: dict, port: int, log_path: Path, *, workers: int = 2) -> subprocess.Popen:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [
        str(gunicorn),
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--timeout",
        "120",
        "--error-logfile",
        str(log_path),
    ]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    client = Http(port)
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}; see {log_path}")
        try:
            status, _h, _b = client.request("GET", "/accounts/login/")
            if status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer within {SERVER_START_TIMEOUT} s; see {log_path}")


def server_stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=SERVER_STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        # The master did not stop its workers in time: end the group it leads.
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=SERVER_STOP_TIMEOUT)


# --- what is measured ------------------------------------------------------------------------


@dataclass
class Probe:
    """One measured request kind: ``paths`` are cycled through, warm-up first."""

    user: str
    name: str
    kind: str  # "api" or "page"
    paths: list[str]
    queries: str = ""
    sql_ms: float = 0.0
    sql_max_ms: float = 0.0
    app_cpu_ms: float | None = None
    timings_ms: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)

    def percentile(self, share: float) -> float:
        ordered = sorted(self.timings_ms)
        return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def probes_plan(requests: int) -> tuple[list[Probe], dict]:
    """The URLs to request, chosen from the loaded data (needs Django set up)."""
    from django.urls import reverse

    from penata.accounts.models import User
    from penata.core.api import StandardPagination
    from penata.workforce.selectors import employee_list_visible_to
    from penata.workforce.views import EMPLOYEES_PER_PAGE

    rng = random.Random(SEED)
    count = requests + WARMUP
    api_list = reverse("workforce-api:employee-list")
    page_list = reverse("workforce:employee_list")
    probes: list[Probe] = []
    facts: dict = {}
    for username in USERS:
        user = User.objects.get(username=username)
        visible = employee_list_visible_to(user=user)
        total = visible.count()
        facts[username] = total
        ids = list(visible.values_list("pk", flat=True))
        chosen = rng.sample(ids, min(count, len(ids)))
        nips = list(visible.filter(pk__in=chosen).values_list("nip", flat=True))
        rng.shuffle(nips)
        names = list(visible.filter(pk__in=chosen[:SEARCH_TERMS]).values_list("full_name", flat=True))
        # A given name or surname as people type it: the longest word without titles.
        terms = sorted({max(re.findall(r"[A-Za-z]{4,}", n) or ["Siti"], key=len).lower() for n in names})
        api_last = max(1, math.ceil(total / StandardPagination.page_size))
        page_last = max(1, math.ceil(total / EMPLOYEES_PER_PAGE))
        probes += [
            Probe(username, "API list, page 1", "api", [api_list]),
            Probe(username, f"API list, page {api_last} (last)", "api", [f"{api_list}?page={api_last}"]),
            Probe(
                username, "API list, search", "api", [f"{api_list}?{urlencode({'search': t})}" for t in terms]
            ),
            Probe(
                username,
                "API detail",
                "api",
                [reverse("workforce-api:employee-detail", kwargs={"nip": n}) for n in nips],
            ),
            Probe(username, "page list, page 1", "page", [page_list]),
            Probe(username, f"page list, page {page_last} (last)", "page", [f"{page_list}?page={page_last}"]),
            Probe(
                username, "page list, search", "page", [f"{page_list}?{urlencode({'q': t})}" for t in terms]
            ),
            Probe(
                username,
                "page profile",
                "page",
                [reverse("workforce:employee_detail", kwargs={"nip": n}) for n in nips],
            ),
        ]
    return probes, facts


def queries_count(probes: list[Probe]) -> None:
    """SQL statements per request, counted in-process with Django's test client."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from penata.accounts.models import User

    clients = {}
    for username in USERS:
        client = Client()
        client.force_login(User.objects.get(username=username))
        clients[username] = client
    for probe in probes:
        headers = {"HTTP_ACCEPT": "application/json"} if probe.kind == "api" else {}
        clients[probe.user].get(probe.paths[0], **headers)  # warm-up
        counts, times = set(), []
        # Several distinct URLs where there are (search terms, NIPs): plans differ per term.
        for path in list(dict.fromkeys(probe.paths))[:SQL_SAMPLES]:
            with CaptureQueriesContext(connection) as captured:
                response = clients[probe.user].get(path, **headers)
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered {response.status_code} in-process")
            counts.add(len(captured.captured_queries))
            times.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
        probe.queries = "–".join(str(n) for n in sorted(counts))
        probe.sql_ms = sorted(times)[(len(times) - 1) // 2]
        probe.sql_max_ms = max(times)


def workers_cpu_seconds(master: int) -> float:
    """User + system CPU time of the gunicorn workers (children of the master)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces; the fields after it are fixed.
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == master:
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def probe_run(client: Http, probe: Probe, headers: dict, requests: int, master: int) -> None:
    for index in range(WARMUP):
        client.request("GET", probe.paths[index % len(probe.paths)], headers=headers)
    cpu_before = workers_cpu_seconds(master)
    for index in range(WARMUP, WARMUP + requests):
        path = probe.paths[index % len(probe.paths)]
        started = time.perf_counter()
        status, _h, _body = client.request("GET", path, headers=headers)
        probe.timings_ms.append((time.perf_counter() - started) * 1000)
        probe.statuses[status] = probe.statuses.get(status, 0) + 1
    probe.app_cpu_ms = (workers_cpu_seconds(master) - cpu_before) * 1000 / requests


# --- the import workbook ---------------------------------------------------------------------

PPPK_GRADE_BY_EDUCATION = {
    "sma": "PPPK-V",
    "d3": "PPPK-VII",
    "s1": "PPPK-IX",
    "s2": "PPPK-X",
    "s3": "PPPK-XI",
}
BIRTH_PLACES = ("Ternate", "Tidore", "Sofifi", "Tobelo", "Labuha", "Sanana", "Weda", "Jailolo", "Manado")
GIVEN = ("Ahmad", "Siti", "Rahmat", "Nurhayati", "Fadli", "Hasna", "Ridwan", "Aisyah", "Irfan", "Wulan")
FAMILY = ("Sangadji", "Umasangadji", "Tomagola", "Marsaoly", "Kharie", "Djafar", "Hamisi", "Syah", "Alting")


def import_workbook(path: Path, *, employees: int, actor) -> dict:
    """New employees in the import template: free seats first, then no position.

    PNS numbers carry the birth date, the appointment month and the sex digit; PPPK numbers
    start with the birth date (``employee_identity_errors``). New numbers never collide with
    loaded ones. Each holder gets the position's lowest rank and required education.
    """
    from django.utils import timezone
    from openpyxl import load_workbook

    from penata.organization.models import Agency, Rank
    from penata.organization.selectors import position_list_with_vacancies
    from penata.workforce.exporting import template_workbook
    from penata.workforce.models import Employee

    rng = random.Random(SEED + 1)
    today = timezone.localdate()
    taken = set(Employee.objects.values_list("nip", flat=True))
    pns_ranks = set(Rank.objects.filter(employment_type="pns").values_list("code", flat=True))
    seats = []
    free = (
        position_list_with_vacancies()
        .filter(vacancies__gt=0)
        .order_by("code")
        .values_list(
            "code",
            "agency__code",
            "min_rank__code",
            "required_education_level",
            "required_education_fields",
            "vacancies",
        )
    )
    for code, agency, rank, education, fields, vacancies in free.iterator(chunk_size=2000):
        seats += [(code, agency, rank, education, fields)] * vacancies
    rng.shuffle(seats)
    seats = seats[:employees]
    agencies = list(Agency.objects.order_by("code").values_list("code", flat=True))

    book = load_workbook(io.BytesIO(template_workbook(kind="employees", user=actor)))
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    appointed_latest = date(today.year - 1, 3, 1)
    sequences: dict[str, int] = {}
    pppk = 0
    for index in range(employees):
        seat = seats[index] if index < len(seats) else None
        sex = rng.choice("MF")
        birth = appointed_latest - timedelta(days=rng.randrange(22 * 365, 40 * 365))
        is_pppk = rng.random() < 0.1
        education = (seat[3] if seat else "") or "s1"
        if is_pppk:
            prefix = f"{birth:%Y%m%d}{appointed_latest.year:04d}21{'1' if sex == 'M' else '2'}"
            rank = PPPK_GRADE_BY_EDUCATION.get(education, "PPPK-IX")
            pppk += 1
        else:
            prefix = f"{birth:%Y%m%d}{appointed_latest:%Y%m}{'1' if sex == 'M' else '2'}"
            rank = seat[2] if seat and seat[2] in pns_ranks else "III/a"
        # The sequence (last 3 digits) counts people sharing the other 15.
        sequence = sequences.get(prefix, 0) + 1
        while f"{prefix}{sequence:03d}" in taken and sequence < 999:
            sequence += 1
        sequences[prefix] = sequence
        nip = f"{prefix}{sequence:03d}"
        if nip in taken:
            raise RuntimeError(f"no free sequence number for {prefix}")
        taken.add(nip)
        row = {
            "nip": nip,
            "employment_type": "pppk" if is_pppk else "pns",
            "full_name": f"{rng.choice(GIVEN)} {rng.choice(FAMILY)} {index:05d}",
            "sex": sex,
            "birth_date": birth,
            "birth_place": rng.choice(BIRTH_PLACES),
            "rank": rank,
            "education_level": education,
            "education_field": (seat[4][0] if seat and seat[4] else "Administrasi Publik"),
            "agency_code": seat[1] if seat else rng.choice(agencies),
            "position_code": seat[0] if seat else None,
            "position_start_date": appointed_latest + timedelta(days=rng.randrange(0, 300)) if seat else None,
            "status": "active",
            "phone": f"0812{rng.randrange(10**7, 10**8)}",
            "email": f"bench{index:05d}@example.test",
            "home_regency": "Kota Ternate",
        }
        sheet.append([row[column] for column in header])
    book.save(path)
    return {"rows": employees, "with_position": len(seats), "pppk": pppk}


def import_counts(output: str) -> str:
    found = re.search(r"rows=\d+ created=\d+ updated=\d+ unchanged=\d+", output)
    return found.group(0) if found else output.strip().splitlines()[-1][:120]


# --- results ---------------------------------------------------------------------------------


def markdown(*, args, facts: dict, runs: dict, probes: list[Probe], imports: list[dict], box: dict) -> str:
    command = f"bench/foundation.py --employees {args.employees} --requests {args.requests}"
    if args.what_if_sql:
        command += f" --what-if-sql {args.what_if_sql}"
    for item in args.server_env:
        command += f" --server-env {item}"
    lines = [
        f"Run {time.strftime('%Y-%m-%d %H:%M %Z')}: `{command}`.",
        "",
        "| machine | |",
        "|---|---|",
        *[f"| {key} | {value} |" for key, value in box.items()],
        f"| load average (1 min) before / after the latency runs | {facts['load_before']:.1f} / "
        f"{facts['load_after']:.1f} |",
        "",
        "| data and set-up | |",
        "|---|---|",
        f"| employees / positions / agencies | {facts['employees']:,} / {facts['positions']:,} / "
        f"{facts['agencies']:,} |",
        f"| employees visible to `admin` / `opd_admin` | {facts['admin']:,} / {facts['opd_admin']:,} |",
        f"| `migrate` | {runs['migrate'].wall:.1f} s |",
        f"| `load_demo --employees {args.employees}` | {runs['load'].wall:.1f} s wall, "
        f"{runs['load'].cpu:.1f} s CPU of the command |",
        f"| `VACUUM ANALYZE` after the load | {facts['analyze']:.1f} s |",
    ]
    if args.what_if_sql:
        lines.append(f"| `{args.what_if_sql}` applied after the load | {facts['what_if']:.1f} s |")
    lines += [
        "",
        f"Latency: gunicorn with 2 sync workers, DEBUG off, on 127.0.0.1; {args.requests} sequential "
        f"requests per row after {WARMUP} warm-up, a new connection each. *p50/p95/max*: wall time "
        "seen by the client. *app CPU*: CPU time of the gunicorn workers per request (Python only; "
        "PostgreSQL excluded). *queries* and *SQL ms* (median and max per request): counted and "
        f"timed in-process with `CaptureQueriesContext` over up to {SQL_SAMPLES} distinct URLs of the "
        "row (search terms, NIPs) after a warm-up.",
        "",
        "| user | request | p50 ms | p95 ms | max ms | app CPU ms | queries | SQL ms (max) | status |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for probe in probes:
        statuses = ", ".join(f"{code}×{n}" for code, n in sorted(probe.statuses.items()))
        lines.append(
            f"| {probe.user} | {probe.name} | {probe.percentile(0.5):.1f} | {probe.percentile(0.95):.1f} "
            f"| {max(probe.timings_ms):.1f} | {probe.app_cpu_ms:.1f} | {probe.queries} "
            f"| {probe.sql_ms:.0f} ({probe.sql_max_ms:.0f}) | {statuses} |"
        )
    lines += [
        "",
        f"Import: `manage.py import_excel employees FILE --user admin` (process start included); "
        f"{facts['workbook']}.",
        "",
        "| import | wall s | CPU s of the command | result |",
        "|---|---:|---:|---|",
        *[f"| {r['name']} | {r['run'].wall:.1f} | {r['run'].cpu:.1f} | `{r['result']}` |" for r in imports],
        "",
        "Targets (reported, not asserted):",
        "",
        "| target | measured | met |",
        "|---|---|---|",
    ]
    for probe in probes:
        if "list" not in probe.name:
            continue
        p95 = probe.percentile(0.95)
        lines.append(
            f"| list p95 ≤ {TARGET_LIST_P95_MS} ms: {probe.user}, {probe.name} | {p95:.1f} ms "
            f"| {'yes' if p95 <= TARGET_LIST_P95_MS else '**no**'} |"
        )
    created = next(r for r in imports if r["key"] == "create")["run"].wall
    lines.append(
        f"| import of {args.import_employees:,} new employees ≤ {TARGET_IMPORT_S} s | {created:.1f} s "
        f"| {'yes' if created <= TARGET_IMPORT_S else '**no**'} |"
    )
    return "\n".join(lines) + "\n"


def results_write(text: str, *, section: str, title: str) -> None:
    """Replace this section of ``bench/RESULTS.md`` (between its markers), or append it."""
    start, end = f"<!-- {section}:start -->", f"<!-- {section}:end -->"
    block = f"{start}\n## {title}\n\n{text}{end}\n"
    current = RESULTS_FILE.read_text() if RESULTS_FILE.exists() else "# Benchmark results\n"
    if start in current and end in current:
        before, rest = current.split(start, 1)
        after = rest.split(end, 1)[1].lstrip("\n")
        current = before + block + ("\n" + after if after else "")
    else:
        current = current.rstrip("\n") + "\n\n" + block
    RESULTS_FILE.write_text(current)


# --- main ------------------------------------------------------------------------------------


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=200, help="measured requests per row")
    parser.add_argument("--import-employees", type=int, default=10_000)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--keep-db", action="store_true", help="leave the bench database in place")
    parser.add_argument("--no-results", action="store_true", help="do not write bench/RESULTS.md")
    parser.add_argument(
        "--what-if-sql",
        type=Path,
        help="SQL file run after the load (e.g. an index to try before writing its migration); "
        "the results go to their own section of RESULTS.md",
    )
    parser.add_argument(
        "--server-env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="extra environment for gunicorn only, e.g. CONN_MAX_AGE=60 (repeatable)",
    )
    args = parser.parse_args()
    if any("=" not in item for item in args.server_env):
        parser.error("--server-env takes NAME=VALUE")
    if not 50 <= args.employees <= 200_000:
        parser.error("--employees must be 50-200000")
    if not 1 <= args.requests <= 10_000 or not 1 <= args.import_employees <= 50_000:
        parser.error("--requests must be 1-10000 and --import-employees 1-50000")
    if args.what_if_sql and not args.what_if_sql.is_file():
        parser.error(f"no such file: {args.what_if_sql}")
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
    }
    # The in-process part (choosing URLs, counting queries, building the workbook) uses
    # the same database as the commands and the server.
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "PENATA_ENV", "DEBUG", "CELERY_BROKER_URL")})
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(ROOT))
    # Static files are not collected for the benchmark and not requested.
    warnings.filterwarnings("ignore", message="No directory at")

    server = None
    succeeded = False
    workdir = Path(tempfile.mkdtemp(prefix="penata-bench-"))
    try:
        log(f"recreating database {name}")
        server_settings = database_recreate(connect, name)
        runs = {"migrate": manage(env, "migrate", "--noinput")}
        log(f"migrated in {runs['migrate'].wall:.1f} s; loading the demo at {args.employees} employees")
        runs["load"] = manage(env, "load_demo", "--employees", str(args.employees))
        log(f"demo loaded in {runs['load'].wall:.1f} s: {runs['load'].output.strip().splitlines()[0][:200]}")
        facts: dict = {}
        # Statistics and the visibility map as autovacuum leaves them on a running server:
        # without them the planner guesses row counts (and this server may run without it).
        facts["analyze"] = database_run(connect, name, "VACUUM ANALYZE")
        log(f"VACUUM ANALYZE in {facts['analyze']:.1f} s")
        if args.what_if_sql:
            facts["what_if"] = database_run(connect, name, args.what_if_sql.read_text())
            log(f"{args.what_if_sql} applied in {facts['what_if']:.1f} s")

        import django

        django.setup()
        from django.db import connections

        from penata.accounts.models import User
        from penata.organization.models import Agency, Position
        from penata.workforce.models import Employee

        probes, visible = probes_plan(args.requests)
        facts.update(visible)
        facts.update(
            employees=Employee.objects.count(),
            positions=Position.objects.count(),
            agencies=Agency.objects.count(),
        )
        log(f"{facts['employees']} employees, {facts['positions']} positions; counting queries")
        queries_count(probes)
        connections.close_all()

        port = free_port()
        log(f"starting gunicorn on 127.0.0.1:{port}")
        server_env = {**env, **dict(item.split("=", 1) for item in args.server_env)}
        server = server_start(server_env, port, workdir / "gunicorn.log")
        client = Http(port)
        facts["load_before"] = os.getloadavg()[0]
        for username in USERS:
            api_headers = token_sign_in(client, username)
            page_headers = session_sign_in(client, username)
            for probe in (p for p in probes if p.user == username):
                headers = api_headers if probe.kind == "api" else page_headers
                probe_run(client, probe, headers, args.requests, server.pid)
                log(
                    f"{username:<9} {probe.name:<30} p50 {probe.percentile(0.5):6.1f}  "
                    f"p95 {probe.percentile(0.95):6.1f}  max {max(probe.timings_ms):6.1f}  "
                    f"app cpu {probe.app_cpu_ms:5.1f} ms; {probe.queries} queries, "
                    f"SQL {probe.sql_ms:.0f} ms (max {probe.sql_max_ms:.0f})"
                )
        facts["load_after"] = os.getloadavg()[0]
        server_stop(server)
        server = None

        book = workdir / "employees.xlsx"
        log(f"building a workbook of {args.import_employees} new employees")
        started = time.perf_counter()
        admin = User.objects.get(username="admin")
        shape = import_workbook(book, employees=args.import_employees, actor=admin)
        facts["workbook"] = (
            f"{shape['rows']:,} new employees from the import template ({shape['with_position']:,} "
            f"into free seats, the rest without a position; {shape['pppk']:,} PPPK), "
            f"{book.stat().st_size / 1024 / 1024:.1f} MB"
        )
        log(f"workbook built in {time.perf_counter() - started:.1f} s: {facts['workbook']}")
        connections.close_all()
        imports = []
        for key, label, extra in (
            ("dry", "new employees, `--dry-run` (read and validate only)", ["--dry-run"]),
            ("create", "new employees", []),
            ("again", "same file again (nothing changes)", []),
        ):
            run = manage(env, "import_excel", "employees", str(book), "--user", "admin", *extra)
            imports.append({"key": key, "name": label, "run": run, "result": import_counts(run.output)})
            log(f"import, {label}: {run.wall:.1f} s wall, {run.cpu:.1f} s CPU; {imports[-1]['result']}")

        text = markdown(
            args=args, facts=facts, runs=runs, probes=probes, imports=imports, box=machine(server_settings)
        )
        print()
        print(text)
        if not args.no_results:
            section, title = "foundation", "Foundation benchmark"
            if args.what_if_sql or args.server_env:
                # A what-if run gets its own section and leaves the baseline alone.
                changes = [args.what_if_sql.name] if args.what_if_sql else []
                changes += args.server_env
                section = "foundation-" + re.sub(r"[^a-z0-9]+", "-", "-".join(changes).lower()).strip("-")
                title = "Foundation benchmark, what-if: " + ", ".join(f"`{c}`" for c in changes)
            results_write(text, section=section, title=title)
            log(f"written to {RESULTS_FILE}")
        succeeded = True
    finally:
        server_stop(server)
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        if args.keep_db:
            log(f"database {name} kept")
        else:
            database_drop(connect, name)
            log(f"database {name} dropped")
        if succeeded:
            for leftover in workdir.iterdir():
                leftover.unlink()
            workdir.rmdir()
        else:
            log(f"files of the failed run (server log, workbook) kept in {workdir}")


if __name__ == "__main__":
    main()
