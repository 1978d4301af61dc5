"""The background task that runs a job (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from .domain.jobs import run_job


@task()
def run_job_task(job_id: int) -> None:
    run_job(job_id)
