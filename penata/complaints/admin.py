from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .models import Complaint, ComplaintCategory, Open311Client
from .services.open311_clients import (
    open311_client_activate,
    open311_client_create,
    open311_client_deactivate,
    open311_client_key_regenerate,
    open311_client_update,
)


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


# --- Open311 clients (API keys) ------------------------------------------------------------


@admin.register(Open311Client)
class Open311ClientAdmin(admin.ModelAdmin):
    """Applications allowed to POST reports through Open311 (docs/open311.md).

    Creating a client or regenerating its key shows the key once, in a message: only its
    SHA-256 is stored. Clients are deactivated, not deleted (their reports keep the link).
    Every change goes through the services in ``services/open311_clients.py`` (events)."""

    list_display = ["name", "contact", "key_prefix", "is_active", "last_used_at", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "contact", "key_prefix"]
    readonly_fields = ["key_prefix", "is_active", "last_used_at", "created_at"]
    actions = ["key_regenerate", "deactivate", "activate"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name", "contact"]
        return ["name", "contact", "key_prefix", "is_active", "last_used_at", "created_at"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            stored = Open311Client.objects.get(pk=obj.pk)
            open311_client_update(
                client=stored,
                name=form.cleaned_data["name"],
                contact=form.cleaned_data["contact"],
                actor=request.user,
            )
            return
        client, key = open311_client_create(
            name=form.cleaned_data["name"], contact=form.cleaned_data["contact"], actor=request.user
        )
        # The admin goes on with ``obj`` (change message, redirect): make it the saved row.
        obj.pk, obj.key_prefix, obj.key_hash = client.pk, client.key_prefix, client.key_hash
        obj.created_at, obj.updated_at = client.created_at, client.updated_at
        self._key_shown(request, client, key)

    def _key_shown(self, request, client, key):
        messages.warning(
            request,
            _("API key of %(name)s: %(key)s — copy it now, it is shown only this once.")
            % {"name": client.name, "key": key},
        )

    @admin.action(description=gettext_lazy("Regenerate the API key (the old key stops working)"))
    def key_regenerate(self, request, queryset):
        for client in queryset:
            client, key = open311_client_key_regenerate(client=client, actor=request.user)
            self._key_shown(request, client, key)

    @admin.action(description=gettext_lazy("Deactivate (the key is refused)"))
    def deactivate(self, request, queryset):
        for client in queryset:
            open311_client_deactivate(client=client, actor=request.user)
        count = len(queryset)
        messages.success(
            request,
            ngettext("%(count)s Open311 client deactivated.", "%(count)s Open311 clients deactivated.", count)
            % {"count": count},
        )

    @admin.action(description=gettext_lazy("Activate"))
    def activate(self, request, queryset):
        for client in queryset:
            open311_client_activate(client=client, actor=request.user)
        count = len(queryset)
        messages.success(
            request,
            ngettext("%(count)s Open311 client activated.", "%(count)s Open311 clients activated.", count)
            % {"count": count},
        )


# --- internal notes and response templates (officers' pages) -------------------------------

from .models import ComplaintNote, ResponseTemplate  # noqa: E402 - this block is self-contained


class _ReadOnlyAdmin(admin.ModelAdmin):
    """Written only through the services (each change has its event): the officers' pages
    add notes and manage templates; the admin shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ComplaintNote)
class ComplaintNoteAdmin(_ReadOnlyAdmin):
    list_display = ["complaint", "author", "created_at"]
    search_fields = ["complaint__tracking_code"]
    list_select_related = ["complaint", "author"]
    raw_id_fields = ["complaint", "author"]


@admin.register(ResponseTemplate)
class ResponseTemplateAdmin(_ReadOnlyAdmin):
    list_display = ["title", "agency", "is_active", "updated_at"]
    list_filter = ["is_active", "agency"]
    search_fields = ["title", "body"]
    list_select_related = ["agency"]
