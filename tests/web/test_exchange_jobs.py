"""Jobs: large work runs as a django-tasks task with a progress bar that htmx polls and that
works without JavaScript; results are only their owner's; an instrument import on the Kerangka
page, reviewed, then saved (inactive)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rapor.assessments.models import FrameworkVersion
from rapor.exchange.domain.jobs import Progress, job_start
from rapor.exchange.models import Job

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


def test_a_cycle_above_the_size_runs_its_export_as_a_background_task(
    as_user, cast, cycle, settings
):
    settings.RAPOR_EXCHANGE_INLINE_QUESTIONS = 0  # every cycle is "large"
    client = as_user(cast.coordinator)
    response = client.post(reverse("exchange:export_lke", args=[cycle.pk]))
    job = Job.objects.get()
    # the immediate backend of the tests ran the task at once; a worker would run it later
    assert job.status == "done" and job.started_at is not None and job.result_name.endswith(".xlsx")
    assert response["Location"] == reverse("exchange:job_download", args=[job.pk])


def test_a_running_job_shows_a_progress_bar_polled_by_htmx_and_a_refresh_link(as_user, cast, cycle):
    job = job_start(kind=Job.Kind.EXPORT_LKE, owner=cast.coordinator, cycle=cycle)
    Job.objects.filter(pk=job.pk).update(status="running")
    Progress(job)(3, 8)
    client = as_user(cast.coordinator)
    url = reverse("exchange:job", args=[job.pk])

    page = client.get(url).content.decode()

    assert 'hx-trigger="every 1s"' in page and f'hx-get="{url}"' in page
    assert '<progress class="rapor-progress tall" max="100" value="38"' in page
    assert "Langkah 3 dari 8." in page
    assert f'href="{url}"' in page and "Muat ulang" in page  # without JavaScript
    partial = client.get(url, headers=HX)
    assert partial.content.decode().lstrip().startswith('<div id="job-status"')
    assert "HX-Refresh" not in partial
    Job.objects.filter(pk=job.pk).update(status="done")
    done = client.get(url, headers=HX)
    assert done["HX-Refresh"] == "true" and "every 1s" not in done.content.decode()


def test_results_are_downloadable_only_by_their_owner_while_they_see_the_cycle(
    as_user, cast, cycle, client
):
    owner = as_user(cast.coordinator)
    owner.post(reverse("exchange:export_lke", args=[cycle.pk]))
    job = Job.objects.get()
    url = reverse("exchange:job_download", args=[job.pk])
    mine = owner.get(url)
    assert mine.status_code == 200 and b"".join(mine.streaming_content).startswith(b"PK")
    for other in (cast.pimpinan, cast.admin, cast.outsider):
        client.force_login(other)
        assert client.get(url).status_code == 404
    job.owner = cast.evaluator  # an evaluator sees drafts of no cycle (self-assessment)
    job.save()
    client.force_login(cast.evaluator)
    assert client.get(url).status_code == 404


def test_an_unexpected_failure_fails_the_job_with_a_general_message(
    as_user, cast, cycle, monkeypatch
):
    from rapor.exchange.domain import lke_export

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(lke_export, "cycle_workbook", broken)
    client = as_user(cast.coordinator)
    response = client.post(reverse("exchange:export_lke", args=[cycle.pk]))
    page = client.get(response["Location"]).content.decode()
    assert Job.objects.get().status == "failed"
    assert "Terjadi kesalahan yang tidak terduga" in page and "disk on fire" not in page


def ministry_file(tmp_path: Path) -> bytes:
    from rapor.engine import load_framework
    from tests.lke.exports import varied_answers
    from tests.lke.ministry import ministry_workbook

    path = ministry_workbook(
        tmp_path / "lke.xlsx", varied_answers(load_framework("rb-2014")), messy=True
    )
    return path.read_bytes()


def test_the_admin_imports_an_instrument_reviews_the_guesses_and_saves_it_inactive(
    as_user, cast, tmp_path
):
    client = as_user(cast.admin)
    page = client.get(reverse("assessments:frameworks")).content.decode()
    assert reverse("exchange:instrument_import") in page
    file = SimpleUploadedFile("LKE 2015.xlsx", ministry_file(tmp_path))
    response = client.post(
        reverse("exchange:instrument_import"),
        {"file": file, "block": 1, "framework_id": "rb-2015", "version": "", "name": ""},
    )
    job = Job.objects.get()
    assert response["Location"] == reverse("exchange:job", args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    assert "batas predikat tidak ada di buku kerja" in page  # a guess, in Indonesian
    assert "P1.2.d: dibaca dari" in page and "0 bila P1.2.a dijawab Tidak" in page
    assert "51 angka buku kerja di kolom K diperiksa" in page
    assert not FrameworkVersion.objects.filter(framework_id="rb-2015").exists()

    saved = client.post(reverse("exchange:instrument_save", args=[job.pk]))

    version = FrameworkVersion.objects.get(framework_id="rb-2015")
    assert saved["Location"] == reverse("assessments:frameworks")
    assert (version.version, version.is_active, version.status) == ("2015", False, "provisional")
    assert version.question_count == 151
    again = client.post(reverse("exchange:instrument_save", args=[job.pk]), follow=True)
    assert "sudah tersimpan" in again.content.decode()


def test_only_the_admin_imports_instruments(as_user, cast, tmp_path):
    file = SimpleUploadedFile("lke.xlsx", b"x")
    response = as_user(cast.coordinator).post(
        reverse("exchange:instrument_import"), {"file": file, "block": 1}
    )
    assert response.status_code == 403 and not Job.objects.exists()
