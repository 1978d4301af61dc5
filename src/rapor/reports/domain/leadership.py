"""Render the leadership report to PDF (a job: ``exchange.domain.jobs``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rapor.assessments.models import Cycle
from rapor.exchange.domain.jobs import Progress, job_result_file
from rapor.exchange.models import Job
from rapor.web.pdf import render_pdf

from ..pages.leadership import leadership_report


def leadership_pdf(*, cycle: Cycle, user: Any, today: dt.date | None = None) -> bytes:
    report = leadership_report(cycle=cycle, user=user, today=today)
    return render_pdf(
        "reports/print/leadership.html",
        {
            "report": report,
            "organisation_name": report.organisation_name,
            "printed_on": report.printed_on,
            "document_title": "Laporan Pimpinan",
        },
    )


def run(job: Job, progress: Progress) -> None:
    cycle = job.cycle
    assert cycle is not None
    progress(0, 2)
    content = leadership_pdf(cycle=cycle, user=job.owner)
    progress(1, 2)
    label = cycle.organisation.label.replace(" ", "-")
    job_result_file(job, f"laporan-pimpinan-{label}-{cycle.year}.pdf", content, "application/pdf")
    progress(2, 2)
