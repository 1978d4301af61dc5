"""Start, run and follow jobs (imports, exports, reports).

How this works: ``job_start`` records the job; ``job_dispatch`` runs it at once in the request
when it is small (``inline``), else enqueues ``tasks.run_job_task`` (django-tasks: the database
backend and `rapor worker` in production, the immediate backend in tests). Either way
``run_job`` does the work: it calls the kind's runner (``RUNNERS``, data) with a ``Progress`` that
saves how far it is, at most a few times a second, for the page's progress bar. A runner raises
an LkeError for bad input (a workbook's): the job fails with that message, translated
when the page shows it; anything unexpected fails the job with a generic message and is logged.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from rapor.lke import LkeError

from ..models import Job

logger = logging.getLogger(__name__)

Runner = Callable[[Job, "Progress"], None]

# kind -> the function that does the work (dotted path: reports live in their own app)
RUNNERS: dict[str, str] = {
    Job.Kind.EXPORT_LKE: "rapor.exchange.domain.lke_export.run",
    Job.Kind.IMPORT_ANSWERS: "rapor.exchange.domain.lke_import.run_preview",
    Job.Kind.IMPORT_INSTRUMENT: "rapor.exchange.domain.instrument.run",
    Job.Kind.REPORT_VERIFICATION: "rapor.reports.domain.verification.run",
    Job.Kind.REPORT_LEADERSHIP: "rapor.reports.domain.leadership.run",
}


class Progress:
    """Called by a runner as it goes (done, total); saves the job now and then."""

    interval = 0.3  # seconds between saves: a bar moves smoothly without hammering the database

    def __init__(self, job: Job) -> None:
        self.job = job
        self.saved = 0.0

    def __call__(self, done: int, total: int, message: str = "") -> None:
        self.job.progress, self.job.total = done, total
        if message:
            self.job.message = message
        now = time.monotonic()
        if now - self.saved >= self.interval or done >= total:
            self.saved = now
            Job.objects.filter(pk=self.job.pk).update(
                progress=done, total=total, message=self.job.message
            )


def inline_limit() -> int:
    """Jobs on cycles with at most this many questions run in the request."""
    return int(getattr(settings, "RAPOR_EXCHANGE_INLINE_QUESTIONS", 400))


def job_start(
    *,
    kind: str,
    owner: Any,
    cycle: Any = None,
    params: dict[str, Any] | None = None,
    upload: Any = None,
) -> Job:
    """Record a job (and store its uploaded file); it runs when dispatched."""
    job = Job.objects.create(kind=kind, owner=owner, cycle=cycle, params=params or {})
    if upload is not None:
        name = getattr(upload, "name", "upload") or "upload"
        job.source_name = name[:255]
        job.source.save("source" + _ext(name), upload, save=False)
        job.save(update_fields=["source", "source_name"])
    return job


def _ext(name: str) -> str:
    dot = name.rfind(".")
    ext = name[dot:].lower() if dot > 0 else ""
    return ext if ext.replace(".", "").isalnum() and len(ext) <= 6 else ""


def job_dispatch(job: Job, *, inline: bool) -> None:
    if inline:
        run_job(job.pk)
        job.refresh_from_db()
        return
    from ..tasks import run_job_task

    run_job_task.enqueue(job.pk)
    job.refresh_from_db()


def run_job(job_id: int) -> None:
    job = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).first()
    if job is None:
        return  # already taken (a second worker) or gone
    job.status, job.started_at = Job.Status.RUNNING, timezone.now()
    Job.objects.filter(pk=job.pk).update(status=job.status, started_at=job.started_at)
    runner: Runner = import_string(RUNNERS[job.kind])
    try:
        # a task has no request: messages and file contents follow the asker's language
        with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
            runner(job, Progress(job))
    except LkeError as exc:
        _fail(job, [{"reason": exc.reason, "details": plain_details(exc.details), "lke": True}])
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _fail(job, [{"reason": "unexpected", "details": {}}])
    else:
        job.status = Job.Status.DONE
        job.finished_at = timezone.now()
        job.progress = job.total = max(job.total, 1)
        job.save()


def _fail(job: Job, errors: list[dict[str, Any]]) -> None:
    job.status = Job.Status.FAILED
    job.errors = errors
    job.finished_at = timezone.now()
    job.save()


def plain_details(details: dict[str, Any]) -> dict[str, Any]:
    """Details as JSON can hold them (anything else as its text)."""
    out: dict[str, Any] = {}
    for key, value in details.items():
        if isinstance(value, str | int | float | bool) or value is None:
            out[key] = value
        elif isinstance(value, dict):
            out[key] = plain_details(value)
        else:
            out[key] = str(value)
    return out


def job_result_file(job: Job, name: str, content: bytes, content_type: str) -> None:
    """Attach the job's result file (saved with the job when it finishes)."""
    job.result_name = name
    job.result_type = content_type
    job.result_file.save(f"result{_ext(name)}", ContentFile(content), save=False)
