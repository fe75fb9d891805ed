"""Writes to user accounts."""

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from penata.core.events import event_record

from .models import STAFF_ROLES, Role, User


def _account_state(user: User) -> dict[str, Any]:
    # No e-mail or phone here: audit rows are read by more people than personal data is.
    return {
        "username": user.username,
        "role": user.role,
        "agency": user.agency_id,
        "employee": user.employee_id,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "is_demo": user.is_demo,
    }


@transaction.atomic
def user_create(
    *,
    username: str,
    role: str,
    full_name: str,
    agency=None,
    email: str = "",
    phone: str = "",
    employee=None,
    password: str | None = None,
    password_hash: str | None = None,
    is_staff: bool = False,
    is_superuser: bool = False,
    is_demo: bool = False,
    actor=None,
) -> User:
    """Create an account. Staff roles need an agency; without a password the account
    cannot sign in until a password is set (reset link).

    ``password_hash`` is an already hashed password (the demo loader hashes its one
    published password once for all demo accounts)."""
    errors: dict[str, list[str]] = {}

    def error(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if role not in Role.values:
        error(
            "role",
            _("Unknown role “%(role)s”. Choose one of: %(roles)s.")
            % {"role": role, "roles": ", ".join(Role.values)},
        )
    elif role in STAFF_ROLES and agency is None and not is_superuser:
        error("agency", _("Every staff user belongs to an agency."))
    elif role == Role.CITIZEN and agency is not None:
        error("agency", _("A citizen account does not belong to an agency."))
    if employee is not None:
        if role == Role.CITIZEN:
            error("employee", _("A citizen account cannot be linked to an employee record."))
        elif agency is not None and employee.agency_id != agency.pk:
            error("employee", _("The employee record belongs to another agency."))
        if User.objects.filter(employee=employee).exists():
            error("employee", _("This employee record already has a user account."))
    if not (full_name or "").strip():
        error("full_name", _("Enter the full name."))

    user = User(
        username=username,
        full_name=(full_name or "").strip(),
        email=email,
        phone=phone,
        role=role,
        agency=agency,
        employee=employee,
        is_staff=is_staff or is_superuser,
        is_superuser=is_superuser,
        is_demo=is_demo,
    )
    # The demo password is published on purpose; demo accounts never reach production.
    if password and not is_demo:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            errors.setdefault("password", []).extend(exc.messages)
    try:
        user.full_clean(exclude=["password"], validate_constraints=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            for message in messages:
                if message not in errors.get(field, []):
                    error(field, message)
    if errors:
        raise ValidationError(errors)
    if password_hash:
        user.password = password_hash
    elif password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    event_record(subject=user, action="user.created", actor=actor, to_state=_account_state(user))
    return user


@transaction.atomic
def demo_accounts_remove(*, actor=None) -> int:
    """Delete every demo account (known password), so that production may start."""
    users = list(User.objects.select_for_update().filter(is_demo=True).order_by("pk"))
    for user in users:
        event_record(subject=user, action="user.deleted", actor=actor, from_state=_account_state(user))
    User.objects.filter(pk__in=[u.pk for u in users]).delete()
    return len(users)
