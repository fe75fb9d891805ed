"""The routing model in the application: training from the database, storing versions,
importing historical reports, and the suggestions the verifier sees.

The pure model lives in ``routing/classifier.py``; this module feeds it and keeps its
trained versions (``RoutingModelVersion``).

Training data
    Penata's own reports that a verifier dispatched (status dispatched, answered or
    finished; their category and *current* agency, so a referral teaches the model the
    agency that finally handled it) plus ``TrainingReport`` rows (history imported from CSV,
    the demo's reports). Only active categories are used. At most
    ``PENATA_ROUTING_MAX_TRAINING_REPORTS`` reports (default 50,000), the newest first: a
    year of the province's reports, and training stays within a few minutes.

Training (``routing_model_train``)
    Refused (``RoutingTrainingRefused``) below ``MIN_TRAINING_REPORTS`` reports or with
    fewer than two categories. Otherwise a version row is written first (status
    ``training``, committed, so the page shows it), the model is evaluated on a stratified
    held-out 20% (top-1 and top-3 stored on the version), then trained on everything and
    saved as a joblib file in the default storage under ``routing/``. The version ends
    ``ready`` or ``failed`` with the error text, with an audit event either way. The fit
    runs outside any transaction: on SQLite a transaction held for seconds would block
    every other writer. Only the newest ``KEEP_MODEL_FILES`` files are kept.

Suggestions (``route_suggestions``)
    One cheap query per call finds the newest ready version; its model is loaded once per
    process and kept until a newer version appears. Suggestions of a category deactivated
    since the training are dropped.
"""

import logging
import math
import tempfile
import threading
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from sklearn.model_selection import train_test_split

from penata.core.errors import ApplicationError
from penata.core.events import event_record

from ..models import (
    DESCRIPTION_MAX_LENGTH,
    Complaint,
    ComplaintCategory,
    ComplaintStatus,
    RoutingModelStatus,
    RoutingModelVersion,
    TrainingReport,
)
from ..routing.classifier import RANDOM_STATE, ModelFormatError, RoutingModel, Suggestion
from .routing_import import (
    TrainingImportIssue,
    TrainingImportResult,
    training_reports_create,
    training_reports_import,
)

logger = logging.getLogger(__name__)

MIN_TRAINING_REPORTS = 10
MIN_TRAINING_CATEGORIES = 2
DEFAULT_MAX_TRAINING_REPORTS = 50_000
HELD_OUT_SHARE = 0.2
KEEP_MODEL_FILES = 5
# A version still "training" after this long lost its worker (hard time limit, restart).
STALE_TRAINING = timedelta(hours=1)
# Reports whose category and agency a verifier confirmed by dispatching them.
TRAINED_STATUSES = (ComplaintStatus.DISPATCHED, ComplaintStatus.ANSWERED, ComplaintStatus.FINISHED)
ERROR_MAX_LENGTH = 2000


class RoutingTrainingRefused(ApplicationError):
    code = "routing_not_enough_data"


@dataclass(frozen=True)
class TrainingData:
    texts: list[str]
    categories: list[str]
    agencies: list[str | None]
    from_reports: int
    from_training_reports: int

    @property
    def n_categories(self) -> int:
        return len(set(self.categories))


# --- training data -----------------------------------------------------------------------


def _max_training_reports() -> int:
    return getattr(settings, "PENATA_ROUTING_MAX_TRAINING_REPORTS", DEFAULT_MAX_TRAINING_REPORTS)


def _dispatched_reports():
    return Complaint.objects.filter(
        status__in=TRAINED_STATUSES, agency__isnull=False, category__is_active=True
    )


def _training_reports():
    return TrainingReport.objects.filter(category__is_active=True)


def routing_training_data() -> TrainingData:
    """Everything the next model learns from: dispatched reports first, then training reports."""
    cap = _max_training_reports()
    reports = list(
        _dispatched_reports()
        .order_by("-submitted_at", "-id")
        .values_list("description", "category__code", "agency__code")[:cap]
    )
    imported = list(
        _training_reports()
        .order_by("-id")
        .values_list("description", "category__code", "agency__code")[: max(0, cap - len(reports))]
    )
    rows = reports + imported
    return TrainingData(
        texts=[row[0] for row in rows],
        categories=[row[1] for row in rows],
        agencies=[row[2] for row in rows],
        from_reports=len(reports),
        from_training_reports=len(imported),
    )


def routing_training_counts() -> dict[str, int]:
    """How much there is to learn from, counted in the database (three queries)."""
    reports = _dispatched_reports().count()
    training = _training_reports().count()
    categories = set(_dispatched_reports().values_list("category_id", flat=True).distinct())
    categories |= set(_training_reports().values_list("category_id", flat=True).distinct())
    return {
        "reports": reports,
        "training_reports": training,
        "total": min(reports + training, _max_training_reports()),
        "categories": len(categories),
    }


def _refusal(n_reports: int, n_categories: int) -> RoutingTrainingRefused | None:
    if n_reports < MIN_TRAINING_REPORTS:
        return RoutingTrainingRefused(
            _(
                "The routing model needs at least %(min)s dispatched or imported reports to learn "
                "from; there are %(count)s. Import historical reports from a CSV file first."
            )
            % {"min": MIN_TRAINING_REPORTS, "count": n_reports},
            code="routing_too_few_reports",
        )
    if n_categories < MIN_TRAINING_CATEGORIES:
        return RoutingTrainingRefused(
            _(
                "The routing model needs reports of at least %(min)s categories to learn from; "
                "there are %(count)s."
            )
            % {"min": MIN_TRAINING_CATEGORIES, "count": n_categories},
            code="routing_too_few_categories",
        )
    return None


def _default_agencies() -> dict[str, str]:
    """Category code → default agency code, as the categories stand in the database now."""
    return dict(
        ComplaintCategory.objects.filter(default_agency__isnull=False).values_list(
            "code", "default_agency__code"
        )
    )


# --- training ----------------------------------------------------------------------------


@dataclass(frozen=True)
class HeldOut:
    top1: float
    top3: float
    n_train: int
    n_test: int


def _evaluate(data: TrainingData, defaults: dict[str, str]) -> HeldOut | None:
    """Top-1/top-3 on a stratified held-out share, or None when the data is too small to
    split (the held-out part and the rest each need a report of every category).

    ``RoutingModel.evaluate`` does the same but predicts one text at a time to time the
    predictions (for ``bench/``); here the held-out texts go through in one batch, several
    times faster. Categories with a single report go to the training part only.
    """
    counts = Counter(data.categories)
    splittable = [i for i, label in enumerate(data.categories) if counts[label] >= 2]
    single = [i for i, label in enumerate(data.categories) if counts[label] < 2]
    classes = len({data.categories[i] for i in splittable})
    if classes < 2:
        return None
    n_test = max(math.ceil(HELD_OUT_SHARE * len(splittable)), classes)
    if len(splittable) - n_test < classes:
        return None
    try:
        train_rows, test_rows = train_test_split(
            splittable,
            test_size=n_test,
            random_state=RANDOM_STATE,
            stratify=[data.categories[i] for i in splittable],
        )
        train_rows = sorted([*train_rows, *single])
        model = RoutingModel.train(
            [data.texts[i] for i in train_rows],
            [data.categories[i] for i in train_rows],
            [data.agencies[i] for i in train_rows],
            default_agency=defaults,
        )
    except ValueError:
        logger.warning("Routing model: the held-out evaluation was skipped.", exc_info=True)
        return None
    test_rows = sorted(test_rows)
    found = model.predict_many([data.texts[i] for i in test_rows], top=3)
    wanted = [data.categories[i] for i in test_rows]
    top1 = sum(s[0].category == label for s, label in zip(found, wanted, strict=True))
    top3 = sum(any(x.category == label for x in s) for s, label in zip(found, wanted, strict=True))
    return HeldOut(
        top1=top1 / len(test_rows), top3=top3 / len(test_rows), n_train=len(train_rows), n_test=len(test_rows)
    )


def _model_store(model: RoutingModel, version: RoutingModelVersion) -> None:
    """Write the model to the default storage (any backend: through a local temporary file)."""
    with tempfile.TemporaryDirectory(prefix="penata-routing-") as directory:
        path = Path(directory) / "model.joblib"
        model.save(path)
        with path.open("rb") as handle:
            version.file.save(f"model-{version.pk}.joblib", File(handle), save=False)


def _stale_versions_fail() -> None:
    for version in RoutingModelVersion.objects.filter(
        status=RoutingModelStatus.TRAINING, created_at__lt=timezone.now() - STALE_TRAINING
    ):
        _finish(version, status=RoutingModelStatus.FAILED, actor=None, error=_("Training was interrupted."))


@transaction.atomic
def _finish(version: RoutingModelVersion, *, status: str, actor, error: str = "", evaluation=None):
    stored = version.file.name or ""
    version = RoutingModelVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != RoutingModelStatus.TRAINING:
        # Finished meanwhile (a redelivered task, or marked stale): this run's file is not used.
        if stored and stored != version.file.name:
            default_storage.delete(stored)
        return version
    version.status = status
    version.error = error[:ERROR_MAX_LENGTH]
    if status == RoutingModelStatus.READY:
        version.file.name = stored
        version.trained_at = timezone.now()
        version.top1 = None if evaluation is None else round(evaluation.top1, 4)
        version.top3 = None if evaluation is None else round(evaluation.top3, 4)
    version.save()
    to_state = {"status": status, "reports": version.n_reports, "categories": version.n_categories}
    if status == RoutingModelStatus.READY:
        to_state.update({"top1": version.top1, "top3": version.top3, "file": version.file.name})
    event_record(
        subject=version,
        action="routing_model.trained" if status == RoutingModelStatus.READY else "routing_model.failed",
        actor=actor,
        from_state={"status": RoutingModelStatus.TRAINING},
        to_state=to_state,
        note=version.error,
    )
    return version


def routing_model_train(*, actor=None, version: RoutingModelVersion | None = None) -> RoutingModelVersion:
    """Train a new routing model from the database and store it as a new version.

    ``version`` is a version already written in status ``training`` (an on-demand
    retraining, see ``routing_model_retrain_request``); without it a new one is created.
    Raises ``RoutingTrainingRefused`` (nothing written) when there is too little to learn
    from. Any failure while training ends the version as ``failed`` with the error text.
    """
    _stale_versions_fail()
    data = routing_training_data()
    refusal = _refusal(len(data.texts), data.n_categories)
    if version is None:
        if refusal is not None:
            raise refusal
        version = RoutingModelVersion.objects.create(
            status=RoutingModelStatus.TRAINING,
            requested_by=actor if actor is not None and actor.is_authenticated else None,
            n_reports=len(data.texts),
            n_categories=data.n_categories,
        )
    else:
        if version.status != RoutingModelStatus.TRAINING:
            return version
        version.n_reports, version.n_categories = len(data.texts), data.n_categories
        version.save(update_fields=["n_reports", "n_categories", "updated_at"])
        if refusal is not None:
            return _finish(version, status=RoutingModelStatus.FAILED, actor=actor, error=str(refusal.message))

    try:
        defaults = _default_agencies()
        evaluation = _evaluate(data, defaults)
        model = RoutingModel.train(data.texts, data.categories, data.agencies, default_agency=defaults)
        _model_store(model, version)
    except Exception as error:  # any failure ends this version, whatever raised it
        logger.exception("Routing model version %s failed to train.", version.pk)
        if version.file:
            version.file.delete(save=False)
        return _finish(
            version,
            status=RoutingModelStatus.FAILED,
            actor=actor,
            error=f"{type(error).__name__}: {error}",
        )
    version = _finish(version, status=RoutingModelStatus.READY, actor=actor, evaluation=evaluation)
    _files_prune()
    logger.info(
        "Routing model version %s trained on %s reports (%s categories); top-1 %s, top-3 %s.",
        version.pk,
        version.n_reports,
        version.n_categories,
        version.top1,
        version.top3,
    )
    return version


def _files_prune(keep: int = KEEP_MODEL_FILES) -> int:
    """Delete the files of all but the newest ``keep`` versions (their rows stay as history)."""
    old = list(RoutingModelVersion.objects.exclude(file="").order_by("-trained_at", "-id")[keep:])
    for version in old:
        version.file.delete(save=False)
        version.save(update_fields=["file", "updated_at"])
    return len(old)


def routing_model_running() -> RoutingModelVersion | None:
    """A version being trained now (not yet stale), if any."""
    return (
        RoutingModelVersion.objects.filter(
            status=RoutingModelStatus.TRAINING, created_at__gte=timezone.now() - STALE_TRAINING
        )
        .order_by("-created_at", "-id")
        .first()
    )


@transaction.atomic
def routing_model_retrain_request(*, actor) -> RoutingModelVersion:
    """Retrain now (the verifier's button): a version in status ``training`` is written and
    the retraining task queued after commit. A retraining already running is returned
    instead of starting a second one. Refused when there is too little to learn from."""
    from ..tasks import routing_model_retrain

    running = routing_model_running()
    if running is not None:
        return running
    counts = routing_training_counts()
    refusal = _refusal(counts["reports"] + counts["training_reports"], counts["categories"])
    if refusal is not None:
        raise refusal
    version = RoutingModelVersion.objects.create(
        status=RoutingModelStatus.TRAINING,
        requested_by=actor,
        n_reports=counts["total"],
        n_categories=counts["categories"],
    )
    event_record(
        subject=version,
        action="routing_model.requested",
        actor=actor,
        to_state={"status": RoutingModelStatus.TRAINING},
    )
    transaction.on_commit(lambda: routing_model_retrain.delay(version_id=version.pk), robust=True)
    return version


def routing_model_retrain_due() -> bool:
    """Whether the nightly run has anything new to learn: no ready model yet, or reports
    dispatched, changed or imported since the newest ready one was trained (or removed)."""
    latest = (
        RoutingModelVersion.objects.filter(status=RoutingModelStatus.READY)
        .order_by("-trained_at", "-id")
        .first()
    )
    if latest is None:
        return True
    since = latest.created_at
    if _dispatched_reports().filter(updated_at__gte=since).exists():
        return True
    if TrainingReport.objects.filter(Q(created_at__gte=since) | Q(updated_at__gte=since)).exists():
        return True
    return routing_training_counts()["total"] != latest.n_reports


# --- suggestions -------------------------------------------------------------------------

_loaded_lock = threading.Lock()
# (version id, file name) → its model (None when the file could not be loaded); only the
# newest is kept. The file name is in the key so that a database restored from a backup,
# where ids start again, never gets another model's file.
_loaded: dict[tuple[int, str], RoutingModel | None] = {}


def _model_load(name: str) -> RoutingModel:
    try:
        return RoutingModel.load(default_storage.path(name))
    except NotImplementedError:  # a remote storage (S3): through a local temporary file
        with tempfile.TemporaryDirectory(prefix="penata-routing-") as directory:
            path = Path(directory) / "model.joblib"
            with default_storage.open(name, "rb") as source, path.open("wb") as target:
                for chunk in iter(lambda: source.read(1024 * 1024), b""):
                    target.write(chunk)
            return RoutingModel.load(path)


def routing_model_cached(*, version_id: int, file_name: str) -> RoutingModel | None:
    """The model of a version, loaded once per process. A file that cannot be loaded
    (missing, or written by another scikit-learn version) gives None and a warning: retrain."""
    key = (version_id, file_name)
    with _loaded_lock:
        if key in _loaded:
            return _loaded[key]
        try:
            model = _model_load(file_name)
        except (ModelFormatError, OSError) as error:
            logger.warning("Routing model version %s cannot be used: %s", version_id, error)
            model = None
        _loaded.clear()
        _loaded[key] = model
        return model


def routing_model_current() -> RoutingModelVersion | None:
    """The newest ready version with a file: the one that makes suggestions."""
    return (
        RoutingModelVersion.objects.filter(status=RoutingModelStatus.READY)
        .exclude(file="")
        .order_by("-trained_at", "-id")
        .first()
    )


def route_suggestions(*, description: str, top: int = 3) -> list[Suggestion]:
    """The top suggestions (category code, agency code, confidence) of the newest ready
    model for ``description``; an empty list when no model has been trained yet."""
    description = (description or "").strip()[:DESCRIPTION_MAX_LENGTH]
    if not description or top < 1:
        return []
    current = (
        RoutingModelVersion.objects.filter(status=RoutingModelStatus.READY)
        .exclude(file="")
        .order_by("-trained_at", "-id")
        .values_list("pk", "file")
        .first()
    )
    if current is None:
        return []
    model = routing_model_cached(version_id=current[0], file_name=current[1])
    if model is None:
        return []
    # A few more than asked: categories deactivated since the training are dropped.
    found = model.predict(description, top=top + 3)
    active = set(
        ComplaintCategory.objects.filter(is_active=True, code__in=[s.category for s in found]).values_list(
            "code", flat=True
        )
    )
    return [suggestion for suggestion in found if suggestion.category in active][:top]


__all__ = [
    "MIN_TRAINING_REPORTS",
    "RoutingTrainingRefused",
    "TrainingData",
    "TrainingImportIssue",
    "TrainingImportResult",
    "route_suggestions",
    "routing_model_cached",
    "routing_model_current",
    "routing_model_retrain_due",
    "routing_model_retrain_request",
    "routing_model_running",
    "routing_model_train",
    "routing_training_counts",
    "routing_training_data",
    "training_reports_create",
    "training_reports_import",
]
