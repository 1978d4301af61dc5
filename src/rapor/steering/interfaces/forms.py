"""Forms of the steering screens: the only input boundary; they hand checked values to the domain."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rapor.web.texts import SafeText

from .results_csv import GRADES, MAX_BYTES, ResultRow

SMALL = {"class": "form-control form-control-sm"}
SELECT = forms.Select(attrs={"class": "form-select form-select-sm"})


def decimal_field(label: Any, *, low: int, high: int, required: bool = False) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(low),
        max_value=Decimal(high),
        max_digits=6,
        decimal_places=2,
        localize=True,  # "57,83" in Indonesian
        widget=forms.TextInput(attrs={**SMALL, "inputmode": "decimal"}),
    )


class RegionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class PublishedResultForm(forms.Form):
    region = RegionChoice(queryset=None, label=_("Wilayah"), widget=SELECT)
    year = forms.IntegerField(
        label=_("Tahun evaluasi"),
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs=SMALL),
    )
    index = decimal_field(_("Indeks"), low=0, high=120, required=True)
    grade = forms.ChoiceField(
        label=pgettext_lazy("field", "Predikat"),
        required=False,
        choices=[("", "–"), *[(g, g) for g in GRADES]],
        widget=SELECT,
    )
    general = decimal_field(_("RB General"), low=0, high=120)
    tematik = decimal_field(_("RB Tematik"), low=0, high=20)
    adjustment_weight = decimal_field(_("Bobot penyesuaian"), low=0, high=100)
    framework_id = forms.CharField(
        label=pgettext_lazy("field", "Kerangka"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs=SMALL),
        validators=[SafeText()],
    )
    source = forms.CharField(
        label=_("Sumber"),
        max_length=500,
        widget=forms.TextInput(attrs={**SMALL, "placeholder": _("mis. Surat KemenPANRB No. …")}),
        validators=[SafeText()],
    )
    note = forms.CharField(
        label=pgettext_lazy("field", "Catatan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={**SMALL, "rows": 2}),
        validators=[SafeText(multiline=True)],
    )

    def __init__(self, *args: Any, regions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions

    def row(self) -> ResultRow:
        d = self.cleaned_data
        return ResultRow(
            row=0,
            region=d["region"],
            year=d["year"],
            index=d["index"],
            source=d["source"].strip(),
            grade=d["grade"],
            general=d["general"],
            tematik=d["tematik"],
            adjustment_weight=d["adjustment_weight"],
            framework_id=d["framework_id"].strip(),
            note=d["note"].strip(),
        )


class ResultsImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas CSV"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".csv,text/csv"}),
    )
    year = forms.IntegerField(
        label=_("Tahun untuk baris tanpa tahun"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs=SMALL),
    )
    source = forms.CharField(
        label=_("Sumber untuk baris tanpa sumber"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs=SMALL),
        validators=[SafeText()],
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("Berkas terlalu besar (maks. %(n)d KB).") % {"n": MAX_BYTES // 1024}
            )
        return upload


DATE = forms.DateInput(attrs={"type": "date", **SMALL}, format="%Y-%m-%d")


class TargetForm(forms.Form):
    grade = forms.ChoiceField(label=_("Predikat target"), required=False, widget=SELECT)
    rank = forms.IntegerField(
        label=_("Peringkat di provinsi"),
        required=False,
        min_value=1,
        max_value=99,
        widget=forms.NumberInput(attrs={**SMALL, "placeholder": _("mis. 3")}),
    )
    margin = decimal_field(_("Selisih aman (poin)"), low=0, high=20)
    score = decimal_field(_("Indeks target"), low=0, high=120)
    due_date = forms.DateField(label=_("Tanggal target"), required=False, widget=DATE)

    def __init__(self, *args: Any, bands: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = [
            ("", "–"),
            *[(b.code, f"{b.code} · {b.label}") for b in bands],
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("grade") and data.get("rank") is None and data.get("score") is None:
            raise forms.ValidationError(_("Pilih predikat, peringkat atau indeks target."))
        if data.get("margin") is None:
            data["margin"] = Decimal(0)
        return data


class PlanApplyForm(forms.Form):
    due_date = forms.DateField(label=_("Tenggat penugasan"), widget=DATE)
