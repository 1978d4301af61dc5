"""Comments: one thread per question; who may write in it."""

from __future__ import annotations

from django.urls import reverse

from rapor.assessments.models import Comment, HistoryEvent

HX = {"HX-Request": "true"}


def post(client, cycle, code, text):
    url = reverse("assessments:question_comment", args=[cycle.pk, code])
    return client.post(url, {"text": text}, headers=HX)


def panel(client, cycle, code, htmx=True):
    url = reverse("assessments:question_activity", args=[cycle.pk, code])
    return client.get(url, headers=HX if htmx else {})


def test_an_opd_member_comments_on_its_own_question_and_the_thread_shows_it(as_user, cast, cycle):
    client = as_user(cast.opd_member)
    response = post(client, cycle, "A1.1.a", "SK sudah diunggah, mohon dicek")
    html = response.content.decode()
    assert response.status_code == 200 and "SK sudah diunggah, mohon dicek" in html
    assert "Dukcapil" in html and 'name="text"' in html
    comment = Comment.objects.get()
    assert (comment.author, comment.question_code) == (cast.opd_member, "A1.1.a")
    assert HistoryEvent.objects.filter(kind="commented", question_code="A1.1.a").exists()


def test_an_opd_member_reads_but_cannot_write_in_another_opds_thread(as_user, cast, cycle):
    post(as_user(cast.other_opd_member), cycle, "A1.2.a", "dari Dinkes")
    client = as_user(cast.opd_member)
    html = panel(client, cycle, "A1.2.a").content.decode()
    assert "dari Dinkes" in html and 'name="text"' not in html
    assert post(client, cycle, "A1.2.a", "ikut campur").status_code == 403
    assert Comment.objects.count() == 1


def test_the_tim_rb_and_the_inspektorat_comment_and_the_pimpinan_only_reads(as_user, cast, cycle):
    assert post(as_user(cast.coordinator), cycle, "A1.2.a", "cek lagi").status_code == 200
    assert post(as_user(cast.inspector), cycle, "A1.2.a", "setuju").status_code == 200
    client = as_user(cast.pimpinan)
    assert "setuju" in panel(client, cycle, "A1.2.a").content.decode()
    assert post(client, cycle, "A1.2.a", "bagus").status_code == 403


def test_an_empty_comment_is_refused_with_a_message(as_user, cast, cycle):
    response = post(as_user(cast.coordinator), cycle, "A1.1.a", "   ")
    assert "Komentar kosong" in response.content.decode() and not Comment.objects.exists()


def test_another_pemda_neither_reads_nor_writes(as_user, cast, cycle):
    client = as_user(cast.outsider)
    assert panel(client, cycle, "A1.1.a").status_code == 404
    assert post(client, cycle, "A1.1.a", "halo").status_code == 404


def test_without_htmx_the_panel_is_a_page_and_a_comment_redirects_back(as_user, cast, cycle):
    client = as_user(cast.coordinator)
    html = panel(client, cycle, "A1.1.a", htmx=False).content.decode()
    assert "<html" in html and "Pertanyaan A1.1.a" in html
    url = reverse("assessments:question_comment", args=[cycle.pk, "A1.1.a"])
    response = client.post(url, {"text": "catatan"})
    assert response.status_code == 302 and response["Location"].endswith("/aktivitas/")
