"""Django admin: the audit trail (read-only) and the mixins other apps' admins share."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib import admin
from django.db import models

from .events import event_record
from .models import AuditEvent, WorkingDayOverride

# Never copied into an audit row.
SECRET_FIELDS = frozenset({"password", "password1", "password2"})


def jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [jsonable(v) for v in value]
    if isinstance(value, models.QuerySet):
        return [v.pk for v in value]
    return value


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows that are written only by the application (append-only or reference data)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class AuditedAdmin(admin.ModelAdmin):
    """An edit in the admin is a state change like any other: it writes an audit event
    (who, which fields, their new values) in the admin's transaction."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changed = {
            name: jsonable(form.cleaned_data.get(name))
            for name in form.changed_data
            if name not in SECRET_FIELDS
        }
        if change and not changed:
            return
        event_record(
            subject=obj,
            action=f"{obj._meta.model_name}.{'updated' if change else 'created'}",
            actor=request.user,
            to_state=changed,
            note="admin",
        )

    def delete_model(self, request, obj):
        event_record(subject=obj, action=f"{obj._meta.model_name}.deleted", actor=request.user, note="admin")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            event_record(
                subject=obj, action=f"{obj._meta.model_name}.deleted", actor=request.user, note="admin"
            )
        super().delete_queryset(request, queryset)


def adopt(target: models.Model, saved: models.Model) -> None:
    """Point the admin's unsaved form instance at the row a service saved, so the admin
    can log and redirect to it."""
    target.pk = saved.pk
    target._state.adding = False
    target._state.db = saved._state.db


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "action", "subject_type", "subject_id", "actor")
    list_filter = ("action", "subject_type")
    search_fields = ("=subject_id", "action", "note")
    list_select_related = ("actor",)
    date_hierarchy = "created_at"
    show_full_result_count = False
    fields = ("created_at", "actor", "subject_type", "subject_id", "action", "from_state", "to_state", "note")
    readonly_fields = fields


@admin.register(WorkingDayOverride)
class WorkingDayOverrideAdmin(AuditedAdmin):
    """Late cuti bersama, regional holidays and worked holidays; complaint deadlines read
    them at once (``penata.core.calendar``)."""

    list_display = ("date", "kind", "name", "updated_at")
    list_filter = ("kind",)
    search_fields = ("name", "description")
    date_hierarchy = "date"
    fields = ("date", "kind", "name", "description")
