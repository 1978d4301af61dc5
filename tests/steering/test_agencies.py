"""Inside one government: the agencies ranked by completion and by points, from the scoring
path's numbers, in a number of queries that does not grow with agencies or questions."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rapor.assessments.domain.answers import answer_save
from rapor.assessments.domain.assignments import assign_area, assignment_create
from rapor.assessments.domain.evidence import evidence_link, evidence_store
from rapor.assessments.domain.review import submit
from rapor.assessments.queries import cycle_data
from rapor.orgs.models import Organisation
from rapor.steering.agencies import agency_rows
from tests.web.conftest import make_cycle, make_framework, make_user

pytestmark = pytest.mark.django_db
TODAY = dt.date(2024, 6, 1)


def save(cycle, code, value, by):
    answer_save(
        cycle=cycle, question_code=code, value=value, level="self", by=by, expected_version=0
    )


def test_each_agency_counts_its_work_and_carries_its_indicators_points(cast, framework):
    cycle = make_cycle(cast, framework)
    late = TODAY - dt.timedelta(days=1)
    assignment_create(
        cycle=cycle,
        indicator_code="A1.1",
        opd=cast.disdukcapil,
        person=cast.opd_member,
        due_date=late,
        by=cast.coordinator,
    )
    assignment_create(
        cycle=cycle, indicator_code="A1.2", opd=cast.dinkes, due_date=late, by=cast.coordinator
    )
    save(cycle, "A1.1.a", "A", cast.opd_member)
    save(cycle, "A1.1.b", "50", cast.opd_member)
    save(cycle, "A1.2.a", "B", cast.other_opd_member)
    ev = evidence_store(
        organisation=cast.disdukcapil,
        title="SK",
        by=cast.opd_member,
        content=b"%PDF-1",
        filename="sk.pdf",
    )
    evidence_link(evidence=ev, cycle=cycle, question_code="A1.1.a", by=cast.opd_member)
    submit(cycle=cycle, question_codes=["A1.1.a", "A1.1.b"], by=cast.opd_member)
    rows = {(r.opd.label if r.opd else None): r for r in agency_rows(cycle_data(cycle), TODAY)}
    duk, dinkes, free = rows["Disdukcapil"], rows["Dinkes"], rows[None]
    assert (duk.questions, duk.answered, duk.with_evidence, duk.submitted, duk.late) == (
        2,
        2,
        1,
        2,
        0,
    )
    assert duk.people == ["Dukcapil"] and duk.indicators == ["A1.1"]
    # A1.1 weighs 25: A (1) and 50/100 give 25 x (1 + 0.5) / 2
    assert duk.points == Fraction(75, 4) and duk.max_points == 25
    assert (dinkes.answered, dinkes.late, dinkes.points) == (1, 1, Fraction(25, 4))
    assert free.indicators == ["A2.1", "A2.2"] and free.max_points == 50
    assert (duk.rank_completion, dinkes.rank_completion) == (1, 2)
    assert duk.rank_points == dinkes.rank_points == 1  # equal weights share the rank


def agencies_queries(client, cycle):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("steering:agencies", args=[cycle.pk]) + "?urut=points")
    assert response.status_code == 200
    return len(queries)


def test_agency_ranking_queries_do_not_grow_with_agencies_or_questions(as_user, cast):
    small = make_cycle(
        cast, make_framework(areas=1, indicators=2, questions=2, fid="rb-s"), year=2023
    )
    large_fw = make_framework(areas=6, indicators=8, questions=4, fid="rb-l")
    large = make_cycle(cast, large_fw, year=2024)
    assign_area(cycle=small, area="A1", opd=cast.disdukcapil, by=cast.coordinator)
    for a in range(1, 7):
        opd = Organisation.objects.create(name=f"Dinas {a}", kind="opd", parent=cast.kota)
        person = make_user(f"orang{a}", opd, "tim_opd")
        assign_area(
            cycle=large,
            area=f"A{a}",
            opd=opd,
            person=person,
            due_date=timezone.localdate(),
            by=cast.coordinator,
        )
        save(large, f"A{a}.1.a", "A", person)
    client = as_user(cast.pimpinan)
    agencies_queries(client, small), agencies_queries(client, large)  # warm the framework cache
    assert agencies_queries(client, large) == agencies_queries(client, small)
    html = client.get(reverse("steering:agencies", args=[large.pk])).content.decode()
    assert html.count('<tr class="agency') == 6
