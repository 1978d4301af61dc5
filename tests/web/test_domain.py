"""Domain functions: answers with optimistic locking, history, scoring, carry-over, assignments."""

from __future__ import annotations

import pytest

from rapor.assessments.domain.answers import answer_save
from rapor.assessments.domain.assignments import assign_area
from rapor.assessments.domain.cycles import cycle_create, cycle_update
from rapor.assessments.domain.errors import Conflict, DomainError
from rapor.assessments.domain.evidence import evidence_link, evidence_store
from rapor.assessments.domain.scoring import cycle_score
from rapor.assessments.models import Answer, AnswerStatus, EvidenceLink, HistoryEvent
from rapor.assessments.models.history import AppendOnlyError

from .conftest import make_cycle


def save(cycle, user, code="A1.1.a", value="A", version=0, level="self"):
    return answer_save(
        cycle=cycle, question_code=code, value=value, level=level, by=user, expected_version=version
    )


def test_it_saves_a_first_answer_as_version_one_and_records_it(cycle, cast):
    row = save(cycle, cast.opd_member, value=" a ")
    assert (row.value, row.version) == ("A", 1)
    event = HistoryEvent.objects.get(cycle=cycle, kind="answer_saved")
    assert (event.before, event.after["value"], event.actor) == (None, "A", cast.opd_member)
    assert AnswerStatus.objects.get(cycle=cycle, question_code="A1.1.a").state == "draft"


def test_a_second_save_from_an_old_version_is_a_conflict_with_both_versions(cycle, cast):
    save(cycle, cast.opd_member, value="A")
    save(cycle, cast.coordinator, value="B", version=1)
    with pytest.raises(Conflict) as caught:
        save(cycle, cast.opd_member, value="C", version=1)
    assert caught.value.mine == "C"
    assert (caught.value.theirs.value, caught.value.theirs.version) == ("B", 2)
    assert Answer.objects.get(cycle=cycle, question_code="A1.1.a").value == "B"


def test_creating_an_answer_someone_else_created_meanwhile_is_a_conflict(cycle, cast):
    save(cycle, cast.opd_member, value="A")
    with pytest.raises(Conflict):
        save(cycle, cast.coordinator, value="B", version=0)


def test_an_unchanged_value_makes_no_new_version(cycle, cast):
    save(cycle, cast.opd_member)
    assert save(cycle, cast.opd_member, version=1).version == 1
    assert HistoryEvent.objects.filter(kind="answer_saved").count() == 1


def test_it_refuses_a_value_the_scale_lacks_and_an_unknown_question(cycle, cast):
    with pytest.raises(DomainError):
        save(cycle, cast.opd_member, value="Z")
    with pytest.raises(DomainError):
        save(cycle, cast.opd_member, code="NOPE")
    assert not Answer.objects.exists()


def test_a_number_answer_accepts_a_decimal_comma(cycle, cast):
    assert save(cycle, cast.opd_member, code="A1.1.b", value="70,5").value == "70.5"


def test_a_submitted_answer_is_frozen_at_the_self_level(cycle, cast):
    save(cycle, cast.opd_member)
    AnswerStatus.objects.filter(question_code="A1.1.a").update(state="submitted")
    with pytest.raises(DomainError):
        save(cycle, cast.opd_member, value="B", version=1)


def test_the_score_uses_the_highest_level_that_answered(cycle, cast):
    save(cycle, cast.opd_member, value="A")
    before = cycle_score(cycle).result.total
    save(cycle, cast.coordinator, value="C", level="reviewer")
    after = cycle_score(cycle)
    assert after.result.total < before
    assert after.result.answers["A1.1.a"] == "C"


def test_the_same_answers_are_scored_once_and_any_change_is_scored_anew(cycle, cast):
    save(cycle, cast.opd_member, value="A")
    first = cycle_score(cycle)
    assert cycle_score(cycle).result is first.result  # a page after a page: no engine run
    save(cycle, cast.opd_member, value="B", version=1)
    changed = cycle_score(cycle)
    assert changed.result is not first.result and changed.result.answers["A1.1.a"] == "B"
    save(cycle, cast.opd_member, value="A", version=2)
    assert cycle_score(cycle).result.total == first.result.total


def test_an_empty_value_is_no_answer(cycle, cast):
    save(cycle, cast.opd_member, value="A")
    save(cycle, cast.opd_member, value="", version=1)
    assert cycle_score(cycle).result.answered == 0


def test_history_is_append_only(cycle, cast):
    save(cycle, cast.opd_member)
    event = HistoryEvent.objects.filter(kind="answer_saved").get()
    event.after = {"value": "forged"}
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        HistoryEvent.objects.update(after=None)
    with pytest.raises(AppendOnlyError):
        HistoryEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_assigning_an_area_assigns_every_indicator_under_it(cycle, cast):
    done = assign_area(cycle=cycle, area="AR2", opd=cast.dinkes, by=cast.coordinator)
    assert sorted(a.indicator_code for a in done) == ["A2.1", "A2.2"]
    assert HistoryEvent.objects.filter(kind="assigned", question_code="A2.1").exists()


def test_it_refuses_to_assign_to_an_opd_of_another_pemda(cycle, cast):
    foreign = cast.other_pemda.children.get()
    with pytest.raises(DomainError):
        assign_area(cycle=cycle, area="A1", opd=foreign, by=cast.coordinator)


def test_a_new_cycle_carries_last_years_answers_and_evidence_for_reconfirmation(
    cycle, cast, framework
):
    save(cycle, cast.opd_member, value="A")
    save(cycle, cast.coordinator, code="A2.1.a", value="B", level="verifier")
    ev = evidence_store(
        organisation=cast.disdukcapil,
        title="SK",
        by=cast.opd_member,
        content=b"%PDF-1.4 test",
        filename="sk.pdf",
    )
    evidence_link(evidence=ev, cycle=cycle, question_code="A1.1.a", by=cast.opd_member)
    new = cycle_create(
        organisation=cast.kota, framework=framework, year=2025, by=cast.coordinator, carry_over=True
    )
    carried = {a.question_code: a for a in Answer.objects.filter(cycle=new)}
    assert {c: (a.value, a.level, a.needs_reconfirmation) for c, a in carried.items()} == {
        "A1.1.a": ("A", "self", True),
        "A2.1.a": ("B", "self", True),
    }
    assert EvidenceLink.objects.get(cycle=new).needs_reconfirmation
    assert new.carried_from == cycle and new.assignments.count() == 2
    # confirming the same value clears the mark and makes a new version
    row = save(new, cast.opd_member, value="A", version=1)
    assert (row.version, row.needs_reconfirmation) == (2, False)


def test_the_same_file_is_stored_once(cast, db):
    one = evidence_store(
        organisation=cast.dinkes, title="a", by=None, content=b"same", filename="a.pdf"
    )
    two = evidence_store(
        organisation=cast.dinkes, title="b", by=None, content=b"same", filename="b.pdf"
    )
    assert one.file.name == two.file.name and one.sha256 == two.sha256


def test_cycle_changes_are_recorded_with_before_and_after(cycle, cast):
    cycle_update(cycle=cycle, by=cast.coordinator, stage="review")
    event = HistoryEvent.objects.get(kind="cycle_changed")
    assert (event.before, event.after) == ({"stage": "self_assessment"}, {"stage": "review"})


def test_two_cycles_of_the_same_pemda_framework_and_year_are_refused(cycle, cast, framework):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        make_cycle(cast, framework)


def test_an_answer_that_does_not_fit_is_refused_in_the_users_language(cast, cycle):
    from rapor.assessments.domain.answers import answer_save

    cases = [
        ("A1.1.a", "Z", "“Z” bukan pilihan jawaban; pilih salah satu: A, B, C."),
        ("A1.1.b", "banyak", "“banyak” bukan angka."),
        ("A1.1.b", "100,5", "100,5 di luar rentang 0–100."),
    ]
    for code, value, message in cases:
        with pytest.raises(DomainError) as err:
            answer_save(
                cycle=cycle,
                question_code=code,
                value=value,
                level="self",
                by=cast.opd_member,
                expected_version=0,
            )
        assert str(err.value) == message
