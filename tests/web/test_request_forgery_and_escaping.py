"""Controls of the threat model that Django provides, checked here so that a change of settings or
templates cannot drop them silently: state changes need the CSRF token, what people write is
escaped wherever it is shown, and a "next" address never leads to another site."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from rapor.assessments.domain import review
from rapor.assessments.domain.answers import answer_save
from rapor.assessments.domain.comments import comment_post
from rapor.assessments.domain.evidence import evidence_add_link
from rapor.assessments.models import Answer, AnswerStatus, Comment, Cycle, Evidence

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.mark.parametrize(
    ("name", "args", "data"),
    [
        ("assessments:answer", "cycle", {"question": "A1.1.a", "value": "A", "version": "0"}),
        ("assessments:question_comment", "question", {"text": "halo"}),
        ("assessments:evidence_add_url", "cycle", {"url": "https://a.go.id/", "title": "x"}),
        ("assessments:submit_indicator", "indicator", {}),
        ("assessments:cycle_reopen", "cycle", {"reason": "x"}),
    ],
)
def test_a_state_change_without_the_csrf_token_is_refused(cast, cycle, name, args, data):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.opd_member if name != "assessments:cycle_reopen" else cast.admin)
    url_args = {
        "cycle": [cycle.pk],
        "question": [cycle.pk, "A1.1.a"],
        "indicator": [cycle.pk, "A1.1"],
    }[args]
    before = [list(m.objects.values()) for m in (Answer, AnswerStatus, Comment, Evidence, Cycle)]
    response = client.post(reverse(name, args=url_args), data)
    assert response.status_code == 403
    assert before == [
        list(m.objects.values()) for m in (Answer, AnswerStatus, Comment, Evidence, Cycle)
    ]


def test_what_people_write_is_escaped_where_it_is_shown(as_user, cast, cycle):
    comment_post(cycle=cycle, question_code="A1.1.a", text=SCRIPT, by=cast.opd_member)
    evidence_add_link(
        cycle=cycle,
        organisation=cast.disdukcapil,
        url="https://contoh.go.id/sk",
        title=SCRIPT,
        by=cast.opd_member,
        link_to="A1.1.a",
    )
    client = as_user(cast.coordinator)
    pages = [
        reverse("assessments:question_activity", args=[cycle.pk, "A1.1.a"]),
        reverse("assessments:evidence_library", args=[cycle.pk]),
        reverse("assessments:workspace", args=[cycle.pk]) + "?indicator=A1.1",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "&lt;script&gt;" in html and "<script>alert" not in html, url
        assert "<img src=x" not in html, url


def test_a_next_address_on_another_site_is_not_followed(as_user, cast, cycle):
    answer_save(
        cycle=cycle,
        question_code="A1.1.a",
        value="A",
        level="self",
        by=cast.opd_member,
        expected_version=0,
    )
    review.submit(cycle=cycle, question_codes=["A1.1.a"], by=cast.opd_member)
    status = AnswerStatus.objects.get(cycle=cycle, question_code="A1.1.a")
    response = as_user(cast.coordinator).post(
        reverse("assessments:review_action", args=[cycle.pk]),
        {
            "question": "A1.1.a",
            "verb": "accept",
            "level": "reviewer",
            "version": status.version,
            "next": "https://penipu.example/masuk",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:review_queue", args=[cycle.pk])
