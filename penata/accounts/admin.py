from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from penata.core.admin import AuditedAdmin

from .models import STAFF_ROLES, User


class PenataUserCreationForm(AdminUserCreationForm):
    def clean(self):
        cleaned = super().clean()
        # The database constraint also allows superusers without agency; this form
        # cannot make superusers, so the rule is checked here.
        if cleaned.get("role") in STAFF_ROLES and not cleaned.get("agency"):
            self.add_error("agency", _("Every staff user belongs to an agency."))
        return cleaned

    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "full_name", "email", "role", "agency")


class PenataUserChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
    form = PenataUserChangeForm
    add_form = PenataUserCreationForm
    list_display = ("username", "full_name", "role", "agency", "is_active", "is_demo", "last_login")
    list_filter = ("role", "is_demo", "is_active", "is_staff", "is_superuser")
    search_fields = ("username", "full_name", "email")
    ordering = ("username",)
    list_select_related = ("agency",)
    autocomplete_fields = ("agency",)
    raw_id_fields = ("employee",)
    readonly_fields = ("is_demo", "last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("full_name", "email", "phone")}),
        (_("Role and agency"), {"fields": ("role", "agency", "employee", "is_demo")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "full_name",
                    "email",
                    "role",
                    "agency",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
