"""Users and memberships, managed by the admin: create, change, deactivate, reset a password,
add or remove a membership. Every change is in the accounts trail (before and after).

Which organisation a role may sit in is a table (``ROLE_KINDS``): a Tim OPD member belongs to an
agency (OPD or unit), the Pemda roles to a Pemda, the evaluator to a province or a Pemda, the
admin anywhere. The last active admin cannot be deactivated nor lose the admin role, and
nobody deactivates themselves: the deployment always keeps someone who can manage it.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..events import AccountEvent
from ..models import PEMDA_KINDS, Membership, Organisation

Role = Membership.Role


class DomainError(Exception):
    """A change of accounts that the rules refuse; the message is for the user."""


ROLE_KINDS: dict[str, frozenset[str]] = {
    Role.TIM_OPD: frozenset({"opd", "unit"}),
    Role.PIMPINAN: frozenset(PEMDA_KINDS),
    Role.TIM_RB: frozenset(PEMDA_KINDS),
    Role.INSPEKTORAT: frozenset(PEMDA_KINDS),
    Role.EVALUATOR: frozenset(PEMDA_KINDS),
    Role.ADMIN: frozenset({*PEMDA_KINDS, "opd", "unit"}),
}


def _user_snapshot(u: Any) -> dict[str, Any]:
    return {
        "username": u.username,
        "first_name": u.first_name,
        "last_name": u.last_name,
        "email": u.email,
        "is_active": u.is_active,
    }


def _membership_snapshot(m: Membership) -> dict[str, Any]:
    return {
        "organisation": m.organisation_id,
        "organisation_name": m.organisation.name,
        "role": m.role,
        "position": m.position,
    }


def _record(kind: str, by: Any, subject: Any, before: Any = None, after: Any = None) -> None:
    AccountEvent.objects.create(kind=kind, actor=by, subject=subject, before=before, after=after)


def _password_problems(password: str, user: Any) -> None:
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages)) from None


@transaction.atomic
def user_create(
    *, username: str, first_name: str, last_name: str, email: str, password: str, by: Any
) -> Any:
    User = get_user_model()
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(_("Nama pengguna %(u)s sudah dipakai.") % {"u": username})
    user = User(username=username, first_name=first_name.strip(), last_name=last_name.strip())
    user.email = email.strip()
    _password_problems(password, user)
    user.set_password(password)
    user.save()
    _record(AccountEvent.Kind.USER_CREATED, by, user, after=_user_snapshot(user))
    return user


@transaction.atomic
def user_update(*, user: Any, first_name: str, last_name: str, email: str, by: Any) -> Any:
    before = _user_snapshot(user)
    user.first_name, user.last_name, user.email = (
        first_name.strip(),
        last_name.strip(),
        email.strip(),
    )
    user.save(update_fields=["first_name", "last_name", "email"])
    if _user_snapshot(user) != before:
        _record(AccountEvent.Kind.USER_CHANGED, by, user, before, _user_snapshot(user))
    return user


def _active_admins() -> Any:
    return Membership.objects.filter(role=Role.ADMIN, user__is_active=True)


@transaction.atomic
def user_set_active(*, user: Any, active: bool, by: Any) -> Any:
    if user.is_active == active:
        return user
    if not active:
        if user.pk == by.pk:
            raise DomainError(_("Anda tidak dapat menonaktifkan akun Anda sendiri."))
        if not _active_admins().exclude(user=user).exists():
            raise DomainError(_("Ini admin aktif terakhir: tambahkan admin lain dulu."))
    before = _user_snapshot(user)
    user.is_active = active
    user.save(update_fields=["is_active"])
    kind = AccountEvent.Kind.USER_ACTIVATED if active else AccountEvent.Kind.USER_DEACTIVATED
    _record(kind, by, user, before, _user_snapshot(user))
    return user


@transaction.atomic
def password_reset(*, user: Any, password: str, by: Any) -> None:
    """Set a new password chosen by the admin (who tells the person); recorded, never stored
    in the trail."""
    _password_problems(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    _record(AccountEvent.Kind.PASSWORD_RESET, by, user)


@transaction.atomic
def membership_add(
    *, user: Any, organisation: Organisation, role: str, position: str, by: Any
) -> Membership:
    if role not in ROLE_KINDS:
        raise DomainError(_("Peran tidak dikenal."))
    if organisation.kind not in ROLE_KINDS[role]:
        raise DomainError(
            _("Peran %(role)s tidak dapat berada di %(org)s (%(kind)s).")
            % {
                "role": Role(role).label,
                "org": organisation.name,
                "kind": organisation.get_kind_display(),
            }
        )
    if Membership.objects.filter(user=user, organisation=organisation, role=role).exists():
        raise DomainError(
            _("%(user)s sudah menjadi %(role)s di %(org)s.")
            % {
                "user": user.get_full_name() or user.username,
                "role": Role(role).label,
                "org": organisation.name,
            }
        )
    m = Membership.objects.create(
        user=user, organisation=organisation, role=role, position=position.strip()
    )
    _record(AccountEvent.Kind.MEMBERSHIP_ADDED, by, user, after=_membership_snapshot(m))
    return m


@transaction.atomic
def membership_remove(*, membership: Membership, by: Any) -> None:
    if (
        membership.role == Role.ADMIN
        and membership.user.is_active
        and not _active_admins().exclude(pk=membership.pk).exists()
    ):
        raise DomainError(_("Ini keanggotaan admin aktif terakhir: tambahkan admin lain dulu."))
    _record(
        AccountEvent.Kind.MEMBERSHIP_REMOVED,
        by,
        membership.user,
        before=_membership_snapshot(membership),
    )
    membership.delete()
