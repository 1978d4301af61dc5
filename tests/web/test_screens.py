"""Client tests of each screen and flow: home, my work, workspace (htmx save, conflict),
assignments, cycle settings, frameworks, permission table, login, language."""

from __future__ import annotations

import re

from django.urls import reverse

from rapor.assessments.domain.answers import answer_save
from rapor.assessments.models import Answer, Assignment, Cycle, FrameworkVersion, HistoryEvent

from .fwtext import framework_text


def test_home_shows_counts_stage_days_left_and_the_score_with_its_grade(as_user, cast, cycle):
    html = as_user(cast.opd_member).get("/").content.decode()
    assert 'data-count="assigned">1<' in html and 'data-count="late">1<' in html
    assert "Penilaian mandiri" in html and "10 hari lagi" in html
    assert "D · Sangat Kurang" in html and "0,00" in html


def test_my_work_lists_the_opds_indicators_with_due_date_and_late_flag(as_user, cast, cycle):
    html = as_user(cast.opd_member).get(reverse("assessments:my_work")).content.decode()
    assert "A1.1" in html and "A1.2" not in html
    assert "terlambat" in html
    assert reverse("assessments:workspace", args=[cycle.pk]) + "?indicator=A1.1" in html


def test_my_work_filters_returned_items(as_user, cast, cycle):
    from rapor.assessments.models import AnswerStatus

    AnswerStatus.objects.create(
        cycle=cycle, question_code="A1.1.a", state="returned", return_note="x"
    )
    html = (
        as_user(cast.opd_member)
        .get(reverse("assessments:my_work") + "?show=returned")
        .content.decode()
    )
    assert "A1.1" in html and "dikembalikan" in html


def test_the_workspace_shows_questions_options_guidance_and_evidence_required(as_user, cast, cycle):
    html = (
        as_user(cast.opd_member)
        .get(reverse("assessments:workspace", args=[cycle.pk]))
        .content.decode()
    )
    assert (
        "Pertanyaan A1.1.a" in html
        and "Lengkap" in html
        and "Petunjuk uji" in html
        and "SK uji" in html
    )
    # own indicator editable, the other OPD's indicator read-only
    own = html[html.index('id="q-A1_1_a"') : html.index('id="q-A1_1_b"')]
    other = html[html.index('id="q-A1_2_a"') : html.index('id="q-A1_2_b"')]
    assert "<fieldset>" in own and "<fieldset disabled>" in other


def test_saving_an_answer_with_htmx_updates_question_indicator_area_and_total(as_user, cast, cycle):
    client = as_user(cast.opd_member)
    response = client.post(
        reverse("assessments:answer", args=[cycle.pk]),
        {"question": "A1.1.a", "value": "A", "version": "0"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "tersimpan" in html
    assert 'id="score-total"' in html and 'id="head-A1_1"' in html and 'id="nav-A1"' in html
    assert html.count('hx-swap-oob="true"') == 3
    assert (
        "12,50" in html
    )  # the indicator (weight 25) has two questions: A counts 12,5 on the total
    assert 'name="version" value="1"' in html
    assert Answer.objects.get().updated_by == cast.opd_member


def test_a_conflicting_save_shows_both_versions_and_lets_the_user_choose(as_user, cast, cycle):
    answer_save(
        cycle=cycle,
        question_code="A1.1.a",
        value="B",
        level="self",
        by=cast.coordinator,
        expected_version=0,
    )
    client = as_user(cast.opd_member)
    response = client.post(
        reverse("assessments:answer", args=[cycle.pk]),
        {"question": "A1.1.a", "value": "C", "version": "0"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "Jawaban Anda" in html and "Jawaban tersimpan" in html and "Koordinator" in html
    assert re.search(r'name="version" value="1"><input type="hidden" name="value" value="C"', html)
    assert Answer.objects.get().value == "B"
    # choose mine: save again from the stored version
    client.post(
        reverse("assessments:answer", args=[cycle.pk]),
        {"question": "A1.1.a", "value": "C", "version": "1"},
        headers={"HX-Request": "true"},
    )
    assert Answer.objects.get().value == "C"
    # or take theirs: the stored question comes back
    keep = client.get(reverse("assessments:question", args=[cycle.pk, "A1.1.a"]))
    assert keep.status_code == 200 and "conflict" not in keep.content.decode().split(">")[0]


def test_a_plain_form_post_without_htmx_redirects_back_to_the_indicator(as_user, cast, cycle):
    response = as_user(cast.opd_member).post(
        reverse("assessments:answer", args=[cycle.pk]),
        {"question": "A1.1.a", "value": "A", "version": "0"},
    )
    assert response.status_code == 302 and response["Location"].endswith("?indicator=A1.1")


def test_a_bad_number_is_refused_with_a_message(as_user, cast, cycle):
    response = as_user(cast.opd_member).post(
        reverse("assessments:answer", args=[cycle.pk]),
        {"question": "A1.1.b", "value": "120", "version": "0"},
        headers={"HX-Request": "true"},
    )
    assert "120 di luar rentang 0–100" in response.content.decode() and not Answer.objects.exists()


def test_the_assignments_page_lists_opd_due_date_and_late_flag(as_user, cast, cycle):
    html = (
        as_user(cast.coordinator)
        .get(reverse("assessments:assignments", args=[cycle.pk]))
        .content.decode()
    )
    assert (
        "Disdukcapil" in html
        and "Dinkes" in html
        and "terlambat" in html
        and "belum ditugaskan" in html
    )


def test_the_tim_rb_assigns_one_indicator_with_htmx(as_user, cast, cycle):
    client = as_user(cast.coordinator)
    url = reverse("assessments:assignment_edit", args=[cycle.pk, "A2.1"])
    assert 'name="opd"' in client.get(url, headers={"HX-Request": "true"}).content.decode()
    response = client.post(
        url,
        {"opd": cast.dinkes.pk, "person": cast.other_opd_member.pk, "due_date": "2030-01-31"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200 and "Dinkes" in response.content.decode()
    a = Assignment.objects.get(cycle=cycle, indicator_code="A2.1")
    assert (a.opd, a.person, str(a.due_date)) == (cast.dinkes, cast.other_opd_member, "2030-01-31")


def test_the_tim_rb_assigns_a_whole_area_at_once(as_user, cast, cycle):
    response = as_user(cast.coordinator).post(
        reverse("assessments:assignment_area", args=[cycle.pk]),
        {"area": "AR2", "opd": cast.disdukcapil.pk, "due_date": "2030-02-01"},
    )
    assert response.status_code == 302
    assert set(
        cycle.assignments.filter(opd=cast.disdukcapil).values_list("indicator_code", flat=True)
    ) == {"A1.1", "A2.1", "A2.2"}


def test_cycle_settings_change_the_stage_and_dates_with_history(as_user, cast, cycle):
    client = as_user(cast.coordinator)
    url = reverse("assessments:cycle_settings", args=[cycle.pk])
    assert "Penilaian mandiri" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "stage": "review",
            "review_starts": "2030-01-01",
            "review_ends": "2030-01-10",
            "final_deadline": "2030-02-01",
        },
    )
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.stage == "review" and str(cycle.review_ends) == "2030-01-10"
    assert HistoryEvent.objects.filter(kind="cycle_changed", actor=cast.coordinator).exists()


def test_cycle_settings_refuse_an_end_before_the_start(as_user, cast, cycle):
    response = as_user(cast.coordinator).post(
        reverse("assessments:cycle_settings", args=[cycle.pk]),
        {"stage": "review", "review_starts": "2030-01-10", "review_ends": "2030-01-01"},
    )
    assert response.status_code == 200 and "sebelum tanggal mulai" in response.content.decode()


def test_the_tim_rb_starts_a_new_cycle_from_last_year(as_user, cast, cycle, framework):
    answer_save(
        cycle=cycle,
        question_code="A1.1.a",
        value="A",
        level="self",
        by=cast.opd_member,
        expected_version=0,
    )
    response = as_user(cast.coordinator).post(
        reverse("assessments:cycle_new"),
        {"organisation": cast.kota.pk, "framework": framework.pk, "year": 2025, "carry_over": "on"},
    )
    new = Cycle.objects.get(year=2025)
    assert response.status_code == 302 and new.carried_from == cycle
    assert Answer.objects.get(cycle=new).needs_reconfirmation


def test_an_admin_uploads_a_framework_sees_its_summary_and_activates_it(as_user, cast, framework):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = as_user(cast.admin)
    text = framework_text(fid="test-fw", version="2", status="provisional")
    response = client.post(
        reverse("assessments:frameworks"), {"file": SimpleUploadedFile("fw.yaml", text.encode())}
    )
    html = response.content.decode()
    assert (
        "Kerangka valid dan disimpan" in html
        and "8 pertanyaan" in html
        and "Kerangka sementara" in html
    )
    new = FrameworkVersion.objects.get(framework_id="test-fw", version="2")
    assert not new.is_active
    client.post(reverse("assessments:framework_activate", args=[new.pk]))
    new.refresh_from_db()
    framework.refresh_from_db()
    assert new.is_active and not framework.is_active


def test_on_a_phone_the_framework_list_names_its_counts_in_the_readers_language(
    as_user, cast, framework
):
    client = as_user(cast.admin)
    html = client.get(reverse("assessments:frameworks")).content.decode()
    n = framework.question_count
    assert re.search(rf">{n}<span class=\"d-sm-none[^>]*> pertanyaan</span>", html)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("assessments:frameworks")).content.decode()
    assert re.search(rf">{n}<span class=\"d-sm-none[^>]*> questions</span>", html)
    assert re.search(r">0<span class=\"d-sm-none[^>]*> cycles</span>", html)


def test_an_invalid_framework_upload_shows_the_validation_error(as_user, cast, db):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = framework_text().replace("weight: 100/2", "weight: 40", 1)
    response = as_user(cast.admin).post(
        reverse("assessments:frameworks"), {"file": SimpleUploadedFile("bad.yaml", bad.encode())}
    )
    html = response.content.decode()
    assert "Berkas ditolak" in html and "A1" in html
    assert not FrameworkVersion.objects.exists()


def test_the_permission_table_page_shows_roles_and_actions(as_user, cast):
    html = as_user(cast.admin).get(reverse("orgs:permissions")).content.decode()
    assert (
        "manage_frameworks" in html and "Tim RB (koordinator)" in html and "Pemda sendiri" in html
    )


def test_the_organisation_page_lists_the_tree_and_members(as_user, cast):
    html = as_user(cast.admin).get(reverse("orgs:overview")).content.decode()
    assert "Kota Contoh" in html and "koordinator" in html


def test_provisional_frameworks_carry_a_notice_where_numbers_appear(as_user, cast, db):
    from .conftest import make_cycle, make_framework

    fw = make_framework(fid="prov", status="provisional")
    c = make_cycle(cast, fw)
    client = as_user(cast.coordinator)
    for url in (reverse("assessments:workspace", args=[c.pk]), "/"):
        assert "Kerangka sementara" in client.get(url).content.decode()


def test_english_is_selectable(as_user, cast, cycle):
    client = as_user(cast.opd_member)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(reverse("assessments:my_work")).content.decode()
    assert "My work" in html and "late" in html


def test_the_login_page_lists_demo_logins_only_in_a_demo_with_its_data_loaded(client, db, settings):
    settings.RAPOR_DEMO = True
    assert "demo12345" not in client.get("/masuk/").content.decode()
    from rapor.demo import load_demo

    load_demo()
    html = client.get("/masuk/").content.decode()
    assert "demo12345" in html and "diskominfo" in html and "DATA CONTOH (DEMO)" in html
    # the same data in an installation that is not a demo: no password on the page
    settings.RAPOR_DEMO = False
    html = client.get("/masuk/").content.decode()
    assert "demo12345" not in html and "Akun contoh" not in html


def test_indonesian_is_the_default_even_for_an_english_browser(as_user, cast, cycle):
    client = as_user(cast.opd_member)
    html = client.get(
        reverse("assessments:my_work"), headers={"Accept-Language": "en-US,en"}
    ).content.decode()
    assert "Tugas Saya" in html and 'lang="id"' in html


def test_a_carried_answer_is_confirmed_with_one_click(as_user, cast, cycle, framework):
    from rapor.assessments.domain.cycles import cycle_create

    answer_save(
        cycle=cycle,
        question_code="A1.1.a",
        value="A",
        level="self",
        by=cast.opd_member,
        expected_version=0,
    )
    new = cycle_create(
        organisation=cast.kota,
        framework=framework,
        year=2025,
        by=cast.coordinator,
        carry_over=True,
        stage="self_assessment",
    )
    client = as_user(cast.opd_member)
    html = client.get(reverse("assessments:workspace", args=[new.pk])).content.decode()
    assert "Konfirmasi" in html
    client.post(
        reverse("assessments:answer", args=[new.pk]),
        {"question": "A1.1.a", "value": "A", "version": "1"},
        headers={"HX-Request": "true"},
    )
    row = Answer.objects.get(cycle=new)
    assert (row.value, row.version, row.needs_reconfirmation) == ("A", 2, False)
