"""The Inspektorat's verification report per agency: a PDF in Indonesian on A4 with the
government's name, the date and page numbers, what was checked, returned and accepted, with the
notes; its key figures read back with pdftotext."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from rapor.assessments.domain import review
from rapor.assessments.domain.answers import answer_save
from rapor.assessments.models import AnswerStatus
from rapor.exchange.models import Job

pytestmark = pytest.mark.django_db


def version(cycle, code):
    return AnswerStatus.objects.get(cycle=cycle, question_code=code).version


def reviewed(cycle, cast):
    """A1.1.a verified, A1.1.b returned by the Inspektorat with a note, A1.2.a accepted by the
    Tim RB and waiting for verification, A1.2.b a draft."""
    values = {"A1.1.a": "A", "A1.1.b": "60", "A1.2.a": "B", "A1.2.b": "C"}
    for code, value in values.items():
        who = cast.opd_member if code.startswith("A1.1") else cast.other_opd_member
        answer_save(cycle=cycle, question_code=code, value=value, level="self", by=who,
                    expected_version=0)  # fmt: skip
    review.submit(cycle=cycle, question_codes=["A1.1.a", "A1.1.b"], by=cast.opd_member)
    review.submit(cycle=cycle, question_codes=["A1.2.a"], by=cast.other_opd_member)
    for code in ("A1.1.a", "A1.1.b", "A1.2.a"):
        review.accept(cycle=cycle, question_code=code, by=cast.coordinator,
                      expected_version=version(cycle, code))  # fmt: skip
    review.verify(cycle=cycle, question_code="A1.1.a", by=cast.inspector,
                  expected_version=version(cycle, "A1.1.a"))  # fmt: skip
    review.return_with_note(
        cycle=cycle, question_code="A1.1.b", level="verifier", by=cast.inspector,
        note="Data pelayanan belum dilampirkan.", expected_version=version(cycle, "A1.1.b"),
    )  # fmt: skip


def pdf_text(data: bytes, tmp_path: Path) -> str:
    """The text in reading order, runs of spaces and line breaks as one space."""
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(text.split())


def test_the_verification_report_says_what_was_checked_returned_and_accepted(
    as_user, cast, cycle, tmp_path
):
    reviewed(cycle, cast)
    client = as_user(cast.inspector)

    response = client.post(reverse("reports:verification", args=[cycle.pk]))

    job = Job.objects.get()
    assert response["Location"] == reverse("exchange:job_download", args=[job.pk])
    file = client.get(response["Location"])
    data = b"".join(file.streaming_content)
    assert data.startswith(b"%PDF-") and file["Content-Type"] == "application/pdf"
    text = pdf_text(data, tmp_path)
    assert "Laporan Verifikasi Inspektorat" in text and "Kota Contoh" in text
    assert "Halaman 1 dari" in text
    assert "Dinas Kependudukan" in text and "Dinas Kesehatan" in text
    assert "Data pelayanan belum dilampirkan." in text  # the note, with the question
    assert "A1.1.b" in text and "dikembalikan" in text
    # the whole city: 8 questions, 2 checked, 1 verified, 1 returned (open), 1 waiting, 5 not ready
    assert "Semua OPD 8 2 1 1 1 5" in text
    assert "Dinas Kependudukan 2 pertanyaan; 2 diperiksa, 1 diverifikasi" in text
    assert "1 dari 2 diverifikasi" in text  # Disdukcapil's bar in the chart


def test_a_report_of_one_opd_holds_only_that_opd(as_user, cast, cycle, tmp_path):
    reviewed(cycle, cast)
    client = as_user(cast.coordinator)
    response = client.post(
        reverse("reports:verification", args=[cycle.pk]), {"opd": cast.dinkes.pk}
    )
    text = pdf_text(b"".join(client.get(response["Location"]).streaming_content), tmp_path)
    assert "Dinas Kesehatan" in text and "Dinas Kependudukan" not in text
    assert Job.objects.get().result_name == "verifikasi-Dinkes-2024.pdf"


def test_another_pemda_gets_no_report(as_user, cast, cycle):
    response = as_user(cast.outsider).post(reverse("reports:verification", args=[cycle.pk]))
    assert response.status_code == 404 and not Job.objects.exists()
