"""History: every change of a question is recorded (who, when, before, after), shown per
question newest first in Indonesian, and cannot be changed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rapor.assessments.domain import review
from rapor.assessments.domain.answers import answer_save
from rapor.assessments.domain.comments import comment_post
from rapor.assessments.models import HistoryEvent
from rapor.assessments.models.history import AppendOnlyError


def loop(cycle, cast):
    for code, value in (("A1.1.a", "A"), ("A1.1.b", "50")):
        answer_save(
            cycle=cycle,
            question_code=code,
            value=value,
            level="self",
            by=cast.opd_member,
            expected_version=0,
        )
    review.submit(cycle=cycle, question_codes=["A1.1.a", "A1.1.b"], by=cast.opd_member)
    cycle.stage = "review"
    cycle.save()
    review.return_with_note(
        cycle=cycle,
        question_code="A1.1.a",
        level="reviewer",
        note="SK kedaluwarsa",
        by=cast.coordinator,
        expected_version=2,
    )
    answer_save(
        cycle=cycle,
        question_code="A1.1.a",
        value="B",
        level="self",
        by=cast.opd_member,
        expected_version=1,
    )
    review.submit(cycle=cycle, question_codes=["A1.1.a"], by=cast.opd_member)
    review.accept(cycle=cycle, question_code="A1.1.a", by=cast.coordinator, expected_version=4)
    comment_post(cycle=cycle, question_code="A1.1.a", text="terima kasih", by=cast.opd_member)


def test_every_step_is_recorded_with_who_before_and_after(cast, cycle):
    loop(cycle, cast)
    events = HistoryEvent.objects.filter(cycle=cycle, question_code="A1.1.a").order_by("pk")
    steps = [(e.kind, e.actor, e.before, e.after) for e in events]
    assert [(k, a) for k, a, _b, _a in steps] == [
        ("answer_saved", cast.opd_member),
        ("status_changed", cast.opd_member),
        ("status_changed", cast.coordinator),
        ("answer_saved", cast.opd_member),
        ("status_changed", cast.opd_member),
        ("status_changed", cast.coordinator),
        ("commented", cast.opd_member),
    ]
    returned = steps[2]
    assert returned[2] == {"state": "submitted", "version": 2}
    assert returned[3]["state"] == "returned" and returned[3]["note"] == "SK kedaluwarsa"
    assert steps[3][2] == {"value": "A", "version": 1} and steps[3][3]["value"] == "B"


def test_the_panel_lists_the_history_newest_first_in_indonesian(as_user, cast, cycle):
    loop(cycle, cast)
    url = reverse("assessments:question_activity", args=[cycle.pk, "A1.1.a"])
    html = as_user(cast.opd_member).get(url, headers={"HX-Request": "true"}).content.decode()
    history = html[html.index("Riwayat") :]
    assert history.index("diterima") < history.index("dikembalikan") < history.index("penugasan")
    assert "Koordinator" in history and "SK kedaluwarsa" in history
    assert "jawaban mandiri" in history and "dikirim" in history and "diterima" in history
    assert "penugasan indikator" in history  # the indicator's assignment belongs to its questions


def test_history_cannot_be_changed_or_deleted(cast, cycle):
    loop(cycle, cast)
    event = HistoryEvent.objects.filter(kind="status_changed").first()
    event.after = {"state": "verified"}
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        HistoryEvent.objects.filter(kind="status_changed").delete()
