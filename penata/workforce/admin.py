"""Django admin for employees. New employees and ordinary edits go through the workforce
services; position, rank and agency changes have their own services (transfer,
promotion) and are read-only here, and position history is append-only."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from penata.core.admin import ReadOnlyAdmin, adopt

from .models import Employee, PositionHistory
from .services import EMPLOYEE_FIELDS, UPDATABLE_FIELDS, employee_create, employee_update, employee_validate

# Changed only by the transfer and promotion services, which write history rows.
MOVEMENT_FIELDS = ("nip", "agency", "position", "position_start_date", "rank")


class EmployeeAdminForm(forms.ModelForm):
    class Meta:
        model = Employee
        fields = EMPLOYEE_FIELDS

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        try:
            employee_validate(self.instance)
        except ValidationError as exc:
            self._update_errors(exc)


class PositionHistoryInline(admin.TabularInline):
    model = PositionHistory
    fields = ("start_date", "kind", "position", "agency", "rank", "reference", "actor", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("-start_date", "-id")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("position", "agency", "rank", "actor")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Employee)
class EmployeeAdmin(admin.ModelAdmin):
    form = EmployeeAdminForm
    inlines = (PositionHistoryInline,)
    list_display = ("nip", "full_name", "employment_type", "rank", "agency", "position", "status")
    list_filter = ("status", "employment_type", "agency")
    search_fields = ("=nip", "full_name")
    list_select_related = ("rank", "agency", "position")
    autocomplete_fields = ("agency", "position", "rank")
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        return MOVEMENT_FIELDS if obj is not None else ()

    def save_model(self, request, obj, form, change):
        if change:
            original = Employee.objects.get(pk=obj.pk)
            changed = {
                name: form.cleaned_data[name]
                for name in form.changed_data
                if name in UPDATABLE_FIELDS and name in form.cleaned_data
            }
            adopt(obj, employee_update(employee=original, actor=request.user, **changed))
        else:
            data = {name: form.cleaned_data[name] for name in EMPLOYEE_FIELDS if name in form.cleaned_data}
            adopt(obj, employee_create(actor=request.user, **data))

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PositionHistory)
class PositionHistoryAdmin(ReadOnlyAdmin):
    list_display = ("employee", "kind", "start_date", "position", "agency", "rank", "reference")
    list_filter = ("kind",)
    search_fields = ("=employee__nip", "reference")
    list_select_related = ("employee", "position", "agency", "rank")
    date_hierarchy = "start_date"
    show_full_result_count = False
