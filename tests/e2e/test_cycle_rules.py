"""Rules the server enforces, as people meet them in the browser: the Admin reopens a closed
cycle with a reason; the Tim RB sees why the assessment cannot be submitted yet; a Tim RB member
finds their own submission in the queue without the accept button."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rapor.assessments.domain import review
from rapor.assessments.domain.answers import answer_save
from rapor.assessments.models import Cycle, HistoryEvent
from rapor.assessments.tree import tree
from rapor.engine import format_exact
from rapor.orgs.models import Membership

pytestmark = pytest.mark.browser


def test_the_admin_reopens_a_closed_cycle_with_a_reason_and_the_tim_rb_sees_what_is_left(
    people, shots
):
    shots.n = 91
    closed = Cycle.objects.get(organisation__name="Kota Pangkalpinang", year=2023)
    assert closed.stage == "closed"
    admin = people.login("admin")
    admin.goto(f"/siklus/{closed.pk}/")
    section = admin.locator(".cycle-reopen")
    expect(section).to_contain_text("Buka kembali siklus")
    section.get_by_label("Alasan membuka kembali").fill("Nilai SAKIP dikoreksi oleh KemenPAN-RB.")
    shots(admin, "admin-reopens-a-closed-cycle")
    section.get_by_role("button", name="Buka kembali").click()
    expect(admin.locator(".alert-success")).to_contain_text("Verifikasi Inspektorat")
    expect(admin.locator(".cycle-reopen")).to_have_count(0)
    event = HistoryEvent.objects.get(cycle=closed, kind="cycle_reopened")
    assert event.after["reason"] == "Nilai SAKIP dikoreksi oleh KemenPAN-RB."
    timrb = people.login("timrb")
    timrb.goto(f"/siklus/{closed.pk}/")
    expect(timrb.locator(".cycle-submit")).to_contain_text("belum dijawab dan selesai direviu")
    expect(timrb.get_by_role("button", name="Kirim ke evaluator")).to_have_count(0)
    options = timrb.locator("select[name=stage] option").all_inner_texts()
    assert options == ["Reviu Tim RB", "Verifikasi Inspektorat"]  # one step back, or stay
    shots(timrb, "tim-rb-sees-what-is-left-before-submitting")


def test_a_tim_rb_member_finds_their_own_submission_without_an_accept_button(people, shots):
    shots.n = 95
    cycle = Cycle.objects.get(organisation__name="Kota Pangkalpinang", year=2024)
    timrb = Membership.objects.get(user__username="timrb").user
    fw = cycle.framework.framework()
    code = next(
        q.code
        for q in fw.questions.values()
        if not cycle.statuses.filter(question_code=q.code).exists()
    )
    scale = fw.questions[code].scale
    value = scale.options[0][0] if scale.kind == "choice" else format_exact(scale.max)
    answer_save(
        cycle=cycle, question_code=code, value=value, level="self", by=timrb, expected_version=0
    )
    review.submit(cycle=cycle, question_codes=[code], by=timrb)
    page = people.login("timrb")
    area = tree(fw).section_of[fw.questions[code].node]
    page.goto(f"/siklus/{cycle.pk}/reviu/?area={area}")  # the area of the item: a shorter page
    item = page.locator(f'.review-item[data-question="{code}"]')
    expect(item).to_contain_text("Isian atau kiriman Anda sendiri")
    expect(item.get_by_role("button", name="Terima")).to_have_count(0)
    expect(item.locator("input[type=checkbox]")).to_have_count(0)
    item.scroll_into_view_if_needed()
    shots(page, "own-submission-in-the-review-queue")
