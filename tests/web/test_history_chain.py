"""The history cannot be edited through the application, and it carries a hash chain per cycle
that `rapor audit verify` checks: a row edited, removed or reordered in SQL is found."""

from __future__ import annotations

import pytest
from django.db import connection

from rapor.assessments.domain import review
from rapor.assessments.domain.answers import answer_save
from rapor.assessments.domain.comments import comment_post
from rapor.assessments.domain.history import event_hash, history_verify
from rapor.assessments.models import HistoryEvent
from rapor.assessments.models.history import AppendOnlyError
from rapor.cli import main
from rapor.cli.ops import CHAIN_BROKEN


@pytest.fixture
def events(cast, cycle):
    for code, value in (("A1.1.a", "A"), ("A1.1.b", "50")):
        answer_save(
            cycle=cycle,
            question_code=code,
            value=value,
            level="self",
            by=cast.opd_member,
            expected_version=0,
        )
    review.submit(cycle=cycle, question_codes=["A1.1.a"], by=cast.opd_member)
    comment_post(cycle=cycle, question_code="A1.1.a", text="cek", by=cast.coordinator)
    return list(HistoryEvent.objects.filter(cycle=cycle).order_by("seq"))


def sql(statement: str, *params) -> None:
    with connection.cursor() as c:
        c.execute(statement, params)


def breaks(cycle) -> list[tuple[int, str]]:
    (state,) = history_verify([cycle.pk])
    return [(b.seq, b.problem) for b in state.breaks]


def test_each_event_is_numbered_and_linked_to_the_one_before(events, cycle):
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert events[0].prev_hash == "" and all(
        later.prev_hash == earlier.hash for earlier, later in zip(events, events[1:], strict=False)
    )
    for e in events:
        expected = event_hash(
            cycle_id=cycle.pk,
            seq=e.seq,
            kind=e.kind,
            question_code=e.question_code,
            actor_name=e.actor_name,
            at=e.at,
            before=e.before,
            after=e.after,
            prev_hash=e.prev_hash,
        )
        assert e.hash == expected and len(e.hash) == 64
    assert breaks(cycle) == []


def test_a_row_edited_in_sql_breaks_the_chain_at_that_event(events, cycle, capsys):
    target = events[3]  # an answer saved by the OPD
    sql(
        "UPDATE assessments_historyevent SET after = %s WHERE id = %s",
        '{"value": "C", "version": 1, "level": "self"}',
        target.pk,
    )
    assert breaks(cycle) == [
        (target.seq, "its content does not match its hash: the event was edited")
    ]
    assert main(["audit", "verify"]) == CHAIN_BROKEN
    err = capsys.readouterr().err
    assert f"cycle {cycle.pk}, event {target.seq} (id {target.pk})" in err and "edited" in err


def test_a_row_deleted_in_sql_is_found_by_the_gap_it_leaves(events, cycle):
    sql("DELETE FROM assessments_historyevent WHERE id = %s", events[2].pk)
    found = breaks(cycle)
    assert found[0][0] == events[3].seq and "missing or were inserted" in found[0][1]
    assert "does not match" in found[1][1]


def test_an_actor_changed_in_sql_is_found_too(events, cycle, cast):
    sql(
        "UPDATE assessments_historyevent SET actor_name = %s WHERE id = %s",
        cast.opd_member.username,  # the comment was the coordinator's
        events[-1].pk,
    )
    assert [seq for seq, _problem in breaks(cycle)] == [events[-1].seq]


def test_an_intact_history_verifies_and_prints_each_cycles_fingerprint(events, cycle, capsys):
    assert main(["audit", "verify", "--cycle", str(cycle.pk)]) == 0
    out = capsys.readouterr().out
    assert f"cycle {cycle.pk}: {len(events)} events, chain intact, head {events[-1].hash}" in out


def test_the_application_cannot_change_or_remove_an_event(events):
    event = events[0]
    event.after = {"value": "edited"}
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        HistoryEvent.objects.filter(pk=event.pk).update(after=None)
    with pytest.raises(AppendOnlyError):
        HistoryEvent.objects.all().delete()


def test_the_event_keeps_the_actors_name_when_the_account_is_deleted(events, cycle, cast):
    cast.coordinator.delete()
    last = HistoryEvent.objects.get(pk=events[-1].pk)
    assert last.actor is None and last.actor_name == "koordinator"
    assert breaks(cycle) == []
