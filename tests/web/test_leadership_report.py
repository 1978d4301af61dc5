"""The leadership report: the dashboard on paper (A4, the government's name, the date, page
numbers), in the reader's language, made as a job. Its key figures are read back with pdftotext
and compared with what the one scoring path and the dashboard's page builder give, never with
numbers written here."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from rapor.assessments.domain.scoring import cycle_score
from rapor.assessments.models import AnswerStatus, Cycle
from rapor.demo import load_demo
from rapor.exchange.models import Job
from rapor.orgs.models import Membership
from rapor.steering.domain.plans import plan_make
from rapor.steering.league import peers_for
from rapor.steering.pages.dashboard import dashboard_page
from rapor.web.templatetags.rapor_ui import num

from .test_reports import pdf_text, reviewed

pytestmark = pytest.mark.django_db
State = AnswerStatus.State


def report_text(client, cycle, tmp_path: Path) -> str:
    """Ask for the report as the signed-in user, download it, return its text."""
    response = client.post(reverse("reports:leadership", args=[cycle.pk]))
    job = Job.objects.filter(kind=Job.Kind.REPORT_LEADERSHIP).latest("pk")
    assert response["Location"] == reverse("exchange:job_download", args=[job.pk])
    file = client.get(response["Location"])
    data = b"".join(file.streaming_content)
    assert data.startswith(b"%PDF-") and file["Content-Type"] == "application/pdf"
    (tmp_path / "leadership.pdf").write_bytes(data)
    return pdf_text(data, tmp_path)


def test_pangkalpinangs_report_holds_the_dashboards_index_rank_gaps_plan_and_open_items(
    client, tmp_path
):
    load_demo()
    cycle = Cycle.objects.get(organisation__name="Kota Pangkalpinang", year=2024)
    users = get_user_model().objects
    pimpinan, timrb = users.get(username="pimpinan"), users.get(username="timrb")
    plan = plan_make(cycle=cycle, by=timrb, peers=peers_for(cycle, timrb))
    client.force_login(pimpinan)

    text = report_text(client, cycle, tmp_path)

    with translation.override("id"):
        result = cycle_score(cycle).result
        d = dashboard_page(cycle=cycle, user=pimpinan, today=timezone.localdate())
        general, tematik = (num(result.roots[r].adjusted, 2) for r in ("G", "T"))
        late = [(a.opd.label, a.late) for a in d.late_agencies]
        gap = num(d.rank_gap.points, 2) if d.rank_gap else None
        steps = [(c["question"], num(c["gain"], 2)) for c in plan.result["changes"]]
    assert text.startswith("Kota Pangkalpinang") and "Laporan Pimpinan" in text
    assert "Halaman 1 dari" in text and "Halaman 2 dari" in text
    assert "DATA CONTOH (DEMO)" in text  # as on every screen of the demo
    # the index now, with General, Tematik and the adjustment weight, as the scoring path says
    index = num(result.index, 2)
    weight = num(d.now.parts.adjustment_weight, 2)
    assert f"Sekarang (semua jawaban) {general} {tematik} {weight} {index} {result.grade.code}" in (
        text
    )
    v = d.verified
    assert (
        f"Terverifikasi saja {num(v.parts.general, 2)} {num(v.parts.tematik, 2)} "
        f"{num(v.parts.adjustment_weight, 2)} {num(v.index, 2)} {v.grade.code}"
    ) in text
    assert f"peringkat {d.rank} dari {d.regions}" in text  # in the province
    assert d.rank_gap is not None and f"peringkat {d.rank_gap.label} " in text and f"+{gap}" in text
    assert f"Target: {d.target_text}" in text
    # the plan's steps, each with its gain
    assert "Rencana terakhir yang disimpan Tim RB" in text and plan.result["changes"]
    for question, gain in steps:
        assert question in text and f"+{gain}" in text
    # who is late, and the open items, which add up to the agencies' own counts
    assert late and all(f"{name} " in text for name, _n in late)
    unanswered = sum(a.questions - a.answered for a in d.agencies)
    returned = sum(a.returned for a in d.agencies)
    to_review = sum(a.submitted - a.accepted for a in d.agencies)
    to_verify = sum(a.accepted - a.verified for a in d.agencies)
    assert f"Jumlah {unanswered} " in text and f" {returned} {to_review} {to_verify} " in text
    for status in AnswerStatus.objects.filter(cycle=cycle, state=State.RETURNED):
        assert status.question_code in text and status.return_note[:30] in text


def test_the_report_is_in_english_when_the_reader_reads_english(as_user, cast, cycle, tmp_path):
    reviewed(cycle, cast)
    client = as_user(cast.pimpinan)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    text = report_text(client, cycle, tmp_path)

    assert "Leadership Report" in text and "Page 1 of" in text and "Halaman" not in text
    assert "Kota Contoh" in text and "Still open" in text
    assert "The Tim RB has not saved a plan towards the target yet." in text
    with translation.override("en"):
        index = num(cycle_score(cycle).result.index, 2)
        d = dashboard_page(cycle=cycle, user=cast.pimpinan, today=timezone.localdate())
        bars = [f"{b.code} {b.label} {num(b.score, 2)} {num(b.weight, 2)} " for b in d.bars]
    assert "." in index and f"→ today {index}" in text  # a decimal point, not a comma
    assert all(bar in text for bar in bars)
    assert "Data pelayanan belum dilampirkan." in text  # the Inspektorat's note on A1.1.b


def test_another_governments_user_gets_no_report(as_user, cast, cycle):
    response = as_user(cast.outsider).post(reverse("reports:leadership", args=[cycle.pk]))
    assert response.status_code == 404 and not Job.objects.exists()


def test_an_opd_team_may_not_make_the_report(as_user, cast, cycle):
    response = as_user(cast.opd_member).post(reverse("reports:leadership", args=[cycle.pk]))
    assert response.status_code == 403 and not Job.objects.exists()


def test_a_report_is_its_owners_while_they_may_see_the_dashboard(as_user, cast, cycle, client):
    as_user(cast.coordinator).post(reverse("reports:leadership", args=[cycle.pk]))
    job = Job.objects.get()
    urls = [reverse("exchange:job", args=[job.pk]), reverse("exchange:job_download", args=[job.pk])]
    for other in (cast.pimpinan, cast.inspector, cast.outsider):
        client.force_login(other)
        assert [client.get(url).status_code for url in urls] == [404, 404]
    # the owner becomes an OPD team member: the cycle stays visible, the dashboard does not
    Membership.objects.filter(user=cast.coordinator).update(role="tim_opd")
    client.force_login(cast.coordinator)
    assert [client.get(url).status_code for url in urls] == [404, 404]


def test_a_large_cycles_report_runs_as_a_background_task(as_user, cast, cycle, settings):
    settings.RAPOR_EXCHANGE_INLINE_QUESTIONS = 0  # every cycle is "large"
    as_user(cast.pimpinan).post(reverse("reports:leadership", args=[cycle.pk]))
    job = Job.objects.get()
    assert job.status == "done" and job.result_name == "laporan-pimpinan-Kota-Contoh-2024.pdf"


@pytest.mark.django_db(transaction=True)  # the worker's loop closes and reopens connections
def test_with_the_database_queue_the_worker_makes_the_report_in_the_askers_language(
    as_user, cast, cycle, settings, tmp_path
):
    """Production's task backend: the request only queues the job (its page shows it waiting);
    `rapor worker`'s loop (django-tasks-db's, run here in the test's process) makes the PDF,
    in the language of whoever asked."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.RAPOR_EXCHANGE_INLINE_QUESTIONS = 0
    client = as_user(cast.pimpinan)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.post(reverse("reports:leadership", args=[cycle.pk]))
    job = Job.objects.get()
    assert job.status == "queued" and response["Location"] == reverse("exchange:job", args=[job.pk])

    with translation.override("id"):  # the worker's own language is not the asker's
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)

    job.refresh_from_db()
    assert job.status == "done"
    file = client.get(reverse("exchange:job_download", args=[job.pk]))
    text = pdf_text(b"".join(file.streaming_content), tmp_path)
    assert "Leadership Report" in text and "Page 1 of" in text
