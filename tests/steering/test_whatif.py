"""What-if: a personal sandbox over the stored answers. Index, grade and rank move through the
one scoring path; the real answers never change; a plan applied in the sandbox reaches its target."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from rapor import engine
from rapor.assessments.domain.answers import answer_save
from rapor.assessments.domain.scoring import cycle_score, score_with_overrides
from rapor.assessments.models import Answer, AnswerStatus, HistoryEvent
from rapor.steering.domain.plans import plan_make, target_set
from rapor.steering.domain.whatif import SandboxErrors, sandbox_set
from rapor.steering.models import PublishedResult, Sandbox
from tests.web.conftest import make_cycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(cast, framework):
    c = make_cycle(cast, framework)
    for code, value in [("A1.1.a", "C"), ("A1.1.b", "40"), ("A2.1.a", "B")]:
        answer_save(
            cycle=c,
            question_code=code,
            value=value,
            level="self",
            by=cast.coordinator,
            expected_version=0,
        )
    answer_save(
        cycle=c,
        question_code="A2.1.a",
        value="A",
        level="reviewer",
        by=cast.coordinator,
        expected_version=0,
    )
    return c


def stored(cycle):
    rows = Answer.objects.filter(cycle=cycle).order_by("pk").values()
    return [dict(r) for r in rows], AnswerStatus.objects.count(), HistoryEvent.objects.count()


def test_overrides_score_through_the_one_scoring_path(cast, cycle):
    fw = cycle.framework.framework()
    score = score_with_overrides(cycle, {"A1.1.a": "A", "A2.1.a": "", "A2.2.a": "B"})
    raw = {"A1.1.a": "A", "A1.1.b": "40", "A2.2.a": "B"}  # the reviewer's A on A2.1.a cleared
    assert score.result.index == engine.score(fw, engine.parse_answers(fw, raw)).index
    assert cycle_score(cycle).result.answers["A2.1.a"] == "A"


def test_the_real_answers_never_change_whatever_the_sandbox_does(as_user, cast, cycle):
    before = stored(cycle)
    client = as_user(cast.coordinator)
    url = reverse("steering:whatif_set", args=[cycle.pk])
    client.post(url, {"bagian": "A1", "v-A1.1.a": "A", "v-A1.1.b": "95", "v-A1.2.a": "A"})
    client.post(url, {"bagian": "A2", "v-A2.1.a": "", "v-A2.2.a": "B"}, HTTP_HX_REQUEST="true")
    client.post(url, {"bagian": "A1", "v-A1.1.b": "500"})  # refused
    target_set(cycle=cycle, by=cast.coordinator, grade="BB")
    plan = plan_make(cycle=cycle, by=cast.coordinator, peers=[])
    after_plan = stored(cycle)
    client.post(reverse("steering:whatif_plan", args=[cycle.pk]), {"plan": plan.pk})
    client.post(reverse("steering:whatif_reset", args=[cycle.pk]))
    boss = as_user(cast.pimpinan)
    boss.post(url, {"bagian": "A1", "v-A1.1.a": "A"})
    assert stored(cycle) == after_plan
    assert after_plan[0] == before[0]  # making a plan wrote no answer either


def test_the_sandbox_moves_index_grade_and_rank_and_shows_both(as_user, cast, cycle):
    PublishedResult.objects.create(
        organisation=cast.other_pemda, year=2024, index=Decimal("50.00"), source="x"
    )
    client = as_user(cast.coordinator)
    page = client.get(reverse("steering:whatif", args=[cycle.pk]))
    real = page.context["page"].real
    assert real.rank == 2 and page.context["page"].changed == 0
    response = client.post(
        reverse("steering:whatif_set", args=[cycle.pk]),
        {"bagian": "A1", "v-A1.1.a": "A", "v-A1.1.b": "100", "v-A1.2.a": "A", "v-A1.2.b": "A"},
        HTTP_HX_REQUEST="true",
    )
    p = response.context["page"]
    assert (
        p.sandbox.index == score_with_overrides(cycle, Sandbox.objects.get().overrides).result.index
    )
    assert p.sandbox.index > real.index and p.sandbox.rank == 1 and p.changed == 4
    html = response.content.decode()
    assert (
        'id="sandbox-index"' in html
        and "peringkat 1 dari 2" in html
        and "peringkat 2 dari 2" in html
    )


def test_setting_a_value_back_to_the_stored_one_drops_the_override(cast, cycle):
    sandbox_set(cycle=cycle, owner=cast.coordinator, values={"A1.1.a": "A", "A2.1.a": "B"})
    assert Sandbox.objects.get().overrides == {"A1.1.a": "A", "A2.1.a": "B"}
    sandbox_set(cycle=cycle, owner=cast.coordinator, values={"A1.1.a": "c", "A2.1.a": "A"})
    assert (
        Sandbox.objects.get().overrides == {}
    )  # "c" is C, as stored; A2.1.a's stored answer is the reviewer's A


def test_a_bad_value_is_named_in_indonesian_and_changes_nothing(as_user, cast, cycle):
    sandbox_set(cycle=cycle, owner=cast.coordinator, values={"A1.2.a": "A"})
    with pytest.raises(SandboxErrors) as error:
        sandbox_set(cycle=cycle, owner=cast.coordinator, values={"A1.1.a": "A", "A1.1.b": "abc"})
    assert error.value.problems == {"A1.1.b": "“abc” bukan angka."}
    assert Sandbox.objects.get().overrides == {"A1.2.a": "A"}
    response = as_user(cast.coordinator).post(
        reverse("steering:whatif_set", args=[cycle.pk]), {"bagian": "A1", "v-A1.1.b": "101"}
    )
    assert response.status_code == 400 and "101 di luar rentang 0–100" in response.content.decode()
    assert 'value="101"' in response.content.decode()


def test_a_plan_loaded_into_the_sandbox_reaches_its_target(as_user, cast, cycle):
    target_set(cycle=cycle, by=cast.coordinator, grade="BB")
    plan = plan_make(cycle=cycle, by=cast.coordinator, peers=[])
    client = as_user(cast.pimpinan)
    client.post(reverse("steering:whatif_plan", args=[cycle.pk]), {"plan": plan.pk})
    page = client.get(reverse("steering:whatif", args=[cycle.pk])).context["page"]
    assert page.target_met and page.sandbox.grade.code == "BB"
    assert engine.format_fixed(page.sandbox.index, 2) == plan.result["index"]
    assert page.from_plan == plan


def test_each_person_has_their_own_sandbox(cast, cycle):
    sandbox_set(cycle=cycle, owner=cast.coordinator, values={"A1.1.a": "A"})
    sandbox_set(cycle=cycle, owner=cast.pimpinan, values={"A1.1.a": "B"})
    assert {s.owner.username: s.overrides["A1.1.a"] for s in Sandbox.objects.all()} == {
        "koordinator": "A",
        "walikota": "B",
    }


def test_only_the_tim_rb_and_the_pimpinan_simulate(as_user, cast, cycle):
    for who in (cast.opd_member, cast.inspector, cast.evaluator):
        assert as_user(who).get(reverse("steering:whatif", args=[cycle.pk])).status_code in (
            403,
            404,
        )
    assert (
        as_user(cast.outsider).get(reverse("steering:whatif", args=[cycle.pk])).status_code == 404
    )
