"""Rules the server enforces, not only the page: nobody reviews their own work; stages move only
along the allowed path; only the submit rule reaches "submitted"; reopening is an Admin action
with a reason that the history keeps."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rapor.assessments.domain import review
from rapor.assessments.domain.answers import answer_save
from rapor.assessments.domain.cycles import cycle_update
from rapor.assessments.domain.errors import DomainError
from rapor.assessments.domain.frameworks import framework_activate, framework_register
from rapor.assessments.domain.stages import (
    STAGE_MOVES,
    StageMoveNotAllowed,
    StageMoveRefused,
    not_final,
    stage_move,
)
from rapor.assessments.models import AnswerStatus, Cycle, HistoryEvent, Stage
from rapor.orgs.models import Membership

from .conftest import make_cycle, make_user
from .fwtext import framework_text

HX = {"HX-Request": "true"}


def save(cycle, code, value, by, level="self"):
    row = cycle.answers.filter(question_code=code, level=level).first()
    return answer_save(
        cycle=cycle,
        question_code=code,
        value=value,
        level=level,
        by=by,
        expected_version=row.version if row else 0,
    )


def status(cycle, code="A1.1.a"):
    return AnswerStatus.objects.get(cycle=cycle, question_code=code)


def act(client, cycle, verb, code="A1.1.a", level="reviewer", note="perbaiki"):
    return client.post(
        reverse("assessments:review_action", args=[cycle.pk]),
        {
            "question": code,
            "verb": verb,
            "level": level,
            "note": note,
            "version": status(cycle, code).version,
        },
        follow=True,
    )


# ---- nobody reviews their own work ----------------------------------------------------------


def test_a_tim_rb_member_who_answered_and_submitted_cannot_accept_it(as_user, cast, cycle):
    """The finding: one Tim RB member could answer, submit and accept the same indicator."""
    save(cycle, "A1.1.a", "A", cast.coordinator)
    review.submit(cycle=cycle, question_codes=["A1.1.a"], by=cast.coordinator)
    client = as_user(cast.coordinator)
    for verb in ("accept", "return"):
        html = act(client, cycle, verb).content.decode()
        assert "tidak dapat mereviu atau memverifikasi pekerjaan yang Anda isi" in html
        assert status(cycle).state == "submitted"
    with pytest.raises(review.OwnWork):
        review.accept(
            cycle=cycle,
            question_code="A1.1.a",
            by=cast.coordinator,
            expected_version=status(cycle).version,
        )
    colleague = make_user("rekan", cast.kota, "tim_rb")
    act(as_user(colleague), cycle, "accept")
    assert status(cycle).state == "accepted"


def test_submitting_an_answer_someone_else_wrote_is_reviewing_ones_own_submission(
    as_user, cast, cycle
):
    save(cycle, "A1.1.a", "A", cast.opd_member)
    review.submit(cycle=cycle, question_codes=["A1.1.a"], by=cast.coordinator)
    assert status(cycle).submitted_by == cast.coordinator
    act(as_user(cast.coordinator), cycle, "accept")
    assert status(cycle).state == "submitted"


def test_a_reviewer_may_correct_at_their_own_level_and_accept(as_user, cast, cycle):
    save(cycle, "A1.1.a", "C", cast.opd_member)
    review.submit(cycle=cycle, question_codes=["A1.1.a"], by=cast.opd_member)
    save(cycle, "A1.1.a", "B", cast.coordinator, level="reviewer")  # the review itself
    act(as_user(cast.coordinator), cycle, "accept")
    assert status(cycle).state == "accepted"


def test_nobody_verifies_what_they_accepted_or_answered_below(as_user, cast, cycle):
    both = make_user("rangkap", cast.kota, "tim_rb")
    Membership.objects.create(user=both, organisation=cast.kota, role="inspektorat")
    save(cycle, "A1.1.a", "A", cast.opd_member)
    review.submit(cycle=cycle, question_codes=["A1.1.a"], by=cast.opd_member)
    act(as_user(both), cycle, "accept")
    assert status(cycle).state == "accepted"
    html = act(as_user(both), cycle, "accept", level="verifier").content.decode()
    assert "tidak dapat mereviu" in html and status(cycle).state == "accepted"
    act(as_user(cast.inspector), cycle, "accept", level="verifier")
    assert status(cycle).state == "verified"


def test_bulk_review_skips_ones_own_items_and_says_so(as_user, cast, cycle):
    save(cycle, "A1.1.a", "A", cast.coordinator)
    save(cycle, "A1.1.b", "50", cast.opd_member)
    review.submit(cycle=cycle, question_codes=["A1.1.a", "A1.1.b"], by=cast.opd_member)
    items = [f"{c}:{status(cycle, c).version}" for c in ("A1.1.a", "A1.1.b")]
    html = (
        as_user(cast.coordinator)
        .post(
            reverse("assessments:review_bulk", args=[cycle.pk]),
            {"items": items, "verb": "accept", "level": "reviewer"},
            follow=True,
        )
        .content.decode()
    )
    assert "Diterima: A1.1.b" in html and "A1.1.a: Anda tidak dapat mereviu" in html
    assert "A1.1.a: A1.1.a" not in html
    assert (status(cycle, "A1.1.a").state, status(cycle, "A1.1.b").state) == (
        "submitted",
        "accepted",
    )


def test_the_queue_and_the_workspace_offer_no_accept_for_ones_own_work(as_user, cast, cycle):
    save(cycle, "A1.1.a", "A", cast.coordinator)
    save(cycle, "A1.1.b", "50", cast.opd_member)
    review.submit(cycle=cycle, question_codes=["A1.1.a", "A1.1.b"], by=cast.opd_member)
    client = as_user(cast.coordinator)
    queue = client.get(reverse("assessments:review_queue", args=[cycle.pk])).content.decode()
    own, other = queue.split('id="rq-A1_1_b"')
    assert "Isian atau kiriman Anda sendiri" in own and 'value="A1.1.a:' not in own
    assert 'value="A1.1.b:' in other and "Isian atau kiriman Anda sendiri" not in other
    page = client.get(
        reverse("assessments:workspace", args=[cycle.pk]) + "?indicator=A1.1"
    ).content.decode()
    own_q = page.split('id="q-A1_1_a"')[1].split('id="q-A1_1_b"')[0]
    assert "Isian atau kiriman Anda sendiri" in own_q and 'value="accept"' not in own_q


# ---- stages move along the path -------------------------------------------------------------


def all_pairs():
    return [(a, b) for a in Stage.values for b in Stage.values if a != b]


@pytest.mark.parametrize(("frm", "to"), all_pairs())
def test_a_stage_moves_only_along_the_table(cast, cycle, frm, to):
    Cycle.objects.filter(pk=cycle.pk).update(stage=frm)
    cycle.refresh_from_db()
    move = STAGE_MOVES.get((frm, to))
    who = {"manage_cycle": cast.coordinator, "submit_cycle": cast.coordinator}.get(
        getattr(move, "action", ""), cast.admin
    )
    if move is None:
        with pytest.raises(StageMoveRefused, match="tidak dapat dipindah"):
            stage_move(cycle=cycle, to=to, by=who, reason="alasan")
        assert Cycle.objects.get(pk=cycle.pk).stage == frm
        return
    if move.rule == "submit":
        with pytest.raises(StageMoveRefused, match="belum dapat dikirim"):
            stage_move(cycle=cycle, to=to, by=who)
        return
    stage_move(cycle=cycle, to=to, by=who, reason="alasan")
    assert Cycle.objects.get(pk=cycle.pk).stage == to
    event = HistoryEvent.objects.filter(cycle=cycle).last()
    assert (event.before, event.after["stage"], event.actor) == ({"stage": frm}, to, who)


def test_the_settings_form_offers_only_the_next_stages_and_refuses_a_jump(as_user, cast, cycle):
    client = as_user(cast.coordinator)
    page = client.get(reverse("assessments:cycle_settings", args=[cycle.pk])).content.decode()
    offered = set(
        v
        for v in Stage.values
        if f'<option value="{v}"' in page.split('name="stage"')[1].split("</select>")[0]
    )
    assert offered == {"preparation", "self_assessment", "review"}
    for jump in ("verification", "submitted", "closed"):
        client.post(reverse("assessments:cycle_settings", args=[cycle.pk]), {"stage": jump})
        assert Cycle.objects.get(pk=cycle.pk).stage == "self_assessment"


def test_submitted_is_reached_only_through_the_submit_rule(as_user, cast, cycle):
    fw = cycle.framework.framework()
    for code, q in fw.questions.items():
        save(cycle, code, "50" if q.scale.kind == "number" else "A", cast.opd_member)
    Cycle.objects.filter(pk=cycle.pk).update(stage="verification")
    cycle.refresh_from_db()
    with pytest.raises(StageMoveRefused):
        cycle_update(cycle=cycle, by=cast.coordinator, stage="submitted")
    client = as_user(cast.coordinator)
    html = client.post(
        reverse("assessments:cycle_submit", args=[cycle.pk]), follow=True
    ).content.decode()
    assert "Penilaian belum dapat dikirim: 8 pertanyaan belum dijawab" in html
    assert Cycle.objects.get(pk=cycle.pk).stage == "verification"
    # every question answered, accepted by the Tim RB and verified by the Inspektorat
    AnswerStatus.objects.filter(cycle=cycle).update(state="verified")
    assert not_final(cycle) == []
    assert (
        as_user(cast.inspector)
        .post(reverse("assessments:cycle_submit", args=[cycle.pk]))
        .status_code
        == 403
    )
    as_user(cast.coordinator).post(reverse("assessments:cycle_submit", args=[cycle.pk]))
    cycle.refresh_from_db()
    assert cycle.stage == "submitted" and cycle.submitted_at is not None
    assert HistoryEvent.objects.filter(cycle=cycle, kind="cycle_submitted").count() == 1


def test_reopening_is_an_admin_action_with_a_reason_the_history_keeps(as_user, cast, cycle):
    Cycle.objects.filter(pk=cycle.pk).update(stage="closed")
    url = reverse("assessments:cycle_reopen", args=[cycle.pk])
    assert as_user(cast.coordinator).post(url, {"reason": "salah"}).status_code == 403
    admin = as_user(cast.admin)
    html = admin.post(url, {"reason": "  "}, follow=True).content.decode()
    assert "Alasan membuka kembali: " in html and Cycle.objects.get(pk=cycle.pk).stage == "closed"
    html = admin.post(url, {"reason": "alasan \u202e"}, follow=True).content.decode()
    assert "pengatur arah teks" in html and Cycle.objects.get(pk=cycle.pk).stage == "closed"
    admin.post(url, {"reason": "Nilai SAKIP dikoreksi KemenPAN-RB."})
    assert Cycle.objects.get(pk=cycle.pk).stage == "verification"
    event = HistoryEvent.objects.filter(cycle=cycle, kind="cycle_reopened").get()
    assert event.after == {"stage": "verification", "reason": "Nilai SAKIP dikoreksi KemenPAN-RB."}
    assert event.actor == cast.admin


def test_a_tim_rb_cannot_reopen_through_the_domain_either(cast, cycle):
    Cycle.objects.filter(pk=cycle.pk).update(stage="submitted")
    cycle.refresh_from_db()
    with pytest.raises(StageMoveNotAllowed):
        stage_move(cycle=cycle, to="verification", by=cast.coordinator, reason="ingin ubah")


def test_a_submitted_cycle_keeps_its_review_chain(cast, cycle):
    Cycle.objects.filter(pk=cycle.pk).update(stage="submitted")
    cycle.refresh_from_db()
    with pytest.raises(DomainError, match="Tingkat reviu"):
        cycle_update(cycle=cycle, by=cast.coordinator, review_levels="reviewer")
    cycle_update(cycle=cycle, by=cast.coordinator, final_deadline=cycle.final_deadline)


def test_the_second_of_two_moves_from_the_same_stage_is_told(cast, cycle):
    stale = Cycle.objects.get(pk=cycle.pk)
    stage_move(cycle=cycle, to="review", by=cast.coordinator)
    with pytest.raises(StageMoveRefused, match="baru saja diubah"):
        stage_move(cycle=stale, to="preparation", by=cast.coordinator)
    assert Cycle.objects.get(pk=cycle.pk).stage == "review"


def test_the_submit_rule_leaves_out_inputs_others_measure_unless_they_are_half_way(cast):
    text = framework_text(fid="luar").replace(
        "                scale: 0-100\n",
        "                scale: 0-100\n                source: external\n",
    )
    version, _ = framework_register(text=text, source="luar.yaml")
    cycle = make_cycle(cast, framework_activate(version=version))
    fw = cycle.framework.framework()
    assert fw.questions["A1.1.b"].source == "external"
    for code, q in fw.questions.items():
        if q.source == "self":
            save(cycle, code, "A", cast.opd_member)
    AnswerStatus.objects.filter(cycle=cycle).update(state="verified")
    assert not_final(cycle) == []  # the external input is not there yet, and need not be
    save(cycle, "A1.1.b", "70", cast.coordinator)
    review.submit(cycle=cycle, question_codes=["A1.1.b"], by=cast.coordinator)
    assert not_final(cycle) == ["A1.1.b"]  # but once sent up the chain it must finish it
