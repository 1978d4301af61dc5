"""The demo cycles: Pangkalpinang 2023 (closed) and 2024 (self-assessment, about half done, with
late and returned items and evidence), and the other regions' 2024 cycles in other stages.

Answer values are fictional demo values, drawn from a seeded random generator.
"""

from __future__ import annotations

import datetime as dt
import random
from fractions import Fraction
from typing import Any

from rapor.assessments.domain.answers import answer_save
from rapor.assessments.domain.assignments import assign_area
from rapor.assessments.domain.cycles import cycle_create
from rapor.assessments.domain.evidence import evidence_link, evidence_store
from rapor.assessments.domain.history import history_record
from rapor.assessments.models import Answer, AnswerStatus, Cycle, FrameworkVersion, HistoryEvent
from rapor.assessments.tree import leaves_under
from rapor.engine import Question, format_exact
from rapor.orgs.models import Organisation

from .babel import AREA_OPDS, NODE_OPDS, OTHER_CYCLES, PEOPLE, RETURN_NOTES
from .pdf import tiny_pdf

DAY = dt.timedelta(days=1)
DEMO_OPD = "Disdukcapil"
OPD_PERSON = {where: username for username, _f, _l, role, where, _p in PEOPLE if role == "tim_opd"}


def demo_value(q: Question, strength: float, rng: random.Random) -> str:
    scale = q.scale
    if scale.kind == "choice":
        options = [code for code, _ in scale.ordered_options()]
        if rng.random() < strength:
            return options[-1]
        return rng.choice(options)
    low = max(0.0, strength - 0.25)
    share = Fraction(round(rng.uniform(low, min(1.0, strength + 0.15)) * 100), 100)
    value = scale.min + (scale.max - scale.min) * share
    return format_exact(Fraction(round(value * 100), 100))


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


def bulk_answers(
    cycle: Cycle,
    share: float,
    strength: float,
    rng: random.Random,
    state: str,
    by: Any,
    reviewer_share: float = 0.0,
) -> int:
    """Answer a share of the questions at once (other regions; one history event for all)."""
    fw = cycle.framework.framework()
    rows, statuses = [], []
    for q in fw.questions.values():
        if rng.random() >= share:
            continue
        rows.append(
            Answer(
                cycle=cycle,
                question_code=q.code,
                level="self",
                value=demo_value(q, strength, rng),
                updated_by=by,
            )
        )
        if rng.random() < reviewer_share:
            rows.append(
                Answer(
                    cycle=cycle,
                    question_code=q.code,
                    level="reviewer",
                    value=demo_value(q, strength - 0.1, rng),
                    updated_by=by,
                )
            )
        statuses.append(AnswerStatus(cycle=cycle, question_code=q.code, state=state, updated_by=by))
    Answer.objects.bulk_create(rows)
    AnswerStatus.objects.bulk_create(statuses)
    history_record(
        cycle=cycle,
        kind=HistoryEvent.Kind.ANSWER_SAVED,
        by=by,
        after={"demo_answers": len(rows), "note": "demo data (fictional values)"},
    )
    return len(rows)


def build_other_cycles(
    orgs: dict[str, Organisation],
    people: dict[str, Any],
    framework: FrameworkVersion,
    today: dt.date,
    rng: random.Random,
) -> None:
    state_for = {
        "submitted": "verified",
        "verification": "accepted",
        "review": "submitted",
        "self_assessment": "draft",
    }
    admin = people["admin"]
    for short, stage, share, strength in OTHER_CYCLES:
        offset = {
            "preparation": 30,
            "self_assessment": 8,
            "review": -3,
            "verification": -12,
            "submitted": -25,
        }[stage]
        cycle = cycle_create(
            organisation=orgs[short],
            framework=framework,
            year=2024,
            by=admin,
            stage=stage,
            **windows(today, offset),
        )
        if share:
            bulk_answers(
                cycle,
                share,
                strength,
                rng,
                state_for[stage],
                admin,
                reviewer_share=0.1 if stage in ("verification", "submitted") else 0.0,
            )


def _assign(
    cycle: Cycle, orgs: dict[str, Organisation], people: dict[str, Any], today: dt.date
) -> None:
    fw = cycle.framework.framework()
    pangkal = {o.short_name: o for o in Organisation.objects.filter(parent=orgs["kota"])}
    dues = [today - 4 * DAY, today + 3 * DAY, today + 9 * DAY]
    for i, (area, opd) in enumerate([*AREA_OPDS.items(), *NODE_OPDS.items()]):
        person = people.get(OPD_PERSON.get(opd, ""))
        if leaves_under(fw, area):
            assign_area(
                cycle=cycle,
                area=area,
                opd=pangkal[opd],
                by=people["timrb"],
                person=person,
                due_date=dues[i % 3],
            )
    # the demo OPD login gets a bit of everything: late, due soon, later
    for i, a in enumerate(
        cycle.assignments.filter(opd=pangkal[DEMO_OPD]).order_by("indicator_code")
    ):
        a.due_date = today + [-6, -2, 3, 9][i % 4] * DAY
        a.save(update_fields=["due_date"])


def build_pangkalpinang(
    orgs: dict[str, Organisation],
    people: dict[str, Any],
    framework: FrameworkVersion,
    today: dt.date,
    rng: random.Random,
) -> None:
    timrb, kota = people["timrb"], orgs["kota"]
    last_year = {k: v - 365 * DAY for k, v in windows(today, 0).items()}
    old = cycle_create(
        organisation=kota, framework=framework, year=2023, by=timrb, stage="closed", **last_year
    )
    bulk_answers(old, 0.2, 0.55, rng, "verified", timrb)
    fw = framework.framework()
    for code in list(fw.questions)[:60:6]:  # last year's evidence, carried over to 2024
        ev = evidence_store(
            organisation=orgs["Setda"],
            title=f"Dokumen {code} tahun 2023 (contoh)",
            by=timrb,
            content=tiny_pdf(f"Dokumen contoh untuk {code} (2023)"),
            filename=f"{code}-2023.pdf",
            document_date=today - 400 * DAY,
        )
        evidence_link(evidence=ev, cycle=old, question_code=code, by=timrb)

    cycle = cycle_create(
        organisation=kota,
        framework=framework,
        year=2024,
        by=timrb,
        carry_over=True,
        stage="self_assessment",
        **windows(today, 10),
    )
    _assign(cycle, orgs, people, today)
    _answer_half(cycle, people, today, rng)


def _answer_half(cycle: Cycle, people: dict[str, Any], today: dt.date, rng: random.Random) -> None:
    """Answer about half, submit what is done, return a few with notes, attach evidence."""
    fw = cycle.framework.framework()
    timrb = people["timrb"]
    carried = {a.question_code: a for a in Answer.objects.filter(cycle=cycle, level="self")}
    returned = 0
    demo_opd = 0
    for a in cycle.assignments.select_related("opd", "person").order_by("indicator_code"):
        by = a.person or timrb
        if a.opd.short_name == DEMO_OPD:  # late untouched, returned, done, in progress, ...
            plan = [0.0, 0.9, 0.8, 0.4][demo_opd % 4]
            demo_opd += 1
        else:
            plan = rng.random()
        questions = fw.nodes[a.indicator_code].questions
        if plan < 0.35 and a.due_date and a.due_date < today:
            continue  # late: not started
        done = plan > 0.65
        for q in questions:
            if not done and rng.random() < 0.7:
                continue
            row = carried.get(q.code)
            value = row.value if row and rng.random() < 0.6 else demo_value(q, 0.6, rng)
            answer_save(
                cycle=cycle,
                question_code=q.code,
                value=value,
                level="self",
                by=by,
                expected_version=row.version if row else 0,
            )
        if done:
            for q in questions:
                set_status(cycle, q.code, "submitted", by)
            if plan > 0.85 or (returned < 5 and rng.random() < 0.3):
                q = questions[0]
                set_status(
                    cycle, q.code, "returned", timrb, RETURN_NOTES[returned % len(RETURN_NOTES)]
                )
                returned += 1
            ev = evidence_store(
                organisation=a.opd,
                title=f"Bukti {a.indicator_code} 2024 (contoh)",
                by=by,
                content=tiny_pdf(f"Bukti dukung contoh {a.indicator_code} (2024)"),
                filename=f"{a.indicator_code}-2024.pdf",
                document_date=today - 20 * DAY,
                valid_until=today + 300 * DAY,
            )
            for q in questions:
                evidence_link(evidence=ev, cycle=cycle, question_code=q.code, by=by)
