import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("penata")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Apps whose jobs live in more than one module name them here.
app.autodiscover_tasks(["penata.training"], related_name="tasks_needs")

# Periodic jobs, registered in code. Beat runs django-celery-beat's DatabaseScheduler
# (settings: CELERY_BEAT_SCHEDULER), which writes these entries into its PeriodicTask
# table each time beat starts (update_or_create by name), so a changed schedule here wins
# over an edit in the admin after the next beat restart; entries added only in the admin
# are left alone. ``expire_seconds``: a run that waited longer than its interval in the
# queue is dropped, the next one does the same work.
app.conf.beat_schedule = {
    "complaints-overdue-run": {
        "task": "penata.complaints.tasks.complaints_overdue_run",
        "schedule": crontab(minute="*/15"),
        "options": {"expire_seconds": 14 * 60},
    },
    # Nightly at 02:30 WIT (CELERY_TIMEZONE), away from office hours; skipped when no
    # report was dispatched or imported since the last model.
    "complaints-routing-retrain": {
        "task": "penata.complaints.tasks.routing_model_retrain",
        "schedule": crontab(minute=30, hour=2),
        "options": {"expire_seconds": 6 * 60 * 60},
    },
    # Nightly at 01:30 WIT: the current year's training needs from the day's assessments,
    # standards and JP (one transaction; the province takes seconds).
    "training-needs-recompute": {
        "task": "penata.training.tasks_needs.training_needs_recompute",
        "schedule": crontab(minute=30, hour=1),
        "options": {"expire_seconds": 6 * 60 * 60},
    },
    # Every hour from 07:00 to 20:00 WIT: the day-before reminder of training sessions
    # (once per participant; a seat confirmed in the afternoon still gets it).
    "training-enrolment-reminders": {
        "task": "penata.training.tasks.enrolment_reminders_send",
        "schedule": crontab(minute=5, hour="7-20"),
        "options": {"expire_seconds": 50 * 60},
    },
}
