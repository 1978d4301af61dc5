"""A background task for the tests of the worker: it leaves a file behind."""

from pathlib import Path

from django_tasks import task


@task()
def leave_a_mark(path: str, text: str) -> None:
    Path(path).write_text(text, encoding="utf-8")
