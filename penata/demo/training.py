"""The demo province's training: BPSDM's programs, a year of sessions and their
participants, JP, certificates, ratings, external training claims and training needs.

Dates follow the day the demo is loaded (``timezone.localdate()``), not the fixed
reference date of the people and reports: whenever the demo is loaded, the catalogue
has sessions open for enrolment in the next ten weeks, and the sessions of this year are
behind it. (Loaded in the first weeks of a year, the completed sessions fall in the
months before, partly in the previous year.)

The plan (``training_plan``) is plain data drawn from the seed with its own random stream
and the active employees of the database (ordered by NIP), so the people, competency data
and reports of an older demo are unchanged and a province of version 4 gets its training
on the next run. It holds:

- the twelve programs of ``training_data.PROGRAMS``, written through ``program_create``
  (with their competency targets);
- completed sessions this year: eight classroom sessions (capacity 25–40) and e-learning
  classes (``Daring``; an e-learning class takes up to ``ELEARNING_RUN_MAX`` people, so a
  larger province has more classes). Participants are chosen so that about
  ``JP_TARGET_SHARE`` of the active employees reach the yearly JP target: some take two
  sessions, some have one short session and stay behind, and the last e-learning class
  takes fresh people until the share is reached;
- verified external training (with a small PDF as evidence), a few claims of Disdukcapil
  staff awaiting opd_admin's verification, and one rejected claim;
- sessions in the next ten weeks: open ones with requests awaiting the agency's approval
  (some of Disdukcapil, for opd_admin), approved ones awaiting confirmation, confirmed
  seats, one full session with a waiting list; one planned and one cancelled session;
- the ``asn`` account's story: a completed seminar with a certificate and a rating, a
  completed e-learning class still to be rated, and a pending request (through
  ``enrolment_request``) for an upcoming technical guidance.

Sessions and their status changes go through the catalogue services, with the clock set
to each step's time. Participants are many, so their rows are written in bulk: the
enrolment with its final status, attendance per session day, the JP ledger entry and the
certificate of each completed participant, ratings, and the audit event of every step as
the enrolment, ledger and certificate services write it. No notice is emailed to the
(fictitious) employees. Training needs are then computed from the competency gaps
(``training_needs_compute``) and three unit needs are recorded (``training_need_record``):
two from citizens' complaints (Disdukcapil's, marked planned with the upcoming technical
guidance, and the Chasan Boesoirie hospital's emergency unit) and a head of unit's request.

Nothing is added once a session of a demo program exists.
"""

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from penata.accounts.models import Role, User
from penata.competency.models import Competency
from penata.complaints.models import Complaint
from penata.core.calendar import work_calendar
from penata.core.models import AuditEvent
from penata.core.uploads import stored_files_removed_on_error
from penata.core.workdays import WIT
from penata.organization.models import Agency, Unit
from penata.training.models import (
    Attendance,
    Certificate,
    Enrolment,
    EnrolmentStatus,
    ExternalTraining,
    ExternalTrainingStatus,
    JpLedgerEntry,
    LedgerSource,
    NeedSource,
    NeedStatus,
    Program,
    SessionAction,
    SessionRating,
    SessionStatus,
    TrainingSession,
)
from penata.training.services.after import certificate_code_generate
from penata.training.services.enrolment import enrolment_request
from penata.training.services.ledger import JP_STEP
from penata.training.services.needs import (
    training_need_record,
    training_need_set_status,
    training_needs_compute,
)
from penata.training.services.programs import (
    SessionDayInput,
    program_create,
    session_create,
    session_transition,
)
from penata.workforce.models import Employee, EmployeeStatus

from . import bulk
from .complaints import _demo_user
from .training_data import (
    NEED_ADMINDUK_PLANNED,
    NEED_ADMINDUK_REASON,
    NEED_IGD_REASON,
    NEED_UPTD_EVIDENCE,
    NEED_UPTD_REASON,
    PROGRAMS,
    ProgramSpec,
)
from .training_plan import (
    ASN_MOTIVATION,
    CAPIL,
    ORGANIZER,
    ClaimPlan,
    Person,
    SeatPlan,
    SessionPlan,
    TrainingPlan,
    past_window,
    training_plan,
)

# --- evidence ------------------------------------------------------------------------------


def _pdf_text(value: str) -> str:
    value = value.encode("latin-1", "replace").decode("latin-1")
    return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def evidence_pdf(lines: list[str]) -> bytes:
    """A one-page PDF (Helvetica, A4) with ``lines`` of text: the demo's scanned certificate."""
    text = ["BT", "/F1 13 Tf", "72 770 Td", "20 TL"]
    for line in lines:
        text += [f"({_pdf_text(line)}) Tj", "T*"]
    text.append("ET")
    stream = "\n".join(text).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# --- writing -------------------------------------------------------------------------------


class _Clock:
    def __init__(self, today: date):
        self.current = timezone.now()
        self.today = today

    def __call__(self) -> datetime:
        return self.current

    def at(self, day: date, hour: int = 10, minute: int = 0) -> None:
        self.current = datetime.combine(day, time(hour, minute), tzinfo=WIT)


@contextmanager
def _clock(today: date) -> Iterator[_Clock]:
    """Set ``timezone.now`` (which the services, ``created_at`` and the bulk writer read)
    to each step's time while the training is written; ``today``: the load day."""
    clock = _Clock(today)
    previous = timezone.now
    timezone.now = clock
    try:
        yield clock
    finally:
        timezone.now = previous


def _event(
    subject_type: str, subject_id, action: str, to_state, *, from_state=None, actor=None, note=""
) -> dict:
    """An audit event row as ``event_record`` writes it."""
    return {
        "subject_type": subject_type,
        "subject_id": str(subject_id),
        "action": action,
        "actor_id": actor.pk if actor is not None else None,
        "from_state": from_state,
        "to_state": to_state,
        "note": note,
    }


def _add(created: dict[str, int], key: str, count: int) -> None:
    if count:
        created[key] = created.get(key, 0) + count


ENROLMENT = Enrolment._meta.label_lower
EMPLOYEE = Employee._meta.label_lower
CERTIFICATE = Certificate._meta.label_lower
CLAIM = ExternalTraining._meta.label_lower


@dataclass
class _Context:
    clock: _Clock
    created: dict[str, int]
    trainer: User | None
    opd_admin: User | None
    users: dict[int, User]  # employee id → account
    people: dict[int, Person]
    employees: dict[int, Employee]  # read for certificates

    def agency_actor(self, employee: int) -> User | None:
        if self.opd_admin is not None and self.people[employee].agency == CAPIL:
            return self.opd_admin
        return self.trainer

    def events(self, rows: list[dict]) -> None:
        bulk.insert_rows(AuditEvent, rows)


def _programs_write(trainer: User | None, created: dict[str, int]) -> dict[str, Program]:
    existing = {p.code: p for p in Program.objects.filter(code__in=[s.code for s in PROGRAMS])}
    competencies = {c.code: c for c in Competency.objects.filter(is_active=True)}
    for spec in PROGRAMS:
        if spec.code in existing:
            continue
        existing[spec.code] = program_create(
            code=spec.code,
            title=spec.title,
            form=spec.form,
            focus=spec.focus,
            modality=spec.modality,
            jp=spec.jp,
            provider=spec.provider,
            description=spec.description,
            prerequisites=spec.prerequisites,
            attendance_min_percent=spec.attendance_min_percent,
            targets=[(competencies[code], level) for code, level in spec.targets if code in competencies],
            actor=trainer,
        )
        _add(created, "training_programs", 1)
    return existing


def _session_write(plan: SessionPlan, program: Program, spec: ProgramSpec, organizer: Agency, ctx: _Context):
    """The session through the catalogue services, each step at its time."""
    clock = ctx.clock
    if plan.status == SessionStatus.COMPLETED:
        created_on, opened_on = plan.start - timedelta(days=45), plan.start - timedelta(days=44)
    elif plan.status == SessionStatus.CANCELLED:
        created_on, opened_on = clock.today - timedelta(days=40), clock.today - timedelta(days=39)
    elif plan.status == SessionStatus.PLANNED:
        created_on, opened_on = clock.today - timedelta(days=10), None
    else:
        created_on, opened_on = clock.today - timedelta(days=30), clock.today - timedelta(days=29)
    starts_at, ends_at = plan.hours
    clock.at(created_on, 9)
    session = session_create(
        program=program,
        code=plan.code,
        start_date=plan.start,
        end_date=plan.end,
        place=plan.place,
        capacity=plan.capacity,
        organizer=organizer,
        trainers=plan.trainers,
        note=plan.note,
        days=[
            SessionDayInput(
                date=day, starts_at=starts_at, ends_at=ends_at, topic=spec.topics[i % len(spec.topics)]
            )
            for i, day in enumerate(plan.days)
        ],
        actor=ctx.trainer,
    )
    if opened_on is not None:
        clock.at(opened_on, 9, 30)
        session_transition(session=session, action=SessionAction.OPEN, actor=ctx.trainer)
    if plan.status == SessionStatus.CANCELLED:
        clock.at(clock.today - timedelta(days=6), 14)
        session_transition(session=session, action=SessionAction.CANCEL, actor=ctx.trainer)
    _add(ctx.created, "training_sessions", 1)
    return session


def _enrolments(session: TrainingSession, seats: list[SeatPlan], ctx: _Context, **fields) -> list[Enrolment]:
    rows = [
        Enrolment(
            session=session,
            employee_id=seat.employee,
            status=seat.status,
            nominated=seat.nominated,
            requested_by=ctx.agency_actor(seat.employee) if seat.nominated else None,
            motivation=seat.motivation,
            **fields,
        )
        for seat in seats
    ]
    bulk.insert(rows)
    _add(ctx.created, "training_enrolments", len(rows))
    return rows


def _requested_events(session, pairs, ctx: _Context) -> list[dict]:
    """The request or nomination events of (seat, enrolment) pairs."""
    rows = []
    for seat, enrolment in pairs:
        if seat.nominated:
            to = {"status": EnrolmentStatus.APPROVED, "session": session.code}
            rows.append(
                _event(
                    ENROLMENT,
                    enrolment.pk,
                    "training.enrolment.nominate",
                    to,
                    actor=ctx.agency_actor(seat.employee),
                )
            )
        else:
            to = {"status": EnrolmentStatus.PENDING_APPROVAL, "session": session.code}
            rows.append(_event(ENROLMENT, enrolment.pk, "training.enrolment.request", to))
    return rows


def _approved_events(pairs, ctx: _Context) -> list[dict]:
    return [
        _event(
            ENROLMENT,
            enrolment.pk,
            "training.enrolment.approve",
            {"status": EnrolmentStatus.APPROVED},
            from_state={"status": EnrolmentStatus.PENDING_APPROVAL},
            actor=ctx.agency_actor(seat.employee),
        )
        for seat, enrolment in pairs
        if not seat.nominated
    ]


def _confirmed_events(pairs, ctx: _Context, taken: int = 0) -> list[dict]:
    rows = []
    for _seat, enrolment in pairs:
        taken += 1
        rows.append(
            _event(
                ENROLMENT,
                enrolment.pk,
                "training.enrolment.confirm",
                {"status": EnrolmentStatus.CONFIRMED, "seats_taken": taken},
                from_state={"status": EnrolmentStatus.APPROVED},
                actor=ctx.trainer,
            )
        )
    return rows


FINISH_ACTIONS = {
    EnrolmentStatus.COMPLETED: "complete",
    EnrolmentStatus.INCOMPLETE: "mark_incomplete",
    EnrolmentStatus.NO_SHOW: "mark_no_show",
}


def _past_participants_write(plan: SessionPlan, session: TrainingSession, spec: ProgramSpec, ctx: _Context):
    """A completed session's participants, each step at its time, as the enrolment,
    ledger and after-training services write them."""
    clock = ctx.clock
    finished_at = datetime.combine(plan.end, time(17, 0), tzinfo=WIT)
    clock.at(plan.start - timedelta(days=30))
    enrolments = _enrolments(session, plan.seats, ctx, completed_at=finished_at)
    pairs = list(zip(plan.seats, enrolments, strict=True))
    ctx.events(_requested_events(session, pairs, ctx))
    clock.at(plan.start - timedelta(days=27), 11)
    ctx.events(_approved_events(pairs, ctx))
    clock.at(plan.start - timedelta(days=21), 13)
    ctx.events(_confirmed_events(pairs, ctx))
    TrainingSession.objects.filter(pk=session.pk).update(seats_taken=len(pairs))
    clock.at(plan.start - timedelta(days=3), 15)
    session_transition(session=session, action=SessionAction.CLOSE, actor=ctx.trainer)

    trainer_id = ctx.trainer.pk if ctx.trainer is not None else None
    for index, day in enumerate(plan.days):
        clock.at(day, 16, 30)
        rows = [
            {"enrolment_id": e.pk, "date": day, "present": seat.present[index], "recorded_by_id": trainer_id}
            for seat, e in pairs
        ]
        bulk.insert_rows(Attendance, rows)
        _add(ctx.created, "training_attendance", len(rows))
        ctx.events(
            [
                _event(
                    ENROLMENT,
                    e.pk,
                    "training.enrolment.attendance",
                    {"date": day.isoformat(), "present": seat.present[index]},
                    actor=ctx.trainer,
                )
                for seat, e in pairs
            ]
        )

    clock.current = finished_at
    day_count = len(plan.days)
    ctx.events(
        [
            _event(
                ENROLMENT,
                e.pk,
                "training.enrolment." + FINISH_ACTIONS[seat.status],
                {
                    "status": seat.status,
                    "present_days": sum(seat.present),
                    "session_days": day_count,
                    "required_percent": spec.attendance_min_percent,
                },
                from_state={"status": EnrolmentStatus.CONFIRMED},
                actor=ctx.trainer,
            )
            for seat, e in pairs
        ]
    )
    completed = [(seat, e) for seat, e in pairs if seat.status == EnrolmentStatus.COMPLETED]
    entries = [
        JpLedgerEntry(
            employee_id=e.employee_id,
            year=plan.end.year,
            jp=Decimal(spec.jp).quantize(JP_STEP),
            source=LedgerSource.SESSION,
            enrolment=e,
            title=session.program.title,
            form=session.program.form,
            completed_on=plan.end,
        )
        for _seat, e in completed
    ]
    bulk.insert(entries)
    _add(ctx.created, "jp_ledger_entries", len(entries))
    ctx.events([_credited_event(entry, None) for entry in entries])
    clock.current = finished_at + timedelta(minutes=10)
    session_transition(session=session, action=SessionAction.COMPLETE, actor=ctx.trainer)

    clock.at(plan.end + timedelta(days=2), 10)
    certificates = _certificates(completed, plan, session, ctx)
    bulk.insert(certificates)
    _add(ctx.created, "training_certificates", len(certificates))
    ctx.events(
        [
            _event(
                CERTIFICATE,
                c.pk,
                "certificate.issued",
                {"code": c.code, "enrolment": c.enrolment_id, "employee": c.employee_nip},
                actor=ctx.trainer,
            )
            for c in certificates
        ]
    )

    by_day: dict[int, list[tuple[SeatPlan, Enrolment]]] = defaultdict(list)
    for seat, e in pairs:
        if seat.rating is not None:
            by_day[seat.rated_after].append((seat, e))
    for after in sorted(by_day):
        clock.at(plan.end + timedelta(days=after), 19, 15)
        rated = by_day[after]
        rows, events = [], []
        for seat, e in rated:
            values = dict(
                zip(
                    ("content", "trainers", "organisation", "usefulness", "overall"), seat.rating, strict=True
                )
            )
            rows.append({"enrolment_id": e.pk, "comment": seat.comment, **values})
            events.append(
                _event(ENROLMENT, e.pk, "enrolment.rated", values, actor=ctx.users.get(seat.employee))
            )
        bulk.insert_rows(SessionRating, rows)
        _add(ctx.created, "session_ratings", len(rows))
        ctx.events(events)


def _credited_event(entry: JpLedgerEntry, actor: User | None) -> dict:
    return _event(
        EMPLOYEE,
        entry.employee_id,
        "employee.jp_credited",
        {
            "entry": entry.pk,
            "year": entry.year,
            "jp": str(entry.jp),
            "source": entry.source,
            "enrolment": entry.enrolment_id,
            "external_training": entry.external_training_id,
            "title": entry.title,
        },
        actor=actor,
    )


def _certificates(completed, plan: SessionPlan, session: TrainingSession, ctx: _Context) -> list[Certificate]:
    codes: set[str] = set()
    while len(codes) < len(completed):
        codes.add(certificate_code_generate())
        if len(codes) == len(completed):
            # The demo's codes are new, but a database may hold certificates already.
            codes -= set(Certificate.objects.filter(code__in=codes).values_list("code", flat=True))
    program = session.program
    return [
        Certificate(
            enrolment=e,
            code=code,
            employee_name=ctx.employees[e.employee_id].full_name,
            employee_nip=ctx.employees[e.employee_id].nip,
            program_title=program.title,
            jp=program.jp,
            start_date=plan.start,
            end_date=plan.end,
            signatory_name=settings.PENATA_CERTIFICATE_SIGNATORY_NAME,
            signatory_title=settings.PENATA_CERTIFICATE_SIGNATORY_TITLE,
            issued_at=ctx.clock.current,
            issued_by=ctx.trainer,
        )
        for (_seat, e), code in zip(completed, sorted(codes), strict=True)
    ]


def _upcoming_participants_write(plan: SessionPlan, session: TrainingSession, ctx: _Context) -> None:
    """An open session's requests, approvals, confirmed seats and waiting list, as the
    enrolment services leave them."""
    clock = ctx.clock
    taken = 0
    groups: dict[int, list[SeatPlan]] = defaultdict(list)
    for seat in plan.seats:
        groups[seat.ago].append(seat)
    for ago in sorted(groups, reverse=True):
        seats = groups[ago]
        asked = clock.today - timedelta(days=ago)
        clock.at(asked, 10, 5)
        waitlisted = [s for s in seats if s.status == EnrolmentStatus.WAITLISTED]
        enrolments = _enrolments(session, seats, ctx)
        pairs = list(zip(seats, enrolments, strict=True))
        ctx.events(_requested_events(session, pairs, ctx))
        decided = [(s, e) for s, e in pairs if s.status != EnrolmentStatus.PENDING_APPROVAL]
        if decided:
            clock.at(asked + timedelta(days=2), 11)
            ctx.events(_approved_events(decided, ctx))
        confirmed = [(s, e) for s, e in pairs if s.status == EnrolmentStatus.CONFIRMED]
        if confirmed:
            clock.at(asked + timedelta(days=3), 13)
            ctx.events(_confirmed_events(confirmed, ctx, taken))
            taken += len(confirmed)
        if waitlisted:
            clock.at(asked + timedelta(days=4), 13, 30)
            rows = []
            for index, (_seat, e) in enumerate(
                (s, e) for s, e in pairs if s.status == EnrolmentStatus.WAITLISTED
            ):
                # Served in the order they joined the list.
                e.waitlisted_at = clock.current + timedelta(minutes=index)
                rows.append(
                    _event(
                        ENROLMENT,
                        e.pk,
                        "training.enrolment.waitlist",
                        {"status": EnrolmentStatus.WAITLISTED},
                        from_state={"status": EnrolmentStatus.APPROVED},
                        actor=ctx.trainer,
                    )
                )
                Enrolment.objects.filter(pk=e.pk).update(waitlisted_at=e.waitlisted_at)
            ctx.events(rows)
    TrainingSession.objects.filter(pk=session.pk).update(seats_taken=taken)


def _claims_write(plan: TrainingPlan, ctx: _Context, written: list) -> None:
    """External training claims with their evidence, verified or rejected by the agency, as
    the ledger services write them (a claim submitted, then decided)."""
    clock = ctx.clock
    by_day: dict[date, list[ClaimPlan]] = defaultdict(list)
    for claim in plan.claims:
        by_day[claim.submitted_on].append(claim)
    decided: dict[date, list[tuple[ClaimPlan, ExternalTraining]]] = defaultdict(list)
    for day in sorted(by_day):
        clock.at(day, 20, 10)
        rows = []
        for claim in by_day[day]:
            person = ctx.people[claim.employee]
            content = evidence_pdf(
                [
                    "SERTIFIKAT",
                    claim.spec.provider,
                    "diberikan kepada",
                    f"{person.name} (NIP {person.nip})",
                    f"telah mengikuti {claim.spec.title}",
                    f"{claim.start.isoformat()} s.d. {claim.end.isoformat()}, {claim.spec.jp} JP",
                ]
            )
            row = ExternalTraining(
                employee_id=claim.employee,
                title=claim.spec.title,
                provider=claim.spec.provider,
                form=claim.spec.form,
                start_date=claim.start,
                end_date=claim.end,
                jp=claim.spec.jp.quantize(JP_STEP),
                evidence_name=f"sertifikat-{claim.end.isoformat()}.pdf",
                evidence_content_type="application/pdf",
                evidence_size=len(content),
                status=claim.status,
                decided_at=datetime.combine(claim.decided_on, time(10, 0), tzinfo=WIT)
                if claim.decided_on
                else None,
                decision_note=claim.note,
            )
            if claim.decided_on is not None:
                row.decided_by = ctx.agency_actor(claim.employee)
            row.evidence.save("evidence.pdf", ContentFile(content), save=False)
            written.append((row.evidence.storage, row.evidence.name))
            rows.append(row)
            if claim.decided_on is not None:
                decided[claim.decided_on].append((claim, row))
        bulk.insert(rows)
        _add(ctx.created, "external_trainings", len(rows))
        ctx.events(
            [
                _event(
                    CLAIM,
                    row.pk,
                    "external_training.submitted",
                    {
                        "status": ExternalTrainingStatus.SUBMITTED,
                        "employee": row.employee_id,
                        "title": row.title,
                        "jp": str(row.jp),
                        "start_date": row.start_date.isoformat(),
                        "end_date": row.end_date.isoformat(),
                        "evidence": {
                            "name": row.evidence_name,
                            "type": row.evidence_content_type,
                            "size": row.evidence_size,
                        },
                    },
                )
                for row in rows
            ]
        )
    for day in sorted(decided):
        clock.at(day, 10)
        pairs = decided[day]
        entries = [
            JpLedgerEntry(
                employee_id=row.employee_id,
                year=row.end_date.year,
                jp=row.jp,
                source=LedgerSource.EXTERNAL,
                external_training=row,
                title=row.title,
                form=row.form,
                completed_on=row.end_date,
            )
            for claim, row in pairs
            if claim.status == ExternalTrainingStatus.VERIFIED
        ]
        bulk.insert(entries)
        _add(ctx.created, "jp_ledger_entries", len(entries))
        entry_of = {entry.external_training_id: entry for entry in entries}
        events = []
        for claim, row in pairs:
            actor = ctx.agency_actor(claim.employee)
            if claim.status == ExternalTrainingStatus.VERIFIED:
                entry = entry_of[row.pk]
                to = {"status": row.status, "entry": entry.pk, "jp": str(entry.jp), "year": entry.year}
                events.append(
                    _event(
                        CLAIM,
                        row.pk,
                        "external_training.verified",
                        to,
                        from_state={"status": "submitted"},
                        actor=actor,
                        note=claim.note,
                    )
                )
                events.append(_credited_event(entry, actor))
            else:
                events.append(
                    _event(
                        CLAIM,
                        row.pk,
                        "external_training.rejected",
                        {"status": row.status},
                        from_state={"status": "submitted"},
                        actor=actor,
                        note=claim.note,
                    )
                )
        ctx.events(events)


def _needs_record(agencies: dict[str, Agency], ctx: _Context, year: int, planned_session: str) -> int:
    """Unit needs from citizens' complaints and a head of unit's request (Disdukcapil's two,
    the Chasan Boesoirie hospital's emergency unit one). The training manager answered the
    Disdukcapil complaints with ``planned_session`` (its code; none: left open)."""
    units = {
        (u.agency.code, u.code): u
        for u in Unit.objects.select_related("agency").filter(agency__code__in=[CAPIL, "RSUD-CB"])
    }
    competencies = {
        c.code: c
        for c in Competency.objects.filter(code__in=["T.DUKCAPIL.02", "M.05", "M.03"], is_active=True)
    }

    def complaint_codes(agency: str, category: str) -> list[str]:
        return list(
            Complaint.objects.filter(agency__code=agency, category__code=category)
            .order_by("submitted_at", "pk")
            .values_list("tracking_code", flat=True)[:6]
        )

    recorded = 0
    if CAPIL in agencies:
        codes = complaint_codes(CAPIL, "ADMINDUK")
        need = training_need_record(
            agency=agencies[CAPIL],
            unit=units.get((CAPIL, "BID-PPP")),
            competency=competencies.get("T.DUKCAPIL.02") or competencies.get("M.05"),
            source=NeedSource.COMPLAINTS,
            reason=NEED_ADMINDUK_REASON,
            evidence={"references": codes, "category": "ADMINDUK", "complaints": len(codes)} if codes else {},
            signal_key=f"complaints:{CAPIL}:ADMINDUK:{year}",
            year=year,
        )
        if planned_session:
            training_need_set_status(
                need=need,
                status=NeedStatus.PLANNED,
                actor=ctx.trainer,
                note=NEED_ADMINDUK_PLANNED.format(code=planned_session),
            )
        training_need_record(
            agency=agencies[CAPIL],
            unit=units.get((CAPIL, "UPTD-PAKT")),
            competency=competencies.get("M.05"),
            source=NeedSource.UNIT_REQUEST,
            reason=NEED_UPTD_REASON,
            evidence={"references": list(NEED_UPTD_EVIDENCE)},
            actor=ctx.opd_admin,
            year=year,
        )
        recorded += 2
    if "RSUD-CB" in agencies:
        codes = complaint_codes("RSUD-CB", "RUMAHSAKIT")
        training_need_record(
            agency=agencies["RSUD-CB"],
            unit=units.get(("RSUD-CB", "INST-GD")),
            competency=competencies.get("M.03"),
            source=NeedSource.COMPLAINTS,
            reason=NEED_IGD_REASON,
            evidence={"references": codes, "category": "RUMAHSAKIT", "complaints": len(codes)}
            if codes
            else {},
            signal_key=f"complaints:RSUD-CB:RUMAHSAKIT:{year}",
            year=year,
        )
        recorded += 1
    return recorded


def _roster() -> list[Person]:
    rows = (
        Employee.objects.filter(status=EmployeeStatus.ACTIVE)
        .order_by("nip")
        .values_list("pk", "nip", "full_name", "agency__code", "position__position_class")
    )
    return [Person(pk, nip, name, agency, cls or "") for pk, nip, name, agency, cls in rows]


def training_write(*, seed: int, agencies: dict[str, Agency], created: dict[str, int], say) -> None:
    """The demo programs (missing ones), then, unless a session of a demo program exists
    already, the planned sessions, participants, claims and training needs."""
    say("training programs")
    trainer = _demo_user("trainer", {Role.TRAINING_MANAGER})
    opd_admin = _demo_user("opd_admin", {Role.AGENCY_ADMIN}, CAPIL)
    asn_user = _demo_user("asn", {Role.EMPLOYEE}, CAPIL)
    today = timezone.localdate()
    window = past_window(today)
    with _clock(today) as clock:
        # The catalogue existed before its first session was announced.
        clock.at(window[0] - timedelta(days=60), 9)
        programs = _programs_write(trainer, created)
    organizer = agencies.get(ORGANIZER)
    if organizer is None or TrainingSession.objects.filter(program__in=programs.values()).exists():
        return
    calendar = work_calendar(range(window[0].year - 1, today.year + 2))
    people = _roster()
    ids = {p.id for p in people}
    asn = asn_user.employee_id if asn_user is not None and asn_user.employee_id in ids else None
    say("training plan")
    plan = training_plan(
        people=people, asn=asn, seed=seed, today=today, is_working_day=calendar.is_working_day
    )
    specs = {spec.code: spec for spec in PROGRAMS}
    finished = {
        seat.employee for s in plan.sessions if s.status == SessionStatus.COMPLETED for seat in s.seats
    }
    with stored_files_removed_on_error() as written, _clock(today) as clock:
        ctx = _Context(
            clock=clock,
            created=created,
            trainer=trainer,
            opd_admin=opd_admin,
            users={asn: asn_user} if asn is not None else {},
            people={p.id: p for p in people},
            employees=Employee.objects.only("full_name", "nip").in_bulk(list(finished)),
        )
        say("training sessions")
        sessions = {}
        for session_plan in plan.sessions:
            spec = specs[session_plan.program]
            session = _session_write(session_plan, programs[session_plan.program], spec, organizer, ctx)
            sessions[session_plan.code] = session
            if session_plan.status == SessionStatus.COMPLETED:
                _past_participants_write(session_plan, session, spec, ctx)
            elif session_plan.status == SessionStatus.OPEN:
                _upcoming_participants_write(session_plan, session, ctx)
        say("external training")
        _claims_write(plan, ctx, written)
        if asn is not None and plan.asn_request:
            clock.at(today - timedelta(days=1), 19, 30)
            enrolment_request(
                session=sessions[plan.asn_request],
                employee=Employee.objects.get(pk=asn),
                actor=asn_user,
                motivation=ASN_MOTIVATION,
            )
            _add(created, "training_enrolments", 1)
    say("training needs")
    recorded = _needs_record(agencies, ctx, today.year, plan.capil_session)
    _add(created, "training_needs", training_needs_compute(year=today.year) + recorded)
