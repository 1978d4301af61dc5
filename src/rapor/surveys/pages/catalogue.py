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

from rapor.orgs.models import Organisation
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


@dataclass
class MppsPage:
    rows: list[MppRow]
    period: Period
    pemdas: list[Organisation]
    """Pemdas where the user may open a new MPP (the form shows when there are any)."""


def manageable_pemdas(user: Any) -> list[Organisation]:
    seen: dict[int, Organisation] = {}
    for m in memberships(user):
        org = m.organisation
        candidates = (
            Organisation.objects.filter(kind__in=("province", "kabupaten", "kota"))
            if m.role == "admin"
            else Organisation.objects.filter(pk=org.pemda_id)
        )
        for pemda in candidates:
            if pemda.pk not in seen and can(user, "manage_survey", pemda):
                seen[pemda.pk] = pemda
    return sorted(seen.values(), key=lambda o: o.path)


def mpps_page(user: Any) -> MppsPage:
    period = current_period()
    rows = [
        MppRow(m, summarise(period_totals(m, period), m.weighting), can(user, "manage_survey", m))
        for m in mpps_for_user(user)
    ]
    return MppsPage(rows, period, manageable_pemdas(user))


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
