"""The workspace and "my work" run a number of queries that does not grow with the data."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rapor.assessments.domain.answers import answer_save
from rapor.assessments.domain.assignments import assign_area
from rapor.assessments.domain.evidence import evidence_link, evidence_store
from rapor.assessments.models import Comment

from .conftest import make_cycle, make_framework


def populated_cycle(cast, *, areas, indicators, questions, year):
    fw = make_framework(
        areas=areas, indicators=indicators, questions=questions, fid=f"size-{areas}-{indicators}"
    )
    cycle = make_cycle(cast, fw, year=year)
    due = timezone.localdate() + dt.timedelta(days=1)
    for a in range(1, areas + 1):
        assign_area(
            cycle=cycle,
            area=f"A{a}",
            opd=cast.disdukcapil,
            person=cast.opd_member,
            due_date=due,
            by=cast.coordinator,
        )
    ev = evidence_store(
        organisation=cast.disdukcapil,
        title="bukti",
        by=cast.opd_member,
        content=f"{year}".encode(),
        filename="b.pdf",
    )
    for code, q in list(fw.framework().questions.items())[::2]:
        value = "50" if q.scale.kind == "number" else "B"
        answer_save(
            cycle=cycle,
            question_code=code,
            value=value,
            level="self",
            by=cast.opd_member,
            expected_version=0,
        )
        evidence_link(evidence=ev, cycle=cycle, question_code=code, by=cast.opd_member)
        Comment.objects.create(cycle=cycle, question_code=code, author=cast.coordinator, text="cek")
    return cycle


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_workspace_and_my_work_queries_do_not_grow_with_questions(as_user, cast):
    small = populated_cycle(cast, areas=1, indicators=2, questions=2, year=2023)
    large = populated_cycle(cast, areas=4, indicators=10, questions=4, year=2024)  # 160 questions
    client = as_user(cast.opd_member)
    for url in ("assessments:workspace", "assessments:assignments"):
        small_n = count(client, reverse(url, args=[small.pk]))
        large_n = count(client, reverse(url, args=[large.pk]))
        assert large_n == small_n, url
    # my work lists both cycles' assignments (4 + 40); compare with one cycle only
    large.stage = "closed"
    large.save()
    one = count(client, reverse("assessments:my_work"))
    large.stage = "self_assessment"
    large.save()
    both = count(client, reverse("assessments:my_work"))
    assert both == one
    assert both <= 12


def test_a_section_of_a_large_workspace_renders_in_a_bounded_number_of_queries(
    as_user, cast, django_assert_max_num_queries
):
    large = populated_cycle(cast, areas=4, indicators=10, questions=4, year=2024)
    client = as_user(cast.coordinator)
    client.get(reverse("assessments:workspace", args=[large.pk]))  # the framework cache is warm
    with django_assert_max_num_queries(15):
        client.get(reverse("assessments:workspace", args=[large.pk]) + "?section=A3")


def test_reading_pages_of_the_cycle_one_works_in_writes_nothing(as_user, cast, cycle):
    """No session write per page view (on SQLite each write waits for the one write lock)."""
    client = as_user(cast.opd_member)
    for name in ("assessments:workspace", "assessments:evidence_library"):
        url = reverse(name, args=[cycle.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        writes = [q["sql"] for q in queries if q["sql"].startswith(("UPDATE", "INSERT", "DELETE"))]
        assert not writes, writes


def test_the_cycle_list_scores_every_cycle_in_a_fixed_number_of_queries(as_user, cast):
    populated_cycle(cast, areas=1, indicators=2, questions=2, year=2023)
    client = as_user(cast.coordinator)
    client.get(reverse("assessments:cycles"))  # the framework cache is warm
    one = count(client, reverse("assessments:cycles"))
    populated_cycle(cast, areas=2, indicators=3, questions=2, year=2024)
    client.get(reverse("assessments:cycles"))
    assert count(client, reverse("assessments:cycles")) == one
