"""A process that applies an import and is killed half-way (tests/web/test_exchange_kill.py).

    python tests/web/kill_import.py setup DIR        # a database in DIR with a previewed import
    python tests/web/kill_import.py apply DIR MARK   # apply it; after half, touch MARK and wait

Runs against its own SQLite file (``DIR/db.sqlite3``) so that another process can kill it and
then look at what was committed.
"""

from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path


def django_setup(folder: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'db.sqlite3'}"
    os.environ["RAPOR_VAR_DIR"] = str(folder)
    os.environ["DJANGO_SETTINGS_MODULE"] = "rapor.web.settings"
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    import django

    django.setup()


def setup(folder: Path) -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    import openpyxl
    from django.contrib.auth import get_user_model

    from rapor.assessments.domain.cycles import cycle_create
    from rapor.assessments.domain.frameworks import framework_activate, framework_register
    from rapor.exchange.domain.jobs import job_dispatch, job_start
    from rapor.exchange.domain.lke_export import cycle_workbook
    from rapor.exchange.models import Job
    from rapor.orgs.models import Membership, Organisation
    from tests.web.fwtext import framework_text

    kota = Organisation.objects.create(name="Kota Contoh", kind="kota")
    user = get_user_model().objects.create(username="timrb")
    Membership.objects.create(user=user, organisation=kota, role="tim_rb")
    version, _ = framework_register(text=framework_text(areas=4, indicators=5, questions=2))
    cycle = cycle_create(
        organisation=kota,
        framework=framework_activate(version=version),
        year=2024,
        by=user,
        stage="self_assessment",
    )
    wb = openpyxl.load_workbook(io.BytesIO(cycle_workbook(cycle)))
    ws = wb["LKE"]
    for row in range(1, ws.max_row + 1):
        if ws.cell(row, 9).value == "A/B/C":  # every choice question answered B
            ws.cell(row, 10).value = "B"
    data = io.BytesIO()
    wb.save(data)
    data.seek(0)
    data.name = "lke.xlsx"  # type: ignore[attr-defined]
    from django.core.files import File

    job = job_start(
        kind=Job.Kind.IMPORT_ANSWERS,
        owner=user,
        cycle=cycle,
        params={"block": 1},
        upload=File(data, name="lke.xlsx"),
    )
    job_dispatch(job, inline=True)
    print(job.pk, len((job.result or {})["changes"]))


def apply(folder: Path, job_id: int, marker: Path) -> None:
    from rapor.exchange.domain.lke_import import apply_import
    from rapor.exchange.models import Job

    job = Job.objects.get(pk=job_id)

    def progress(done: int, total: int) -> None:
        if done == total // 2:
            marker.write_text(f"{done}/{total}")
            time.sleep(120)  # killed here, half-way through the transaction

    apply_import(job=job, by=job.owner, progress=progress)


if __name__ == "__main__":
    where = Path(sys.argv[2])
    django_setup(where)
    if sys.argv[1] == "setup":
        setup(where)
    else:
        apply(where, int(sys.argv[3]), Path(sys.argv[4]))
