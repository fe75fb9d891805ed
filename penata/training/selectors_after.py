"""Reads after a session: rating results, the post-training assessment sheet, certificates."""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet

from penata.competency.models import Assessment, AssessmentMethod
from penata.competency.selectors import levels_that_count
from penata.workforce.models import Employee

from .models import (
    Attendance,
    Certificate,
    Enrolment,
    EnrolmentStatus,
    Program,
    ProgramCompetency,
    RatingItem,
    SessionRating,
    TrainingSession,
)

RATING_VALUES = (1, 2, 3, 4, 5)


# --- ratings -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemResult:
    item: str
    label: str
    average: float | None
    # (value, count, percent of the ratings) for 5 down to 1
    distribution: list[tuple[int, int, float]]

    @property
    def percent(self) -> float:
        """The average as a share of the top mark, for a bar."""
        return 100.0 * self.average / 5 if self.average is not None else 0.0


@dataclass(frozen=True)
class RatingResults:
    count: int
    items: list[ItemResult]
    attended: int | None = None  # participants who may rate (a session's results only)

    @property
    def response_percent(self) -> float | None:
        if not self.attended:
            return None
        return 100.0 * self.count / self.attended

    @property
    def overall(self) -> ItemResult:
        return next(result for result in self.items if result.item == RatingItem.OVERALL)


def _results(ratings: QuerySet[SessionRating], *, attended: int | None = None) -> RatingResults:
    """Average and distribution of every item: one aggregate query."""
    aggregates: dict = {"n": Count("pk")}
    for item in RatingItem.values:
        aggregates[f"{item}__avg"] = Avg(item)
        for value in RATING_VALUES:
            aggregates[f"{item}__{value}"] = Count("pk", filter=Q(**{item: value}))
    row = ratings.aggregate(**aggregates)
    count = row["n"]
    items = []
    for item in RatingItem:
        distribution = [
            (
                value,
                row[f"{item.value}__{value}"],
                100.0 * row[f"{item.value}__{value}"] / count if count else 0.0,
            )
            for value in reversed(RATING_VALUES)
        ]
        average = row[f"{item.value}__avg"]
        items.append(
            ItemResult(
                item=item.value,
                label=str(item.label),
                average=float(average) if average is not None else None,
                distribution=distribution,
            )
        )
    return RatingResults(count=count, items=items, attended=attended)


def _attended(enrolments: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    """Those who may rate (the rule of ``services.after.has_attended``), in SQL."""
    present = Attendance.objects.filter(enrolment=OuterRef("pk"), present=True)
    return enrolments.filter(
        Q(status=EnrolmentStatus.COMPLETED) | Q(Exists(present), status=EnrolmentStatus.INCOMPLETE)
    )


def session_rating_results(*, session: TrainingSession) -> RatingResults:
    attended = _attended(Enrolment.objects.filter(session=session)).count()
    return _results(SessionRating.objects.filter(enrolment__session=session), attended=attended)


def program_rating_results(*, program: Program) -> RatingResults:
    return _results(SessionRating.objects.filter(enrolment__session__program=program))


def program_sessions_rated(*, program: Program) -> QuerySet[TrainingSession]:
    """The program's sessions with their number of ratings and average per item."""
    annotations = {"rating_count": Count("enrolments__rating")}
    for item in RatingItem.values:
        annotations[f"{item}_average"] = Avg(f"enrolments__rating__{item}")
    return (
        TrainingSession.objects.filter(program=program)
        .annotate(**annotations)
        .order_by("-start_date", "code")
    )


def rating_comments(*, ratings: QuerySet[SessionRating]) -> QuerySet[SessionRating]:
    """Comments, newest first, without who wrote them (the results pages show none)."""
    return (
        ratings.exclude(comment="")
        .select_related("enrolment__session")
        .only("comment", "overall", "created_at", "enrolment__session__code")
        .order_by("-created_at", "-id")
    )


def session_ratings(*, session: TrainingSession) -> QuerySet[SessionRating]:
    return SessionRating.objects.filter(enrolment__session=session)


def program_ratings(*, program: Program) -> QuerySet[SessionRating]:
    return SessionRating.objects.filter(enrolment__session__program=program)


def enrolments_awaiting_rating(*, employee: Employee) -> QuerySet[Enrolment]:
    """The employee's sessions they attended and have not rated yet."""
    return (
        _attended(Enrolment.objects.filter(employee=employee))
        .filter(rating__isnull=True)
        .select_related("session__program")
        .order_by("-session__end_date", "-id")
    )


# --- post-training assessment sheet ------------------------------------------------------


@dataclass
class SheetCell:
    target: ProgramCompetency
    current: int | None
    recorded: int | None
    field_name: str
    bound_field: object = None


@dataclass
class SheetRow:
    enrolment: Enrolment
    cells: list[SheetCell] = field(default_factory=list)


def completed_enrolments(*, session: TrainingSession) -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.filter(session=session, status=EnrolmentStatus.COMPLETED)
        .select_related("employee")
        .order_by("employee__full_name", "id")
    )


def program_targets(*, program: Program) -> list[ProgramCompetency]:
    return list(
        ProgramCompetency.objects.filter(program=program)
        .select_related("competency")
        .order_by("competency__code")
    )


def post_training_sheet(
    *, session: TrainingSession, enrolments: list[Enrolment], targets: list[ProgramCompetency]
) -> list[SheetRow]:
    """For each participant and competency: the level that counts now and the level this
    session's post-training assessment recorded, if any. Three queries."""
    employee_ids = [e.employee_id for e in enrolments]
    codes = {t.competency_id: t.competency.code for t in targets}
    current = levels_that_count(employee_ids=employee_ids, codes=None) if employee_ids else {}
    recorded: dict[tuple[int, int], int] = {}
    if employee_ids and targets:
        rows = (
            Assessment.objects.filter(
                employee_id__in=employee_ids,
                competency_id__in=list(codes),
                method=AssessmentMethod.POST_TRAINING,
                is_valid=True,
            )
            .filter(Q(note=session.code) | Q(note__startswith=f"{session.code} — "))
            .order_by("assessed_on", "id")
            .values_list("employee_id", "competency_id", "level")
        )
        for employee_id, competency_id, level in rows:
            recorded[(employee_id, competency_id)] = level
    sheet = []
    for enrolment in enrolments:
        levels = current.get(enrolment.employee_id, {})
        row = SheetRow(enrolment=enrolment)
        for target in targets:
            row.cells.append(
                SheetCell(
                    target=target,
                    current=levels.get(target.competency.code),
                    recorded=recorded.get((enrolment.employee_id, target.competency_id)),
                    field_name=f"level-{enrolment.pk}-{target.competency_id}",
                )
            )
        sheet.append(row)
    return sheet


# --- certificates ------------------------------------------------------------------------


def session_certificate_rows(*, session: TrainingSession) -> QuerySet[Enrolment]:
    """Completed participants with their certificate, if issued (one query)."""
    return (
        Enrolment.objects.filter(session=session, status=EnrolmentStatus.COMPLETED)
        .select_related("employee", "certificate")
        .order_by("employee__full_name", "id")
    )


def certificates_of(*, employee: Employee) -> QuerySet[Certificate]:
    return (
        Certificate.objects.filter(enrolment__employee=employee)
        .select_related("enrolment__session")
        .order_by("-issued_at", "-id")
    )


def certificate_by_code(code: str) -> Certificate | None:
    """The public check reads only what the certificate says (its snapshot)."""
    return Certificate.objects.filter(code=code).first()
