"""Forms of Organisasi & Pengguna: the only input boundary; they hand checked values to the
domain (domain/accounts.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rapor.web.texts import SafeText

from .models import Membership, Organisation

SMALL = {"class": "form-control form-control-sm"}
SELECT = forms.Select(attrs={"class": "form-select form-select-sm"})


class UserForm(forms.Form):
    first_name = forms.CharField(
        label=_("Nama depan"), max_length=150, widget=forms.TextInput(attrs=SMALL)
    )
    last_name = forms.CharField(
        label=_("Nama belakang"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs=SMALL),
    )
    email = forms.EmailField(
        label=_("E-mail"), required=False, max_length=254, widget=forms.EmailInput(attrs=SMALL)
    )


class UserCreateForm(UserForm):
    username = forms.RegexField(
        label=_("Nama pengguna"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Hanya huruf, angka dan . @ + - _ (tanpa spasi).")},
        widget=forms.TextInput(attrs={**SMALL, "autocomplete": "off"}),
    )
    password = forms.CharField(
        label=_("Kata sandi awal"),
        max_length=128,
        widget=forms.PasswordInput(attrs={**SMALL, "autocomplete": "new-password"}),
    )
    field_order = ["username", "first_name", "last_name", "email", "password"]


class PasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Kata sandi baru"),
        max_length=128,
        widget=forms.PasswordInput(attrs={**SMALL, "autocomplete": "new-password"}),
    )
    again = forms.CharField(
        label=_("Ulangi kata sandi"),
        max_length=128,
        widget=forms.PasswordInput(attrs={**SMALL, "autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("again"):
            self.add_error("again", _("Kedua kata sandi tidak sama."))
        return data


class OrganisationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        depth = max(obj.path.count("/") - 2, 0)
        return f"{'— ' * depth}{obj.name}"


class MembershipForm(forms.Form):
    organisation = OrganisationChoice(
        queryset=Organisation.objects.order_by("path"), label=_("Organisasi"), widget=SELECT
    )
    role = forms.ChoiceField(label=_("Peran"), choices=Membership.Role.choices, widget=SELECT)
    position = forms.CharField(
        label=_("Jabatan"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs=SMALL),
        validators=[SafeText()],
    )
