"""Feeding RB: a period's IKM fills a number input of a cycle through the one scoring path, follows
the survey, is counted as answered, is frozen when the cycle is submitted, and the history says
where the value came from."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from rapor.assessments.domain.answers import answer_save
from rapor.assessments.domain.errors import DomainError
from rapor.assessments.domain.review import submit
from rapor.assessments.domain.scoring import cycle_score, effective_values, score_values
from rapor.assessments.models import Answer, HistoryEvent
from rapor.engine import format_fixed
from rapor.engine.skm import skm_score
from rapor.surveys.domain.links import link_create, link_remove
from rapor.surveys.models import Mpp

from .conftest import respond
from .test_results import SURVEY

pytestmark = pytest.mark.django_db
INPUT = "A1.1.b"  # the test framework's 0–100 input, assigned to Disdukcapil


def this_year() -> str:
    return str(timezone.localdate().year)


def expected_ikm(rows: list[list[int | None]]) -> str:
    """The engine's own IKM of the rows, as the link feeds it (2 decimals)."""
    table = [{f"U{i}": a for i, a in enumerate(r, 1)} for r in rows]
    return format_fixed(skm_score(table).ikm, 2)


def linked(cycle, hall, by, **kw):
    return link_create(
        cycle=cycle, question_code=INPUT, mpp=hall.mpp, period=this_year(), by=by, **kw
    )


def test_every_score_of_the_cycle_uses_the_linked_ikm(cast, cycle, hall):
    for answers in SURVEY:
        respond(hall.ktp, answers)
    answer_save(
        cycle=cycle,
        question_code=INPUT,
        value="10",
        level="self",
        by=cast.opd_member,
        expected_version=0,
    )
    linked(cycle, hall, cast.coordinator)
    score = cycle_score(cycle)
    stored = effective_values(Answer.objects.filter(cycle=cycle))
    by_hand = score_values(cycle.framework.framework(), {**stored, INPUT: expected_ikm(SURVEY)})
    assert score.result.total == by_hand.result.total
    assert score.questions[INPUT].value == by_hand.questions[INPUT].value
    assert score.linked.values[INPUT].value == "85.88" == expected_ikm(SURVEY)


def test_the_linked_value_follows_new_responses(as_user, cast, cycle, hall):
    respond(hall.ktp, [4] * 9)
    linked(cycle, hall, cast.coordinator)
    assert cycle_score(cycle).linked.values[INPUT].value == "100.00"
    respond(hall.listrik, [1] * 9)
    assert cycle_score(cycle).linked.values[INPUT].value == expected_ikm([[4] * 9, [1] * 9])
    page = as_user(cast.coordinator).get(
        reverse("assessments:workspace", args=[cycle.pk]) + "?indicator=A1.1"
    )
    html = page.content.decode()
    assert (
        f"dari SKM {hall.mpp.name} · Tahun {this_year()} · seluruh MPP · IKM 62,50 (2 responden)"
        in html
    )
    assert 'value="62,50"' in html  # shown in the (disabled) input itself


def test_a_unit_can_feed_the_input_instead_of_the_whole_mpp(cast, cycle, hall):
    respond(hall.ktp, [4] * 9)
    respond(hall.listrik, [2] * 9)
    linked(cycle, hall, cast.coordinator, unit="agency", unit_id=hall.pln.pk)
    assert cycle_score(cycle).linked.values[INPUT].value == "50.00"
    assert "PLN" in cycle_score(cycle).linked.values[INPUT].source


def test_before_any_response_the_input_is_unanswered_and_says_why(cast, cycle, hall):
    answer_save(
        cycle=cycle,
        question_code=INPUT,
        value="90",
        level="self",
        by=cast.opd_member,
        expected_version=0,
    )
    linked(cycle, hall, cast.coordinator)
    score = cycle_score(cycle)
    assert score.questions[INPUT].value == 0 and score.result.answered == 0  # not the "90"
    assert "belum ada responden" in score.linked.values[INPUT].source


def test_the_history_says_where_the_value_came_from(as_user, cast, cycle, hall):
    respond(hall.ktp, [3] * 9)
    linked(cycle, hall, cast.coordinator)
    event = HistoryEvent.objects.get(kind="value_linked", question_code=INPUT)
    assert event.actor == cast.coordinator and event.after["value"] == "75.00"
    assert hall.mpp.name in event.after["source"] and event.after["period"] == this_year()
    panel = (
        as_user(cast.coordinator)
        .get(reverse("assessments:question_activity", args=[cycle.pk, INPUT]))
        .content.decode()
    )
    assert "nilai ditautkan ke sumber" in panel and "75.00" in panel
    link_remove(cycle=cycle, question_code=INPUT, by=cast.coordinator)
    removed = HistoryEvent.objects.get(kind="value_unlinked")
    assert removed.before["value"] == "75.00" and INPUT not in cycle_score(cycle).linked.values


def test_a_linked_input_counts_as_answered_when_the_opd_submits(cast, cycle, hall):
    respond(hall.ktp, [3] * 9)
    answer_save(
        cycle=cycle,
        question_code="A1.1.a",
        value="A",
        level="self",
        by=cast.opd_member,
        expected_version=0,
    )
    linked(cycle, hall, cast.coordinator)
    moved = submit(cycle=cycle, question_codes=["A1.1.a", INPUT], by=cast.opd_member)
    assert {s.state for s in moved} == {"submitted"}


def test_submitting_the_cycle_freezes_the_value_and_reopening_thaws_it(cast, cycle, hall):
    respond(hall.ktp, [4] * 9)
    linked(cycle, hall, cast.coordinator)
    cycle.stage = (
        "submitted"  # however the stage moves (the rules of the move are tested elsewhere)
    )
    cycle.save()
    respond(hall.ktp, [1] * 9)
    frozen = cycle_score(cycle).linked.values[INPUT]
    assert frozen.value == "100.00" and frozen.frozen
    event = HistoryEvent.objects.get(kind="value_frozen")
    assert event.after["value"] == "100.00" and event.after["frozen"] is True
    with pytest.raises(DomainError):
        link_remove(cycle=cycle, question_code=INPUT, by=cast.coordinator)
    cycle.stage = "verification"  # reopened
    cycle.save()
    assert cycle_score(cycle).linked.values[INPUT].value == "62.50"


def test_only_a_number_input_that_holds_25_to_100_of_the_same_pemda_can_be_linked(
    cast, cycle, hall
):
    with pytest.raises(DomainError, match="25–100"):
        link_create(
            cycle=cycle, question_code="A1.1.a", mpp=hall.mpp, period="2025", by=cast.coordinator
        )
    elsewhere = Mpp.objects.create(
        pemda=cast.other_pemda, operator=cast.other_pemda.children.get(), name="MPP lain"
    )
    with pytest.raises(DomainError, match="Pemda yang sama"):
        link_create(
            cycle=cycle, question_code=INPUT, mpp=elsewhere, period="2025", by=cast.coordinator
        )


def test_only_who_may_answer_the_input_may_link_it(as_user, cast, cycle, hall):
    url = reverse("surveys:link", args=[cycle.pk, INPUT])
    data = {"target": f"{hall.mpp.pk}:mpp:0", "period": this_year()}
    assert as_user(cast.other_opd_member).post(url, data).status_code == 403  # Dinkes
    assert as_user(cast.pimpinan).post(url, data).status_code == 403
    response = as_user(cast.opd_member).post(url, data)  # Disdukcapil answers A1.1
    assert response.status_code == 302 and "indicator=A1.1" in response["Location"]
    assert cycle.value_links.get().created_by == cast.opd_member


def test_the_link_form_offers_only_the_pemdas_mpps_and_their_units(as_user, cast, cycle, hall):
    Mpp.objects.create(
        pemda=cast.other_pemda, operator=cast.other_pemda.children.get(), name="MPP Seberang"
    )
    html = (
        as_user(cast.coordinator)
        .get(reverse("surveys:link", args=[cycle.pk, INPUT]))
        .content.decode()
    )
    assert f'value="{hall.mpp.pk}:service:{hall.ktp.pk}"' in html and "MPP Seberang" not in html
    choice = as_user(cast.coordinator).get(reverse("surveys:link", args=[cycle.pk, "A1.1.a"]))
    assert "tidak dapat menampung IKM" in choice.content.decode()


def test_the_results_page_lists_the_inputs_a_user_may_link(as_user, cast, cycle, hall):
    html = (
        as_user(cast.opd_member)
        .get(reverse("surveys:results", args=[hall.mpp.pk]))
        .content.decode()
    )
    assert reverse("surveys:link", args=[cycle.pk, INPUT]) in html
    other = as_user(cast.other_opd_member).get(reverse("surveys:results", args=[hall.mpp.pk]))
    assert reverse("surveys:link", args=[cycle.pk, INPUT]) not in other.content.decode()


def test_a_list_of_cycles_reads_their_links_at_once(as_user, cast, framework, cycle, hall):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.web.conftest import make_cycle

    respond(hall.ktp, [3] * 9)
    linked(cycle, hall, cast.coordinator)
    client = as_user(cast.coordinator)
    client.get(reverse("assessments:cycles"))  # the framework cache is warm

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            page = client.get(reverse("assessments:cycles"))
        assert page.status_code == 200
        return len(captured)

    one = queries()
    older = make_cycle(cast, framework, year=2023)
    link_create(
        cycle=older, question_code=INPUT, mpp=hall.mpp, period=this_year(), by=cast.coordinator
    )
    assert queries() == one
