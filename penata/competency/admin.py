from django.contrib import admin

from .models import Assessment, Competency, PositionStandard


@admin.register(Competency)
class CompetencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "agency", "is_active"]
    list_filter = ["kind", "is_active"]
    list_select_related = ["agency"]
    search_fields = ["code", "name"]


@admin.register(PositionStandard)
class PositionStandardAdmin(admin.ModelAdmin):
    list_display = ["position", "competency", "required_level", "is_core"]
    list_select_related = ["position", "competency"]
    search_fields = ["position__code", "position__title", "competency__code"]
    raw_id_fields = ["position"]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    """Assessment history is kept: rows are recorded by the services and only invalidated here."""

    list_display = ["employee", "competency", "level", "assessed_on", "method", "is_valid"]
    list_filter = ["method", "is_valid"]
    list_select_related = ["employee", "competency"]
    search_fields = ["employee__nip", "employee__full_name", "competency__code"]
    readonly_fields = ["employee", "competency", "level", "assessed_on", "method", "assessor"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
