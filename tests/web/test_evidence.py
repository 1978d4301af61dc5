"""Evidence through the screens: upload, duplicates, links to questions, access, file responses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from rapor.assessments.models import Evidence, EvidenceLink, HistoryEvent
from rapor.demo.pdf import tiny_pdf

from .test_evidence_files import png_bytes

HX = {"HTTP_HX_REQUEST": "true"}


def stored_files() -> list[Path]:
    root = Path(django_settings.MEDIA_ROOT) / "evidence"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def drain(response) -> None:
    """Read a file response to its end, which closes the stored file. (response.close() would
    also signal the end of the request, and Django would then close the test's PostgreSQL
    connection inside its transaction.)"""
    if response.streaming:
        b"".join(response.streaming_content)


def status(response) -> int:
    drain(response)
    return response.status_code


def upload(client, cycle, tmp_path, name, content, *, question="", title="", htmx=True, **extra):
    path = tmp_path / name
    path.write_bytes(content)
    with path.open("rb") as f:
        data = {"file": f, "title": title, "document_date": "2024-05-01", "question": question}
        return client.post(
            reverse("assessments:evidence_upload", args=[cycle.pk]),
            data | extra,
            **(HX if htmx else {}),
        )


def test_an_opd_member_uploads_a_pdf_to_its_question_and_it_is_stored_by_its_hash(
    as_user, cast, cycle, tmp_path
):
    client = as_user(cast.opd_member)
    response = upload(client, cycle, tmp_path, "sk.pdf", tiny_pdf("SK"), question="A1.1.a")
    assert response.status_code == 200
    ev = Evidence.objects.get()
    assert (ev.title, ev.organisation, ev.cycle, ev.content_type) == (
        "sk",
        cast.disdukcapil,
        cycle,
        "application/pdf",
    )
    assert ev.file.name == f"evidence/{ev.sha256[:2]}/{ev.sha256}.pdf"
    assert [p.name for p in stored_files()] == [f"{ev.sha256}.pdf"]
    assert list(ev.links.values_list("question_code", flat=True)) == ["A1.1.a"]
    assert 'id="ev-A1_1_a"' in response.content.decode() and "sk" in response.content.decode()
    kinds = list(HistoryEvent.objects.filter(cycle=cycle).values_list("kind", flat=True))
    assert kinds[-2:] == ["evidence_uploaded", "evidence_linked"]


def test_an_exe_or_html_named_pdf_is_refused_and_nothing_is_stored(as_user, cast, cycle, tmp_path):
    client = as_user(cast.opd_member)
    for name, content in (("a.pdf", b"MZ\x90\x00" + b"\x00" * 60), ("b.pdf", b"<html></html>")):
        response = upload(client, cycle, tmp_path, name, content, question="A1.1.a")
        assert "tidak diterima" in response.content.decode()
    plain = upload(client, cycle, tmp_path, "c.pdf", b"<html></html>", htmx=False)
    assert plain.status_code == 400
    assert not Evidence.objects.exists() and stored_files() == []


def test_a_png_named_pdf_is_stored_and_downloaded_as_png(as_user, cast, cycle, tmp_path):
    client = as_user(cast.opd_member)
    response = upload(client, cycle, tmp_path, "scan.pdf", png_bytes(), question="A1.1.a")
    assert "isinya PNG" in response.content.decode()
    ev = Evidence.objects.get()
    assert ev.file.name.endswith(".png") and ev.content_type == "image/png"
    download = client.get(reverse("assessments:evidence_download", args=[cycle.pk, ev.pk]))
    assert download["Content-Disposition"] == 'attachment; filename="scan.png"'
    drain(download)


def test_an_oversized_file_is_dropped_while_streaming_and_nothing_is_stored(
    as_user, cast, cycle, tmp_path, settings
):
    settings.RAPOR_EVIDENCE_MAX_BYTES = 1000
    client = as_user(cast.opd_member)
    big = tiny_pdf("x" * 2000)
    response = upload(client, cycle, tmp_path, "besar.pdf", big, question="A1.1.a")
    assert "terlalu besar" in response.content.decode()
    assert "1 KB" in response.content.decode()
    assert not Evidence.objects.exists() and stored_files() == []


def test_the_same_file_again_is_refused_and_offered_for_linking(as_user, cast, cycle, tmp_path):
    client = as_user(cast.opd_member)
    upload(client, cycle, tmp_path, "sk.pdf", tiny_pdf("SK"), question="A1.1.a", title="SK Tim")
    again = upload(client, cycle, tmp_path, "salinan.pdf", tiny_pdf("SK"), question="A1.1.b")
    text = again.content.decode()
    assert "File ini sudah ada: SK Tim, diunggah oleh Dukcapil pada" in text
    assert "Tautkan yang sudah ada" in text
    assert Evidence.objects.count() == 1 and len(stored_files()) == 1
    ev = Evidence.objects.get()
    url = reverse("assessments:evidence_link", args=[cycle.pk, "A1.1.b"])
    client.post(url, {"evidence": ev.pk}, **HX)
    assert sorted(ev.links.values_list("question_code", flat=True)) == ["A1.1.a", "A1.1.b"]


def test_two_opds_uploading_the_same_file_keep_one_copy_and_the_library_marks_duplicates(
    as_user, cast, cycle, tmp_path
):
    upload(as_user(cast.opd_member), cycle, tmp_path, "a.pdf", tiny_pdf("Perda"), title="Perda A")
    upload(
        as_user(cast.other_opd_member), cycle, tmp_path, "b.pdf", tiny_pdf("Perda"), title="Perda B"
    )
    assert Evidence.objects.count() == 2 and len(stored_files()) == 1
    page = as_user(cast.coordinator).get(reverse("assessments:evidence_library", args=[cycle.pk]))
    assert page.content.decode().count("1 duplikat") == 2
    only = as_user(cast.coordinator).get(
        reverse("assessments:evidence_library", args=[cycle.pk]) + "?duplicates=1&q=perda a"
    )
    assert "Perda A" in only.content.decode() and 'id="evidence-' in only.content.decode()


def test_an_opd_cannot_link_evidence_to_another_opds_question(as_user, cast, cycle, tmp_path):
    client = as_user(cast.opd_member)
    upload(client, cycle, tmp_path, "sk.pdf", tiny_pdf("SK"))
    ev = Evidence.objects.get()
    before = HistoryEvent.objects.count()
    url = reverse("assessments:evidence_link", args=[cycle.pk, "A1.2.a"])
    assert client.post(url, {"evidence": ev.pk}, **HX).status_code == 403
    response = upload(client, cycle, tmp_path, "x.pdf", tiny_pdf("X"), question="A1.2.a")
    assert response.status_code == 403
    panel = client.get(reverse("assessments:evidence_panel", args=[cycle.pk, "A1.2.a"]))
    assert panel.status_code == 403
    assert not EvidenceLink.objects.exists() and HistoryEvent.objects.count() == before


def test_who_sees_and_downloads_evidence(as_user, cast, cycle, tmp_path):
    upload(as_user(cast.opd_member), cycle, tmp_path, "sk.pdf", tiny_pdf("SK"))
    ev = Evidence.objects.get()
    url = reverse("assessments:evidence_download", args=[cycle.pk, ev.pk])
    assert status(as_user(cast.outsider).get(url)) == 404  # another Pemda
    assert status(as_user(cast.other_opd_member).get(url)) == 404  # not linked, not theirs
    assert status(as_user(cast.coordinator).get(url)) == 200
    assert status(as_user(cast.inspector).get(url)) == 200
    EvidenceLink.objects.create(evidence=ev, cycle=cycle, question_code="A1.1.a")
    assert status(as_user(cast.other_opd_member).get(url)) == 200  # linked: seen with answers
    assert status(as_user(cast.outsider).get(url)) == 404
    preview = reverse("assessments:evidence_preview", args=[cycle.pk, ev.pk])
    assert status(as_user(cast.outsider).get(preview)) == 404


def test_preview_and_download_headers_keep_the_browser_from_guessing(
    as_user, cast, cycle, tmp_path
):
    client = as_user(cast.opd_member)
    upload(client, cycle, tmp_path, "foto.png", png_bytes(), title="Foto gerai")
    upload(client, cycle, tmp_path, "sk.pdf", tiny_pdf("SK"), title="SK")
    image, pdf = Evidence.objects.get(title="Foto gerai"), Evidence.objects.get(title="SK")
    shown = client.get(reverse("assessments:evidence_preview", args=[cycle.pk, image.pk]))
    assert shown["Content-Type"] == "image/png"
    assert shown["Content-Disposition"] == 'inline; filename="foto.png"'
    assert shown["X-Content-Type-Options"] == "nosniff"
    assert shown["Content-Security-Policy"].startswith("sandbox;")
    assert b"".join(shown.streaming_content) == png_bytes()
    shown_pdf = client.get(reverse("assessments:evidence_preview", args=[cycle.pk, pdf.pk]))
    assert shown_pdf["Content-Type"] == "application/pdf"
    assert shown_pdf["Content-Disposition"].startswith("inline;")
    assert "default-src 'none'" in shown_pdf["Content-Security-Policy"]
    assert shown_pdf["X-Content-Type-Options"] == "nosniff"
    down = client.get(reverse("assessments:evidence_download", args=[cycle.pk, pdf.pk]))
    assert down["Content-Disposition"] == 'attachment; filename="sk.pdf"'
    assert "sandbox" in down["Content-Security-Policy"]
    for response in (shown, shown_pdf, down):
        drain(response)


def test_a_link_must_be_http_or_https(as_user, cast, cycle):
    client = as_user(cast.opd_member)
    url = reverse("assessments:evidence_add_url", args=[cycle.pk])
    data = {"title": "Situs", "document_date": "2024-05-01", "question": "A1.1.a"}
    bad = client.post(url, data | {"url": "javascript:alert(1)"}, **HX)
    assert "http:// atau https://" in bad.content.decode()
    client.post(url, data | {"url": "https://pangkalpinangkota.go.id/sk"}, **HX)
    ev = Evidence.objects.get()
    assert ev.is_link and ev.links.get().question_code == "A1.1.a"
    again = client.post(url, data | {"url": "https://pangkalpinangkota.go.id/sk"}, **HX)
    assert "Tautan ini sudah ada" in again.content.decode()


def test_unlinking_keeps_the_item_and_records_what_was_there(as_user, cast, cycle, tmp_path):
    client = as_user(cast.opd_member)
    upload(client, cycle, tmp_path, "sk.pdf", tiny_pdf("SK"), question="A1.1.a", title="SK")
    ev = Evidence.objects.get()
    url = reverse("assessments:evidence_unlink", args=[cycle.pk, "A1.1.a", ev.pk])
    assert client.post(url, **HX).status_code == 200
    assert not ev.links.exists() and Evidence.objects.filter(pk=ev.pk).exists()
    event = HistoryEvent.objects.filter(kind="evidence_unlinked").get()
    assert (event.question_code, event.before, event.after, event.actor) == (
        "A1.1.a",
        {"evidence": ev.pk, "title": "SK"},
        None,
        cast.opd_member,
    )


def test_the_workspace_shows_evidence_with_an_expired_badge(as_user, cast, cycle, tmp_path):
    client = as_user(cast.opd_member)
    upload(
        client,
        cycle,
        tmp_path,
        "lama.pdf",
        tiny_pdf("Lama"),
        question="A1.1.a",
        title="SK lama",
        valid_until="2024-12-31",
    )
    page = client.get(reverse("assessments:workspace", args=[cycle.pk]) + "?indicator=A1.1")
    text = page.content.decode()
    assert "SK lama" in text and "kedaluwarsa" in text
    assert (
        reverse("assessments:evidence_preview", args=[cycle.pk, Evidence.objects.get().pk]) in text
    )
    assert "Unggah / tautkan bukti" in text


@pytest.mark.parametrize(
    "query, shown",
    [
        ("", {"Lama", "Baru", "Lepas"}),
        ("?validity=expired", {"Lama"}),
        ("?validity=none", {"Lepas"}),
        ("?unused=1", {"Lepas"}),
        ("?q=bar", {"Baru"}),
    ],
)
def test_the_library_filters_by_validity_use_and_title(
    as_user, cast, cycle, tmp_path, query, shown
):
    client = as_user(cast.coordinator)
    future = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    for title, until, question in (
        ("Lama", "2024-12-31", "A1.1.a"),
        ("Baru", future, "A1.2.a"),
        ("Lepas", "", ""),
    ):
        upload(
            client,
            cycle,
            tmp_path,
            f"{title}.pdf",
            tiny_pdf(title),
            title=title,
            valid_until=until,
            question=question,
        )
    page = client.get(reverse("assessments:evidence_library", args=[cycle.pk]) + query)
    text = page.content.decode()
    assert {t for t in ("Lama", "Baru", "Lepas") if f">{t}</a>" in text} == shown


def test_an_empty_library_says_what_to_do_next(as_user, cast, cycle):
    page = as_user(cast.opd_member).get(reverse("assessments:evidence_library", args=[cycle.pk]))
    assert "Belum ada bukti dukung di siklus ini" in page.content.decode()
    menu = as_user(cast.opd_member).get(reverse("assessments:evidence_library_current"))
    assert menu.status_code == 302 and menu.url.endswith(f"/siklus/{cycle.pk}/bukti/")


def test_the_library_runs_the_same_number_of_queries_whatever_the_number_of_items(
    as_user, cast, cycle, tmp_path
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_user(cast.opd_member)
    url = reverse("assessments:evidence_library", args=[cycle.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    upload(client, cycle, tmp_path, "0.pdf", tiny_pdf("0"), question="A1.1.a")
    client.get(url)  # the framework cache is warm
    few = count()
    for i in range(1, 12):
        upload(client, cycle, tmp_path, f"{i}.pdf", tiny_pdf(str(i)), question="A1.1.b")
    assert count() == few
