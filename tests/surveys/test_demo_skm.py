"""The demo's MPP: the real facts of Kota Pangkalpinang's MPP, fictional services and responses
labelled as such, results that move over the quarters, and the IKM feeding the open RB cycle."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from rapor.assessments.domain.scoring import cycle_score
from rapor.assessments.models import Cycle
from rapor.demo import load_demo
from rapor.orgs.permissions import can
from rapor.surveys.models import Mpp, Response, Service
from rapor.surveys.periods import recent_periods
from rapor.surveys.queries import period_totals

pytestmark = pytest.mark.django_db


def test_the_demo_mpp_is_pangkalpinangs_with_its_eighteen_agencies(django_user_model):
    load_demo()
    mpp = Mpp.objects.get()
    assert mpp.name == "Mal Pelayanan Publik Kota Pangkalpinang" and mpp.is_demo
    assert mpp.opened_on == dt.date(2024, 9, 17) and "Destar Point" in mpp.address
    assert mpp.operator.short_name == "DPMPTSP Naker" and mpp.pemda.name == "Kota Pangkalpinang"
    names = set(mpp.agencies.values_list("short_name", flat=True))
    assert len(names) == 18 and {"PLN", "Samsat", "Imigrasi", "Disdukcapil", "BRI"} <= names
    assert not Service.objects.filter(counter__mpp=mpp, is_example=False).exists()
    manager = django_user_model.objects.get(username="dpmptsp")
    assert can(manager, "manage_survey", mpp)


def test_the_demo_responses_span_the_quarters_since_launch_and_the_ikm_rises():
    load_demo()
    mpp = Mpp.objects.get()
    first = Response.objects.order_by("submitted_at").first().submitted_at
    assert timezone.localtime(first).date() >= dt.date(2024, 9, 17)
    quarters = recent_periods("quarter", timezone.localdate(), 8)
    scores = [period_totals(mpp, q).score(mpp.weighting) for q in quarters[:-1]]
    assert all(s.respondents >= 100 for s in scores)  # every full quarter has a result
    assert scores[-1].ikm > scores[0].ikm
    assert mpp.populations.count() == 4 and mpp.followups.exists() and mpp.publications.exists()


def test_the_demo_feeds_this_years_ikm_into_pangkalpinangs_open_cycle():
    load_demo()
    cycle = Cycle.objects.get(organisation__name="Kota Pangkalpinang", year=2024)
    link = cycle.value_links.get()
    assert (
        link.question_code == "G.C.S.3"
    )  # the 2023 frameworks' SKM input and link.period == str(timezone.localdate().year)
    linked = cycle_score(cycle).linked.values["G.C.S.3"]
    assert linked.value and "Mal Pelayanan Publik Kota Pangkalpinang" in linked.source
