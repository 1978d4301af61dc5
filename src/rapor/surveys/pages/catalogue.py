"""What the MPP screens show: the list of MPPs, one MPP's catalogue (agencies → counters →
services with their public links and posters, kiosks for managers), this quarter's headline and
the latest changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rapor.orgs.models import PEMDA_KINDS, Organisation
from rapor.orgs.permissions import can, memberships

from ..access import mpps_for_user
from ..models import Agency, Counter, Kiosk, Mpp, Service, SurveyEvent
from ..periods import Period
from ..queries import period_totals
from .results import Summary, current_period, summarise

EVENT_KINDS: dict[str, Any] = {
    "mpp": _("MPP"),
    "agency": _("instansi"),
    "counter": _("gerai"),
    "service": _("layanan"),
    "kiosk": _("kios"),
    "population": _("jumlah pengguna layanan (N)"),
    "followup": _("tindak lanjut"),
    "publication": _("publikasi"),
}


def public_url(request: HttpRequest, path: str) -> str:
    """An absolute public address (RAPOR_PUBLIC_URL when the deployment sets one)."""
    base = settings.RAPOR_PUBLIC_URL
    return f"{base}{path}" if base else request.build_absolute_uri(path)


@dataclass
class MppRow:
    mpp: Mpp
    headline: Summary
    may_manage: bool


@dataclass(frozen=True)
class Openable:
    """Where a user may open a new MPP: the Pemdas, and the OPDs that may run it."""

    pemdas: list[Organisation]
    operators: list[Organisation]

    def allows(self, pemda_id: str, operator_id: str) -> bool:
        return any(str(o.pk) == operator_id and str(o.pemda_id) == pemda_id for o in self.operators)


def openable(user: Any) -> Openable:
    """Judged on the MPP that would be made (its Pemda and operating OPD), as every MPP is: the
    Tim RB may open one run by any OPD of its Pemda, the team of an OPD one run by its own OPD,
    the admin anywhere."""
    pemda_ids = set()
    for m in memberships(user):
        pemda_ids |= (
            set(Organisation.objects.filter(kind__in=PEMDA_KINDS).values_list("pk", flat=True))
            if m.role == "admin"
            else {m.organisation.pemda_id}
        )
    pemdas = {o.pk: o for o in Organisation.objects.filter(pk__in=pemda_ids)}
    operators = [
        opd
        for opd in Organisation.objects.filter(pemda_id__in=pemdas, kind=Organisation.Kind.OPD)
        if can(user, "manage_survey", Mpp(pemda=pemdas[opd.pemda_id], operator=opd))
    ]
    used = {o.pemda_id for o in operators}
    return Openable(
        sorted((p for p in pemdas.values() if p.pk in used), key=lambda o: o.path), operators
    )


@dataclass
class MppsPage:
    rows: list[MppRow]
    period: Period
    openable: Openable
    """Where the user may open a new MPP (the form shows when there is somewhere)."""


def mpps_page(user: Any) -> MppsPage:
    period = current_period()
    rows = [
        MppRow(m, summarise(period_totals(m, period), m.weighting), can(user, "manage_survey", m))
        for m in mpps_for_user(user)
    ]
    return MppsPage(rows, period, openable(user))


@dataclass
class ServiceView:
    service: Service
    url: str


@dataclass
class CounterView:
    counter: Counter
    url: str
    services: list[ServiceView] = field(default_factory=list)


@dataclass
class AgencyView:
    agency: Agency
    counters: list[CounterView] = field(default_factory=list)


@dataclass
class MppPage:
    mpp: Mpp
    agencies: list[AgencyView]
    kiosks: list[tuple[Kiosk, str]]
    period: Period
    headline: Summary
    events: list[tuple[SurveyEvent, Any]]
    may_manage: bool
    has_example_services: bool


def mpp_page(request: HttpRequest, mpp: Mpp) -> MppPage:
    user = request.user
    agencies = {a.pk: AgencyView(a) for a in Agency.objects.filter(mpp=mpp)}
    counters: dict[int, CounterView] = {}
    for c in Counter.objects.filter(mpp=mpp):
        url = public_url(request, reverse("surveys:counter_form", args=[c.token]))
        counters[c.pk] = CounterView(c, url)
        agencies[c.agency_id].counters.append(counters[c.pk])
    example = False
    for s in Service.objects.filter(counter__mpp=mpp):
        url = public_url(request, reverse("surveys:service_form", args=[s.token]))
        counters[s.counter_id].services.append(ServiceView(s, url))
        example = example or s.is_example
    may_manage = can(user, "manage_survey", mpp)
    kiosks = (
        [
            (k, public_url(request, reverse("surveys:kiosk_form", args=[k.token])))
            for k in Kiosk.objects.filter(mpp=mpp).select_related("counter")
        ]
        if may_manage
        else []
    )
    period = current_period()
    return MppPage(
        mpp=mpp,
        agencies=list(agencies.values()),
        kiosks=kiosks,
        period=period,
        headline=summarise(period_totals(mpp, period), mpp.weighting),
        events=[
            (e, EVENT_KINDS.get(e.kind, e.kind))
            for e in SurveyEvent.objects.filter(mpp=mpp)
            .select_related("actor")
            .order_by("-at", "-pk")[:15]
        ],
        may_manage=may_manage,
        has_example_services=example,
    )
