"""Excel in and out, in a real browser at a desktop and a phone size: an OPD downloads its
city's LKE workbook (the demo's 2024 cycle, on the 2023 method), fills in values in it, uploads
it, reads the preview (its changes, what it may not change, the cell that cannot be read) and
applies it; the answers are saved. The admin imports an instrument from a ministry workbook."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from rapor.assessments.models import Answer, AnswerStatus, Assignment, Cycle

from .conftest import open_menu

pytestmark = pytest.mark.browser


def best(q) -> str:  # type: ignore[no-untyped-def]
    """The answer that gives the question its full value."""
    from rapor.engine import format_exact

    if q.scale.kind == "choice":
        return str(q.scale.ordered_options()[-1][0])
    return format_exact(q.scale.max)


def pick_questions(cycle: Cycle, opd: str) -> tuple[str, str]:
    """A question of ``opd``'s still open to it, and one of another OPD, neither at its best
    answer yet."""
    from rapor.assessments.domain.scoring import effective_values

    fw = cycle.framework.framework()
    counted = effective_values(Answer.objects.filter(cycle=cycle))

    def improvable(q) -> bool:  # type: ignore[no-untyped-def]
        return counted.get(q.code) != best(q)

    mine = {a.indicator_code for a in Assignment.objects.filter(cycle=cycle, opd__short_name=opd)}
    closed = set(
        AnswerStatus.objects.filter(cycle=cycle)
        .exclude(state__in=["draft", "returned"])
        .values_list("question_code", flat=True)
    )
    own = next(q.code for q in fw.questions.values() if q.node in mine and q.code not in closed
               and improvable(q))  # fmt: skip
    other = next(q.code for q in fw.questions.values() if q.node not in mine and improvable(q))
    return own, other


def counted_value(cycle: Cycle, code: str) -> str | None:
    from rapor.assessments.domain.scoring import effective_values

    return effective_values(Answer.objects.filter(cycle=cycle, question_code=code)).get(code)


def fill_in(path: Path, answers: dict[str, str], garbage: str) -> None:
    """Type answers into the workbook, as a person would, by the codes of column A."""
    wb = openpyxl.load_workbook(path)
    ws = wb["LKE"]
    column = next(c for c in range(1, 20) if ws.cell(4, c).value in ("Nilai", "Jawaban"))
    for row in range(1, ws.max_row + 1):
        code = ws.cell(row, 1).value
        if code in answers:
            ws.cell(row, column).value = answers[code]
        if code == garbage:
            ws.cell(row, column).value = "jawaban?"
    wb.save(path)


def test_an_opd_downloads_the_lke_fills_it_in_and_imports_it(people, shots, tmp_path):
    shots.n = 60
    cycle = Cycle.objects.get(organisation__short_name="Pangkalpinang", year=2024)
    own, other = pick_questions(cycle, "Diskominfo")
    fw = cycle.framework.framework()
    best_own, best_other = best(fw.questions[own]), best(fw.questions[other])
    page = people.login("diskominfo")
    open_menu(page, "Ekspor & Impor")
    expect(page.locator("h1")).to_have_text("Ekspor & Impor")
    shots(page, "exchange-page")

    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh LKE").click()
    workbook = tmp_path / download.value.suggested_filename
    download.value.save_as(workbook)
    assert workbook.suffix == ".xlsx"

    garbage = next(c for c in fw.questions if c not in (own, other))  # an unreadable answer
    fill_in(workbook, {own: best_own, other: best_other}, garbage)
    page.locator("#id_file").set_input_files(str(workbook))
    page.get_by_role("button", name="Periksa berkas").click()
    expect(page.locator("h2", has_text="Pratinjau impor")).to_be_visible()
    changes = page.locator("#preview-changes")
    expect(changes).to_contain_text(own)
    expect(page.locator("#preview-refused")).to_contain_text(other)
    expect(page.locator("#preview-refused")).to_contain_text("bukan indikator yang dapat Anda isi")
    expect(page.locator("#preview-problems")).to_contain_text("jawaban?")
    expect(page.locator("#preview-problems")).to_contain_text(re.compile(r"LKE![A-Z]+\d+"))
    shots(page, "import-preview")
    assert counted_value(cycle, own) != best_own  # nothing saved by the preview

    page.get_by_role("button", name="Terapkan semua perubahan").click()
    expect(page.locator(".alert-success")).to_contain_text("jawaban dari")
    shots(page, "import-applied-workspace")
    assert Answer.objects.get(cycle=cycle, question_code=own, level="self").value == best_own
    assert counted_value(cycle, other) != best_other  # another OPD's question was untouched


def test_the_admin_imports_an_instrument_and_reviews_what_was_guessed(people, shots, tmp_path):
    from django.contrib.auth import get_user_model

    from rapor.assessments.models import FrameworkVersion
    from rapor.engine import load_framework
    from rapor.exchange.models import Job
    from tests.lke.exports import varied_answers
    from tests.lke.ministry import ministry_workbook

    shots.n = 66
    path = ministry_workbook(
        tmp_path / "LKE RB 2015.xlsx", varied_answers(load_framework("rb-2014")), messy=True,
        pasted=frozenset({"P2.1.a"}),
    )  # fmt: skip
    page = people.login("admin")
    open_menu(page, "Kerangka")
    form = page.locator("#impor-lke")
    form.locator("#lke-file").set_input_files(str(path))
    form.locator("#lke-id").fill("rb-2015")
    form.get_by_role("button", name="Baca buku kerja").click()
    expect(page.locator("h2", has_text="Kerangka yang terbaca")).to_be_visible()
    expect(page.locator("#findings-guess")).to_contain_text("P2.1.a")
    expect(page.locator("#findings-note")).to_contain_text("0 bila P1.2.a dijawab Tidak")
    expect(page.locator("#findings-check")).to_contain_text("buku kerja menunjukkan")
    shots(page, "instrument-findings")
    page.get_by_role("button", name="Simpan sebagai kerangka (belum aktif)").click()
    expect(page.locator(".alert-success")).to_contain_text("rb-2015 2015")
    assert FrameworkVersion.objects.get(framework_id="rb-2015").is_active is False
    shots(page, "frameworks-after-import")

    running = Job.objects.create(
        kind=Job.Kind.EXPORT_LKE, owner=get_user_model().objects.get(username="admin"),
        status=Job.Status.RUNNING, progress=3, total=8,
    )  # fmt: skip
    page.goto(f"/pekerjaan/{running.pk}/")
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "38")
    shots(page, "job-progress")
