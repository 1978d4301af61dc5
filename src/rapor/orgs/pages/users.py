"""Pengguna: the list of users with their memberships (searchable), and one user's page with the
forms to change them and their recent trail."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q

from ..events import AccountEvent
from ..forms import MembershipForm, PasswordForm, UserCreateForm, UserForm
from ..models import Membership

SHOWN = 200


@dataclass
class UsersPage:
    users: list[Any]
    search: str
    total: int
    """How many match; only the first ``SHOWN`` are listed."""
    create_form: UserCreateForm


def users_page(*, search: str = "", create_form: UserCreateForm | None = None) -> UsersPage:
    User = get_user_model()
    qs = User.objects.order_by("-is_active", "username").prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("organisation"))
    )
    search = search.strip()[:100]
    if search:
        qs = qs.filter(
            Q(username__icontains=search)
            | Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
            | Q(email__icontains=search)
            | Q(memberships__organisation__name__icontains=search)
            | Q(memberships__organisation__short_name__icontains=search)
        ).distinct()
    users = list(qs[:SHOWN])
    total = len(users) if len(users) < SHOWN else qs.count()
    return UsersPage(users, search, total, create_form or UserCreateForm())


@dataclass
class UserPage:
    subject: Any
    memberships: list[Membership]
    form: UserForm
    password_form: PasswordForm
    membership_form: MembershipForm
    events: list[AccountEvent]


def user_page(
    *,
    subject: Any,
    form: UserForm | None = None,
    password_form: PasswordForm | None = None,
    membership_form: MembershipForm | None = None,
) -> UserPage:
    return UserPage(
        subject=subject,
        memberships=list(subject.memberships.select_related("organisation")),
        form=form
        or UserForm(
            initial={
                "first_name": subject.first_name,
                "last_name": subject.last_name,
                "email": subject.email,
            }
        ),
        password_form=password_form or PasswordForm(),
        membership_form=membership_form or MembershipForm(),
        events=list(AccountEvent.objects.filter(subject=subject).select_related("actor")[:20]),
    )
