"""The SKM survey's cast: Kota Contoh's MPP, run by Disdukcapil (tests/web/conftest.py's cast),
with an agency that is an OPD of the Pemda, one from outside, their counters and services."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from rapor.surveys.domain.tickets import ticket_issue
from rapor.surveys.models import Agency, Counter, Kiosk, Mpp, Response, Service
from tests.web.conftest import as_user, cast, cycle, framework  # noqa: F401 - shared fixtures

JAKARTA = dt.timezone(dt.timedelta(hours=7))


@dataclass
class Hall:
    mpp: Mpp
    dukcapil: Agency
    pln: Agency
    gerai_dukcapil: Counter
    gerai_pln: Counter
    ktp: Service
    akta: Service
    listrik: Service
    kiosk: Kiosk


@pytest.fixture
def hall(cast: Any) -> Hall:  # noqa: F811 - the shared fixture, by name
    mpp = Mpp.objects.create(
        pemda=cast.kota, operator=cast.disdukcapil, name="Mal Pelayanan Publik Kota Contoh"
    )
    dukcapil = Agency.objects.create(
        mpp=mpp, name="Dinas Kependudukan", short_name="Disdukcapil", organisation=cast.disdukcapil
    )
    pln = Agency.objects.create(mpp=mpp, name="PT PLN (Persero)", short_name="PLN")
    g1 = Counter.objects.create(mpp=mpp, agency=dukcapil, name="Gerai Disdukcapil")
    g2 = Counter.objects.create(mpp=mpp, agency=pln, name="Gerai PLN")
    return Hall(
        mpp,
        dukcapil,
        pln,
        g1,
        g2,
        Service.objects.create(counter=g1, name="Perekaman KTP-el"),
        Service.objects.create(counter=g1, name="Akta kelahiran"),
        Service.objects.create(counter=g2, name="Pengaduan listrik"),
        Kiosk.objects.create(mpp=mpp, name="Kios lobi"),
    )


def respond(
    service: Service, answers: list[int | None], at: dt.datetime | None = None, **more: Any
) -> Response:
    """Store a response directly (results tests); answers are U1..U9 in order."""
    return Response.objects.create(
        mpp=service.counter.mpp,
        agency=service.counter.agency,
        counter=service.counter,
        service=service,
        submission_id=uuid.uuid4(),
        submitted_at=at or timezone.now(),
        **{f"u{i}": a for i, a in enumerate(answers, 1)},
        **more,
    )


def form_data(service: Service, *, kiosk: Kiosk | None = None, **fields: Any) -> dict[str, Any]:
    """What the public form posts: a ticket for the service, an id, all nine answered 4."""
    ticket = ticket_issue(
        mpp=service.counter.mpp_id,
        services=[(service.pk, service.counter_id, service.counter.agency_id)],
        kiosk=kiosk.pk if kiosk else 0,
        now=fields.pop("issued", None),
    )
    data = {"t": ticket, "id": str(uuid.uuid4()), "layanan": service.pk}
    data.update({f"u{i}": "4" for i in range(1, 10)})
    data.update(fields)
    return data
