"""Training needs for the province: ``training_needs_compute`` over the demo province
(50,000 employees, ~20,500 positions, ~214,000 standard rows, ~410,000 assessments) on
PostgreSQL.

    .venv/bin/python bench/training_needs.py [--load] [--employees 50000] [--repeat 3]
        [--database-url postgres://postgres@127.0.0.1:5432/penata_bench_needs] [--no-results]

With ``--load`` the database is dropped and recreated, migrated, loaded with
``manage.py load_demo --employees N`` and ``VACUUM ANALYZE``d (``jpm_db.load``, the
builder the competency benchmark uses); without it the database must already hold the
demo province. Then, for the current year:

1. JP already credited: verified external training for ``--jp-share`` of the active staff
   (5–30 JP each, so some are past the 20 JP target), written once;
2. *first computation of the year*: the year's gap needs are deleted (and the table
   vacuumed), then computed from nothing, so every need is inserted;
3. *unchanged*: computed again ``--repeat`` times with nothing changed (what most nightly
   runs meet);
4. *a working day*: new assessments for ``--churn`` of the staff with a standard (one
   competency each, at a random level) and JP credited to as many others, then computed
   once: the nightly run after a busy day;
5. one agency (the demo's Disdukcapil) recomputed alone, unchanged.

Each run is timed (wall, and the CPU of this Python process; PostgreSQL's own work is in
the wall time only) with its SQL statements counted, and what it wrote is read from its
audit event. Results are printed and written into ``bench/RESULTS.md`` between the
``training-needs`` markers.
"""

import argparse
import os
import platform
import random
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from foundation import results_write
from jpm_db import database_parts, load

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/penata_bench_needs"
SECTION, TITLE = "training-needs", "Training needs for the province"
TARGET_SECONDS = 10.0
SMALL_AGENCY = "DISDUKCAPIL"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("PENATA_ENV", "development")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def credit_jp(*, year: int, share: float, rng: random.Random, exclude: set[int]) -> int:
    """Verified external training for ``share`` of the active staff not in ``exclude``."""
    from django.db import transaction

    from penata.training.models import (
        ExternalTraining,
        ExternalTrainingStatus,
        JpLedgerEntry,
        LedgerSource,
        TrainingForm,
    )
    from penata.workforce.models import Employee

    staff = [
        pk
        for pk in Employee.objects.filter(status="active").values_list("pk", flat=True)
        if pk not in exclude
    ]
    chosen = rng.sample(staff, int(len(staff) * share))
    start = date(year, 1, 15)
    with transaction.atomic():
        trainings = ExternalTraining.objects.bulk_create(
            [
                ExternalTraining(
                    employee_id=pk,
                    title="Pelatihan daring",
                    provider="ASN Unggul",
                    form=TrainingForm.E_LEARNING,
                    start_date=start + timedelta(days=n % 200),
                    end_date=start + timedelta(days=n % 200),
                    jp=Decimal(rng.randint(10, 60)) / 2,
                    evidence="training/evidence/bench.pdf",
                    evidence_name="sertifikat.pdf",
                    evidence_content_type="application/pdf",
                    evidence_size=100_000,
                    status=ExternalTrainingStatus.VERIFIED,
                )
                for n, pk in enumerate(chosen)
            ],
            batch_size=2000,
        )
        JpLedgerEntry.objects.bulk_create(
            [
                JpLedgerEntry(
                    employee_id=t.employee_id,
                    year=year,
                    jp=t.jp,
                    source=LedgerSource.EXTERNAL,
                    external_training=t,
                    title=t.title,
                    form=t.form,
                    completed_on=t.end_date,
                )
                for t in trainings
            ],
            batch_size=2000,
        )
    return len(chosen)


def working_day(*, year: int, churn: float, rng: random.Random) -> tuple[int, int]:
    """New assessments for ``churn`` of the staff with a standard, JP for as many others."""
    from django.db import transaction

    from penata.competency.models import Assessment, AssessmentMethod, PositionStandard
    from penata.workforce.models import Employee

    holders = list(
        Employee.objects.filter(status="active", position__standards__isnull=False)
        .values_list("pk", "position_id")
        .distinct()
    )
    standards: dict[int, list[int]] = {}
    for position_id, competency_id in PositionStandard.objects.values_list("position_id", "competency_id"):
        standards.setdefault(position_id, []).append(competency_id)
    chosen = rng.sample(holders, int(len(holders) * churn))
    today = date(year, 11, 20)
    with transaction.atomic():
        Assessment.objects.bulk_create(
            [
                Assessment(
                    employee_id=pk,
                    competency_id=rng.choice(standards[position_id]),
                    level=rng.randint(1, 5),
                    assessed_on=today,
                    method=AssessmentMethod.SUPERVISOR,
                    assessor_name="Penilai Bench",
                )
                for pk, position_id in chosen
            ],
            batch_size=2000,
        )
    credited = credit_jp(year=year, share=churn, rng=rng, exclude={pk for pk, _position in chosen})
    return len(chosen), credited


def timed(call) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from penata.core.models import AuditEvent

    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    with CaptureQueriesContext(connection) as captured:
        started, cpu = time.perf_counter(), time.process_time()
        needs = call()
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    event = AuditEvent.objects.filter(id__gt=last, action="training_need.computed").order_by("-id").first()
    written = event.to_state if event else {}
    return {"wall": wall, "cpu": cpu, "queries": len(captured), "needs": needs, **written}


def vacuum(table: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {table}")


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load1, _load5, _load15 = os.getloadavg()
    return (
        f"{os.cpu_count()} cores, {memory:.1f} GiB, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, load average {load1:.1f} at the start"
    )


def run(args) -> str:
    setup(args.database_url)
    from django.db import connection
    from django.utils import timezone

    from penata.organization.models import Agency
    from penata.training.models import JpLedgerEntry, NeedSource, TrainingNeed
    from penata.training.services.needs import training_needs_compute
    from penata.workforce.models import Employee

    rng = random.Random(args.seed)
    year = timezone.localdate().year
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
        cursor.execute("SHOW autovacuum")
        autovacuum = cursor.fetchone()[0]
    if not JpLedgerEntry.objects.filter(year=year).exists():
        log("crediting JP ...")
        credit_jp(year=year, share=args.jp_share, rng=rng, exclude=set())
        vacuum("training_jpledgerentry")
    counted = Employee.objects.filter(status__in=("active", "on_leave"), position__isnull=False).count()
    ledger = JpLedgerEntry.objects.filter(year=year).count()
    rows = []

    log("first computation of the year ...")
    TrainingNeed.objects.filter(year=year, source=NeedSource.GAP).delete()
    vacuum("training_trainingneed")
    rows.append(
        (
            "first computation of the year (every need inserted)",
            [timed(lambda: training_needs_compute(year=year))],
        )
    )
    vacuum("training_trainingneed")

    log("unchanged ...")
    rows.append(
        (
            "unchanged (nothing to write)",
            [timed(lambda: training_needs_compute(year=year)) for _ in range(args.repeat)],
        )
    )

    log("a working day ...")
    # Seeded by what earlier runs left, so that a rerun on the same database changes new people.
    from penata.competency.models import Assessment

    day_rng = random.Random(args.seed + Assessment.objects.count())
    assessed, credited = working_day(year=year, churn=args.churn, rng=day_rng)
    day = timed(lambda: training_needs_compute(year=year))
    rows.append(
        (
            f"after a working day ({assessed:,} new assessments, {credited:,} JP credits)",
            [day],
        )
    )

    agency = Agency.objects.get(code=SMALL_AGENCY)
    log("one agency ...")
    rows.append(
        (
            f"one agency ({SMALL_AGENCY}), unchanged",
            [timed(lambda: training_needs_compute(year=year, agency=agency)) for _ in range(args.repeat)],
        )
    )

    lines = [
        f"PostgreSQL {server} (autovacuum {autovacuum}), {counted:,} staff counted (active or on leave, "
        f"with a position), {ledger:,} JP ledger entries of {year}. {machine()}; "
        f"{timezone.localdate().isoformat()}.",
        "",
        "| run | best | median | CPU (median) | queries | needs | inserted | updated | deleted |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, runs in rows:
        walls, cpus = sorted(r["wall"] for r in runs), sorted(r["cpu"] for r in runs)
        first = runs[0]
        lines.append(
            f"| {label} | {walls[0]:.2f} s | {walls[len(walls) // 2]:.2f} s | {cpus[len(cpus) // 2]:.2f} s | "
            f"{first['queries']} | {first['needs']:,} | {first.get('created', 0):,} | "
            f"{first.get('updated', 0):,} | {first.get('deleted', 0):,} |"
        )
    nightly = max(r["wall"] for label, runs in rows[1:3] for r in runs)
    lines += [
        "",
        f"Target ≤ {TARGET_SECONDS:.0f} s for the nightly recomputation of the province: "
        f"{'met' if nightly <= TARGET_SECONDS else '**not met**'} ({nightly:.2f} s at worst). "
        f"The first computation of a year (every row inserted): {rows[0][1][0]['wall']:.2f} s.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--load", action="store_true", help="drop, recreate and load the database first")
    parser.add_argument("--employees", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jp-share", type=float, default=0.6, help="share of active staff with JP this year")
    parser.add_argument("--churn", type=float, default=0.02, help="share of staff changed by a working day")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-results", action="store_true", help="print only, leave RESULTS.md alone")
    args = parser.parse_args()
    database_parts(args.database_url)
    loaded = load(args.database_url, args.employees) if args.load else None
    text = run(args)
    if loaded:
        text = (
            f"`load_demo --employees {args.employees}`: {loaded['load_wall']:.1f} s wall, "
            f"then `VACUUM ANALYZE` {loaded['vacuum']:.1f} s.\n\n" + text
        )
    text = "`bench/training_needs.py` (see README).\n\n" + text
    print(text)
    if not args.no_results:
        results_write(text, section=SECTION, title=TITLE)


if __name__ == "__main__":
    main()
