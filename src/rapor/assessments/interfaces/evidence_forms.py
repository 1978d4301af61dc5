"""Forms for evidence: a file or a link, with a title, a document date and an optional end."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rapor.web.texts import SafeText

from .forms import DATE

TEXT = forms.TextInput(attrs={"class": "form-control form-control-sm"})


class EvidenceBaseForm(forms.Form):
    title = forms.CharField(label=_("Judul"), max_length=255, widget=TEXT, validators=[SafeText()])
    document_date = forms.DateField(label=_("Tanggal dokumen"), widget=DATE)
    valid_until = forms.DateField(
        label=_("Berlaku sampai"),
        required=False,
        widget=DATE,
        help_text=_("Kosongkan bila tidak ada batas berlaku."),
    )
    question = forms.CharField(required=False, widget=forms.HiddenInput)


class EvidenceFileForm(EvidenceBaseForm):
    file = forms.FileField(
        label=_("Berkas"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control form-control-sm"}),
    )
    field_order = ["file", "title", "document_date", "valid_until"]

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Kosongkan untuk memakai nama berkas.")


class EvidenceUrlForm(EvidenceBaseForm):
    url = forms.CharField(
        label=_("Tautan"),
        max_length=500,
        validators=[SafeText()],
        widget=forms.URLInput(attrs={"class": "form-control form-control-sm"}),
    )
    field_order = ["url", "title", "document_date", "valid_until"]
