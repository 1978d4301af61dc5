"""Pengguna: the admin creates, changes and deactivates users, resets passwords, and adds or
removes memberships. Every action needs ``manage_users`` and is recorded (events.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .domain.accounts import (
    DomainError,
    membership_add,
    membership_remove,
    password_reset,
    user_create,
    user_set_active,
    user_update,
)
from .forms import MembershipForm, PasswordForm, UserCreateForm, UserForm
from .models import Membership
from .pages.users import user_page, users_page
from .views import _require_admin


def _subject(pk: int):  # type: ignore[no-untyped-def]
    user = get_user_model().objects.filter(pk=pk).first()
    if user is None:
        raise Http404("no such user")
    return user


def _name(user) -> str:  # type: ignore[no-untyped-def]
    return user.get_full_name() or user.username


@login_required
def users(request: HttpRequest) -> HttpResponse:
    """GET: users and memberships (searchable); POST: create a user."""
    _require_admin(request)
    if request.method != "POST":
        page = users_page(search=request.GET.get("cari", ""))
        return render(request, "orgs/users.html", {"page": page})
    form = UserCreateForm(request.POST)
    if form.is_valid():
        try:
            user = user_create(by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Pengguna %(u)s dibuat. Tambahkan keanggotaannya di bawah.")
                % {"u": user.username},
            )
            return redirect("orgs:user", user.pk)
    return render(request, "orgs/users.html", {"page": users_page(create_form=form)}, status=400)


@login_required
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the user with the forms; POST: change names and e-mail."""
    _require_admin(request)
    subject = _subject(pk)
    if request.method != "POST":
        return render(request, "orgs/user.html", {"page": user_page(subject=subject)})
    form = UserForm(request.POST)
    if not form.is_valid():
        page = user_page(subject=subject, form=form)
        return render(request, "orgs/user.html", {"page": page}, status=400)
    user_update(user=subject, by=request.user, **form.cleaned_data)
    messages.success(request, _("Data %(u)s disimpan.") % {"u": _name(subject)})
    return redirect("orgs:user", subject.pk)


@login_required
@require_POST
def user_active(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    subject = _subject(pk)
    active = request.POST.get("active") == "1"
    try:
        user_set_active(user=subject, active=active, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        text = (
            _("%(u)s diaktifkan.") if active else _("%(u)s dinonaktifkan: tidak dapat masuk lagi.")
        )
        messages.success(request, text % {"u": _name(subject)})
    return redirect("orgs:user", subject.pk)


@login_required
@require_POST
def user_password(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    subject = _subject(pk)
    form = PasswordForm(request.POST)
    if form.is_valid():
        try:
            password_reset(user=subject, password=form.cleaned_data["password"], by=request.user)
        except DomainError as error:
            form.add_error("password", str(error))
        else:
            messages.success(
                request,
                _("Kata sandi %(u)s diganti. Sampaikan kepadanya lewat jalur yang aman.")
                % {"u": _name(subject)},
            )
            return redirect("orgs:user", subject.pk)
    page = user_page(subject=subject, password_form=form)
    return render(request, "orgs/user.html", {"page": page}, status=400)


@login_required
@require_POST
def user_membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    subject = _subject(pk)
    form = MembershipForm(request.POST)
    if form.is_valid():
        try:
            membership_add(user=subject, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Keanggotaan ditambahkan."))
            return redirect("orgs:user", subject.pk)
    page = user_page(subject=subject, membership_form=form)
    return render(request, "orgs/user.html", {"page": page}, status=400)


@login_required
@require_POST
def membership_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    m = Membership.objects.filter(pk=pk).select_related("user", "organisation").first()
    if m is None:
        raise Http404("no such membership")
    try:
        membership_remove(membership=m, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Keanggotaan %(role)s di %(org)s dihapus.")
            % {"role": m.get_role_display(), "org": m.organisation.name},
        )
    return redirect("orgs:user", m.user_id)
