"""Django admin for organization master data. Positions and public services are saved
through their services (validation and audit events); ranks are reference data."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from penata.core.admin import AuditedAdmin, ReadOnlyAdmin, adopt

from .models import Agency, Position, PublicService, Rank, Unit
from .selectors import position_list_with_vacancies
from .services import (
    POSITION_FIELDS,
    SERVICE_FIELDS,
    position_create,
    position_update,
    position_validate,
    public_service_create,
    public_service_update,
    unit_validate,
)


@admin.register(Agency)
class AgencyAdmin(AuditedAdmin):
    list_display = ("code", "name", "kind", "parent", "serves_public")
    list_filter = ("kind", "serves_public")
    search_fields = ("code", "name")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)

    def has_delete_permission(self, request, obj=None) -> bool:
        # Agencies own units, positions and staff (all protected); they are renamed or
        # merged, not deleted.
        return False


class UnitAdminForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ("agency", "parent", "code", "name")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("agency"):
            unit_validate(agency=cleaned["agency"], parent=cleaned.get("parent"))
        return cleaned


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    form = UnitAdminForm
    list_display = ("code", "name", "agency", "parent")
    list_filter = ("agency",)
    search_fields = ("code", "name", "agency__code")
    list_select_related = ("agency", "parent")
    autocomplete_fields = ("agency", "parent")
    show_full_result_count = False


@admin.register(Rank)
class RankAdmin(ReadOnlyAdmin):
    list_display = ("code", "title", "employment_type", "order")
    list_filter = ("employment_type",)
    search_fields = ("code", "title")
    ordering = ("employment_type", "order")


class PositionAdminForm(forms.ModelForm):
    class Meta:
        model = Position
        fields = POSITION_FIELDS

    def clean(self):
        cleaned = super().clean()
        unit = cleaned.get("unit")
        if unit is None:
            return cleaned
        if self.instance.pk and unit.agency_id != self.instance.agency_id:
            raise ValidationError({"unit": _("A position cannot move to a unit of another agency.")})
        position_validate(
            unit=unit,
            min_rank=cleaned.get("min_rank"),
            max_rank=cleaned.get("max_rank"),
            required_education_level=cleaned.get("required_education_level") or "",
        )
        return cleaned


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    form = PositionAdminForm
    list_display = ("code", "title", "position_class", "agency", "headcount_needed", "filled", "vacancies")
    list_filter = ("position_class", "agency")
    search_fields = ("code", "title")
    autocomplete_fields = ("unit", "min_rank", "max_rank")
    readonly_fields = ("agency",)
    show_full_result_count = False

    def get_queryset(self, request):
        return position_list_with_vacancies()

    @admin.display(description=_("filled"), ordering="filled")
    def filled(self, obj) -> int:
        return obj.filled

    @admin.display(description=_("vacancies"), ordering="vacancies")
    def vacancies(self, obj) -> int:
        return obj.vacancies

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in POSITION_FIELDS if name in form.cleaned_data}
        if change:
            original = Position.objects.get(pk=obj.pk)
            changed = {name: value for name, value in data.items() if name in form.changed_data}
            adopt(obj, position_update(position=original, actor=request.user, **changed))
        else:
            adopt(obj, position_create(actor=request.user, **data))

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class PublicServiceAdminForm(forms.ModelForm):
    class Meta:
        model = PublicService
        fields = ("agency", *SERVICE_FIELDS)

    def clean(self):
        cleaned = super().clean()
        agency = cleaned.get("agency") or getattr(self.instance, "agency", None)
        unit = cleaned.get("unit")
        if agency is not None and unit is not None and unit.agency_id != agency.pk:
            raise ValidationError({"unit": _("The unit belongs to another agency.")})
        return cleaned


@admin.register(PublicService)
class PublicServiceAdmin(admin.ModelAdmin):
    form = PublicServiceAdminForm
    list_display = ("code", "name", "agency", "completion_days", "fee", "yearly_users", "is_active")
    list_filter = ("is_active", "agency")
    search_fields = ("code", "name")
    list_select_related = ("agency",)
    autocomplete_fields = ("agency", "unit")

    def get_readonly_fields(self, request, obj=None):
        return ("agency",) if obj is not None else ()

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in SERVICE_FIELDS if name in form.cleaned_data}
        if change:
            original = PublicService.objects.get(pk=obj.pk)
            changed = {name: value for name, value in data.items() if name in form.changed_data}
            adopt(obj, public_service_update(service=original, actor=request.user, **changed))
        else:
            adopt(obj, public_service_create(agency=form.cleaned_data["agency"], actor=request.user, **data))

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
