"""A job's page: its progress, its errors in the user's language, and its outcome (a file to
download, an import's preview to apply, an instrument's findings to review)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from ..interfaces.lke_text import lke_message
from ..models import Job
from .preview import Preview, import_preview


@dataclass
class Finding:
    kind: str
    text: str


@dataclass
class JobPage:
    job: Job
    errors: list[str]
    download: bool
    preview: Preview | None = None
    findings: list[Finding] = field(default_factory=list)
    may_apply: bool = False
    may_save: bool = False


def error_texts(job: Job) -> list[str]:
    out = []
    for error in job.errors or []:
        reason, details = error.get("reason", ""), error.get("details") or {}
        if error.get("lke"):
            out.append(lke_message(reason, details))
        else:
            out.append(_("Terjadi kesalahan yang tidak terduga; pekerjaan ini dihentikan."))
    return out


def job_page(*, job: Job, user: Any) -> JobPage:
    page = JobPage(
        job=job,
        errors=error_texts(job),
        download=job.status == Job.Status.DONE and bool(job.result_file),
    )
    if job.status != Job.Status.DONE:
        return page
    if job.kind == Job.Kind.IMPORT_ANSWERS and job.cycle is not None and job.result:
        page.preview = import_preview(job)
        page.may_apply = job.applied_at is None and bool(job.result.get("changes"))
    if job.kind == Job.Kind.IMPORT_INSTRUMENT and job.result:
        page.findings = [
            Finding(f["kind"], lke_message(f["reason"], f.get("details") or {}))
            for f in job.result.get("findings", [])
        ]
        page.may_save = True
    return page
