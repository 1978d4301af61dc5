"""The review chain through the Django client: submit, return with a note, fix, resubmit, accept,
verify; the rules (notes, stage windows, roles, Pemdas, OPDs) and concurrent moves."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rapor.assessments.domain import review
from rapor.assessments.domain.answers import answer_save
from rapor.assessments.domain.errors import DomainError
from rapor.assessments.domain.scoring import cycle_score
from rapor.assessments.models import AnswerStatus, HistoryEvent

HX = {"HX-Request": "true"}


def state(cycle, code="A1.1.a"):
    return AnswerStatus.objects.get(cycle=cycle, question_code=code)


def set_stage(cycle, stage):
    cycle.stage = stage
    cycle.save()


def answer(client, cycle, code, value, version=0, level="self"):
    return client.post(
        reverse("assessments:answer", args=[cycle.pk]),
        {"question": code, "value": value, "version": version, "level": level},
        headers=HX,
    )


def act(client, cycle, verb, code="A1.1.a", note="", level="reviewer", extra=None, **kwargs):
    version = state(cycle, code).version
    data = {"question": code, "verb": verb, "note": note, "level": level, "version": version}
    url = reverse("assessments:review_action", args=[cycle.pk])
    return client.post(url, data | (extra or {}), **kwargs)


def answered_and_submitted(cycle, cast):
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


def test_the_whole_loop_from_answer_to_verification_moves_the_score(as_user, cast, cycle, client):
    opd = as_user(cast.opd_member)
    answer(opd, cycle, "A1.1.a", "A")
    answer(opd, cycle, "A1.1.b", "50")
    response = opd.post(reverse("assessments:submit_indicator", args=[cycle.pk, "A1.1"]))
    assert response.status_code == 302 and state(cycle).state == "submitted"

    set_stage(cycle, "review")
    rb = as_user(cast.coordinator)
    queue = rb.get(reverse("assessments:review_queue", args=[cycle.pk])).content.decode()
    assert "A1.1.a" in queue and "Terima" in queue and "Kembalikan" in queue
    response = act(
        rb, cycle, "return", note="Lampirkan SK terbaru", headers=HX, extra={"from": "queue"}
    )
    assert "Dikembalikan ke OPD" in response.content.decode()
    assert (state(cycle).state, state(cycle).return_note) == ("returned", "Lampirkan SK terbaru")

    opd = as_user(cast.opd_member)
    mywork = opd.get(reverse("assessments:my_work") + "?show=returned").content.decode()
    assert "Lampirkan SK terbaru" in mywork and "Perbaiki A1.1.a" in mywork
    assert "#q-A1_1_a" in mywork
    assert answer(opd, cycle, "A1.1.a", "B", version=1).status_code == 200
    opd.post(reverse("assessments:submit_indicator", args=[cycle.pk, "A1.1"]))
    assert state(cycle).state == "submitted"
    assert "dikirim ulang" in opd.get(reverse("assessments:my_work")).content.decode()

    rb = as_user(cast.coordinator)
    act(rb, cycle, "accept")
    act(rb, cycle, "accept", code="A1.1.b")
    assert state(cycle).state == "accepted" and state(cycle).return_note == ""

    set_stage(cycle, "verification")
    before = cycle_score(cycle).questions["A1.1.a"].contribution
    ins = as_user(cast.inspector)
    assert answer(ins, cycle, "A1.1.a", "C", level="verifier").status_code == 200
    assert cycle_score(cycle).questions["A1.1.a"].contribution < before  # verifier's C counts
    act(ins, cycle, "accept", level="verifier")
    assert state(cycle).state == "verified"
    kinds = list(
        HistoryEvent.objects.filter(cycle=cycle, question_code="A1.1.a", kind="status_changed")
        .order_by("pk")
        .values_list("after__state", flat=True)
    )
    assert kinds == ["submitted", "returned", "submitted", "accepted", "verified"]


def test_an_indicator_with_unanswered_questions_is_not_submitted_and_names_them(
    as_user, cast, cycle
):
    client = as_user(cast.opd_member)
    answer(client, cycle, "A1.1.a", "A")
    response = client.post(
        reverse("assessments:submit_indicator", args=[cycle.pk, "A1.1"]), follow=True
    )
    assert "A1.1.b belum dijawab" in response.content.decode()
    assert state(cycle).state == "draft"


def test_returning_without_a_note_is_refused(as_user, cast, cycle):
    answered_and_submitted(cycle, cast)
    set_stage(cycle, "review")
    response = act(as_user(cast.coordinator), cycle, "return", note="  ", follow=True)
    assert "memerlukan catatan" in response.content.decode()
    assert state(cycle).state == "submitted"
    with pytest.raises(review.NoteRequired):
        review.return_with_note(
            cycle=cycle,
            question_code="A1.1.a",
            level="reviewer",
            note="",
            by=cast.coordinator,
            expected_version=state(cycle).version,
        )


def test_the_review_is_refused_once_the_cycle_is_submitted(as_user, cast, cycle):
    answered_and_submitted(cycle, cast)
    set_stage(cycle, "submitted")
    client = as_user(cast.coordinator)
    assert act(client, cycle, "accept").status_code == 403
    queue = client.get(reverse("assessments:review_queue", args=[cycle.pk])).content.decode()
    assert "Reviu dapat dilakukan pada tahap" in queue
    assert state(cycle).state == "submitted"


def test_the_chain_runs_during_self_assessment(as_user, cast, cycle):
    answered_and_submitted(cycle, cast)  # the cycle is still in self-assessment
    act(as_user(cast.coordinator), cycle, "accept")
    act(as_user(cast.inspector), cycle, "accept", level="verifier")
    assert state(cycle).state == "verified"


def test_the_inspektorat_cannot_review_and_the_tim_rb_cannot_verify(as_user, cast, cycle):
    answered_and_submitted(cycle, cast)
    set_stage(cycle, "review")
    act(as_user(cast.inspector), cycle, "accept")  # the Inspektorat has no reviewer level
    assert state(cycle).state == "submitted"
    review.accept(cycle=cycle, question_code="A1.1.a", by=cast.coordinator, expected_version=2)
    set_stage(cycle, "verification")
    # the Tim RB may review resubmissions during verification, but its accept never verifies
    act(as_user(cast.coordinator), cycle, "accept", level="verifier")
    assert state(cycle).state == "accepted"
    assert act(as_user(cast.opd_member), cycle, "accept", level="verifier").status_code == 403


def test_a_tim_rb_of_another_pemda_gets_not_found(as_user, cast, cycle):
    answered_and_submitted(cycle, cast)
    set_stage(cycle, "review")
    client = as_user(cast.outsider)
    assert client.get(reverse("assessments:review_queue", args=[cycle.pk])).status_code == 404
    assert act(client, cycle, "accept").status_code == 404
    assert state(cycle).state == "submitted"


def test_an_opd_cannot_submit_another_opds_indicator(as_user, cast, cycle):
    answer_save(
        cycle=cycle,
        question_code="A1.2.a",
        value="A",
        level="self",
        by=cast.other_opd_member,
        expected_version=0,
    )
    client = as_user(cast.opd_member)
    response = client.post(reverse("assessments:submit_indicator", args=[cycle.pk, "A1.2"]))
    assert response.status_code == 403
    assert state(cycle, "A1.2.a").state == "draft"


def test_the_second_of_two_reviewers_acting_on_the_same_item_is_told(as_user, cast, cycle):
    answered_and_submitted(cycle, cast)
    set_stage(cycle, "review")
    seen = state(cycle).version
    review.accept(cycle=cycle, question_code="A1.1.a", by=cast.coordinator, expected_version=seen)
    with pytest.raises(review.StatusConflict) as caught:
        review.return_with_note(
            cycle=cycle,
            question_code="A1.1.a",
            level="reviewer",
            note="x",
            by=cast.coordinator,
            expected_version=seen,
        )
    assert caught.value.theirs.state == "accepted"
    response = as_user(cast.coordinator).post(
        reverse("assessments:review_action", args=[cycle.pk]),
        {"question": "A1.1.a", "verb": "return", "note": "x", "version": seen, "from": "queue"},
        headers=HX,
    )
    html = response.content.decode()
    assert "baru saja diubah oleh Koordinator" in html and "Tidak ada yang ditimpa" in html
    assert state(cycle).state == "accepted"


def test_bulk_accept_applies_each_item_and_reports_the_one_that_changed(as_user, cast, cycle):
    answered_and_submitted(cycle, cast)
    set_stage(cycle, "review")
    a, b = state(cycle, "A1.1.a"), state(cycle, "A1.1.b")
    review.return_with_note(
        cycle=cycle,
        question_code="A1.1.b",
        level="reviewer",
        note="cek",
        by=cast.coordinator,
        expected_version=b.version,
    )
    response = as_user(cast.coordinator).post(
        reverse("assessments:review_bulk", args=[cycle.pk]),
        {"verb": "accept", "items": [f"A1.1.a:{a.version}", f"A1.1.b:{b.version}"]},
        follow=True,
    )
    html = response.content.decode()
    assert "Diterima: A1.1.a" in html and "A1.1.b baru saja diubah" in html
    assert state(cycle, "A1.1.a").state == "accepted"
    assert state(cycle, "A1.1.b").state == "returned"


def test_bulk_return_needs_one_note_and_returns_every_ticked_item(as_user, cast, cycle):
    answered_and_submitted(cycle, cast)
    set_stage(cycle, "review")
    items = [f"{s.question_code}:{s.version}" for s in AnswerStatus.objects.filter(cycle=cycle)]
    client = as_user(cast.coordinator)
    url = reverse("assessments:review_bulk", args=[cycle.pk])
    client.post(url, {"verb": "return", "items": items})
    assert not AnswerStatus.objects.filter(cycle=cycle, state="returned").exists()
    client.post(url, {"verb": "return", "items": items, "note": "Bukti belum lengkap"})
    assert AnswerStatus.objects.filter(cycle=cycle, state="returned").count() == 2


def test_the_state_table_follows_the_cycles_review_levels():
    full = review.transitions(["self", "reviewer", "verifier"])
    assert full[("submitted", "accept")] == review.Move("accepted", "reviewer")
    assert full[("accepted", "accept")] == review.Move("verified", "verifier")
    assert full[("accepted", "return")] == review.Move("returned", "verifier")
    only_rb = review.transitions(["self", "reviewer"])
    assert ("accepted", "accept") not in only_rb
    only_ins = review.transitions(["self", "verifier"])
    assert only_ins[("submitted", "accept")] == review.Move("verified", "verifier")
    assert review.inbox_state(["self", "verifier"], "verifier") == "submitted"
    assert review.inbox_state(["self", "reviewer"], "verifier") is None


def test_a_cycle_with_the_reviewer_only_ends_at_accepted(as_user, cast, cycle):
    client = as_user(cast.coordinator)
    client.post(
        reverse("assessments:cycle_settings", args=[cycle.pk]),
        {"stage": "review", "review_levels": "reviewer"},
    )
    cycle.refresh_from_db()
    assert cycle.levels == ["self", "reviewer"]
    answered_and_submitted(cycle, cast)
    review.accept(cycle=cycle, question_code="A1.1.a", by=cast.coordinator, expected_version=2)
    with pytest.raises(DomainError):
        review.verify(cycle=cycle, question_code="A1.1.a", by=cast.inspector, expected_version=3)
    assert (
        "Reviu Tim RB saja"
        in client.get(reverse("assessments:cycle_settings", args=[cycle.pk])).content.decode()
    )


def test_a_plain_post_conflict_shows_a_full_page_with_both_versions(as_user, cast, cycle):
    answer_save(
        cycle=cycle,
        question_code="A1.1.a",
        value="B",
        level="self",
        by=cast.coordinator,
        expected_version=0,
    )
    response = as_user(cast.opd_member).post(
        reverse("assessments:answer", args=[cycle.pk]),
        {"question": "A1.1.a", "value": "C", "version": "0"},
    )
    html = response.content.decode()
    assert response.status_code == 409 and "<html" in html and 'id="sidemenu"' in html
    assert "Jawaban Anda" in html and "Jawaban tersimpan" in html and "Pakai jawaban saya" in html
    assert "kembali ke lembar kerja" in html


def test_what_the_inspektorat_returns_is_fixed_and_goes_up_the_chain_again_during_verification(
    as_user, cast, cycle
):
    answered_and_submitted(cycle, cast)
    set_stage(cycle, "review")
    rb = as_user(cast.coordinator)
    act(rb, cycle, "accept")
    act(rb, cycle, "accept", code="A1.1.b")
    set_stage(cycle, "verification")
    ins = as_user(cast.inspector)
    act(ins, cycle, "return", note="SK belum ditandatangani", level="verifier")
    act(ins, cycle, "accept", code="A1.1.b", level="verifier")
    assert state(cycle).state == "returned"

    opd = as_user(cast.opd_member)
    assert answer(opd, cycle, "A1.1.a", "B", version=1).status_code == 200
    opd.post(reverse("assessments:submit_indicator", args=[cycle.pk, "A1.1"]))
    assert state(cycle).state == "submitted"  # only the returned question went up again
    assert state(cycle, "A1.1.b").state == "verified"

    act(as_user(cast.coordinator), cycle, "accept")  # the Tim RB reviews it within verification
    act(as_user(cast.inspector), cycle, "accept", level="verifier")
    assert state(cycle).state == "verified"


def test_in_verification_an_opd_cannot_start_new_work(cast, cycle):
    set_stage(cycle, "verification")
    with pytest.raises(DomainError, match="hanya pertanyaan yang dikembalikan"):
        answer_save(
            cycle=cycle,
            question_code="A1.1.a",
            value="A",
            level="self",
            by=cast.opd_member,
            expected_version=0,
        )
    assert not AnswerStatus.objects.filter(cycle=cycle, question_code="A1.1.a").exists()
