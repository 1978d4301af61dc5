"""Forms: the only input boundary of the screens; they call the domain functions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from rapor.orgs.models import Membership, Organisation
from rapor.web.texts import SafeText

from ..domain.stages import MAX_REASON, next_stages
from ..models import Cycle, FrameworkVersion, Stage
from ..tree import tree

DATE = forms.DateInput(
    attrs={"type": "date", "class": "form-control form-control-sm"}, format="%Y-%m-%d"
)
SELECT = forms.Select(attrs={"class": "form-select form-select-sm"})


def opds_of(cycle: Cycle) -> Any:
    return Organisation.objects.filter(pemda_id=cycle.organisation.pemda_id, kind="opd").order_by(
        "name"
    )


def people_of(cycle: Cycle, opd: Any = None) -> Any:
    """The Tim OPD members of the cycle's Pemda (of one agency when ``opd`` is given), each
    with their agencies (shown beside the name)."""
    teams = Membership.objects.filter(
        role="tim_opd", organisation__pemda_id=cycle.organisation.pemda_id
    ).select_related("organisation")
    where: dict[str, Any] = {
        "memberships__organisation__pemda_id": cycle.organisation.pemda_id,
        "memberships__role": "tim_opd",
    }
    if opd:
        where["memberships__organisation_id"] = opd
    return (
        get_user_model()
        .objects.filter(**where)
        .distinct()
        .order_by("first_name", "username")
        .prefetch_related(Prefetch("memberships", queryset=teams, to_attr="teams"))
    )


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name() or obj.username
        agencies = ", ".join(m.organisation.label for m in getattr(obj, "teams", []))
        return f"{name} · {agencies}" if agencies else name


class AssignmentForm(forms.Form):
    """An indicator's agency, person in charge and due date. The person list shows each
    person's agency and, unless the form comes back bound, only the chosen agency's people
    (htmx reloads it when the agency changes); a person of another agency is refused by the
    domain with a message naming both."""

    opd = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("OPD"), widget=SELECT
    )
    person = PersonChoice(queryset=None, required=False, label=_("Penanggung jawab"), widget=SELECT)
    due_date = forms.DateField(required=False, label=_("Tenggat"), widget=DATE)

    def __init__(self, *args: Any, cycle: Cycle, narrow_url: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = opds_of(cycle)
        chosen = None if self.is_bound else self.initial.get("opd")
        self.fields["person"].queryset = people_of(cycle, chosen)
        if narrow_url:  # choosing an agency reloads the person list (htmx); a plain post works too
            person_id = self["person"].id_for_label
            self.fields["opd"].widget.attrs.update(
                {
                    "hx-get": narrow_url,
                    "hx-target": f"#{person_id}",
                    "hx-select": f"#{person_id}",
                    "hx-swap": "outerHTML",
                    "hx-trigger": "change",
                }
            )


class AreaAssignForm(AssignmentForm):
    area = forms.ChoiceField(label=_("Area / bagian"), widget=SELECT)
    field_order = ["area", "opd", "person", "due_date"]

    def __init__(self, *args: Any, cycle: Cycle, **kwargs: Any) -> None:
        super().__init__(*args, cycle=cycle, **kwargs)
        t = tree(cycle.framework.framework())
        choices: list[tuple[str, Any]] = []
        if t.areas:
            choices.append(
                (_("Area perubahan (semua komponen)"), [(c, f"{c} · {n}") for c, n in t.areas])
            )
        choices.append((_("Bagian"), [(s.code, s.label) for s in t.sections]))
        self.fields["area"].choices = choices


# The review chains a cycle may use (Cycle.review_levels): the levels above the OPD's own answer.
REVIEW_CHAINS = [
    ("reviewer,verifier", _("Reviu Tim RB, lalu verifikasi Inspektorat")),
    ("reviewer", _("Reviu Tim RB saja")),
    ("verifier", _("Verifikasi Inspektorat saja")),
]


class CycleSettingsForm(forms.ModelForm):
    class Meta:
        model = Cycle
        fields = [
            "stage",
            "self_assessment_starts",
            "self_assessment_ends",
            "review_starts",
            "review_ends",
            "verification_starts",
            "verification_ends",
            "final_deadline",
            "review_levels",
        ]
        widgets = {f: DATE for f in fields if f not in ("stage", "review_levels")} | {
            "stage": SELECT
        }

    # Optional: a post without it keeps the cycle's chain.
    review_levels = forms.ChoiceField(
        choices=REVIEW_CHAINS, required=False, label=_("tingkat reviu"), widget=SELECT
    )

    def __init__(self, *args: Any, cycle: Cycle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # the stage moves only along the path (domain/stages.py): here, to where the Tim RB
        # may take it; submitting and reopening have their own buttons and rules
        stages = [cycle.stage, *next_stages(cycle, "manage_cycle")]
        self.fields["stage"].choices = [(s, Stage(s).label) for s in Stage.values if s in stages]
        # a submitted or closed cycle keeps its review chain until it is reopened
        self.fields["review_levels"].disabled = not cycle.is_open

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for start, end in (
            ("self_assessment_starts", "self_assessment_ends"),
            ("review_starts", "review_ends"),
            ("verification_starts", "verification_ends"),
        ):
            if data.get(start) and data.get(end) and data[start] > data[end]:
                self.add_error(end, _("Tanggal selesai sebelum tanggal mulai."))
        if not data.get("review_levels"):
            data.pop("review_levels", None)
        return data


class CycleCreateForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Pemda"), widget=SELECT
    )
    framework = forms.ModelChoiceField(
        queryset=FrameworkVersion.objects.filter(is_active=True).defer("yaml_text"),
        label=_("Kerangka"),
        widget=SELECT,
    )
    year = forms.IntegerField(
        min_value=2000,
        max_value=2100,
        label=_("Tahun"),
        widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
    )
    carry_over = forms.BooleanField(
        required=False, initial=True, label=_("Mulai dari jawaban dan bukti tahun lalu")
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class CycleReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan membuka kembali"),
        max_length=MAX_REASON,
        validators=[SafeText(multiline=True)],
        widget=forms.Textarea(attrs={"class": "form-control form-control-sm", "rows": 2}),
    )


class FrameworkUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas kerangka (YAML)"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".yaml,.yml"}),
    )
