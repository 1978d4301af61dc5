"""A value fed from another source (the SKM's IKM, through ``VALUE_PROVIDERS``) counts in every
steering number as it does in the workspace: league, snapshot, what-if, plan and dashboard."""

from __future__ import annotations

import datetime as dt

import pytest

from rapor.assessments.domain import scoring
from rapor.assessments.domain.scoring import Linked, LinkedValue, cycle_score
from rapor.steering.domain.plans import plan_make, target_set
from rapor.steering.domain.snapshots import shown, snapshot_take
from rapor.steering.domain.whatif import real_values
from rapor.steering.league import league_table
from rapor.steering.pages.dashboard import dashboard_page
from rapor.steering.pages.whatif import whatif_page
from tests.steering.test_dashboard import TODAY, cycle, index_of, province  # noqa: F401

pytestmark = pytest.mark.django_db

FED = {"A1.1.b": "20"}  # stored: 80; the source says 20


@pytest.fixture
def fed(monkeypatch, cycle):  # noqa: F811
    def provider(cycles):
        return {
            c.pk: Linked(values={k: LinkedValue(v, "SKM") for k, v in FED.items()})
            for c in cycles
            if c.pk == cycle.pk
        }

    monkeypatch.setattr(scoring, "VALUE_PROVIDERS", [provider])
    return cycle


def test_every_steering_number_reads_the_linked_value(cast, fed, province):  # noqa: F811
    fw = fed.framework.framework()
    stored = {"A1.1.a": "A", "A1.1.b": "80", "A1.2.a": "B", "A2.1.a": "A", "A2.2.a": "A"}
    expected = index_of(fw, {**stored, **FED})
    assert expected != index_of(fw, stored)
    assert cycle_score(fed).result.index == expected  # the workspace's number
    assert real_values(fed)["A1.1.b"] == "20"
    own = league_table(province=cast.province, year=fed.year, user=cast.pimpinan).own
    assert own.figure.exact_index == expected
    assert snapshot_take(cycle=fed, day=dt.date(2024, 6, 1)).index == shown(expected)
    page = whatif_page(cycle=fed, user=cast.coordinator, section="")
    assert page.real.index == expected
    d = dashboard_page(cycle=fed, user=cast.pimpinan, today=TODAY)
    assert d.now.index == expected
    # a measured value counts among the verified ones as it is
    assert d.verified.index == index_of(fw, {"A1.1.a": "A", "A2.1.a": "A", **FED})
    target_set(cycle=fed, by=cast.coordinator, grade="B")
    plan = plan_make(cycle=fed, by=cast.coordinator, peers=[])
    assert plan.inputs["answers"]["A1.1.b"] == "20"
