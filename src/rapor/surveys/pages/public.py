"""What the public survey page shows: the service (or the services to choose from), the nine
questions with their answer labels, the optional respondent fields, and the signed ticket.

One builder for the three ways in (a service's QR code, a counter's QR code, a kiosk) and for the
same form shown again after a refused submission, answers kept.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ..domain.submit import MAX_CONTACT, MAX_SUGGESTION, PROFILE_FIELDS, min_seconds
from ..domain.tickets import Ticket, ticket_issue
from ..models import AgeGroup, Education, Kiosk, Mpp, Occupation, Rejection, Service, Sex
from ..questionnaire import QUESTIONNAIRE

PROFILE_CHOICES: dict[str, tuple[Any, Any]] = {
    "umur": (_("Umur"), AgeGroup.choices),
    "jk": (_("Jenis kelamin"), Sex.choices),
    "pendidikan": (_("Pendidikan terakhir"), Education.choices),
    "pekerjaan": (_("Pekerjaan"), Occupation.choices),
}


@dataclass(frozen=True)
class Row:
    """One question or respondent field as the form shows it, with what was chosen."""

    name: str
    label: Any
    options: list[tuple[str, Any]]
    value: str = ""
    error: str = ""
    hint: Any = ""


@dataclass
class SurveyPage:
    mpp: Mpp
    services: list[Service]
    ticket: str
    kiosk: Kiosk | None = None
    origin: str = ""
    """The path of the page the respondent came from (the thank-you page links back to it)."""
    submission_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    retry_after: int = 0
    max_suggestion: int = MAX_SUGGESTION
    max_contact: int = MAX_CONTACT

    @property
    def questions(self) -> list[Row]:
        return [
            Row(
                u.field,
                u.question,
                [(str(n), label) for n, label in enumerate(u.labels, 1)],
                self.values.get(u.field, ""),
                self.errors.get(u.field, ""),
                u.name,
            )
            for u in QUESTIONNAIRE
        ]

    @property
    def profile(self) -> list[Row]:
        return [
            Row(name, label, list(choices), self.values.get(name, ""), self.errors.get(name, ""))
            for name, (label, choices) in PROFILE_CHOICES.items()
        ]

    @property
    def general_errors(self) -> list[str]:
        """Errors not shown beside a field (the service, when the form offers only one)."""
        hidden = {""} | ({"layanan"} if self.single else set())
        return [message for key, message in self.errors.items() if key in hidden]

    @property
    def field_errors(self) -> bool:
        return any(self.errors)

    @property
    def single(self) -> Service | None:
        return self.services[0] if len(self.services) == 1 else None

    @property
    def min_seconds(self) -> int:
        return int(min_seconds())


def active_services() -> QuerySet[Service]:
    return Service.objects.filter(
        active=True, counter__active=True, counter__agency__active=True
    ).select_related("counter__agency", "counter__mpp__pemda")


def _ticket(mpp: Mpp, services: list[Service], kiosk: Kiosk | None) -> str:
    return ticket_issue(
        mpp=mpp.pk,
        services=[(s.pk, s.counter_id, s.counter.agency_id) for s in services],
        kiosk=kiosk.pk if kiosk else 0,
    )


def page_for_service(token: str, origin: str) -> SurveyPage | None:
    service = active_services().filter(token=token).first()
    if service is None:
        return None
    mpp = service.counter.mpp
    return SurveyPage(mpp, [service], _ticket(mpp, [service], None), origin=origin)


def page_for_counter(token: str, origin: str) -> SurveyPage | None:
    services = list(active_services().filter(counter__token=token))
    if not services:
        return None
    mpp = services[0].counter.mpp
    return SurveyPage(mpp, services, _ticket(mpp, services, None), origin=origin)


def page_for_kiosk(token: str, origin: str) -> SurveyPage | None:
    kiosk = Kiosk.objects.filter(token=token, active=True).select_related("mpp__pemda").first()
    if kiosk is None:
        return None
    qs = active_services().filter(counter__mpp=kiosk.mpp)
    if kiosk.counter_id:
        qs = qs.filter(counter_id=kiosk.counter_id)
    services = list(qs.order_by("counter__agency__order", "counter__order", "order", "name"))
    if not services:
        return None
    return SurveyPage(
        kiosk.mpp, services, _ticket(kiosk.mpp, services, kiosk), kiosk=kiosk, origin=origin
    )


def page_again(
    ticket: Ticket, token: str, data: Any, outcome: Any, origin: str
) -> SurveyPage | None:
    """The form of a refused submission, shown again with its answers and the same ticket (so
    the time already spent on it counts) unless the ticket itself was the problem."""
    services = list(
        active_services().filter(pk__in=list(ticket.services), counter__mpp_id=ticket.mpp)
    )
    if not services:
        return None
    mpp = services[0].counter.mpp
    kiosk = Kiosk.objects.filter(pk=ticket.kiosk).first() if ticket.kiosk else None
    if outcome.reason == Rejection.Reason.EXPIRED:
        token = _ticket(mpp, services, kiosk)
    kept = {k: data.get(k, "") for k in ("layanan", "saran", "kontak", *PROFILE_FIELDS)}
    kept.update({u.field: data.get(u.field, "") for u in QUESTIONNAIRE})
    return SurveyPage(
        mpp,
        services,
        token,
        kiosk=kiosk,
        origin=origin,
        submission_id=str(data.get("id", ""))[:36] or str(uuid.uuid4()),
        values={k: str(v)[:MAX_SUGGESTION] for k, v in kept.items()},
        errors=outcome.errors,
        retry_after=outcome.retry_after,
    )
