"""Writing audit events. Only services call this, inside their transaction."""

from collections.abc import Callable, Iterable
from typing import Any

from django.db import models

from .models import AuditEvent


def event_record(
    *,
    subject: models.Model,
    action: str,
    actor: Any = None,
    from_state: Any = None,
    to_state: Any = None,
    note: str = "",
) -> AuditEvent:
    actor_id = getattr(actor, "pk", None) if actor is not None and actor.is_authenticated else None
    return AuditEvent.objects.create(
        subject_type=subject._meta.label_lower,
        subject_id=str(subject.pk),
        action=action,
        actor_id=actor_id,
        from_state=from_state,
        to_state=to_state,
        note=note,
    )


def events_for(*, subject: models.Model):
    return AuditEvent.objects.filter(
        subject_type=subject._meta.label_lower, subject_id=str(subject.pk)
    ).select_related("actor")


def events_record_many(
    *, subjects: Iterable[models.Model], action: str, actor: Any = None, to_state: Callable[[Any], Any]
) -> list[AuditEvent]:
    """The bulk twin of ``event_record`` for imports: one row per subject, one INSERT batch."""
    return events_record_pairs(
        pairs=((subject, to_state(subject)) for subject in subjects), action=action, actor=actor
    )


def events_record_pairs(
    *, pairs: Iterable[tuple[models.Model, Any]], action: str, actor: Any = None
) -> list[AuditEvent]:
    """Audit events in INSERT batches, each with its own state: (subject, to_state) pairs."""
    actor_id = getattr(actor, "pk", None) if actor is not None and actor.is_authenticated else None
    rows = [
        AuditEvent(
            subject_type=subject._meta.label_lower,
            subject_id=str(subject.pk),
            action=action,
            actor_id=actor_id,
            to_state=to_state,
        )
        for subject, to_state in pairs
    ]
    return AuditEvent.objects.bulk_create(rows, batch_size=1000)
