"""Render the verification report to PDF (a job: ``exchange.domain.jobs``)."""

from __future__ import annotations

from rapor.exchange.domain.jobs import Progress, job_result_file
from rapor.exchange.models import Job
from rapor.orgs.models import Organisation
from rapor.web.pdf import render_pdf

from ..pages.verification import verification_report


def verification_pdf(*, cycle, opd=None) -> bytes:  # type: ignore[no-untyped-def]
    report = verification_report(cycle=cycle, opd=opd)
    return render_pdf(
        "reports/print/verification.html",
        {
            "report": report,
            "organisation_name": report.organisation_name,
            "printed_on": report.printed_on,
            "document_title": "Laporan Verifikasi",
            "opd": opd,
        },
    )


def run(job: Job, progress: Progress) -> None:
    cycle = job.cycle
    assert cycle is not None
    opd_pk = job.params.get("opd")
    opd = Organisation.objects.filter(pk=opd_pk).first() if opd_pk else None
    progress(0, 2)
    content = verification_pdf(cycle=cycle, opd=opd)
    progress(1, 2)
    label = (opd.label if opd else cycle.organisation.label).replace(" ", "-")
    job_result_file(job, f"verifikasi-{label}-{cycle.year}.pdf", content, "application/pdf")
    progress(2, 2)
