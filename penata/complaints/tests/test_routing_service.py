# ruff: noqa: F811 - fixtures imported from routing_helpers
"""The routing model in the application: training data, training and versions, the
cached model behind ``route_suggestions``, retraining on demand and every night."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from config.celery import app as celery_app
from penata.complaints import tasks
from penata.complaints.models import (
    ComplaintStatus,
    RoutingModelStatus,
    RoutingModelVersion,
    TrainingReport,
    TrainingSource,
)
from penata.complaints.routing.classifier import RoutingModel
from penata.complaints.services import routing
from penata.complaints.services.routing import (
    RoutingTrainingRefused,
    route_suggestions,
    routing_model_retrain_due,
    routing_model_retrain_request,
    routing_model_train,
    routing_training_counts,
    routing_training_data,
)
from penata.core.models import AuditEvent
from penata.organization.tests.factories import AgencyFactory

from .factories import ComplaintCategoryFactory
from .routing_helpers import (
    PER_CATEGORY,
    add_dispatched,
    add_training_reports,
    demo_rows,
    fresh_model_cache,  # noqa: F401 - autouse fixture
    media,  # noqa: F401 - fixture
    routing_categories,  # noqa: F401 - fixture
    trained,  # noqa: F401 - fixture
)

pytestmark = pytest.mark.django_db

ROAD = "jalan di desa kami berlubang besar dan aspal mengelupas, tolong diperbaiki"
LABEL = RoutingModelVersion._meta.label_lower


def routing_events() -> list[tuple[str, dict | None]]:
    return list(
        AuditEvent.objects.filter(subject_type=LABEL).order_by("id").values_list("action", "to_state")
    )


# --- training data ----------------------------------------------------------------------


def test_training_data_takes_dispatched_reports_with_their_current_agency(routing_categories):
    road, people = routing_categories["JALAN"], routing_categories["ADMINDUK"]
    pupr, kota = road.default_agency, AgencyFactory(code="KOTA")
    add_dispatched(road, kota, "jalan rusak dirujuk ke kota")
    add_dispatched(road, pupr, "jembatan putus", status=ComplaintStatus.ANSWERED)
    add_dispatched(people, people.default_agency, "ktp belum jadi", status=ComplaintStatus.FINISHED)
    # Not learned from: not dispatched (yet), or closed by the verifier without an agency.
    add_dispatched(road, None, "laporan baru", status=ComplaintStatus.SUBMITTED)
    add_dispatched(road, None, "diarsipkan", status=ComplaintStatus.ARCHIVED)
    add_training_reports(
        routing_categories, [("kk hilang", "ADMINDUK", "DISDUKCAPIL")], TrainingSource.IMPORT
    )
    add_training_reports(routing_categories, [("puskesmas tutup", "KESEHATAN", None)])

    data = routing_training_data()

    assert sorted(zip(data.texts, data.categories, data.agencies, strict=True)) == [
        ("jalan rusak dirujuk ke kota", "JALAN", "KOTA"),
        ("jembatan putus", "JALAN", "PUPR"),
        ("kk hilang", "ADMINDUK", "DISDUKCAPIL"),
        ("ktp belum jadi", "ADMINDUK", "DISDUKCAPIL"),
        ("puskesmas tutup", "KESEHATAN", None),
    ]
    assert (data.from_reports, data.from_training_reports, data.n_categories) == (3, 2, 3)
    assert routing_training_counts() == {"reports": 3, "training_reports": 2, "total": 5, "categories": 3}


def test_inactive_categories_are_not_learned(routing_categories):
    add_training_reports(routing_categories, [("jalan rusak", "JALAN", "PUPR"), ("ktp", "ADMINDUK", None)])
    routing_categories["JALAN"].is_active = False
    routing_categories["JALAN"].save()
    assert routing_training_data().categories == ["ADMINDUK"]


def test_training_data_is_capped_newest_reports_first(routing_categories, settings):
    settings.PENATA_ROUTING_MAX_TRAINING_REPORTS = 3
    road = routing_categories["JALAN"]
    now = timezone.now()
    for day, text in enumerate(["lama", "sedang", "baru"]):
        complaint = add_dispatched(road, road.default_agency, text)
        complaint.submitted_at = now - timedelta(days=10 - day)
        complaint.save()
    add_training_reports(routing_categories, [("ktp", "ADMINDUK", None), ("kk", "ADMINDUK", None)])
    assert routing_training_data().texts == ["baru", "sedang", "lama"]
    settings.PENATA_ROUTING_MAX_TRAINING_REPORTS = 4
    assert routing_training_data().texts == ["baru", "sedang", "lama", "kk"]


# --- training ---------------------------------------------------------------------------


def test_no_model_no_suggestions(routing_categories):
    assert route_suggestions(description=ROAD) == []


def test_training_stores_a_ready_version_with_its_held_out_accuracy(media, routing_categories, make_user):
    add_training_reports(routing_categories, demo_rows())
    admin = make_user("province_admin", routing_categories["JALAN"].default_agency)

    version = routing_model_train(actor=admin)

    assert version.status == RoutingModelStatus.READY
    assert (version.n_reports, version.n_categories, version.error) == (3 * PER_CATEGORY, 3, "")
    assert version.requested_by == admin
    assert version.trained_at is not None
    assert version.file.name == f"routing/model-{version.pk}.joblib"
    assert (media / version.file.name).is_file()
    # 36 reports: a fifth (8, stratified) held out; 7 of them got the right category first.
    assert (version.top1, version.top3) == (0.875, 1.0)
    model = RoutingModel.load(media / version.file.name)
    assert model.classes == ("ADMINDUK", "JALAN", "KESEHATAN")
    assert model.metadata["n_samples"] == 36
    assert routing_events() == [
        (
            "routing_model.trained",
            {
                "status": "ready",
                "reports": 36,
                "categories": 3,
                "top1": version.top1,
                "top3": version.top3,
                "file": version.file.name,
            },
        )
    ]
    assert AuditEvent.objects.get(subject_type=LABEL).actor == admin


@pytest.mark.parametrize(
    ("rows", "code", "message"),
    [
        (
            [("jalan rusak", "JALAN", None)] * 5 + [("ktp", "ADMINDUK", None)] * 4,
            "routing_too_few_reports",
            "The routing model needs at least 10 dispatched or imported reports to learn from; there "
            "are 9. Import historical reports from a CSV file first.",
        ),
        (
            [("jalan rusak", "JALAN", None)] * 12,
            "routing_too_few_categories",
            "The routing model needs reports of at least 2 categories to learn from; there are 1.",
        ),
    ],
)
def test_training_is_refused_with_too_little_data(media, routing_categories, rows, code, message):
    add_training_reports(routing_categories, rows)
    with pytest.raises(RoutingTrainingRefused) as refused:
        routing_model_train()
    assert (refused.value.code, str(refused.value.message)) == (code, message)
    assert RoutingModelVersion.objects.count() == 0
    assert routing_events() == []


def test_small_data_is_held_out_only_when_every_category_can_be(media, routing_categories):
    # 9 road reports and 1 about a KTP: the single one cannot be held out, so nothing is scored.
    add_training_reports(
        routing_categories,
        [("jalan rusak berlubang", "JALAN", None)] * 9 + [("ktp belum jadi", "ADMINDUK", None)],
    )
    version = routing_model_train()
    assert (version.status, version.n_reports, version.top1, version.top3) == ("ready", 10, None, None)
    # One more KTP report: 2 of the 11 are held out, one of each category.
    add_training_reports(routing_categories, [("kk belum jadi", "ADMINDUK", None)])
    version = routing_model_train()
    assert (version.status, version.n_reports, version.top1, version.top3) == ("ready", 11, 1.0, 1.0)


def test_a_failure_while_training_ends_the_version_as_failed(media, routing_categories, monkeypatch):
    add_training_reports(routing_categories, demo_rows())

    def broken(*args, **kwargs):
        raise MemoryError("out of memory")

    monkeypatch.setattr(RoutingModel, "train", broken)
    version = routing_model_train()
    assert (version.status, version.error, version.file.name, version.trained_at) == (
        "failed",
        "MemoryError: out of memory",
        "",
        None,
    )
    assert routing_events() == [
        ("routing_model.failed", {"status": "failed", "reports": 36, "categories": 3})
    ]
    assert route_suggestions(description=ROAD) == []


def test_stale_training_versions_are_failed_by_the_next_training(media, routing_categories):
    stale = RoutingModelVersion.objects.create(status=RoutingModelStatus.TRAINING)
    RoutingModelVersion.objects.filter(pk=stale.pk).update(created_at=timezone.now() - timedelta(hours=2))
    add_training_reports(routing_categories, demo_rows())
    routing_model_train()
    stale.refresh_from_db()
    assert (stale.status, stale.error) == ("failed", "Training was interrupted.")
    assert [action for action, _state in routing_events()] == [
        "routing_model.failed",
        "routing_model.trained",
    ]


def test_only_the_newest_files_are_kept(media):
    versions = []
    for number in range(7):
        version = RoutingModelVersion.objects.create(
            status=RoutingModelStatus.READY, trained_at=timezone.now() + timedelta(minutes=number)
        )
        version.file.save(f"model-{version.pk}.joblib", ContentFile(b"x"))
        versions.append(version)
    assert routing._files_prune(keep=5) == 2
    kept = [v.file.name for v in RoutingModelVersion.objects.order_by("id")]
    assert kept == ["", ""] + [f"routing/model-{v.pk}.joblib" for v in versions[2:]]
    assert [default_storage.exists(f"routing/model-{v.pk}.joblib") for v in versions] == [False, False] + [
        True
    ] * 5


# --- suggestions ----------------------------------------------------------------------


def test_suggestions_of_the_trained_model(trained):
    found = route_suggestions(description=ROAD)
    assert (found[0].category, found[0].agency) == ("JALAN", "PUPR")
    assert len(found) == 3
    assert sorted(s.category for s in found) == ["ADMINDUK", "JALAN", "KESEHATAN"]
    assert [s.confidence for s in found] == sorted((s.confidence for s in found), reverse=True)
    assert route_suggestions(description=ROAD, top=1) == found[:1]
    assert route_suggestions(description="   ") == []


def test_the_model_is_loaded_once_and_again_when_a_newer_version_is_ready(trained, monkeypatch):
    loads = []
    original = RoutingModel.load

    def counting(path):
        loads.append(str(path))
        return original(path)

    monkeypatch.setattr(RoutingModel, "load", counting)
    route_suggestions(description=ROAD)
    route_suggestions(description="ktp belum jadi")
    assert len(loads) == 1
    newer = routing_model_train()
    route_suggestions(description=ROAD)
    assert [path.rsplit("/", 1)[-1] for path in loads] == [
        f"model-{trained.pk}.joblib",
        f"model-{newer.pk}.joblib",
    ]


def test_one_query_per_call_once_the_model_is_loaded(trained, django_assert_num_queries):
    route_suggestions(description=ROAD)
    # The newest ready version, and which suggested categories are still active.
    with django_assert_num_queries(2):
        route_suggestions(description=ROAD)


def test_deactivated_categories_are_not_suggested(trained, routing_categories):
    category = routing_categories["JALAN"]
    category.is_active = False
    category.save()
    assert sorted(s.category for s in route_suggestions(description=ROAD)) == ["ADMINDUK", "KESEHATAN"]


def test_an_unreadable_model_file_gives_no_suggestions(trained, media, caplog):
    (media / trained.file.name).write_bytes(b"not a model")
    assert route_suggestions(description=ROAD) == []
    assert f"Routing model version {trained.pk} cannot be used" in caplog.text


# --- retraining -----------------------------------------------------------------------


def test_retrain_now_queues_the_task_after_commit(
    media, routing_categories, make_user, django_capture_on_commit_callbacks
):
    add_training_reports(routing_categories, demo_rows())
    verifier = make_user("complaint_verifier", routing_categories["JALAN"].default_agency)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        version = routing_model_retrain_request(actor=verifier)
    assert (version.status, version.requested_by, version.n_reports, version.n_categories) == (
        "training",
        verifier,
        36,
        3,
    )
    assert len(callbacks) == 1
    # Asked again while it waits: the same version, nothing queued.
    with django_capture_on_commit_callbacks(execute=False) as again:
        assert routing_model_retrain_request(actor=verifier) == version
    assert again == []
    callbacks[0]()  # the eager task runs
    version.refresh_from_db()
    assert version.status == "ready"
    assert [action for action, _state in routing_events()] == [
        "routing_model.requested",
        "routing_model.trained",
    ]
    assert AuditEvent.objects.filter(subject_type=LABEL, actor=verifier).count() == 2


def test_retrain_now_is_refused_without_enough_data(routing_categories, make_user):
    verifier = make_user("complaint_verifier", routing_categories["JALAN"].default_agency)
    with pytest.raises(RoutingTrainingRefused):
        routing_model_retrain_request(actor=verifier)
    assert RoutingModelVersion.objects.count() == 0
    assert routing_events() == []


def test_the_nightly_task_trains_only_when_something_changed(media, routing_categories):
    assert tasks.routing_model_retrain.delay().get() == {
        "status": "skipped",
        "reason": "routing_too_few_reports",
    }
    add_training_reports(routing_categories, demo_rows())
    first = tasks.routing_model_retrain.delay().get()
    version = RoutingModelVersion.objects.get()
    assert first == {"status": "ready", "version": version.pk}
    assert tasks.routing_model_retrain.delay().get() == {"status": "skipped", "reason": "unchanged"}
    assert routing_model_retrain_due() is False
    # A report dispatched since: retrained.
    road = routing_categories["JALAN"]
    add_dispatched(road, road.default_agency, "jembatan kayu di desa kami patah")
    assert routing_model_retrain_due() is True
    assert tasks.routing_model_retrain.delay().get()["status"] == "ready"
    assert RoutingModelVersion.objects.filter(status="ready").count() == 2
    # ``force`` trains even when nothing changed.
    assert tasks.routing_model_retrain.delay(force=True).get()["status"] == "ready"


def test_the_nightly_task_waits_for_a_running_training(media, routing_categories):
    add_training_reports(routing_categories, demo_rows())
    RoutingModelVersion.objects.create(status=RoutingModelStatus.TRAINING)
    assert tasks.routing_model_retrain.delay().get() == {"status": "skipped", "reason": "running"}
    assert RoutingModelVersion.objects.filter(status="ready").count() == 0


def test_a_redelivered_task_for_a_finished_version_does_nothing(trained):
    assert tasks.routing_model_retrain.delay(version_id=trained.pk).get() == {
        "status": "skipped",
        "reason": "not_waiting",
        "version": trained.pk,
    }
    assert RoutingModelVersion.objects.count() == 1


def test_a_requested_version_fails_when_the_data_went_away(media, routing_categories, make_user):
    add_training_reports(routing_categories, demo_rows())
    verifier = make_user("complaint_verifier", routing_categories["JALAN"].default_agency)
    version = routing_model_retrain_request(actor=verifier)
    TrainingReport.objects.all().delete()
    assert tasks.routing_model_retrain.delay(version_id=version.pk).get()["status"] == "failed"
    version.refresh_from_db()
    assert version.error.startswith("The routing model needs at least 10 dispatched or imported reports")


def test_the_task_limits_and_the_nightly_schedule():
    task = tasks.routing_model_retrain
    assert (task.name, task.soft_time_limit, task.time_limit, task.acks_late) == (
        "penata.complaints.tasks.routing_model_retrain",
        1200,
        1500,
        True,
    )
    entry = celery_app.conf.beat_schedule["complaints-routing-retrain"]
    assert entry["task"] == task.name
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({2}, {30})


def test_default_agencies_come_from_the_database(routing_categories):
    ComplaintCategoryFactory(code="BARU", name="Baru")
    assert routing._default_agencies() == {"JALAN": "PUPR", "ADMINDUK": "DISDUKCAPIL", "KESEHATAN": "DINKES"}


# --- the demo ---------------------------------------------------------------------------


def test_the_demo_adds_its_training_reports_and_trains_one_model(media):
    from penata.demo.complaints import categories_ensure, routing_demo_write
    from penata.organization.services import agencies_load

    agencies_load()
    categories_ensure()
    created, steps = {}, []
    routing_demo_write(seed=20251231, created=created, say=steps.append)
    assert created == {"routing_training_reports": 600, "routing_models": 1}
    assert steps == ["routing training reports", "routing model"]
    version = RoutingModelVersion.objects.get()
    assert (version.status, version.n_reports, version.n_categories, version.requested_by) == (
        "ready",
        600,
        20,
        None,
    )
    assert TrainingReport.objects.filter(source=TrainingSource.DEMO).count() == 600
    assert AuditEvent.objects.get(action="training_reports.added").to_state == {
        "source": "demo",
        "count": 600,
    }
    # A second run adds nothing.
    again = {}
    routing_demo_write(seed=20251231, created=again, say=steps.append)
    assert (again, RoutingModelVersion.objects.count(), TrainingReport.objects.count()) == ({}, 1, 600)
