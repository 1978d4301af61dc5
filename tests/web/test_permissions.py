"""The role × action table, scopes and stage windows, as a matrix."""

from __future__ import annotations

import pytest

from rapor.orgs.permissions import ACTIONS, ROLE_ACTIONS, can

from .conftest import make_cycle

CYCLE_MATRIX = {
    # who: actions allowed on Kota Contoh's cycle in self-assessment (the survey actions are
    # judged on the Pemda too: they come with the role, whatever the object)
    "coordinator": {
        "view_cycle",
        "answer",
        "upload_evidence",
        "view_evidence",
        "comment",
        "submit_answers",
        "assign",
        "review",  # the chain runs while the cycle is open
        "manage_cycle",
        "view_league",
        "record_results",
        "view_dashboard",
        "plan",
        "simulate",
        "view_survey",
        "manage_survey",
        "use_two_factor",
    },
    # answers and comments on its own assignments only; the province's league table; manages
    # an MPP its OPD runs
    "opd_member": {"view_cycle", "view_league", "view_survey"},
    "inspector": {
        "view_cycle",
        "view_evidence",
        "comment",
        "verify",
        "view_league",
        "view_dashboard",
        "view_survey",
    },
    "pimpinan": {
        "view_cycle",
        "view_evidence",
        "view_league",
        "view_dashboard",
        "simulate",
        "view_survey",
    },
    "evaluator": set(),  # a draft cycle is closed to the evaluator, whatever the action
    "admin": {
        "view_cycle",
        "view_evidence",
        "manage_cycle",
        "manage_users",
        "manage_frameworks",
        "view_all_regions",
        "view_league",
        "record_results",
        "view_dashboard",
        "view_survey",
        "manage_survey",
        "use_two_factor",
    },
    # another Pemda of the same province: only the province-wide league and published results
    "outsider": {"view_league", "record_results"},
}


@pytest.mark.parametrize("who", sorted(CYCLE_MATRIX))
def test_each_role_may_do_exactly_its_actions_on_a_cycle(cast, cycle, who):
    user = getattr(cast, who)
    allowed = {action for action in ACTIONS if can(user, action, cycle)}
    assert allowed == CYCLE_MATRIX[who]


def test_an_opd_may_answer_only_the_indicators_assigned_to_it(cast, cycle):
    own, other = (
        cycle.assignments.get(indicator_code="A1.1"),
        cycle.assignments.get(indicator_code="A1.2"),
    )
    assert can(cast.opd_member, "answer", own)
    assert not can(cast.opd_member, "answer", other)
    assert can(cast.other_opd_member, "answer", other)
    assert can(cast.coordinator, "answer", own) and can(cast.coordinator, "answer", other)


def test_the_stage_window_closes_answering(cast, cycle):
    own = cycle.assignments.get(indicator_code="A1.1")
    cycle.stage = "submitted"
    cycle.save()
    own.refresh_from_db()
    assert not can(cast.opd_member, "answer", own)
    assert not can(cast.inspector, "verify", cycle)
    assert not can(cast.coordinator, "review", cycle)


def test_verification_still_lets_returned_work_be_fixed_and_reviewed(cast, cycle):
    own = cycle.assignments.get(indicator_code="A1.1")
    cycle.stage = "verification"
    cycle.save()
    own.refresh_from_db()
    # the domain (LATE_STAGE_STATES) then limits the OPD to what was returned
    assert can(cast.opd_member, "answer", own)
    assert can(cast.inspector, "verify", cycle)
    assert can(cast.coordinator, "review", cycle)
    assert not can(cast.coordinator, "verify", cycle)


def test_an_evaluator_sees_submitted_cycles_of_the_regions_in_scope_only(cast, framework):
    submitted = make_cycle(cast, framework, stage="submitted", year=2023)
    other = make_cycle(cast, framework, stage="submitted", org=cast.other_pemda)
    assert can(cast.evaluator, "view_cycle", submitted) and can(cast.evaluator, "view_cycle", other)
    draft = make_cycle(cast, framework, stage="self_assessment", year=2022)
    assert not can(cast.evaluator, "view_cycle", draft)


def test_every_role_in_the_table_has_only_known_actions():
    for actions in ROLE_ACTIONS.values():
        assert actions <= set(ACTIONS)


def test_an_anonymous_user_may_do_nothing(cycle):
    from django.contrib.auth.models import AnonymousUser

    assert not any(can(AnonymousUser(), a, cycle) for a in ACTIONS)
