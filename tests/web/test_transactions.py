"""Every multi-step change is one transaction: when its last step fails, nothing of it remains.

The failure is real: a database trigger refuses the write of the history event (the last step
of every domain action) or of an organisation's path, as a full disk or a killed connection
would, and every table is compared before and after. SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection

from rapor.assessments.domain import review
from rapor.assessments.domain.answers import answer_save
from rapor.assessments.domain.assignments import assign_area, assign_indicators
from rapor.assessments.domain.comments import comment_post
from rapor.assessments.domain.cycles import cycle_create, cycle_update
from rapor.assessments.domain.evidence import (
    evidence_add_link,
    evidence_link,
    evidence_store,
    evidence_unlink,
    evidence_upload,
)
from rapor.assessments.domain.stages import stage_move
from rapor.assessments.interfaces.uploads import check_upload
from rapor.assessments.models import (
    Answer,
    AnswerStatus,
    Assignment,
    Comment,
    Cycle,
    Evidence,
    EvidenceLink,
    HistoryEvent,
)
from rapor.demo.pdf import tiny_pdf
from rapor.orgs.models import Membership, Organisation

TABLES = [
    Answer,
    AnswerStatus,
    Assignment,
    Comment,
    Cycle,
    Evidence,
    EvidenceLink,
    HistoryEvent,
    Organisation,
    Membership,
]


def snapshot() -> dict[str, list[dict[str, Any]]]:
    return {m.__name__: list(m.objects.order_by("pk").values()) for m in TABLES}


def files() -> list[Path]:
    root = Path(django_settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file())


def refuse_writes(table: str, event: str) -> None:
    """A trigger that makes the database refuse ``event`` (INSERT, UPDATE) on ``table``; it goes
    with the test's transaction."""
    with connection.cursor() as c:
        if connection.vendor == "sqlite":
            c.execute(
                f"CREATE TRIGGER refuse_{event.lower()} BEFORE {event} ON {table} "
                "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
            )
        else:
            c.execute(
                "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN "
                "RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql"
            )
            c.execute(
                f"CREATE TRIGGER refuse_{event.lower()} BEFORE {event} ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION refuse()"
            )


@pytest.fixture
def world(cast, cycle) -> Iterator[dict[str, Any]]:
    """A cycle with an answered, submitted question and a linked piece of evidence."""
    for code, value in (("A1.1.a", "A"), ("A1.1.b", "50")):
        answer_save(
            cycle=cycle,
            question_code=code,
            value=value,
            level="self",
            by=cast.opd_member,
            expected_version=0,
        )
    review.submit(cycle=cycle, question_codes=["A1.1.a"], by=cast.opd_member)
    ev = evidence_store(
        organisation=cast.disdukcapil,
        cycle=cycle,
        title="SK Tim",
        by=cast.opd_member,
        content=tiny_pdf("SK Tim"),
        filename="sk.pdf",
    )
    evidence_link(evidence=ev, cycle=cycle, question_code="A1.1.a", by=cast.opd_member)
    yield {"cast": cast, "cycle": cycle, "evidence": ev}


def upload(w: dict[str, Any]) -> Any:
    c = w["cast"]
    checked = check_upload(SimpleUploadedFile("baru.pdf", tiny_pdf("Dokumen baru")))
    return evidence_upload(
        cycle=w["cycle"],
        organisation=c.disdukcapil,
        file=checked.file,
        title="Dokumen baru",
        by=c.opd_member,
        link_to="A1.1.b",
    )


ACTIONS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "answer_save (a new answer and its status)": lambda w: answer_save(
        cycle=w["cycle"],
        question_code="A1.2.a",
        value="B",
        level="self",
        by=w["cast"].other_opd_member,
        expected_version=0,
    ),
    "answer_save (a changed answer)": lambda w: answer_save(
        cycle=w["cycle"],
        question_code="A1.1.b",
        value="70",
        level="self",
        by=w["cast"].opd_member,
        expected_version=1,
    ),
    "submit (several questions)": lambda w: review.submit(
        cycle=w["cycle"], question_codes=["A1.1.b"], by=w["cast"].opd_member
    ),
    "accept": lambda w: review.accept(
        cycle=w["cycle"], question_code="A1.1.a", by=w["cast"].coordinator, expected_version=2
    ),
    "return with a note": lambda w: review.return_with_note(
        cycle=w["cycle"],
        question_code="A1.1.a",
        level="reviewer",
        note="perbaiki",
        by=w["cast"].coordinator,
        expected_version=2,
    ),
    "review_bulk": lambda w: review.review_bulk(
        cycle=w["cycle"],
        verb="accept",
        level="reviewer",
        items=[("A1.1.a", 2)],
        by=w["cast"].coordinator,
    ),
    "assign_indicators (several)": lambda w: assign_indicators(
        cycle=w["cycle"],
        indicator_codes=["A2.1", "A2.2"],
        opd=w["cast"].dinkes,
        by=w["cast"].coordinator,
    ),
    "assign_area": lambda w: assign_area(
        cycle=w["cycle"], area="A2", opd=w["cast"].dinkes, by=w["cast"].coordinator
    ),
    "comment_post": lambda w: comment_post(
        cycle=w["cycle"], question_code="A1.1.a", text="cek", by=w["cast"].coordinator
    ),
    "cycle_create (carried over)": lambda w: cycle_create(
        organisation=w["cast"].kota,
        framework=w["cycle"].framework,
        year=2025,
        by=w["cast"].coordinator,
        carry_over=True,
    ),
    "cycle_update": lambda w: cycle_update(
        cycle=w["cycle"], by=w["cast"].coordinator, final_deadline=dt.date(2031, 1, 1)
    ),
    "stage_move": lambda w: stage_move(cycle=w["cycle"], to="review", by=w["cast"].coordinator),
    "evidence_upload (file, row, link)": upload,
    "evidence_add_link": lambda w: evidence_add_link(
        cycle=w["cycle"],
        organisation=w["cast"].disdukcapil,
        url="https://contoh.go.id/sk",
        title="SK daring",
        by=w["cast"].opd_member,
        link_to="A1.1.b",
    ),
    "evidence_link": lambda w: evidence_link(
        evidence=w["evidence"], cycle=w["cycle"], question_code="A1.1.b", by=w["cast"].opd_member
    ),
    "evidence_unlink": lambda w: evidence_unlink(
        evidence=w["evidence"], cycle=w["cycle"], question_code="A1.1.a", by=w["cast"].opd_member
    ),
}


@pytest.mark.parametrize("name", ACTIONS)
def test_a_domain_action_whose_history_write_fails_leaves_nothing_behind(world, name):
    before, stored = snapshot(), files()
    refuse_writes("assessments_historyevent", "INSERT")
    with pytest.raises(DatabaseError):
        ACTIONS[name](world)
    assert snapshot() == before
    assert files() == stored


def test_a_new_organisation_whose_path_cannot_be_written_is_not_created(cast):
    before = snapshot()
    refuse_writes("orgs_organisation", "UPDATE")
    with pytest.raises(DatabaseError):
        Organisation.objects.create(name="Dinas Baru", kind="opd", parent=cast.kota)
    assert snapshot() == before
