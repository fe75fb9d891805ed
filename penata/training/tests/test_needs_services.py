from datetime import date
from decimal import Decimal

import pytest

from config.celery import app as celery_app
from penata.competency.tests.factories import competency
from penata.core.errors import InvalidTransition
from penata.core.models import AuditEvent
from penata.organization.tests.factories import UnitFactory
from penata.training.models import NeedSource, NeedStatus, TrainingNeed
from penata.training.services.needs import (
    NEED_STATUS_TRANSITIONS,
    NeedRefused,
    training_need_record,
    training_need_set_status,
    training_needs_compute,
)
from penata.training.tasks_needs import training_needs_recompute

from .needs_world import EXPECTED, YEAR, assess, build_needs_world, credit

pytestmark = pytest.mark.django_db


@pytest.fixture
def needs_world(agency_a, agency_b, make_user):
    return build_needs_world(agency_a, agency_b, make_user)


def gap_rows(world, year=YEAR) -> dict:
    rows = TrainingNeed.objects.filter(source=NeedSource.GAP, year=year).select_related(
        "competency", "agency", "unit"
    )
    return {
        world.key(need): (
            need.current_level,
            need.required_level,
            need.gap,
            need.is_core,
            need.jp_missing,
            need.priority,
            need.agency.code,
            need.unit.code,
        )
        for need in rows
    }


def snapshot() -> list[tuple]:
    return list(
        TrainingNeed.objects.order_by("pk").values_list(
            "pk",
            "status",
            "source",
            "agency_id",
            "employee_id",
            "competency_id",
            "gap",
            "jp_missing",
            "priority",
        )
    )


# --- compute -------------------------------------------------------------------------------


def test_compute_writes_one_need_per_employee_and_competency_below_standard(needs_world):
    assert training_needs_compute(year=YEAR) == 5
    assert gap_rows(needs_world) == EXPECTED
    assert set(TrainingNeed.objects.values_list("status", "year", "reason", "signal_key")) == {
        (NeedStatus.OPEN, YEAR, "", "")
    }
    event = AuditEvent.objects.get(action="training_need.computed")
    assert (event.subject_type, event.subject_id) == ("training.trainingneed", str(YEAR))
    assert event.to_state == {
        "year": YEAR,
        "agency": None,
        "needs": 5,
        "created": 5,
        "updated": 0,
        "deleted": 0,
    }


def test_an_employee_below_standard_in_two_competencies_gets_two_rows(needs_world):
    training_needs_compute(year=YEAR)
    ani = TrainingNeed.objects.filter(employee=needs_world.people["ani"]).order_by("competency__code")
    assert [(n.competency.code, n.current_level, n.required_level, n.gap, n.priority) for n in ani] == [
        ("M.01", 1, 3, 2, 40),
        ("M.02", 0, 2, 2, 29),
    ]


def test_recompute_is_idempotent(needs_world):
    training_needs_compute(year=YEAR)
    before = list(TrainingNeed.objects.order_by("pk").values_list("pk", "updated_at", "priority", "status"))
    assert training_needs_compute(year=YEAR) == 5
    assert (
        list(TrainingNeed.objects.order_by("pk").values_list("pk", "updated_at", "priority", "status"))
        == before
    )
    last = AuditEvent.objects.filter(action="training_need.computed").order_by("-id").first()
    assert last.to_state == {
        "year": YEAR,
        "agency": None,
        "needs": 5,
        "created": 0,
        "updated": 0,
        "deleted": 0,
    }


def test_recompute_follows_the_data_and_keeps_hand_set_statuses(needs_world):
    training_needs_compute(year=YEAR)
    needs = {needs_world.key(n): n for n in TrainingNeed.objects.select_related("competency")}
    training_need_set_status(need=needs[("ani", "M.01")], status=NeedStatus.PLANNED)
    training_need_set_status(need=needs[("citra", "M.01")], status=NeedStatus.DISMISSED)
    training_need_set_status(need=needs[("fajar", "M.03")], status=NeedStatus.MET)
    training_need_set_status(need=needs[("ani", "M.02")], status=NeedStatus.PLANNED)

    assess(needs_world.people["ani"], "M.02", 2, assessed_on=date(2026, 6, 1))  # closes Ani's M.02 gap
    assess(needs_world.people["citra"], "M.01", 1, assessed_on=date(2026, 6, 1))  # gap 2 → 1
    credit(needs_world.people["ani"], YEAR, "7.5")  # Ani reaches 20 JP
    assess(needs_world.people["budi"], "M.01", 1, assessed_on=date(2026, 6, 1))  # Budi falls below

    assert training_needs_compute(year=YEAR) == 5
    rows = {needs_world.key(n): n for n in TrainingNeed.objects.select_related("competency")}
    summary = {key: (n.current_level, n.gap, n.jp_missing, n.priority, n.status) for key, n in rows.items()}
    assert summary == {
        ("ani", "M.01"): (1, 2, Decimal("0"), 32, NeedStatus.PLANNED),
        ("citra", "M.01"): (1, 1, Decimal("20"), 36, NeedStatus.DISMISSED),
        ("fajar", "M.03"): (0, 2, Decimal("20"), 52, NeedStatus.OPEN),  # met, but the gap is still there
        ("joko", "M.01"): (0, 2, Decimal("0"), 32, NeedStatus.OPEN),
        ("budi", "M.01"): (1, 1, Decimal("20"), 36, NeedStatus.OPEN),
    }
    # The rows whose gap is still there keep their id.
    for key in [("ani", "M.01"), ("citra", "M.01"), ("fajar", "M.03"), ("joko", "M.01")]:
        assert rows[key].pk == needs[key].pk
    last = AuditEvent.objects.filter(action="training_need.computed").order_by("-id").first()
    assert last.to_state == {
        "year": YEAR,
        "agency": None,
        "needs": 5,
        "created": 1,
        "updated": 3,
        "deleted": 1,
    }


def test_an_agency_recompute_leaves_the_other_agencies_alone(needs_world):
    training_needs_compute(year=YEAR)
    joko_before = TrainingNeed.objects.get(employee=needs_world.people["joko"])
    assess(needs_world.people["joko"], "M.01", 2, assessed_on=date(2026, 6, 1))  # B's gap closes
    assess(needs_world.people["citra"], "M.01", 2, assessed_on=date(2026, 6, 1))  # A's gap closes

    assert training_needs_compute(year=YEAR, agency=needs_world.agency_a) == 3
    assert set(gap_rows(needs_world)) == {
        ("ani", "M.01"),
        ("ani", "M.02"),
        ("fajar", "M.03"),
        ("joko", "M.01"),
    }
    joko_after = TrainingNeed.objects.get(employee=needs_world.people["joko"])
    assert (joko_after.pk, joko_after.updated_at, joko_after.gap) == (
        joko_before.pk,
        joko_before.updated_at,
        2,
    )
    event = AuditEvent.objects.filter(action="training_need.computed").order_by("-id").first()
    assert event.subject_id == f"{YEAR}:DINA"
    assert event.to_state == {
        "year": YEAR,
        "agency": "DINA",
        "needs": 3,
        "created": 0,
        "updated": 0,
        "deleted": 1,
    }

    assert training_needs_compute(year=YEAR, agency=needs_world.agency_b) == 0
    assert ("joko", "M.01") not in gap_rows(needs_world)


def test_an_agency_recompute_takes_over_the_needs_of_staff_who_moved_in(needs_world):
    training_needs_compute(year=YEAR)
    citra = needs_world.people["citra"]
    before = TrainingNeed.objects.get(employee=citra)
    citra.position, citra.agency = needs_world.positions["PB"], needs_world.agency_b
    citra.save()
    training_needs_compute(year=YEAR, agency=needs_world.agency_b)
    after = TrainingNeed.objects.get(employee=citra)
    assert (after.pk, after.agency_id, after.unit.code, after.gap) == (
        before.pk,
        needs_world.agency_b.pk,
        "B-1",
        2,
    )


def test_compute_leaves_unit_needs_and_other_years_alone(needs_world):
    unit_need = training_need_record(
        agency=needs_world.agency_a,
        source=NeedSource.UNIT_REQUEST,
        reason="Antrean layanan lambat",
        year=YEAR,
    )
    training_needs_compute(year=YEAR - 1)
    last_year = snapshot()
    assert TrainingNeed.objects.filter(year=YEAR - 1).count() == 5
    training_needs_compute(year=YEAR)
    assert TrainingNeed.objects.filter(year=YEAR - 1).count() == 5
    assert TrainingNeed.objects.filter(pk=unit_need.pk, reason="Antrean layanan lambat").exists()
    training_needs_compute(year=YEAR)
    assert [row for row in snapshot() if row[0] in {r[0] for r in last_year}] == last_year
    # Last year's JP: Budi's 5 JP of 2025 count there (he has no gap), Ani's and Joko's do not.
    assert {
        needs_world.key(n): n.jp_missing
        for n in TrainingNeed.objects.filter(year=YEAR - 1).select_related("competency")
    } == {
        ("ani", "M.01"): Decimal("20"),
        ("ani", "M.02"): Decimal("20"),
        ("citra", "M.01"): Decimal("20"),
        ("fajar", "M.03"): Decimal("20"),
        ("joko", "M.01"): Decimal("20"),
    }


def test_compute_with_nobody_counted_writes_nothing(agency_a):
    assert training_needs_compute(year=YEAR, agency=agency_a) == 0
    assert TrainingNeed.objects.count() == 0


def test_the_target_comes_from_the_settings(needs_world, settings):
    settings.PENATA_JP_TARGET = 40
    training_needs_compute(year=YEAR)
    joko = TrainingNeed.objects.get(employee=needs_world.people["joko"])
    # 40 − 25 = 15 JP missing: 32 + 20 × 15/40 = 39.5 → 40
    assert (joko.jp_missing, joko.priority) == (Decimal("15"), 40)


# --- the task ------------------------------------------------------------------------------


def test_the_task_recomputes_the_year(needs_world):
    result = training_needs_recompute.delay(year=YEAR, actor_id=needs_world.manager.pk)
    assert result.get() == {"status": "done", "year": YEAR, "agency": None, "needs": 5}
    assert AuditEvent.objects.get(action="training_need.computed").actor_id == needs_world.manager.pk
    agency_run = training_needs_recompute.delay(year=YEAR, agency_id=needs_world.agency_b.pk)
    assert agency_run.get() == {"status": "done", "year": YEAR, "agency": needs_world.agency_b.pk, "needs": 1}
    assert training_needs_recompute.delay(year=YEAR, agency_id=999_999).get() == {
        "status": "skipped",
        "reason": "no_agency",
        "agency": 999_999,
    }


def test_the_task_defaults_to_the_current_year(needs_world, monkeypatch):
    monkeypatch.setattr("penata.training.tasks_needs.current_year", lambda: YEAR)
    assert training_needs_recompute() == {"status": "done", "year": YEAR, "agency": None, "needs": 5}


def test_the_nightly_run_is_registered():
    from django_celery_beat.models import PeriodicTask
    from django_celery_beat.schedulers import DatabaseScheduler

    task = training_needs_recompute
    assert (task.name, task.soft_time_limit, task.time_limit, task.acks_late) == (
        "penata.training.tasks_needs.training_needs_recompute",
        600,
        720,
        True,
    )
    entry = celery_app.conf.beat_schedule["training-needs-recompute"]
    assert entry["task"] == task.name
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({1}, {30})
    DatabaseScheduler.Entry.from_entry("training-needs-recompute", app=celery_app, **entry)
    stored = PeriodicTask.objects.get(name="training-needs-recompute")
    assert (stored.task, stored.enabled, stored.crontab.hour, stored.crontab.minute) == (
        task.name,
        True,
        "1",
        "30",
    )
    assert task.name in celery_app.tasks


# --- recorded needs ------------------------------------------------------------------------


def test_record_a_unit_need(needs_world):
    need = training_need_record(
        agency=needs_world.agency_a,
        unit=needs_world.units["A-1"],
        competency=competency("M.05"),
        source=NeedSource.UNIT_REQUEST,
        reason="  Petugas loket belum menguasai layanan daring.  ",
        evidence={"references": ["Nota dinas 12/2026"]},
        actor=needs_world.admin_a,
        year=YEAR,
    )
    need.refresh_from_db()
    assert (
        need.source,
        need.status,
        need.agency_id,
        need.unit.code,
        need.competency.code,
        need.employee_id,
        need.year,
        need.reason,
        need.evidence,
        need.signal_key,
        need.recorded_by_id,
    ) == (
        NeedSource.UNIT_REQUEST,
        NeedStatus.OPEN,
        needs_world.agency_a.pk,
        "A-1",
        "M.05",
        None,
        YEAR,
        "Petugas loket belum menguasai layanan daring.",
        {"references": ["Nota dinas 12/2026"]},
        "",
        needs_world.admin_a.pk,
    )
    event = AuditEvent.objects.get(action="training_need.recorded")
    assert (event.subject_id, event.actor_id, event.to_state["unit"], event.to_state["source"]) == (
        str(need.pk),
        needs_world.admin_a.pk,
        needs_world.units["A-1"].pk,
        "unit_request",
    )


def test_the_year_defaults_to_the_current_one(needs_world, monkeypatch):
    monkeypatch.setattr("penata.training.services.needs.current_year", lambda: 2031)
    need = training_need_record(agency=needs_world.agency_a, source=NeedSource.SURVEY, reason="IKM rendah")
    assert need.year == 2031


def test_the_same_open_signal_updates_one_need(needs_world):
    first = training_need_record(
        agency=needs_world.agency_a,
        unit=needs_world.units["A-1"],
        source=NeedSource.COMPLAINTS,
        reason="3 pengaduan tentang sikap petugas",
        evidence={"complaints": ["AB12", "CD34", "EF56"], "period": "2026-Q1"},
        signal_key="complaints:conduct:A-1",
    )
    second = training_need_record(
        agency=needs_world.agency_a,
        unit=needs_world.units["A-1"],
        source=NeedSource.COMPLAINTS,
        reason="5 pengaduan tentang sikap petugas",
        evidence={"complaints": ["AB12", "CD34", "EF56", "GH78", "IJ90"], "trend": "up"},
        signal_key="complaints:conduct:A-1",
    )
    assert second.pk == first.pk
    assert TrainingNeed.objects.filter(signal_key="complaints:conduct:A-1").count() == 1
    second.refresh_from_db()
    assert second.reason == "5 pengaduan tentang sikap petugas"
    assert second.evidence == {
        "complaints": ["AB12", "CD34", "EF56", "GH78", "IJ90"],
        "period": "2026-Q1",
        "trend": "up",
    }
    assert list(
        AuditEvent.objects.filter(subject_id=str(first.pk)).order_by("id").values_list("action", flat=True)
    ) == ["training_need.recorded", "training_need.signal_updated"]

    # Planned still counts as open for the signal; once dismissed, the signal starts a new need.
    training_need_set_status(need=second, status=NeedStatus.PLANNED)
    assert (
        training_need_record(
            agency=needs_world.agency_a,
            source=NeedSource.COMPLAINTS,
            reason="6",
            signal_key="complaints:conduct:A-1",
        ).pk
        == first.pk
    )
    training_need_set_status(need=second, status=NeedStatus.DISMISSED)
    third = training_need_record(
        agency=needs_world.agency_a,
        source=NeedSource.COMPLAINTS,
        reason="7",
        signal_key="complaints:conduct:A-1",
    )
    assert third.pk != first.pk
    assert TrainingNeed.objects.filter(signal_key="complaints:conduct:A-1").count() == 2
    # The dismissed one cannot open again while the newer one is open.
    with pytest.raises(InvalidTransition):
        training_need_set_status(need=second, status=NeedStatus.OPEN)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"unit": "other"}, "unit"),
        ({"reason": "   "}, "reason"),
        ({"reason": None}, "reason"),
        ({"source": NeedSource.GAP}, "source"),
        ({"source": "rumour"}, "source"),
        ({"evidence": ["AB12"]}, "evidence"),
        ({"evidence": "AB12"}, "evidence"),
        ({"signal_key": "x" * 121}, "signal_key"),
        ({"agency": None}, "agency"),
        ({"competency": "inactive"}, "competency"),
        ({"signal_key": "survey:B"}, "signal_key"),  # recorded for agency B already
    ],
)
def test_bad_input_writes_nothing(needs_world, change, field):
    training_need_record(
        agency=needs_world.agency_b, source=NeedSource.SURVEY, reason="IKM", signal_key="survey:B"
    )
    arguments = {
        "agency": needs_world.agency_a,
        "unit": needs_world.units["A-1"],
        "competency": competency("M.05"),
        "source": NeedSource.UNIT_REQUEST,
        "reason": "Pelayanan lambat",
        "evidence": {"references": ["Nota 1"]},
        "signal_key": "",
    }
    if change.get("unit") == "other":
        change = {"unit": UnitFactory(agency=needs_world.agency_b)}
    if change.get("competency") == "inactive":
        inactive = competency("M.08")
        inactive.is_active = False
        inactive.save()
        change = {"competency": inactive}
    arguments.update(change)
    before, events = snapshot(), AuditEvent.objects.count()
    with pytest.raises(NeedRefused) as refused:
        training_need_record(**arguments)
    assert list(refused.value.fields) == [field]
    assert snapshot() == before
    assert AuditEvent.objects.count() == events


def test_a_signal_racing_another_insert_merges_into_it(needs_world, monkeypatch):
    """Two senders record one new signal at the same time: the other one's row appears
    after this one looked for an open need and before it inserts; the unique index
    refuses the insert and the need is merged into the other row."""
    from penata.training.services import needs as service

    original = service.TrainingNeed.objects.select_for_update
    calls = []

    def other_sender_first():
        calls.append(1)
        if len(calls) == 1:
            TrainingNeed.objects.create(
                source=NeedSource.SURVEY,
                agency=needs_world.agency_a,
                year=YEAR,
                reason="dari pengirim lain",
                evidence={"ikm": 61},
                signal_key="survey:race",
            )
            return original().none()
        return original()

    monkeypatch.setattr(service.TrainingNeed.objects, "select_for_update", other_sender_first)
    need = training_need_record(
        agency=needs_world.agency_a,
        source=NeedSource.SURVEY,
        reason="IKM 58",
        evidence={"respondents": 120},
        signal_key="survey:race",
    )
    assert len(calls) == 2
    assert TrainingNeed.objects.filter(signal_key="survey:race").count() == 1
    need.refresh_from_db()
    assert (need.reason, need.evidence) == ("IKM 58", {"ikm": 61, "respondents": 120})
    assert AuditEvent.objects.filter(action="training_need.signal_updated").count() == 1


# --- status --------------------------------------------------------------------------------


STATUS_TABLE = [
    (start, target, target in NEED_STATUS_TRANSITIONS[start])
    for start in NeedStatus.values
    for target in NeedStatus.values
]


def test_the_transitions_table():
    assert {start: sorted(allowed) for start, allowed in NEED_STATUS_TRANSITIONS.items()} == {
        "open": ["dismissed", "met", "planned"],
        "planned": ["dismissed", "met", "open"],
        "met": ["open"],
        "dismissed": ["open"],
    }


@pytest.mark.parametrize(("start", "target", "allowed"), STATUS_TABLE)
def test_set_status(needs_world, start, target, allowed):
    need = TrainingNeed.objects.create(
        source=NeedSource.UNIT_REQUEST, status=start, agency=needs_world.agency_a, year=YEAR, reason="r"
    )
    if allowed:
        training_need_set_status(need=need, status=target, actor=needs_world.manager, note=" kelas Maret ")
        need.refresh_from_db()
        assert need.status == target
        event = AuditEvent.objects.get(action="training_need.status_changed")
        assert (event.from_state, event.to_state, event.actor_id, event.note) == (
            start,
            target,
            needs_world.manager.pk,
            "kelas Maret",
        )
    else:
        with pytest.raises(InvalidTransition):
            training_need_set_status(need=need, status=target, actor=needs_world.manager)
        need.refresh_from_db()
        assert need.status == start
        assert AuditEvent.objects.filter(action="training_need.status_changed").count() == 0


def test_an_unknown_status_is_refused(needs_world):
    need = TrainingNeed.objects.create(
        source=NeedSource.SURVEY, agency=needs_world.agency_a, year=YEAR, reason="r"
    )
    with pytest.raises(InvalidTransition):
        training_need_set_status(need=need, status="forgotten")
    assert AuditEvent.objects.count() == 0
