"""The demo cycles of Kota Pangkalpinang on rb-2023-kabkota.

2023 (closed): the real values the ministry recorded (57.83 CC, ``data/pangkalpinang-rb-2023
.answers.json``), every indicator assigned to the OPD that owns it. 2024 (self-assessment): carried
over from 2023, with the city's own work under way and the carried values being confirmed, as
``babel.PROGRESS_2024`` says; that progress is invented (DATA CONTOH), so some items are late,
some returned with a note, some waiting for the Tim RB or the Inspektorat.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from rapor.assessments.domain.answers import answer_save
from rapor.assessments.domain.cycles import cycle_create
from rapor.assessments.domain.evidence import evidence_link, evidence_store
from rapor.assessments.domain.history import history_record
from rapor.assessments.models import (
    Answer,
    AnswerStatus,
    Assignment,
    Cycle,
    FrameworkVersion,
    HistoryEvent,
)
from rapor.orgs.models import Organisation

from .babel import EVIDENCE_2023, OWNER_OPDS, PEOPLE, PROGRESS_2024, RETURN_NOTES
from .pdf import tiny_pdf

DAY = dt.timedelta(days=1)
DATA = Path(__file__).resolve().parent / "data"
ANSWERS_2023 = DATA / "pangkalpinang-rb-2023.answers.json"
OPD_PERSON = {where: username for username, _f, _l, role, where, _p in PEOPLE if role == "tim_opd"}
# how far up the review chain each state of PROGRESS_2024 has gone
CHAIN = {
    "draft": (),
    "open": (),
    "submitted": ("submitted",),
    "accepted": ("submitted", "accepted"),
    "verified": ("submitted", "accepted", "verified"),
    "returned": ("submitted", "returned"),
}


def windows(today: dt.date, offset: int) -> dict[str, dt.date]:
    """Stage windows with the self-assessment ending ``offset`` days from today."""
    end = today + offset * DAY
    return {
        "self_assessment_starts": end - 40 * DAY,
        "self_assessment_ends": end,
        "review_starts": end + DAY,
        "review_ends": end + 10 * DAY,
        "verification_starts": end + 11 * DAY,
        "verification_ends": end + 18 * DAY,
        "final_deadline": end + 20 * DAY,
    }


def set_status(cycle: Cycle, code: str, state: str, by: Any, note: str = "") -> None:
    status, _ = AnswerStatus.objects.get_or_create(cycle=cycle, question_code=code)
    before = {"state": status.state}
    status.state, status.return_note, status.updated_by = state, note, by
    status.returned_by = by if state == "returned" else None
    status.version += 1
    status.save()
    history_record(
        cycle=cycle,
        kind=HistoryEvent.Kind.STATUS_CHANGED,
        by=by,
        question_code=code,
        before=before,
        after={"state": state, "note": note},
    )


def owners(framework: FrameworkVersion, kota: Organisation) -> dict[str, Organisation]:
    """Each indicator's OPD in Pangkalpinang, from the framework's typical owner."""
    opds = {o.short_name: o for o in Organisation.objects.filter(parent=kota, kind="opd")}
    fw = framework.framework()
    return {code: opds[OWNER_OPDS[q.owner]] for code, q in fw.questions.items()}


def build_2023(
    kota: Organisation, framework: FrameworkVersion, people: dict[str, Any], today: dt.date
) -> Cycle:
    """The closed 2023 cycle with the real values, verified, each indicator with its owner."""
    timrb = people["timrb"]
    last_year = {k: v - 365 * DAY for k, v in windows(today, 0).items()}
    cycle = cycle_create(
        organisation=kota, framework=framework, year=2023, by=timrb, stage="closed", **last_year
    )
    values = json.loads(ANSWERS_2023.read_text(encoding="utf-8"))["answers"]
    Answer.objects.bulk_create(
        Answer(cycle=cycle, question_code=code, level="self", value=value, updated_by=timrb)
        for code, value in values.items()
    )
    AnswerStatus.objects.bulk_create(
        AnswerStatus(cycle=cycle, question_code=code, state="verified", updated_by=timrb)
        for code in values
    )
    Assignment.objects.bulk_create(
        Assignment(
            cycle=cycle,
            indicator_code=code,
            opd=opd,
            person=people.get(OPD_PERSON.get(opd.short_name, "")),
            assigned_by=timrb,
        )
        for code, opd in owners(framework, kota).items()
    )
    history_record(
        cycle=cycle,
        kind=HistoryEvent.Kind.ANSWER_SAVED,
        by=timrb,
        after={
            "answers": len(values),
            "note": "the values the ministry recorded for Kota Pangkalpinang in 2023",
        },
    )
    opds = owners(framework, kota)
    for code, title in EVIDENCE_2023.items():
        ev = evidence_store(
            organisation=opds[code],
            title=title,
            by=timrb,
            content=tiny_pdf(f"{title}: dokumen contoh, bukan dokumen asli"),
            filename=f"{code}-2023.pdf",
            document_date=today - 400 * DAY,
        )
        evidence_link(evidence=ev, cycle=cycle, question_code=code, by=timrb)
    return cycle


def build_2024(
    kota: Organisation, framework: FrameworkVersion, people: dict[str, Any], today: dt.date
) -> Cycle:
    """The open 2024 cycle, carried over from 2023, with the invented progress of PROGRESS_2024."""
    timrb = people["timrb"]
    cycle = cycle_create(
        organisation=kota,
        framework=framework,
        year=2024,
        by=timrb,
        carry_over=True,
        stage="self_assessment",
        **windows(today, 10),
    )
    carried = {a.question_code: a for a in Answer.objects.filter(cycle=cycle, level="self")}
    for a in cycle.assignments.select_related("opd", "person"):
        state, value, due = PROGRESS_2024[a.indicator_code]
        a.due_date = today + due * DAY
        a.save(update_fields=["due_date"])
        by = a.person or timrb
        code = a.indicator_code  # every indicator of the 2023 method is its own question
        if value is not None:
            row = carried.get(code)
            answer_save(
                cycle=cycle,
                question_code=code,
                value=row.value if value == "confirm" and row else value,
                level="self",
                by=by,
                expected_version=row.version if row else 0,
            )
        for step in CHAIN[state]:
            who = by if step == "submitted" else timrb
            if step == "verified":
                who = people["inspektorat"]
            set_status(
                cycle, code, step, who, RETURN_NOTES.get(code, "") if step == "returned" else ""
            )
        if state in ("submitted", "accepted", "verified", "returned"):
            ev = evidence_store(
                organisation=a.opd,
                title=f"Bukti {code} 2024 (contoh)",
                by=by,
                content=tiny_pdf(f"Bukti dukung contoh {code} (2024)"),
                filename=f"{code}-2024.pdf",
                document_date=today - 20 * DAY,
                valid_until=today + 300 * DAY,
            )
            evidence_link(evidence=ev, cycle=cycle, question_code=code, by=by)
    return cycle
