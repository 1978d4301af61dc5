"""Ekspor & Impor, downloads: the LKE workbook of a cycle (answers that count, reviewers' notes,
the previous cycle), the CSV files (safe against formula injection), the page itself."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from rapor.assessments.domain import review
from rapor.assessments.domain.answers import answer_save
from rapor.assessments.domain.cycles import cycle_create
from rapor.assessments.models import AnswerStatus
from rapor.exchange.models import Job
from rapor.lke import read_lke_workbook

from .conftest import make_cycle

pytestmark = pytest.mark.django_db


def save(cycle, code, value, by, level="self", version=0):
    return answer_save(
        cycle=cycle, question_code=code, value=value, level=level, by=by, expected_version=version
    )


def back(cycle, code, note, by):
    """The Tim RB returns a submitted question with a note."""
    version = AnswerStatus.objects.get(cycle=cycle, question_code=code).version
    review.return_with_note(
        cycle=cycle, question_code=code, level="reviewer", note=note, by=by,
        expected_version=version,
    )  # fmt: skip


def download(client, response):
    """Follow the redirect of a finished job to its file; return the bytes."""
    assert response.status_code == 302, response.content[:300]
    file = client.get(response["Location"])
    assert file.status_code == 200
    return b"".join(file.streaming_content)


def test_the_page_offers_downloads_to_everyone_and_the_import_to_who_may_answer(
    as_user, cast, cycle
):
    url = reverse("exchange:home", args=[cycle.pk])
    page = as_user(cast.coordinator).get(url).content.decode()
    assert "Unduh LKE" in page and "Impor jawaban dari LKE" in page
    assert reverse("exchange:answers_csv", args=[cycle.pk]) in page
    pimpinan = as_user(cast.pimpinan).get(url).content.decode()
    assert "Unduh LKE" in pimpinan and "Impor jawaban dari LKE" not in pimpinan


def test_the_lke_download_holds_the_answers_that_count_and_the_reviewers_notes(
    as_user, cast, cycle, tmp_path
):
    save(cycle, "A1.1.a", "B", cast.opd_member)
    save(cycle, "A1.1.b", "40", cast.opd_member)
    review.submit(cycle=cycle, question_codes=["A1.1.a", "A1.1.b"], by=cast.opd_member)
    save(cycle, "A1.1.a", "A", cast.coordinator, level="reviewer")  # the Tim RB's own answer
    back(cycle, "A1.1.b", "Lampirkan SK.", cast.coordinator)
    client = as_user(cast.pimpinan)

    data = download(client, client.post(reverse("exchange:export_lke", args=[cycle.pk])))

    path = tmp_path / "lke.xlsx"
    path.write_bytes(data)
    read = read_lke_workbook(path)
    assert read.answers == {"A1.1.a": "A", "A1.1.b": "40"}
    from rapor.lke.xlsx import open_workbook

    with open_workbook(path) as wb:
        ws = wb.sheet("LKE")
        notes = {ws.value(r, 1): ws.value(r, 13) for r in range(5, ws.max_row + 1)}
    assert "mandiri: B; reviu Tim RB: A" in notes["A1.1.a"]
    assert "Catatan: Lampirkan SK." in notes["A1.1.b"] and "dikembalikan" in notes["A1.1.b"]
    job = Job.objects.get()
    assert (job.owner, job.kind, job.status) == (cast.pimpinan, "export_lke", "done")


def test_the_previous_cycle_becomes_the_second_block(as_user, cast, cycle, framework, tmp_path):
    earlier = make_cycle(cast, framework, year=2023, stage="closed")
    save(earlier, "A1.1.a", "C", cast.coordinator, level="reviewer")
    save(cycle, "A1.1.a", "A", cast.opd_member)
    client = as_user(cast.coordinator)
    data = download(
        client, client.post(reverse("exchange:export_lke", args=[cycle.pk]), {"previous": "on"})
    )
    path = tmp_path / "lke.xlsx"
    path.write_bytes(data)
    first, second = read_lke_workbook(path), read_lke_workbook(path, block=2)
    assert (first.heading, second.heading) == ("PENILAIAN TAHUN 2024", "PENILAIAN TAHUN 2023")
    assert (first.answers, second.answers) == ({"A1.1.a": "A"}, {"A1.1.a": "C"})


def test_a_carried_over_cycle_exports_its_source_as_the_previous_block(cast, cycle, framework):
    from rapor.exchange.domain.lke_export import previous_cycle

    later = cycle_create(
        organisation=cast.kota, framework=framework, year=2025, by=cast.coordinator,
        carry_over=True,
    )  # fmt: skip
    assert previous_cycle(later) == cycle


def rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_answers_csv_lists_every_question_and_defuses_formulas(as_user, cast, cycle):
    save(cycle, "A1.1.a", "B", cast.opd_member)
    review.submit(cycle=cycle, question_codes=["A1.1.a"], by=cast.opd_member)
    back(cycle, "A1.1.a", '=HYPERLINK("http://evil.example","klik")', cast.coordinator)
    response = as_user(cast.inspector).get(reverse("exchange:answers_csv", args=[cycle.pk]))
    assert response["Content-Type"].startswith("text/csv")
    table = rows(response)
    header, body = table[0], table[1:]
    assert header[:4] == ["kode", "bagian", "indikator", "pertanyaan"]
    assert len(body) == len(cycle.framework.framework().questions)
    first = dict(zip(header, body[0], strict=True))
    assert first["kode"] == "A1.1.a" and first["mandiri"] == "B"
    assert first["OPD"] == "Disdukcapil" and first["nilai"] == "0.5000"
    assert first["catatan pengembalian"] == '\'=HYPERLINK("http://evil.example","klik")'


def test_the_evidence_csv_lists_what_the_user_may_see(as_user, cast, cycle):
    from rapor.assessments.domain.evidence import evidence_link, evidence_store
    from rapor.demo.pdf import tiny_pdf

    ev = evidence_store(
        organisation=cast.disdukcapil, cycle=cycle, title="@SUM(1+1) SK Tim", by=cast.opd_member,
        content=tiny_pdf("sk"), filename="sk.pdf",
    )  # fmt: skip
    evidence_link(evidence=ev, cycle=cycle, question_code="A1.1.a", by=cast.opd_member)
    evidence_store(
        organisation=cast.dinkes, cycle=cycle, title="Dinkes draft", by=cast.other_opd_member,
        content=tiny_pdf("draft"), filename="draft.pdf",
    )  # fmt: skip
    table = rows(as_user(cast.opd_member).get(reverse("exchange:evidence_csv", args=[cycle.pk])))
    titles = [r[0] for r in table[1:]]
    assert titles == ["'@SUM(1+1) SK Tim"]  # Dinkes' unlinked item is not Disdukcapil's to see
    assert table[1][9] == "A1.1.a"
