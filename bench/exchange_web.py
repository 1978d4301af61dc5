"""The web side of bench/exchange.py: a 150-question assessment (rb-2014, 151 questions, every one
answered, three OPDs, some reviewed and verified) in a throwaway SQLite database, and the time of
its LKE export, its LKE import (read, preview, apply 50 changes), its answers CSV, its
verification PDF and its leadership PDF. Each is the median of a few runs, warm (the framework already parsed)."""

from __future__ import annotations

import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _setup(folder: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["RAPOR_VAR_DIR"] = str(folder)
    os.environ["DJANGO_SETTINGS_MODULE"] = "rapor.web.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _assessment() -> tuple[Any, Any]:
    from django.contrib.auth import get_user_model
    from tests.lke.exports import varied_answers

    from rapor.assessments.domain import review
    from rapor.assessments.domain.answers import answer_save
    from rapor.assessments.domain.assignments import assignment_create
    from rapor.assessments.domain.cycles import cycle_create
    from rapor.assessments.domain.frameworks import frameworks_load_shipped
    from rapor.assessments.models import AnswerStatus, FrameworkVersion
    from rapor.engine import answer_text
    from rapor.orgs.models import Membership, Organisation

    frameworks_load_shipped()
    kota = Organisation.objects.create(name="Kota Bench", short_name="Bench", kind="kota")
    opds = [
        Organisation.objects.create(name=f"Dinas {n}", short_name=f"D{n}", kind="opd", parent=kota)
        for n in range(3)
    ]
    users = get_user_model().objects
    rb = users.create(username="timrb")
    inspector = users.create(username="inspektur")
    opd = users.create(username="opd")  # nobody reviews their own work: the OPD answers
    Membership.objects.create(user=opd, organisation=opds[0], role="tim_opd")
    Membership.objects.create(user=rb, organisation=kota, role="tim_rb")
    Membership.objects.create(user=inspector, organisation=kota, role="inspektorat")
    version = FrameworkVersion.objects.get(framework_id="rb-2014")
    cycle = cycle_create(
        organisation=kota, framework=version, year=2024, by=rb, stage="self_assessment"
    )
    fw = version.framework()
    for i, node in enumerate(n for n in fw.nodes.values() if n.is_leaf):
        assignment_create(cycle=cycle, indicator_code=node.code, opd=opds[i % 3], by=rb)
    for code, value in varied_answers(fw, skip_every=0).items():
        answer_save(cycle=cycle, question_code=code, value=answer_text(value), level="self",
                    by=opd, expected_version=0)  # fmt: skip
    codes = list(fw.questions)[:60]
    review.submit(cycle=cycle, question_codes=codes, by=opd)
    for code in codes[:40]:
        status = AnswerStatus.objects.get(cycle=cycle, question_code=code)
        review.accept(cycle=cycle, question_code=code, by=rb, expected_version=status.version)
    for code in codes[:20]:
        status = AnswerStatus.objects.get(cycle=cycle, question_code=code)
        review.verify(cycle=cycle, question_code=code, by=inspector,
                      expected_version=status.version)  # fmt: skip
    return cycle, rb


def _median(work: Callable[[], Any], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def web_timings() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _setup(Path(tmp))
        import openpyxl

        from rapor.exchange.domain import tables
        from rapor.exchange.domain.lke_export import cycle_workbook
        from rapor.exchange.domain.lke_import import apply_import, preview
        from rapor.exchange.models import Job
        from rapor.lke import read_lke_workbook
        from rapor.reports.domain.leadership import leadership_pdf
        from rapor.reports.domain.verification import verification_pdf

        cycle, rb = _assessment()
        fw = cycle.framework.framework()
        print(f"assessment: {cycle.framework} with {len(fw.questions)} questions, all answered")
        cycle_workbook(cycle)  # warm: the framework parsed once, as a running server has it
        print(f"lke_export_ms={_median(lambda: cycle_workbook(cycle)) * 1000:.0f}")

        wb = openpyxl.load_workbook(io.BytesIO(cycle_workbook(cycle)))
        ws = wb["LKE"]
        rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
        flips = [c for c in list(fw.questions)[60:] if fw.questions[c].scale.kind == "choice"][:50]
        versions: list[bytes] = []
        for option in (0, 1):
            for code in flips:
                ws.cell(rows[code], 10).value = fw.questions[code].scale.options[option][0]
            data = io.BytesIO()
            wb.save(data)
            versions.append(data.getvalue())
        turn = [0]

        def import_once() -> None:
            data = versions[turn[0] % 2]
            turn[0] += 1
            read = read_lke_workbook(io.BytesIO(data), name="lke.xlsx")
            plan = preview(cycle, rb, read, name="lke.xlsx")
            job = Job.objects.create(kind="import_answers", owner=rb, cycle=cycle, result=plan)
            apply_import(job=job, by=rb)

        print(f"lke_import_ms={_median(import_once) * 1000:.0f} (read, preview, apply 50 changes)")
        answers_csv = _median(lambda: list(tables.answers_rows(cycle)))
        print(f"answers_csv_ms={answers_csv * 1000:.0f}")
        verification_pdf(cycle=cycle)  # warm: WeasyPrint imported and its fonts found
        print(f"verification_pdf_ms={_median(lambda: verification_pdf(cycle=cycle), 3) * 1000:.0f}")
        leadership = _median(lambda: leadership_pdf(cycle=cycle, user=rb), 3)
        print(f"leadership_pdf_ms={leadership * 1000:.0f}")
