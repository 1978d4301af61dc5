"""Importing answers from an LKE workbook: the preview lists every change and every unreadable
cell before anything is applied; applying is all or nothing, through answer saving (versions,
OPD permissions, stage rules), recorded in the history."""

from __future__ import annotations

import io
from fractions import Fraction

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rapor.assessments.domain import review
from rapor.assessments.domain.answers import answer_save
from rapor.assessments.models import Answer, HistoryEvent
from rapor.exchange.domain.lke_export import cycle_workbook
from rapor.exchange.models import Job

pytestmark = pytest.mark.django_db


def save(cycle, code, value, by, level="self", version=0):
    return answer_save(
        cycle=cycle, question_code=code, value=value, level=level, by=by, expected_version=version
    )


def workbook(cycle, **cells) -> bytes:
    """The cycle's own export with some cells changed (by code in column A, or by reference)."""
    wb = openpyxl.load_workbook(io.BytesIO(cycle_workbook(cycle)))
    ws = wb["LKE"]
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    for key, value in cells.items():
        code = key.replace("_", ".")
        if code in rows:
            ws.cell(rows[code], 10).value = value
        else:
            ws[key] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(client, cycle, data: bytes, name="lke.xlsx", block=1):
    file = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    return client.post(
        reverse("exchange:import_answers", args=[cycle.pk]), {"file": file, "block": block}
    )


def snapshot():
    return (
        list(Answer.objects.order_by("pk").values()),
        HistoryEvent.objects.count(),
    )


def test_an_opd_previews_its_changes_then_applies_them_all(as_user, cast, cycle):
    save(cycle, "A1.1.a", "C", cast.opd_member)
    data = workbook(cycle, A1_1_a="a", A1_1_b=" 70,5 ", A1_2_a="B")  # A1.2 is Dinkes'
    client = as_user(cast.opd_member)
    before = snapshot()

    response = upload(client, cycle, data)

    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "exchange:job", args=[job.pk]
    )
    assert snapshot() == before  # a preview changes nothing
    page = client.get(response["Location"]).content.decode()
    assert "Pratinjau impor" in page and "mandiri" in page
    assert "A1.1.a" in page and "A1.1.b" in page
    changes = job.result["changes"]
    assert [(c["code"], c["before"], c["after"]) for c in changes] == [
        ("A1.1.a", "C", "A"),
        ("A1.1.b", "", "70.5"),
    ]
    assert [(r["code"], r["why"]) for r in job.result["refused"]] == [("A1.2.a", "not_yours")]
    assert "bukan indikator yang dapat Anda isi" in page

    applied = client.post(reverse("exchange:import_apply", args=[job.pk]))

    assert applied.status_code == 302
    stored = {a.question_code: (a.value, a.level) for a in Answer.objects.filter(cycle=cycle)}
    assert stored == {"A1.1.a": ("A", "self"), "A1.1.b": ("70.5", "self")}
    events = HistoryEvent.objects.filter(cycle=cycle, kind="answer_saved").order_by("pk")
    assert [e.question_code for e in events][-2:] == ["A1.1.a", "A1.1.b"]
    assert all(e.actor == cast.opd_member for e in events)
    again = client.post(reverse("exchange:import_apply", args=[job.pk]), follow=True)
    assert "sudah diterapkan" in again.content.decode()


def test_the_tim_rb_imports_at_its_own_review_level(as_user, cast, cycle):
    save(cycle, "A1.1.a", "C", cast.opd_member)
    client = as_user(cast.coordinator)
    upload(client, cycle, workbook(cycle, A1_1_a="A", A1_2_a="B"))
    job = Job.objects.get()
    assert job.result["level"] == "reviewer" and job.result["refused"] == []
    client.post(reverse("exchange:import_apply", args=[job.pk]))
    levels = {(a.question_code, a.level): a.value for a in Answer.objects.filter(cycle=cycle)}
    assert levels == {
        ("A1.1.a", "self"): "C",
        ("A1.1.a", "reviewer"): "A",
        ("A1.2.a", "reviewer"): "B",
    }


def test_every_unreadable_cell_is_listed_with_sheet_cell_value_and_why(as_user, cast, cycle):
    import datetime as dt

    data = workbook(cycle, A1_1_a="Z", A1_1_b=170, A1_2_a=dt.datetime(2024, 1, 5), A1_2_b="A")
    client = as_user(cast.coordinator)
    response = upload(client, cycle, data)
    page = client.get(response["Location"]).content.decode()
    problems = Job.objects.get().result["problems"]
    assert [(p["sheet"], p["cell"], p["value"]) for p in problems] == [
        ("LKE", "J8", "Z"),
        ("LKE", "J9", "170"),
        ("LKE", "J11", "2024-01-05 00:00:00"),
    ]
    assert "“Z” bukan pilihan jawaban" in page  # in the user's language
    assert "170 di luar rentang 0–100" in page
    assert "sel berisi tanggal atau waktu" in page
    assert [c["code"] for c in Job.objects.get().result["changes"]] == ["A1.2.b"]


def test_a_change_made_after_the_preview_makes_the_whole_import_refuse(as_user, cast, cycle):
    save(cycle, "A1.1.a", "C", cast.opd_member)
    client = as_user(cast.opd_member)
    upload(client, cycle, workbook(cycle, A1_1_a="A", A1_1_b="50"))
    job = Job.objects.get()
    save(cycle, "A1.1.a", "B", cast.coordinator, level="self", version=1)  # someone else, meanwhile
    before = snapshot()

    response = client.post(reverse("exchange:import_apply", args=[job.pk]), follow=True)

    assert "berubah sejak pratinjau" in response.content.decode()
    assert snapshot() == before  # A1.1.b was not saved either
    job.refresh_from_db()
    assert job.applied_at is None


def test_questions_sent_up_the_chain_or_closed_by_the_stage_are_refused(as_user, cast, cycle):
    save(cycle, "A1.1.a", "C", cast.opd_member)
    review.submit(cycle=cycle, question_codes=["A1.1.a"], by=cast.opd_member)
    client = as_user(cast.opd_member)
    upload(client, cycle, workbook(cycle, A1_1_a="A", A1_1_b="20"))
    refused = {r["code"]: r["why"] for r in Job.objects.get().result["refused"]}
    assert refused == {"A1.1.a": "locked"}
    cycle.stage = "verification"
    cycle.save()
    upload(client, cycle, workbook(cycle, A1_1_b="30"))
    refused = {r["code"]: r["why"] for r in Job.objects.order_by("-pk").first().result["refused"]}
    assert refused == {"A1.1.b": "late"}


def test_a_file_that_is_not_a_workbook_fails_the_job_with_a_message_naming_it(as_user, cast, cycle):
    client = as_user(cast.coordinator)
    before = snapshot()
    response = upload(client, cycle, b"PK\x03\x04 not really a zip", name="jawaban.xlsx")
    page = client.get(response["Location"]).content.decode()
    job = Job.objects.get()
    assert job.status == "failed" and snapshot() == before
    assert "jawaban.xlsx: bukan buku kerja Excel (.xlsx) yang dapat dibaca" in page


def test_a_missing_block_names_the_cell_where_it_was_expected(as_user, cast, cycle):
    client = as_user(cast.coordinator)
    response = upload(client, cycle, workbook(cycle), block=3)
    page = client.get(response["Location"]).content.decode()
    assert "blok 3 tidak ditemukan" in page and "LKE!Z5" in page


def test_only_who_may_answer_may_upload_and_other_formats_are_refused(as_user, cast, cycle):
    assert upload(as_user(cast.pimpinan), cycle, workbook(cycle)).status_code == 403
    response = upload(as_user(cast.coordinator), cycle, b"a,b\n", name="jawaban.csv")
    assert (
        response.status_code == 400
        and "Pilih buku kerja Excel (.xlsx)." in response.content.decode()
    )
    assert not Job.objects.exists()


def test_an_import_is_its_owners_alone(as_user, cast, cycle, client):
    upload(as_user(cast.opd_member), cycle, workbook(cycle, A1_1_a="A"))
    job = Job.objects.get()
    client.force_login(cast.coordinator)
    assert client.get(reverse("exchange:job", args=[job.pk])).status_code == 404
    assert client.post(reverse("exchange:import_apply", args=[job.pk])).status_code == 404
    assert not Answer.objects.exists()


def test_re_importing_an_unchanged_export_changes_nothing(as_user, cast, cycle):
    save(cycle, "A1.1.a", "C", cast.opd_member)
    save(cycle, "A1.1.a", "A", cast.coordinator, level="reviewer")  # counts over the OPD's C
    save(cycle, "A1.2.a", "B", cast.other_opd_member)
    client = as_user(cast.opd_member)
    upload(client, cycle, workbook(cycle))
    result = Job.objects.get().result
    assert (result["changes"], result["refused"], result["unchanged"]) == ([], [], 2)


def test_a_zip_bomb_or_an_oversized_file_is_refused_and_changes_nothing(
    as_user, cast, cycle, settings, tmp_path
):
    from tests.lke.rawxlsx import zip_bomb

    client = as_user(cast.coordinator)
    before = snapshot()
    bomb = zip_bomb(tmp_path / "bom.xlsx").read_bytes()  # 2 MB that would expand to 2 GiB
    response = upload(client, cycle, bomb, name="bom.xlsx")
    page = client.get(response["Location"]).content.decode()
    assert Job.objects.get().status == "failed" and snapshot() == before
    assert "bom.xlsx: ditolak sebelum dibaca" in page
    assert "xl/worksheets/sheet1.xml mengembang" in page
    settings.RAPOR_EVIDENCE_MAX_BYTES = 1000
    response = upload(client, cycle, workbook(cycle), name="besar.xlsx")
    assert response.status_code == 400 and Job.objects.count() == 1
    assert "Berkas “besar.xlsx” terlalu besar" in response.content.decode()


def test_a_2023_workbook_imports_not_applicable_and_leaves_the_koefisien_to_the_siklus_page(
    as_user, cast
):
    from rapor.assessments.domain.frameworks import framework_register
    from rapor.engine import shipped_framework_path

    from .conftest import make_cycle

    text = shipped_framework_path("rb-2023-kabkota").read_text(encoding="utf-8")
    cycle = make_cycle(cast, framework_register(text=text, source="rb-2023-kabkota.yaml")[0])
    fw = cycle.framework.framework()
    external = next(q.code for q in fw.questions.values() if q.not_applicable)
    wb = openpyxl.load_workbook(io.BytesIO(cycle_workbook(cycle)))
    ws = wb["LKE"]
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    ws.cell(rows[external], 7).value = "Tidak berlaku"
    ws.cell(rows["G.A.1"], 7).value = 2
    ws.cell(rows["KOEF"], 7).value = -1.5
    data = io.BytesIO()
    wb.save(data)
    client = as_user(cast.coordinator)

    upload(client, cycle, data.getvalue())

    result = Job.objects.get().result
    assert {(c["code"], c["after"]) for c in result["changes"]} == {
        (external, "n/a"),
        ("G.A.1", "2"),
    }
    assert [(r["code"], r["why"]) for r in result["refused"]] == [("KOEF", "correction")]
    page = client.get(reverse("exchange:job", args=[Job.objects.get().pk])).content.decode()
    assert "koefisien diisi Tim RB di halaman Siklus" in page
    client.post(reverse("exchange:import_apply", args=[Job.objects.get().pk]))
    stored = {(a.question_code, a.value) for a in Answer.objects.filter(cycle=cycle)}
    assert stored == {(external, "n/a"), ("G.A.1", "2")}


def test_a_2023_export_carries_the_koefisien_and_imports_back_unchanged(as_user, cast, tmp_path):
    """The koefisien the Tim RB set is written in its row (KOEF), the workbook read back scores
    the cycle's index, and uploading it again changes nothing and refuses nothing."""
    from rapor.assessments.domain.corrections import correction_save
    from rapor.assessments.domain.frameworks import framework_register
    from rapor.assessments.domain.scoring import cycle_score
    from rapor.engine import parse_answers, score, shipped_framework_path
    from rapor.lke import read_lke_workbook

    from .conftest import make_cycle

    text = shipped_framework_path("rb-2023-kabkota").read_text(encoding="utf-8")
    cycle = make_cycle(cast, framework_register(text=text, source="rb-2023-kabkota.yaml")[0])
    save(cycle, "G.A.1", "2", cast.coordinator)
    correction_save(cycle=cycle, code="KOEF", value="-1.5", by=cast.coordinator,
                    expected_version=0)  # fmt: skip
    path = tmp_path / "lke.xlsx"
    path.write_bytes(cycle_workbook(cycle))

    read = read_lke_workbook(path)

    fw = cycle.framework.framework()
    expected = cycle_score(cycle).result
    assert expected.roots["G"].correction == Fraction(-3, 2)
    assert read.problems == [] and read.answers["KOEF"] == "-1.5"
    assert score(fw, parse_answers(fw, read.answers)).index == expected.index
    client = as_user(cast.coordinator)
    before = snapshot()
    upload(client, cycle, path.read_bytes())
    result = Job.objects.get().result
    assert result["changes"] == [] and result["refused"] == [] and result["problems"] == []
    assert snapshot() == before
