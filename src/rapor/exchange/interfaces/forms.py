"""Forms of the exchange pages: the only input boundary; they call the domain functions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rapor.orgs.models import Organisation

WORKBOOK_EXTENSIONS = (".xlsx", ".xlsm")
FILE = forms.ClearableFileInput(attrs={"class": "form-control form-control-sm", "accept": ".xlsx"})
NUMBER = forms.NumberInput(attrs={"class": "form-control form-control-sm", "min": 1, "max": 9})
TEXT = forms.TextInput(attrs={"class": "form-control form-control-sm"})


class WorkbookField(forms.FileField):
    """An .xlsx upload (its content is checked by the reader, within its limits)."""

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        name = (getattr(upload, "name", "") or "").lower()
        if upload is not None and not name.endswith(WORKBOOK_EXTENSIONS):
            raise forms.ValidationError(_("Pilih buku kerja Excel (.xlsx)."))
        return upload


class ImportAnswersForm(forms.Form):
    file = WorkbookField(label=_("Buku kerja LKE (.xlsx)"), widget=FILE)
    block = forms.IntegerField(
        label=_("Blok"),
        min_value=1,
        max_value=9,
        initial=1,
        widget=NUMBER,
        help_text=_("1 = blok paling kiri (penilaian tahun ini), 2 = blok di sebelah kanannya."),
    )


class ImportInstrumentForm(forms.Form):
    file = WorkbookField(label=_("Buku kerja LKE kementerian (.xlsx)"), widget=FILE)
    block = forms.IntegerField(label=_("Blok"), min_value=1, max_value=9, initial=1, widget=NUMBER)
    framework_id = forms.RegexField(
        label=_("Kode kerangka"),
        regex=r"^[a-z0-9][a-z0-9-]*$",
        max_length=60,
        required=False,
        widget=TEXT,
        help_text=_("Huruf kecil, angka dan tanda hubung, misalnya rb-2015. Kosong: dari judul."),
        error_messages={"invalid": _("Pakai huruf kecil, angka dan tanda hubung saja.")},
    )
    version = forms.CharField(
        label=_("Versi"),
        max_length=30,
        required=False,
        widget=TEXT,
        help_text=_("Kosong: tahun di judul blok."),
    )
    name = forms.CharField(label=_("Nama"), max_length=200, required=False, widget=TEXT)


class ExportLkeForm(forms.Form):
    previous = forms.BooleanField(label=_("Sertakan siklus sebelumnya (blok 2)"), required=False)


class VerificationReportForm(forms.Form):
    opd = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label=_("OPD"),
        empty_label=_("Semua OPD"),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )

    def __init__(self, *args: Any, opds: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = opds
