"""Every view checks who may see and change what: other OPDs, other Pemdas, anonymous users."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rapor.assessments.models import Answer, Assignment, HistoryEvent


def post_answer(client, cycle, code="A1.2.a", value="A", version=0, htmx=True):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(
        reverse("assessments:answer", args=[cycle.pk]),
        {"question": code, "value": value, "version": version},
        headers=headers,
    )


def test_another_opd_cannot_save_an_answer_to_an_indicator_not_assigned_to_it(as_user, cast, cycle):
    response = post_answer(as_user(cast.opd_member), cycle, code="A1.2.a")
    assert response.status_code == 403
    assert (
        not Answer.objects.exists()
        and not HistoryEvent.objects.filter(kind="answer_saved").exists()
    )


def test_an_opd_cannot_answer_an_unassigned_indicator(as_user, cast, cycle):
    assert post_answer(as_user(cast.opd_member), cycle, code="A2.1.a").status_code == 403
    assert not Answer.objects.exists()


def test_an_opd_cannot_overwrite_another_opds_existing_answer(as_user, cast, cycle):
    post_answer(as_user(cast.other_opd_member), cycle, code="A1.2.a", value="A")
    response = post_answer(as_user(cast.opd_member), cycle, code="A1.2.a", value="C", version=1)
    assert response.status_code == 403
    assert Answer.objects.get().value == "A"


@pytest.mark.parametrize("name", ["workspace", "assignments", "cycle_settings"])
def test_another_pemda_cannot_see_a_cycle(as_user, cast, cycle, name):
    response = as_user(cast.outsider).get(reverse(f"assessments:{name}", args=[cycle.pk]))
    assert response.status_code == 404


def test_another_pemda_cannot_save_an_answer(as_user, cast, cycle):
    assert post_answer(as_user(cast.outsider), cycle, code="A1.1.a").status_code == 404
    assert not Answer.objects.exists()


def test_an_evaluator_cannot_see_a_draft_cycle(as_user, cast, cycle):
    assert (
        as_user(cast.evaluator).get(reverse("assessments:workspace", args=[cycle.pk])).status_code
        == 404
    )


def test_pimpinan_reads_but_cannot_answer_or_assign(as_user, cast, cycle):
    client = as_user(cast.pimpinan)
    assert client.get(reverse("assessments:workspace", args=[cycle.pk])).status_code == 200
    assert post_answer(client, cycle, code="A1.1.a").status_code == 403
    edit = reverse("assessments:assignment_edit", args=[cycle.pk, "A2.1"])
    assert client.post(edit, {"opd": cast.dinkes.pk}).status_code == 403
    assert not Assignment.objects.filter(indicator_code="A2.1").exists()


def test_only_the_tim_rb_changes_cycle_settings(as_user, cast, cycle):
    url = reverse("assessments:cycle_settings", args=[cycle.pk])
    assert as_user(cast.opd_member).post(url, {"stage": "closed"}).status_code == 403
    cycle.refresh_from_db()
    assert cycle.stage == "self_assessment"


@pytest.mark.parametrize("url", ["/", "/tugas-saya/", "/siklus/", "/kerangka/", "/org/izin/"])
def test_anonymous_users_are_sent_to_the_login_page(client, db, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")


@pytest.mark.parametrize("url", ["/kerangka/", "/org/", "/org/izin/"])
def test_admin_pages_are_for_admins_only(as_user, cast, url):
    assert as_user(cast.coordinator).get(url).status_code == 403
