"""The Reviu / Verifikasi screen, the review controls in the workspace, the menu, query counts."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rapor.assessments.domain import review
from rapor.assessments.domain.answers import answer_save
from rapor.assessments.models import AnswerStatus

from .test_query_counts import populated_cycle


def answer_all(cycle, user, codes):
    for code in codes:
        value = "50" if code == "A1.1.b" else "A"
        answer_save(
            cycle=cycle, question_code=code, value=value, level="self", by=user, expected_version=0
        )
    review.submit(cycle=cycle, question_codes=codes, by=user)


def in_review(cycle):
    cycle.stage = "review"
    cycle.save()
    return cycle


def queue(client, cycle, query=""):
    return client.get(reverse("assessments:review_queue", args=[cycle.pk]) + query).content.decode()


def test_the_queue_lists_submitted_items_oldest_first_with_opd_and_levels_side_by_side(
    as_user, cast, cycle
):
    answer_all(cycle, cast.other_opd_member, ["A1.2.a", "A1.2.b"])
    answer_all(cycle, cast.opd_member, ["A1.1.a", "A1.1.b"])
    html = queue(as_user(cast.coordinator), in_review(cycle))
    assert html.index('data-indicator="A1.2"') < html.index('data-indicator="A1.1"')
    assert "Dinkes" in html and "Disdukcapil" in html
    assert "mandiri" in html and "reviu Tim RB" in html and "verifikasi Inspektorat" in html
    assert 'name="items" value="A1.1.a:2"' in html and "Terima yang dipilih" in html


def test_the_queue_filters_by_opd_and_area(as_user, cast, cycle):
    answer_all(cycle, cast.other_opd_member, ["A1.2.a", "A1.2.b"])
    answer_all(cycle, cast.opd_member, ["A1.1.a", "A1.1.b"])
    client = as_user(cast.coordinator)
    html = queue(client, in_review(cycle), f"?opd={cast.disdukcapil.pk}")
    assert 'data-indicator="A1.1"' in html and 'data-indicator="A1.2"' not in html
    assert "Tidak ada yang menunggu dengan saringan ini" in queue(client, cycle, "?area=A2")


def test_an_empty_queue_says_what_happens_next(as_user, cast, cycle):
    html = queue(as_user(cast.coordinator), in_review(cycle))
    assert "setelah OPD menekan Kirim" in html
    assert "setelah Tim RB menerimanya" in queue(as_user(cast.inspector), cycle)


def test_the_verifier_sees_what_the_tim_rb_accepted(as_user, cast, cycle):
    answer_all(cycle, cast.opd_member, ["A1.1.a", "A1.1.b"])
    review.accept(cycle=cycle, question_code="A1.1.a", by=cast.coordinator, expected_version=2)
    cycle.stage = "verification"
    cycle.save()
    html = queue(as_user(cast.inspector), cycle)
    assert 'data-question="A1.1.a"' in html and 'data-question="A1.1.b"' not in html
    assert "Verifikasi yang dipilih" in html
    assert "diterima, tanpa perubahan" in html  # the Tim RB accepted without its own answer


def test_the_returned_tab_shows_whether_each_item_came_back(as_user, cast, cycle):
    answer_all(cycle, cast.opd_member, ["A1.1.a", "A1.1.b"])
    in_review(cycle)
    for code in ("A1.1.a", "A1.1.b"):
        review.return_with_note(
            cycle=cycle,
            question_code=code,
            level="reviewer",
            note=f"perbaiki {code}",
            by=cast.coordinator,
            expected_version=2,
        )
    review.submit(cycle=cycle, question_codes=["A1.1.a"], by=cast.opd_member)
    html = queue(as_user(cast.coordinator), cycle, "?tab=returned")
    newest, older = html.index('data-question="A1.1.b"'), html.index('data-question="A1.1.a"')
    assert newest < older
    assert "masih di OPD" in html[newest:older]
    assert "sudah kembali" in html[older:] and "perbaiki A1.1.a" in html[older:]
    # the resubmitted item is back in the queue with its earlier note
    assert "catatan sebelumnya: perbaiki A1.1.a" in queue(as_user(cast.coordinator), cycle)


def test_the_queue_is_in_the_menu_of_the_tim_rb_and_the_inspektorat_only(as_user, cast, cycle):
    url = reverse("assessments:review_queue_current")
    for user, shown in ((cast.coordinator, True), (cast.inspector, True), (cast.opd_member, False)):
        assert (url in as_user(user).get("/").content.decode()) is shown
    assert as_user(cast.opd_member).get(url, follow=True).status_code == 403
    assert (
        as_user(cast.pimpinan).get(reverse("assessments:review_queue", args=[cycle.pk])).status_code
        == 403
    )


def test_the_workspace_offers_kirim_to_the_opd_and_accept_or_return_to_the_reviewer(
    as_user, cast, cycle
):
    url = reverse("assessments:workspace", args=[cycle.pk])
    html = as_user(cast.opd_member).get(url).content.decode()
    assert reverse("assessments:submit_indicator", args=[cycle.pk, "A1.1"]) in html
    assert reverse("assessments:submit_indicator", args=[cycle.pk, "A1.2"]) not in html
    assert "Komentar & Riwayat" in html
    answer_all(cycle, cast.opd_member, ["A1.1.a", "A1.1.b"])
    html = as_user(cast.coordinator).get(url).content.decode()  # the chain runs in any open stage
    block = html[html.index('id="q-A1_1_a"') : html.index('id="q-A1_1_b"')]
    assert "question-review" in block and 'name="level" value="reviewer"' in block
    assert "Anda mengisi" in block


def test_accepting_in_the_workspace_returns_the_question_block(as_user, cast, cycle):
    answer_all(cycle, cast.opd_member, ["A1.1.a", "A1.1.b"])
    response = as_user(cast.coordinator).post(
        reverse("assessments:review_action", args=[in_review(cycle).pk]),
        {"question": "A1.1.a", "verb": "accept", "version": 2},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert 'id="q-A1_1_a"' in html and "Diterima: A1.1.a" in html
    assert AnswerStatus.objects.get(cycle=cycle, question_code="A1.1.a").state == "accepted"


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_review_queue_queries_do_not_grow_with_the_items(as_user, cast):
    small = populated_cycle(cast, areas=1, indicators=2, questions=2, year=2023)
    large = populated_cycle(cast, areas=4, indicators=10, questions=4, year=2024)
    for c in (small, large):
        codes = list(c.answers.values_list("question_code", flat=True))
        review.submit(cycle=c, question_codes=codes, by=cast.opd_member)
        in_review(c)
        done = codes[: len(codes) // 2]
        review.review_bulk(
            cycle=c,
            verb="return",
            level="reviewer",
            items=[(x, 2) for x in done],
            by=cast.coordinator,
            note="cek",
        )
    client = as_user(cast.coordinator)
    for query in ("", "?tab=returned"):
        small_url = reverse("assessments:review_queue", args=[small.pk]) + query
        large_url = reverse("assessments:review_queue", args=[large.pk]) + query
        # each page once first: the framework cache is warm, and the session already names
        # the page's cycle (choosing another cycle is one session write)
        count(client, large_url)
        large_n = count(client, large_url)
        count(client, small_url)
        assert count(client, small_url) == large_n
