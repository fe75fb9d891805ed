from django.contrib import admin

from .models import Complaint, ComplaintCategory


@admin.register(ComplaintCategory)
class ComplaintCategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "default_agency", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name"]
    list_select_related = ["default_agency"]


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    """Read-only: a report changes only through the transition services (events, deadlines)."""

    list_display = ["tracking_code", "kind", "category", "status", "agency", "submitted_at", "step_due_at"]
    list_filter = ["status", "kind", "privacy", "category"]
    search_fields = ["tracking_code"]
    list_select_related = ["category", "agency"]
    date_hierarchy = "submitted_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
