"""The evidence bundle: a zip of the files linked to a cycle's (or an area's) questions with an
index of which file supports which answer, streamed so that its memory stays flat."""

from __future__ import annotations

import csv
import io
import os
import tracemalloc
import zipfile

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from rapor.assessments.domain.answers import answer_save
from rapor.assessments.domain.evidence import evidence_link, evidence_store
from rapor.assessments.models import Evidence, EvidenceLink
from rapor.demo.pdf import tiny_pdf
from rapor.exchange.domain.bundle import evidence_bundle

pytestmark = pytest.mark.django_db


def add(cycle, cast, title, codes, org=None, url=""):
    ev = evidence_store(
        organisation=org or cast.disdukcapil,
        cycle=cycle,
        title=title,
        by=cast.opd_member,
        content=None if url else tiny_pdf(title),
        filename="" if url else f"{title}.pdf",
        url=url,
    )
    for code in codes:
        evidence_link(evidence=ev, cycle=cycle, question_code=code, by=cast.opd_member)
    return ev


def unzip(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_bundle_holds_each_linked_file_once_with_an_index_of_the_answers_it_supports(
    as_user, cast, cycle
):
    answer_save(cycle=cycle, question_code="A1.1.a", value="B", level="self",
                by=cast.opd_member, expected_version=0)  # fmt: skip
    sk = add(cycle, cast, "SK Tim RB", ["A1.1.a", "A1.1.b"])
    add(cycle, cast, "Laporan Dinkes", ["A2.1.a"], org=cast.dinkes)
    add(cycle, cast, "Portal", ["A1.2.a"], url="https://example.org/portal")
    evidence_store(organisation=cast.dinkes, cycle=cycle, title="Tidak ditautkan",
                   by=cast.other_opd_member, content=tiny_pdf("x"), filename="x.pdf")  # fmt: skip

    response = as_user(cast.pimpinan).get(reverse("exchange:bundle", args=[cycle.pk]))

    assert response["Content-Type"] == "application/zip" and response.streaming
    assert 'filename="bukti-Kota-Contoh-2024.zip"' in response["Content-Disposition"]
    archive = unzip(response)
    names = archive.namelist()
    assert names[0] == "INDEKS.csv" and len(names) == 3  # the index, two files (a link has none)
    assert archive.read(f"bukti/{sk.pk}-SK Tim RB.pdf").startswith(b"%PDF-")
    index = list(csv.DictReader(io.StringIO(archive.read("INDEKS.csv").decode("utf-8-sig"))))
    supports = {(r["pertanyaan"], r["berkas"], r["jawaban yang dinilai"]) for r in index}
    assert (("A1.1.a", f"bukti/{sk.pk}-SK Tim RB.pdf", "B") in supports
            and ("A1.1.b", f"bukti/{sk.pk}-SK Tim RB.pdf", "") in supports)  # fmt: skip
    assert any(r["tautan"] == "https://example.org/portal" for r in index)
    assert not any("Tidak ditautkan" in r["judul"] for r in index)


def test_a_bundle_of_one_area_holds_only_that_areas_evidence(as_user, cast, cycle):
    add(cycle, cast, "SK", ["A1.1.a"])
    add(cycle, cast, "Laporan", ["A2.1.a"], org=cast.dinkes)
    response = as_user(cast.coordinator).get(
        reverse("exchange:bundle", args=[cycle.pk]) + "?area=AR2"
    )
    assert "AR2" in response["Content-Disposition"]
    assert [n for n in unzip(response).namelist() if n.startswith("bukti/")] == [
        f"bukti/{Evidence.objects.get(title='Laporan').pk}-Laporan.pdf"
    ]


def test_another_pemda_gets_no_bundle(as_user, cast, cycle):
    add(cycle, cast, "SK", ["A1.1.a"])
    assert (
        as_user(cast.outsider).get(reverse("exchange:bundle", args=[cycle.pk])).status_code == 404
    )


def test_streaming_a_few_hundred_megabytes_keeps_memory_flat(cast, cycle):
    """240 MB of files (40 × 6 MB) go through the bundle; Python's memory peak stays near one
    chunk, not near the bundle's size, and nothing is written to disk."""
    size, count = 6 * 1024 * 1024, 40
    block = os.urandom(64 * 1024)
    for n in range(count):
        name = f"evidence/xx/big-{n}.pdf"
        path = os.path.join(django_settings.MEDIA_ROOT, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(b"%PDF-1.4\n")
            for _ in range(size // len(block)):
                f.write(block)
        ev = Evidence.objects.create(
            organisation=cast.disdukcapil, cycle=cycle, title=f"Besar {n}", file=name,
            size=size, sha256=f"{n:064x}", content_type="application/pdf",
            original_name=f"besar-{n}.pdf",
        )  # fmt: skip
        EvidenceLink.objects.create(evidence=ev, cycle=cycle, question_code="A1.1.a")
    total = 0
    tracemalloc.start()
    try:
        for chunk in evidence_bundle(cycle):
            total += len(chunk)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert total > count * size
    assert peak < 8 * 1024 * 1024, f"peak {peak / 1024 / 1024:.1f} MB"
