"""Forms of the MPP managers' screens: the input boundary; every choice is limited to the MPP (or
the Pemda) being managed, and every text is bounded."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rapor.orgs.models import Organisation
from rapor.web.texts import SafeText

from ..models import Agency, Counter, FollowUp, Kiosk, Mpp, Publication, Service
from ..periods import Period, parse_period, recent_periods
from ..questionnaire import QUESTIONNAIRE


class Styled:
    """Bootstrap classes on every widget (a mixin for the forms below)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for f in self.fields.values():  # type: ignore[attr-defined]
            widget = f.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select form-select-sm"
            else:
                css = "form-control form-control-sm"
            widget.attrs["class"] = css
            if isinstance(widget, forms.DateInput):
                widget.format = "%Y-%m-%d"
            if isinstance(f, forms.CharField) and not isinstance(f, forms.ChoiceField):
                # the project's one rule for typed text (no control or direction characters)
                f.validators.append(SafeText(multiline=isinstance(widget, forms.Textarea)))


def period_choices(today: dt.date | None = None) -> list[tuple[str, str]]:
    """Recent periods, newest first: eight quarters, four half-years, three years."""
    today = today or timezone.localdate()
    periods: list[Period] = []
    for kind, count in (("quarter", 8), ("half", 4), ("year", 3)):
        periods += recent_periods(kind, today, count)[::-1]
    return [(p.key, p.label) for p in periods]


class PeriodField(forms.CharField):
    """A period key (2026-Q3, 2026-H2, 2026), checked."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("periode"))
        kwargs.setdefault("max_length", 7)
        super().__init__(**kwargs)
        self.widget = forms.Select(choices=period_choices())

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        if not text:
            return str(text)
        try:
            return parse_period(text).key
        except ValueError:
            raise forms.ValidationError(
                _("“%(value)s” bukan periode (contoh: 2026-Q3, 2026-H2, 2026)."),
                params={"value": text[:20]},
            ) from None


def pemda_opds(pemda_id: int | None) -> Any:
    return Organisation.objects.filter(pemda_id=pemda_id, kind=Organisation.Kind.OPD).order_by(
        "name"
    )


class MppForm(Styled, forms.ModelForm):
    class Meta:
        model = Mpp
        fields = ["name", "operator", "address", "opened_on", "weighting"]
        widgets = {"opened_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, pemda: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["operator"].queryset = pemda_opds(pemda.pk)  # type: ignore[attr-defined]


class NewMppForm(MppForm):
    pemda = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Pemda"))

    class Meta(MppForm.Meta):
        fields = ["pemda", *MppForm.Meta.fields]

    def __init__(self, *args: Any, where: Any, **kwargs: Any) -> None:
        """``where``: pages.catalogue.Openable, the Pemdas and OPDs the user may choose."""
        super().__init__(*args, pemda=Organisation(), **kwargs)
        pemdas = [p.pk for p in where.pemdas]
        operators = [o.pk for o in where.operators]
        self.fields["pemda"].queryset = Organisation.objects.filter(pk__in=pemdas)  # type: ignore[attr-defined]
        self.fields["operator"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=operators
        ).order_by("name")


class AgencyForm(Styled, forms.ModelForm):
    class Meta:
        model = Agency
        fields = ["name", "short_name", "organisation", "order", "active"]

    def __init__(self, *args: Any, mpp: Mpp, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = pemda_opds(mpp.pemda_id)  # type: ignore[attr-defined]


class CounterForm(Styled, forms.ModelForm):
    class Meta:
        model = Counter
        fields = ["name", "agency", "order", "active"]

    def __init__(self, *args: Any, mpp: Mpp, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(mpp=mpp)  # type: ignore[attr-defined]


class ServiceForm(Styled, forms.ModelForm):
    class Meta:
        model = Service
        fields = [
            "name",
            "counter",
            "requirements",
            "duration",
            "cost",
            "product",
            "is_example",
            "order",
            "active",
        ]
        widgets = {"requirements": forms.Textarea(attrs={"rows": 3, "maxlength": 2000})}

    def __init__(self, *args: Any, mpp: Mpp, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["counter"].queryset = Counter.objects.filter(mpp=mpp)  # type: ignore[attr-defined]


class KioskForm(Styled, forms.ModelForm):
    class Meta:
        model = Kiosk
        fields = ["name", "counter", "active"]

    def __init__(self, *args: Any, mpp: Mpp, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["counter"].queryset = Counter.objects.filter(mpp=mpp)  # type: ignore[attr-defined]


class PopulationForm(Styled, forms.Form):
    period = PeriodField()
    population = forms.IntegerField(
        label=_("jumlah pengguna layanan (N)"), min_value=0, max_value=100_000_000
    )
    source = forms.CharField(label=_("sumber angka"), max_length=200, required=False)


UNSUR_CHOICES = [("", "–")] + [(u.code, f"{u.code} {u.name}") for u in QUESTIONNAIRE]


class FollowUpForm(Styled, forms.ModelForm):
    period = PeriodField()
    unsur = forms.ChoiceField(label=_("unsur"), choices=UNSUR_CHOICES, required=False)

    class Meta:
        model = FollowUp
        fields = ["period", "source", "unsur", "action", "owner", "agency", "due_date"]
        widgets = {
            "due_date": forms.DateInput(attrs={"type": "date"}),
            "action": forms.Textarea(attrs={"rows": 2, "maxlength": 300}),
        }

    def __init__(self, *args: Any, mpp: Mpp, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(mpp=mpp)  # type: ignore[attr-defined]


class FollowUpStatusForm(Styled, forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["status", "done_on"]
        widgets = {"done_on": forms.DateInput(attrs={"type": "date"})}


class PublicationForm(Styled, forms.ModelForm):
    period = PeriodField()

    class Meta:
        model = Publication
        fields = ["period", "medium", "where", "published_on"]
        widgets = {"published_on": forms.DateInput(attrs={"type": "date"})}


class LinkForm(Styled, forms.Form):
    """Which IKM feeds the question: a period, and the whole MPP or one of its units."""

    target = forms.ChoiceField(label=_("sumber"))
    period = PeriodField()

    def __init__(self, *args: Any, mpps: list[Mpp], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = link_targets(mpps)  # type: ignore[attr-defined]

    def cleaned_target(self) -> tuple[int, str, int | None]:
        mpp, unit, unit_id = self.cleaned_data["target"].split(":")
        return int(mpp), unit, (int(unit_id) or None)


def link_targets(mpps: list[Mpp]) -> list[tuple[str, str]]:
    """ "<mpp>:mpp:0" for a whole MPP, "<mpp>:agency:<id>" … for its units, labelled."""
    choices: list[tuple[str, str]] = []
    for mpp in mpps:
        choices.append((f"{mpp.pk}:mpp:0", f"{mpp.name} · {_('seluruh MPP')}"))
        for agency in Agency.objects.filter(mpp=mpp):
            choices.append((f"{mpp.pk}:agency:{agency.pk}", f"{mpp.name} · {agency.label}"))
        for counter in Counter.objects.filter(mpp=mpp):
            choices.append((f"{mpp.pk}:counter:{counter.pk}", f"{mpp.name} · {counter.name}"))
        for service in Service.objects.filter(counter__mpp=mpp).select_related("counter"):
            label = f"{mpp.name} · {service.counter.name} · {service.name}"
            choices.append((f"{mpp.pk}:service:{service.pk}", label))
    return choices


def form_problems(form: forms.BaseForm) -> str:
    """A form's errors as one line for a message: "label: problem; …"."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        text = " ".join(str(e) for e in errors)
        parts.append(f"{label}: {text}" if label else text)
    return "; ".join(parts)
