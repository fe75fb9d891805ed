"""Training in the admin: read-only. Programs, sessions and every workflow step change
through the training pages and services (checks, events, notifications)."""

from django.contrib import admin

from penata.core.admin import ReadOnlyAdmin

from .models import (
    Certificate,
    Enrolment,
    ExternalTraining,
    JpLedgerEntry,
    Program,
    TrainingNeed,
    TrainingSession,
)


@admin.register(Program)
class ProgramAdmin(ReadOnlyAdmin):
    list_display = ["code", "title", "form", "focus", "modality", "jp", "is_active"]
    list_filter = ["form", "focus", "modality", "is_active"]
    search_fields = ["code", "title", "provider"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(ReadOnlyAdmin):
    list_display = ["code", "program", "start_date", "end_date", "place", "capacity", "seats_taken", "status"]
    list_filter = ["status", "place"]
    search_fields = ["code", "program__title"]
    list_select_related = ["program"]
    date_hierarchy = "start_date"


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdmin):
    list_display = ["session", "employee", "status", "nominated", "created_at"]
    list_filter = ["status", "nominated"]
    search_fields = ["session__code", "employee__nip", "employee__full_name"]
    list_select_related = ["session__program", "employee"]


@admin.register(ExternalTraining)
class ExternalTrainingAdmin(ReadOnlyAdmin):
    list_display = ["employee", "title", "provider", "end_date", "jp", "status"]
    list_filter = ["status", "form"]
    search_fields = ["employee__nip", "employee__full_name", "title"]
    list_select_related = ["employee"]


@admin.register(JpLedgerEntry)
class JpLedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ["employee", "year", "jp", "source", "title", "completed_on"]
    list_filter = ["year", "source"]
    search_fields = ["employee__nip", "employee__full_name", "title"]
    list_select_related = ["employee"]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["code", "employee_name", "employee_nip", "program_title", "issued_at", "revoked_at"]
    search_fields = ["code", "employee_nip", "employee_name"]


@admin.register(TrainingNeed)
class TrainingNeedAdmin(ReadOnlyAdmin):
    list_display = ["source", "agency", "unit", "employee", "competency", "year", "priority", "status"]
    list_filter = ["source", "status", "year"]
    list_select_related = ["agency", "unit", "employee", "competency"]
