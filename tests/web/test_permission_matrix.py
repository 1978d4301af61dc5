"""Every view × every role × objects of one's own, of another OPD and of another Pemda.

How this works: one small world is built once per module (two Pemdas in two provinces, two OPDs
in the first, one login per role, a framework, a cycle per Pemda with assignments, answers,
evidence and comments) inside a transaction that is rolled back at the end. Each cell of the
matrix (view, role, scope, stage, method) runs in its own savepoint, also rolled back, so cells
cannot see each other's changes. A cell sends a real request with the Django client and checks:

- allowed: 200/204, or a redirect that is not to the login page; a state-changing request that is
  allowed must change something (so a refusal elsewhere is not just a malformed request);
- denied: 403 or 404 for a signed-in user, a redirect to the login page for an anonymous one, and
  nothing changed (counts and values of every assessment table before and after);
- no page shown to anyone but the admin mentions the other Pemda.

What is allowed is the table ``ALLOWED`` below (who may do an action on an object in their own
Pemda or OPD, in another OPD, in another Pemda), with the stage windows ``OPEN_IN`` and the
evaluator's ``SEES_ONLY``. They are written out as data; a test checks that they say the same as
``rapor.orgs.permissions`` (so the views are checked against the permission tables), and another
that every named URL of the project has a row in ``VIEWS``: a new view must be added here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from rapor.assessments.domain.answers import answer_save
from rapor.assessments.domain.assignments import assignment_create
from rapor.assessments.domain.cycles import cycle_create
from rapor.assessments.domain.evidence import evidence_link, evidence_store
from rapor.assessments.domain.frameworks import framework_activate, framework_register
from rapor.assessments.models import (
    Answer,
    AnswerStatus,
    Assignment,
    Comment,
    Cycle,
    Evidence,
    EvidenceLink,
    FrameworkVersion,
    HistoryEvent,
)
from rapor.demo.pdf import tiny_pdf
from rapor.exchange.domain.jobs import job_result_file
from rapor.exchange.domain.lke_export import cycle_workbook
from rapor.exchange.models import Job
from rapor.notifications.models import Notification
from rapor.orgs import permissions
from rapor.orgs.models import AccountEvent, Membership, Organisation
from rapor.steering.domain.plans import plan_make, target_set
from rapor.steering.models import (
    EffortInput,
    PublishedResult,
    Sandbox,
    SavedPlan,
    SteeringEvent,
    SteeringTarget,
)

from .fwtext import framework_text
from .matrix_surveys import SURVEY_MODELS, fill_survey, survey_rows

DAY = dt.date(2024, 5, 20)

# Each test also runs in a transaction of its own (pytest-django's), inside the module's.
pytestmark = pytest.mark.django_db

ROLES = ("pimpinan", "tim_rb", "tim_opd", "inspektorat", "evaluator", "admin")
WHO = ("anonymous", *ROLES)
SCOPES = ("own", "other_opd", "other_pemda")
STAGES = ("preparation", "self_assessment", "review", "verification", "submitted", "closed")

# Who may do an action on an object of their own Pemda (their own OPD for Tim OPD), of another
# OPD of the same Pemda, and of another Pemda (in another province, outside the evaluator's
# regions). Columns follow ROLES; "x" allowed, "." refused.
#                     action               scope        pim  rb  opd insp eval adm
ALLOWED_TEXT = """
                      view_cycle           own           x   x   x   x    x    x
                      view_cycle           other_opd     x   x   x   x    x    x
                      view_cycle           other_pemda   .   .   .   .    .    x
                      answer               own           .   x   x   .    .    .
                      answer               other_opd     .   x   .   .    .    .
                      answer               other_pemda   .   .   .   .    .    .
                      upload_evidence      own           .   x   x   .    .    .
                      upload_evidence      other_opd     .   x   .   .    .    .
                      upload_evidence      other_pemda   .   .   .   .    .    .
                      view_evidence        own           x   x   x   x    .    x
                      view_evidence        other_opd     x   x   .   x    .    x
                      view_evidence        other_pemda   .   .   .   .    .    x
                      comment              own           .   x   x   x    .    .
                      comment              other_opd     .   x   .   x    .    .
                      comment              other_pemda   .   .   .   .    .    .
                      submit_answers       own           .   x   x   .    .    .
                      submit_answers       other_opd     .   x   .   .    .    .
                      submit_answers       other_pemda   .   .   .   .    .    .
                      assign               own           .   x   .   .    .    .
                      assign               other_opd     .   x   .   .    .    .
                      assign               other_pemda   .   .   .   .    .    .
                      review               own           .   x   .   .    .    .
                      review               other_opd     .   x   .   .    .    .
                      review               other_pemda   .   .   .   .    .    .
                      verify               own           .   .   .   x    .    .
                      verify               other_opd     .   .   .   x    .    .
                      verify               other_pemda   .   .   .   .    .    .
                      submit_cycle         own           .   x   .   .    .    .
                      submit_cycle         other_opd     .   x   .   .    .    .
                      submit_cycle         other_pemda   .   .   .   .    .    .
                      manage_cycle         own           .   x   .   .    .    x
                      manage_cycle         other_opd     .   x   .   .    .    x
                      manage_cycle         other_pemda   .   .   .   .    .    x
                      reopen_cycle         own           .   .   .   .    .    x
                      reopen_cycle         other_opd     .   .   .   .    .    x
                      reopen_cycle         other_pemda   .   .   .   .    .    x
                      manage_users         any           .   .   .   .    .    x
                      manage_frameworks    any           .   .   .   .    .    x
                      view_league          own           x   x   x   x    x    x
                      view_league          other_opd     x   x   x   x    x    x
                      view_league          other_pemda   .   .   .   .    .    x
                      view_league          any           x   x   x   x    x    x
                      record_results       own           .   x   .   .    .    x
                      record_results       other_opd     .   x   .   .    .    x
                      record_results       other_pemda   .   .   .   .    .    x
                      record_results       any           .   x   .   .    .    x
                      view_dashboard       own           x   x   .   x    .    x
                      view_dashboard       other_opd     x   x   .   x    .    x
                      view_dashboard       other_pemda   .   .   .   .    .    x
                      plan                 own           .   x   .   .    .    .
                      plan                 other_opd     .   x   .   .    .    .
                      plan                 other_pemda   .   .   .   .    .    .
                      simulate             own           x   x   .   .    .    .
                      simulate             other_opd     x   x   .   .    .    .
                      simulate             other_pemda   .   .   .   .    .    .
                      view_survey          own           x   x   x   x    x    x
                      view_survey          other_opd     x   x   x   x    x    x
                      view_survey          other_pemda   .   .   .   .    .    x
                      manage_survey        own           .   x   x   .    .    x
                      manage_survey        other_opd     .   x   .   .    .    x
                      manage_survey        other_pemda   .   .   .   .    .    x
                      use_two_factor       any           .   x   .   .    .    x
"""


def _parse(text: str) -> dict[tuple[str, str], frozenset[str]]:
    table = {}
    for line in text.strip().splitlines():
        action, scope, *marks = line.split()
        assert len(marks) == len(ROLES), line
        table[action, scope] = frozenset(r for r, m in zip(ROLES, marks, strict=True) if m == "x")
    return table


ALLOWED = _parse(ALLOWED_TEXT)

# The stages in which an action on a cycle's object is open (an action not listed: every stage).
OPEN_IN: dict[str, frozenset[str]] = {
    # the review chain runs while the cycle is open (an OPD fixes what is returned up to
    # verification); once submitted, nothing changes
    "answer": frozenset({"self_assessment", "review", "verification"}),
    "upload_evidence": frozenset({"self_assessment", "review", "verification"}),
    "submit_answers": frozenset({"self_assessment", "review", "verification"}),
    "assign": frozenset({"preparation", "self_assessment", "review"}),
    "review": frozenset({"self_assessment", "review", "verification"}),
    "verify": frozenset({"self_assessment", "review", "verification"}),
    "submit_cycle": frozenset({"verification"}),
    "reopen_cycle": frozenset({"submitted", "closed"}),
    "comment": frozenset({"preparation", "self_assessment", "review", "verification"}),
    "plan": frozenset({"preparation", "self_assessment", "review", "verification"}),
}
# Roles that see a cycle only in some stages: an evaluator sees submitted work, never drafts.
SEES_ONLY: dict[str, frozenset[str]] = {"evaluator": frozenset({"submitted", "closed"})}

# Pseudo-actions of views that need no permission.
SIGNED_IN = "signed_in"  # any signed-in user; the page shows only what the user may see
PUBLIC = "public"  # anyone, signed in or not (login, logout, language)

# A job's pages are its owner's alone (exchange.access): the owner of each scope's jobs below.
OWNER = "owner"
OWNER_ANSWERING = "owner_answering"  # the owner, who may also answer there now (an import)
JOB_OWNER = {"own": "tim_rb", "other_opd": "tim_rb", "other_pemda": "admin"}

# The other Pemda's name: no page may show it to anyone but the admin.
FOREIGN = "Seberang"


# ---------------------------------------------------------------------------------------------
# The world


@dataclass
class Target:
    """The objects a request is about, in one scope."""

    cycle: Cycle
    indicator: str
    question: str
    opd: Organisation
    pemda: Organisation
    linked: Evidence  # the OPD's evidence, linked to ``question``
    loose: Evidence  # the OPD's evidence uploaded in the cycle, not linked to any question
    submitted: str  # a question of the indicator waiting for the Tim RB's review
    accepted: str  # one accepted by the Tim RB, waiting for the Inspektorat's verification
    scope: str = ""
    # the SKM survey's objects of this scope (tests/web/matrix_surveys.py)
    mpp: Any = None
    agency: Any = None
    counter: Any = None
    service: Any = None
    kiosk: Any = None
    followup: Any = None


@dataclass
class World:
    users: dict[str, Any]
    targets: dict[str, Target]
    framework: FrameworkVersion
    framework_next: FrameworkVersion
    media_root: str
    jobs: dict[str, dict[str, Job]] = field(default_factory=dict)
    """scope -> kind -> a finished job of that scope's cycle, owned by JOB_OWNER[scope]"""
    instrument_job: Job | None = None
    # every table as it is with all cycles in a stage (each cell starts from one of these)
    baselines: dict[str, dict[str, list[dict[str, Any]]]] = field(default_factory=dict)
    who: str = ""
    """Who the running cell is (for objects that belong to a person: their notification)."""

    def baseline(self, stage: str) -> dict[str, list[dict[str, Any]]]:
        if stage not in self.baselines:
            self.baselines[stage] = snapshot()
        return self.baselines[stage]


def _org(name: str, kind: str, parent: Organisation | None = None, short: str = "") -> Organisation:
    return Organisation.objects.create(name=name, short_name=short, kind=kind, parent=parent)


def _user(username: str, org: Organisation, role: str) -> Any:
    user = get_user_model().objects.create(username=username, first_name=username.title())
    Membership.objects.create(user=user, organisation=org, role=role)
    return user


def _fill(cycle: Cycle, code: str, opd: Organisation, person: Any, by: Any) -> Target:
    """Indicator ``code`` assigned to ``opd``: question a answered (a draft), with evidence
    (linked and not) and a comment; b submitted to the Tim RB; c accepted by the Tim RB."""
    question, submitted, accepted = f"{code}.a", f"{code}.b", f"{code}.c"
    assignment_create(cycle=cycle, indicator_code=code, opd=opd, person=person, due_date=DAY, by=by)
    # the OPD's own person answers (the Tim RB reviews only what others answered)
    for q in (question, submitted, accepted):
        answer_save(
            cycle=cycle,
            question_code=q,
            value="B",
            level="self",
            by=person or by,
            expected_version=0,
        )
    AnswerStatus.objects.filter(cycle=cycle, question_code=submitted).update(state="submitted")
    AnswerStatus.objects.filter(cycle=cycle, question_code=accepted).update(state="accepted")
    evidence = [
        evidence_store(
            organisation=opd,
            cycle=cycle,
            title=f"SK {code} {opd.label} {n}",
            by=by,
            content=tiny_pdf(f"{cycle.pk} {code} {n}"),
            filename=f"sk-{n}.pdf",
            document_date=DAY,
        )
        for n in ("linked", "loose")
    ]
    evidence_link(evidence=evidence[0], cycle=cycle, question_code=question, by=by)
    Comment.objects.create(cycle=cycle, question_code=question, author=by, text="catatan")
    return Target(cycle, code, question, opd, cycle.organisation, *evidence, submitted, accepted)


def build_world(media_root: str) -> World:
    province = _org("Provinsi Contoh", "province")
    kota = _org("Kota Contoh", "kota", province)
    own_opd = _org("Dinas Kependudukan", "opd", kota, "Disdukcapil")
    other_opd = _org("Dinas Kesehatan", "opd", kota, "Dinkes")
    far_province = _org(f"Provinsi {FOREIGN}", "province")
    far = _org(f"Kabupaten {FOREIGN}", "kabupaten", far_province)
    far_opd = _org(f"Sekretariat Daerah {FOREIGN}", "opd", far, "Setda")
    users = {
        "pimpinan": _user("pimpinan", kota, "pimpinan"),
        "tim_rb": _user("timrb", kota, "tim_rb"),
        "tim_opd": _user("dukcapil", own_opd, "tim_opd"),
        "inspektorat": _user("inspektur", kota, "inspektorat"),
        "evaluator": _user("evaluator", province, "evaluator"),
        "admin": _user("admin", province, "admin"),
    }
    dinkes = _user("dinkes", other_opd, "tim_opd")
    version, _ = framework_register(
        text=framework_text(questions=4, koefisien=True), source="matrix.yaml"
    )
    fw = framework_activate(version=version)
    fw_next, _ = framework_register(
        text=framework_text(questions=4, version="2"), source="matrix-2.yaml"
    )
    dates = {
        "self_assessment_starts": dt.date(2024, 5, 1),
        "self_assessment_ends": dt.date(2024, 6, 30),
        "final_deadline": dt.date(2024, 8, 31),
    }
    own_cycle = cycle_create(
        organisation=kota, framework=fw, year=2024, by=users["tim_rb"], **dates
    )
    far_cycle = cycle_create(organisation=far, framework=fw, year=2024, by=users["admin"], **dates)
    for region in (kota, far):
        PublishedResult.objects.create(
            organisation=region, year=2023, index="57.83", grade="CC", source="Surat uji"
        )
    for c, by in ((own_cycle, users["tim_rb"]), (far_cycle, users["admin"])):
        target_set(cycle=c, by=by, grade="BB")
        plan_make(cycle=c, by=by, peers=[])
        for user in (*users.values(), dinkes):
            Sandbox.objects.create(cycle=c, owner=user, overrides={"A2.2.b": "C"})
    for user in users.values():
        Notification.objects.create(user=user, kind="overdue", key="matrix", params={}, url="/")
    targets = {
        "own": _fill(own_cycle, "A1.1", own_opd, users["tim_opd"], users["tim_rb"]),
        "other_opd": _fill(own_cycle, "A1.2", other_opd, dinkes, users["tim_rb"]),
        "other_pemda": _fill(far_cycle, "A1.1", far_opd, None, users["admin"]),
    }
    for scope, t in targets.items():
        t.scope = scope
        fill_survey(t, t.opd, users["admin"], f"MPP {t.opd.label} {t.pemda.name}")
    world = World(
        users=users,
        targets=targets,
        framework=fw,
        framework_next=fw_next,
        media_root=media_root,
    )
    for scope, t in world.targets.items():
        world.jobs[scope] = _jobs(t, users[JOB_OWNER[scope]])
    world.instrument_job = Job.objects.create(
        kind=Job.Kind.IMPORT_INSTRUMENT,
        owner=users["admin"],
        status=Job.Status.DONE,
        result={
            "yaml": framework_text(fid="matrix-imported", version="3"),
            "id": "matrix-imported",
            "version": "3",
            "findings": [],
        },
    )
    return world


def _jobs(t: Target, owner: Any) -> dict[str, Job]:
    """A finished export and leadership report (with their files) and a previewed import of one
    change, by ``owner``."""
    export = Job.objects.create(
        kind=Job.Kind.EXPORT_LKE, owner=owner, cycle=t.cycle, status=Job.Status.DONE
    )
    job_result_file(export, "lke.xlsx", b"PK matrix", "application/octet-stream")
    export.save()
    plan = {"level": "reviewer", "changes": [
        {"code": t.question, "after": "A", "before": "", "version": 0, "indicator": t.indicator}
    ]}  # fmt: skip
    preview = Job.objects.create(
        kind=Job.Kind.IMPORT_ANSWERS, owner=owner, cycle=t.cycle, status=Job.Status.DONE,
        result=plan,
    )  # fmt: skip
    leadership = Job.objects.create(
        kind=Job.Kind.REPORT_LEADERSHIP, owner=owner, cycle=t.cycle, status=Job.Status.DONE
    )
    job_result_file(leadership, "laporan.pdf", b"%PDF matrix", "application/pdf")
    leadership.save()
    return {"export": export, "import": preview, "leadership": leadership}


@pytest.fixture(scope="module")
def world(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    """The world, built once per module inside a transaction rolled back at the end."""
    media = str(tmp_path_factory.mktemp("matrix-media"))
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=media, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
        ),
        transaction.atomic(),
    ):
        yield build_world(media)
        transaction.set_rollback(True)


@pytest.fixture
def in_world(world: World, settings: Any) -> World:
    settings.MEDIA_ROOT = world.media_root  # the world's evidence files live there
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.RAPOR_SURVEY_MIN_SECONDS = 0  # the public survey's submit row posts at once
    return world


# ---------------------------------------------------------------------------------------------
# The views


Args = Callable[[Target, World], list[Any]]
Data = Callable[[Target, World], dict[str, Any]]


def no_args(t: Target, w: World) -> list[Any]:
    return []


def cycle_args(t: Target, w: World) -> list[Any]:
    return [t.cycle.pk]


def indicator_args(t: Target, w: World) -> list[Any]:
    return [t.cycle.pk, t.indicator]


def question_args(t: Target, w: World) -> list[Any]:
    return [t.cycle.pk, t.question]


def evidence_args(which: str) -> Args:
    def args(t: Target, w: World) -> list[Any]:
        return [t.cycle.pk, getattr(t, which).pk]

    return args


def file_upload(to_question: bool) -> Data:
    def data(t: Target, w: World) -> dict[str, Any]:
        pdf = tiny_pdf(f"new evidence {t.cycle.pk} {t.question}")
        return {
            "file": SimpleUploadedFile("surat.pdf", pdf, content_type="application/pdf"),
            "title": "Surat baru",
            "document_date": "2024-05-21",
            "question": t.question if to_question else "",
        }

    return data


def url_upload(t: Target, w: World) -> dict[str, Any]:
    return {
        "url": "https://example.org/sk.pdf",
        "title": "SK daring",
        "document_date": "2024-05-21",
        "question": t.question,
    }


def status_version(cycle: Cycle, code: str) -> int:
    return AnswerStatus.objects.get(cycle=cycle, question_code=code).version


def review(verb: str, level: str) -> Data:
    """Accept or return (with a note) the question waiting for ``level``."""

    def data(t: Target, w: World) -> dict[str, Any]:
        code = t.submitted if level == "reviewer" else t.accepted
        return {
            "question": code,
            "verb": verb,
            "level": level,
            "version": status_version(t.cycle, code),
            "note": "Lengkapi SK yang sudah ditandatangani.",
        }

    return data


def back_to_queue(t: Target, w: World) -> list[Any]:
    return ["assessments:review_queue", t.cycle.pk]


def review_bulk(verb: str) -> Data:
    """Accept or return (with one note) the ticked questions waiting for the Tim RB."""

    def data(t: Target, w: World) -> dict[str, Any]:
        return {
            "items": [f"{t.submitted}:{status_version(t.cycle, t.submitted)}"],
            "verb": verb,
            "level": "reviewer",
            "note": "Lengkapi SK yang sudah ditandatangani.",
        }

    return data


def framework_upload(t: Target, w: World) -> dict[str, Any]:
    text = framework_text(fid="matrix-upload", version="9")
    return {"file": SimpleUploadedFile("fw.yaml", text.encode())}


def own_notification(t: Target, w: World) -> list[Any]:
    user = w.users.get(w.who, w.users["admin"])
    return [Notification.objects.get(user=user, key="matrix").pk]


def plan_args(t: Target, w: World) -> list[Any]:
    return [t.cycle.pk, SavedPlan.objects.filter(cycle=t.cycle).first().pk]


def result_form(t: Target, w: World) -> dict[str, Any]:
    return {"region": t.pemda.pk, "year": 2031, "index": "61,50", "source": "Surat uji"}


def result_csv(t: Target, w: World) -> dict[str, Any]:
    text = f"wilayah,tahun,indeks,sumber\n{t.pemda.name},2031,61.50,Surat uji\n"
    return {"file": SimpleUploadedFile("hasil.csv", text.encode())}


def answer_at(level: str) -> Data:
    def data(t: Target, w: World) -> dict[str, Any]:
        row = Answer.objects.filter(cycle=t.cycle, question_code=t.question, level=level).first()
        return {
            "question": t.question,
            "value": "B" if row and row.value == "A" else "A",
            "level": level,
            "version": row.version if row else 0,
        }

    return data


def job_args(which: str) -> Args:
    def args(t: Target, w: World) -> list[Any]:
        scope = next(s for s, target in w.targets.items() if target is t)
        return [w.jobs[scope][which].pk]

    return args


def workbook_upload(t: Target, w: World) -> dict[str, Any]:
    data = cycle_workbook(t.cycle)
    return {"file": SimpleUploadedFile("lke.xlsx", data), "block": 1}


def instrument_upload(t: Target, w: World) -> dict[str, Any]:
    data = cycle_workbook(w.targets["own"].cycle)
    return {"file": SimpleUploadedFile("lke.xlsx", data), "block": 1, "framework_id": "imp"}


@dataclass(frozen=True)
class View:
    """A row of the matrix: a URL name and what it needs.

    ``get`` / ``post`` name the action the method needs (None: the method is not tested because
    the view does not accept it). ``kind`` says what the object is: a cycle's object ("cycle",
    scopes own / other OPD / other Pemda, or "pemda" when only the Pemda matters), a Pemda
    chosen in a form ("org"), an MPP of the SKM survey ("mpp": scopes as for a cycle, no stage),
    nothing ("none": lists filtered to the user), or global ("global":
    frameworks and users are not owned by an organisation).
    """

    name: str
    kind: str
    get: str | None = None
    post: str | None = None
    args: Args = no_args
    data: Data | None = None
    note: str = ""
    stages: tuple[str, ...] = ()
    # the page is also only for roles that may do one of these actions (somewhere)
    for_roles_with: tuple[str, ...] = ()
    # A refused POST may also come back as a redirect to this page (URL name and arguments)
    # with an error message: when the object is a choice in the form and a choice outside the
    # user's scope is not offered (a new cycle for another Pemda), or when the view acts at the
    # user's own review level and the chain refuses the move (the Tim RB "verifying", the
    # Inspektorat "reviewing": the question is not in the state that level works on).
    refused_redirect: Args | None = None
    # A refused POST may also come back as bad input (400, the page with the problems): a file
    # naming a region outside the user's reach is a file with a bad row, said row by row.
    refused_as_bad_input: bool = False
    # A domain rule (tested on its own) may refuse an allowed POST in the matrix's world: then
    # the answer is a redirect with a message and nothing changes (the submit rule needs every
    # question verified, which the world's half-done cycles are not).
    rule_may_refuse: bool = False

    @property
    def label(self) -> str:
        return self.name + (f" ({self.note})" if self.note else "")

    def scopes(self) -> tuple[str, ...]:
        return {
            "cycle": SCOPES,
            "pemda": ("own", "other_pemda"),
            "mpp": SCOPES,
            "org": ("own", "other_pemda"),
            "none": ("any",),
            "global": ("any",),
            "job": SCOPES,
        }[self.kind]

    def stages_for(self, method: str) -> tuple[str, ...]:
        if self.kind not in ("cycle", "pemda", "job"):
            return ("self_assessment",)
        if self.stages:
            return self.stages
        action = self.get if method == "get" else self.post
        if method == "get":
            # drafts and submitted work: the evaluator sees only the latter
            return ("self_assessment", "submitted")
        opened = sorted(OPEN_IN.get(action or "", {"self_assessment"}), key=STAGES.index)
        closed = [s for s in STAGES if s not in OPEN_IN.get(action or "", set(STAGES))]
        return (opened[0], *(closed[-1:] or ["closed"]))


VIEWS: list[View] = [
    # the project: sign in and out, language
    View("login", "none", get=PUBLIC, post=PUBLIC, data=lambda t, w: {"username": "x"}),
    View("logout", "none", post=PUBLIC),
    View("set_language", "none", post=PUBLIC, data=lambda t, w: {"language": "en", "next": "/"}),
    # accounts: the second sign-in step, password change and reset, the second factor
    View("accounts:login_code", "none", get=PUBLIC, post=PUBLIC, data=lambda t, w: {"code": "1"}),
    View("accounts:account", "none", get=SIGNED_IN),
    View("accounts:password_change", "none", get=SIGNED_IN, post=SIGNED_IN),
    View("accounts:password_reset", "none", get=PUBLIC, post=PUBLIC),
    View("accounts:password_reset_done", "none", get=PUBLIC),
    View(
        "accounts:password_reset_confirm",
        "none",
        get=PUBLIC,
        post=PUBLIC,
        args=lambda t, w: ["MQ", "set-password"],
    ),
    View("accounts:two_factor", "global", get="use_two_factor", post="use_two_factor"),
    View("accounts:two_factor_disable", "none", post=SIGNED_IN),
    # Beranda, Tugas Saya, the "current cycle" shortcuts and the list of cycles
    View("assessments:home", "none", get=SIGNED_IN),
    View("assessments:my_work", "none", get=SIGNED_IN),
    View("assessments:workspace_current", "none", get=SIGNED_IN),
    View("assessments:assignments_current", "none", get=SIGNED_IN),
    View("assessments:cycles", "none", get=SIGNED_IN),
    # Lembar Kerja
    View("assessments:workspace", "pemda", get="view_cycle", args=cycle_args),
    View("assessments:question", "cycle", get="view_cycle", args=question_args),
    View(
        "assessments:answer",
        "cycle",
        post="answer",
        args=cycle_args,
        data=answer_at("self"),
        note="self level",
    ),
    View(
        "assessments:answer",
        "cycle",
        post="review",
        args=cycle_args,
        data=answer_at("reviewer"),
        note="Tim RB review level",
    ),
    View(
        "assessments:answer",
        "cycle",
        post="verify",
        args=cycle_args,
        data=answer_at("verifier"),
        note="Inspektorat verification level",
    ),
    # Reviu / Verifikasi, Kirim, Komentar & Riwayat
    View("assessments:review_queue_current", "none", get=SIGNED_IN),
    View(
        "assessments:review_queue",
        "pemda",
        get="view_cycle",
        args=cycle_args,
        for_roles_with=("review", "verify"),
    ),
    View(
        "assessments:review_action",
        "cycle",
        post="review",
        args=cycle_args,
        data=review("accept", "reviewer"),
        note="Tim RB accepts",
        refused_redirect=back_to_queue,
    ),
    View(
        "assessments:review_action",
        "cycle",
        post="review",
        args=cycle_args,
        data=review("return", "reviewer"),
        note="Tim RB returns with a note",
        refused_redirect=back_to_queue,
    ),
    View(
        "assessments:review_action",
        "cycle",
        post="verify",
        args=cycle_args,
        data=review("accept", "verifier"),
        note="Inspektorat verifies",
        refused_redirect=back_to_queue,
    ),
    View(
        "assessments:review_action",
        "cycle",
        post="verify",
        args=cycle_args,
        data=review("return", "verifier"),
        note="Inspektorat returns with a note",
        refused_redirect=back_to_queue,
    ),
    View(
        "assessments:review_bulk",
        "cycle",
        post="review",
        args=cycle_args,
        data=review_bulk("accept"),
        note="accept",
        refused_redirect=back_to_queue,
    ),
    View(
        "assessments:review_bulk",
        "cycle",
        post="review",
        args=cycle_args,
        data=review_bulk("return"),
        note="return with a note",
        refused_redirect=back_to_queue,
    ),
    View(
        "assessments:submit_indicator",
        "cycle",
        post="submit_answers",
        args=indicator_args,
        data=lambda t, w: {"questions": [t.question]},
    ),
    View("assessments:question_activity", "cycle", get="view_cycle", args=question_args),
    View(
        "assessments:question_comment",
        "cycle",
        post="comment",
        args=question_args,
        data=lambda t, w: {"text": "Mohon unggah SK terbaru."},
    ),
    # Bukti Dukung: the library, adding (to a question or to the library), linking, files
    View("assessments:evidence_library_current", "none", get=SIGNED_IN),
    View("assessments:evidence_library", "pemda", get="view_cycle", args=cycle_args),
    View("assessments:evidence_panel", "cycle", get="upload_evidence", args=question_args),
    View(
        "assessments:evidence_upload",
        "cycle",
        post="upload_evidence",
        args=cycle_args,
        data=file_upload(to_question=True),
        note="to a question",
    ),
    View(
        "assessments:evidence_upload",
        "pemda",
        post="upload_evidence",
        args=cycle_args,
        data=file_upload(to_question=False),
        note="to the library",
    ),
    View(
        "assessments:evidence_add_url",
        "cycle",
        post="upload_evidence",
        args=cycle_args,
        data=url_upload,
    ),
    View(
        "assessments:evidence_link",
        "cycle",
        post="upload_evidence",
        args=question_args,
        data=lambda t, w: {"evidence": t.loose.pk},
    ),
    View(
        "assessments:evidence_unlink",
        "cycle",
        post="upload_evidence",
        args=lambda t, w: [t.cycle.pk, t.question, t.linked.pk],
    ),
    View(
        "assessments:evidence_preview",
        "cycle",
        get="view_cycle",
        args=evidence_args("linked"),
        note="linked to a question",
    ),
    View(
        "assessments:evidence_preview",
        "cycle",
        get="view_evidence",
        args=evidence_args("loose"),
        note="not linked",
    ),
    View(
        "assessments:evidence_download",
        "cycle",
        get="view_cycle",
        args=evidence_args("linked"),
        note="linked to a question",
    ),
    View(
        "assessments:evidence_download",
        "cycle",
        get="view_evidence",
        args=evidence_args("loose"),
        note="not linked",
    ),
    # Penugasan
    View("assessments:assignments", "pemda", get="view_cycle", args=cycle_args),
    View(
        "assessments:assignment_edit",
        "cycle",
        get="assign",
        post="assign",
        args=indicator_args,
        data=lambda t, w: {"opd": t.opd.pk, "due_date": "2031-03-01"},
    ),
    View(
        "assessments:assignment_area",
        "cycle",
        post="assign",
        args=cycle_args,
        data=lambda t, w: {"area": "AR1", "opd": t.opd.pk, "due_date": "2031-03-02"},
    ),
    # Siklus
    View(
        "assessments:cycle_settings",
        "pemda",
        get="view_cycle",
        post="manage_cycle",
        args=cycle_args,
        data=lambda t, w: {"stage": t.cycle.stage, "final_deadline": "2031-04-01"},
    ),
    View(
        "assessments:cycle_submit",
        "pemda",
        post="submit_cycle",
        args=cycle_args,
        rule_may_refuse=True,
    ),
    View(
        "assessments:cycle_reopen",
        "pemda",
        post="reopen_cycle",
        args=cycle_args,
        data=lambda t, w: {"reason": "Koreksi data setelah dikirim."},
    ),
    View(
        "assessments:cycle_correction",
        "pemda",
        post="manage_cycle",
        args=lambda t, w: [t.cycle.pk, "KOEF"],
        data=lambda t, w: {"value": "-1,5", "version": 0},
        note="the koefisien",
    ),
    View(
        "assessments:cycle_new",
        "org",
        post="manage_cycle",
        data=lambda t, w: {"organisation": t.pemda.pk, "framework": w.framework.pk, "year": 2031},
        refused_redirect=lambda t, w: ["assessments:cycles"],
    ),
    # Kerangka, Organisasi & Pengguna
    View(
        "assessments:frameworks",
        "global",
        get="manage_frameworks",
        post="manage_frameworks",
        data=framework_upload,
    ),
    View(
        "assessments:framework_activate",
        "global",
        post="manage_frameworks",
        args=lambda t, w: [w.framework_next.pk],
    ),
    # Ekspor & Impor, jobs, reports
    View("exchange:home_current", "none", get=SIGNED_IN),
    View("exchange:home", "pemda", get="view_cycle", args=cycle_args),
    View("exchange:export_lke", "pemda", post="view_cycle", args=cycle_args),
    View("exchange:answers_csv", "pemda", get="view_cycle", args=cycle_args),
    View("exchange:evidence_csv", "pemda", get="view_cycle", args=cycle_args),
    View("exchange:bundle", "pemda", get="view_cycle", args=cycle_args),
    View(
        "exchange:import_answers",
        "pemda",
        post="answer",
        args=cycle_args,
        data=workbook_upload,
        note="an OPD for its own indicators, the Tim RB for all",
    ),
    View("exchange:job", "job", get=OWNER, args=job_args("export")),
    View("exchange:job_download", "job", get=OWNER, args=job_args("export")),
    View(
        "exchange:job_download",
        "job",
        get=OWNER,
        args=job_args("leadership"),
        note="leadership report: the owner while they see the dashboard",
    ),
    View(
        "exchange:import_apply",
        "job",
        post=OWNER_ANSWERING,
        args=job_args("import"),
        stages=("self_assessment", "closed"),
    ),
    View("reports:verification", "pemda", post="view_cycle", args=cycle_args),
    View("reports:leadership", "pemda", post="view_dashboard", args=cycle_args),
    View(
        "exchange:instrument_import",
        "global",
        post="manage_frameworks",
        data=instrument_upload,
    ),
    View(
        "exchange:instrument_save",
        "global",
        post="manage_frameworks",
        args=lambda t, w: [w.instrument_job.pk] if w.instrument_job else [0],
    ),
    View("orgs:overview", "global", get="manage_users"),
    View("orgs:permissions", "global", get="manage_users"),
    View(
        "orgs:users",
        "global",
        get="manage_users",
        post="manage_users",
        data=lambda t, w: {"username": "baru", "first_name": "Baru", "password": "Sandi-baru-2031"},
    ),
    View(
        "orgs:user",
        "global",
        get="manage_users",
        post="manage_users",
        args=lambda t, w: [w.users["tim_opd"].pk],
        data=lambda t, w: {"first_name": "Ganti", "email": "ganti@example.org"},
    ),
    View(
        "orgs:user_active",
        "global",
        post="manage_users",
        args=lambda t, w: [w.users["tim_opd"].pk],
        data=lambda t, w: {"active": "0"},
    ),
    View(
        "orgs:user_password",
        "global",
        post="manage_users",
        args=lambda t, w: [w.users["tim_opd"].pk],
        data=lambda t, w: {"password": "Sandi-baru-2031", "again": "Sandi-baru-2031"},
    ),
    View(
        "orgs:user_membership_add",
        "global",
        post="manage_users",
        args=lambda t, w: [w.users["tim_opd"].pk],
        data=lambda t, w: {"organisation": w.targets["other_opd"].opd.pk, "role": "tim_opd"},
    ),
    View(
        "orgs:membership_delete",
        "global",
        post="manage_users",
        args=lambda t, w: [Membership.objects.get(user__username="dinkes").pk],
    ),
    # Beranda (the dashboard or the work counters, by role) and the dashboard itself
    View("home", "none", get=SIGNED_IN),
    View("steering:dashboard_current", "none", get=SIGNED_IN),
    View("steering:dashboard", "pemda", get="view_dashboard", args=cycle_args),
    # Kemudi: league tables, published results, agencies ranked
    View("steering:league", "none", get=SIGNED_IN),
    View("exchange:league_csv", "none", get=SIGNED_IN),
    View("steering:results", "global", get="record_results"),
    View("steering:results", "org", post="record_results", data=result_form, note="form"),
    View(
        "steering:results_import",
        "org",
        post="record_results",
        data=result_csv,
        refused_as_bad_input=True,
    ),
    View(
        "steering:result_delete",
        "org",
        post="record_results",
        args=lambda t, w: [PublishedResult.objects.get(organisation=t.pemda).pk],
    ),
    View("steering:agencies_current", "none", get=SIGNED_IN),
    View("steering:agencies", "pemda", get="view_cycle", args=cycle_args),
    # Rencana: target, efforts, plans; Simulasi
    View("steering:planner_current", "none", get=SIGNED_IN),
    View(
        "steering:planner",
        "pemda",
        get="view_dashboard",
        post="plan",
        args=cycle_args,
        data=lambda t, w: {"grade": "B", "rank": "2", "due_date": "2031-05-01"},
    ),
    View("steering:plan_make", "pemda", post="plan", args=cycle_args),
    View(
        "steering:efforts",
        "pemda",
        get="plan",
        post="plan",
        args=cycle_args,
        data=lambda t, w: {"bagian": "A1", "effort-A1.1.a": "2,5"},
    ),
    View("steering:plan", "pemda", get="view_dashboard", args=plan_args),
    View(
        "steering:plan_apply",
        "pemda",
        post="assign",
        args=plan_args,
        data=lambda t, w: {"due_date": "2031-05-01"},
        note="needs plan and assign",
    ),
    View("steering:whatif_current", "none", get=SIGNED_IN),
    View("steering:whatif", "pemda", get="simulate", args=cycle_args),
    View(
        "steering:whatif_set",
        "pemda",
        post="simulate",
        args=cycle_args,
        data=lambda t, w: {"bagian": "A1", "v-A1.1.a": "A"},
    ),
    View(
        "steering:whatif_plan",
        "pemda",
        post="simulate",
        args=cycle_args,
        data=lambda t, w: {"plan": SavedPlan.objects.filter(cycle=t.cycle).first().pk},
    ),
    View("steering:whatif_reset", "pemda", post="simulate", args=cycle_args),
    # Notifikasi: one's own only (another person's is a 404, tested in tests/notifications)
    View("notifications:list", "none", get=SIGNED_IN),
    View("notifications:read", "none", post=SIGNED_IN, args=own_notification),
    View("notifications:read_all", "none", post=SIGNED_IN),
]
VIEWS += survey_rows(View, PUBLIC)


# ---------------------------------------------------------------------------------------------
# Expectations and outcomes


def expected(view: View, method: str, who: str, scope: str, stage: str) -> bool:
    action = view.get if method == "get" else view.post
    assert action is not None
    if action == PUBLIC:
        return True
    if who == "anonymous":
        return False
    if action == SIGNED_IN:
        return True
    if action in (OWNER, OWNER_ANSWERING):
        if who != JOB_OWNER[scope]:
            return False
        if action == OWNER_ANSWERING:
            return stage in OPEN_IN["answer"] and who in ALLOWED["answer", scope]
        return stage in SEES_ONLY.get(who, set(STAGES))
    if view.kind == "global":
        return who in ALLOWED[action, "any"]
    if view.for_roles_with and not any(who in ALLOWED[a, "own"] for a in view.for_roles_with):
        return False
    if view.kind == "cycle" or view.kind == "pemda":
        if stage not in SEES_ONLY.get(who, set(STAGES)):
            return False
        if stage not in OPEN_IN.get(action, set(STAGES)):
            return False
    return who in ALLOWED[action, scope]


MODELS = [
    TOTPDevice,
    Answer,
    AnswerStatus,
    Assignment,
    Evidence,
    EvidenceLink,
    Comment,
    HistoryEvent,
    Cycle,
    FrameworkVersion,
    Organisation,
    Membership,
    Job,
    PublishedResult,
    SteeringEvent,
    SteeringTarget,
    EffortInput,
    SavedPlan,
    Sandbox,
    Notification,
    AccountEvent,
    get_user_model(),
    *SURVEY_MODELS,
]


def snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every row of every table a view might change, values included (a user's last_login is
    left out: signing the matrix's people in sets it, outside the cells)."""

    def fields(m: Any) -> list[str]:
        return [f.attname for f in m._meta.concrete_fields if f.attname != "last_login"]

    return {m.__name__: list(m.objects.order_by("pk").values(*fields(m))) for m in MODELS}


def outcome(response: Any) -> str:
    code = response.status_code
    if code in (200, 204):
        return "ok"
    if code == 302:
        location = response["Location"]
        return "login" if location.startswith(reverse("login")) else f"redirect {location}"
    if code in (403, 404):
        return "refused"
    return f"status {code}"


def content(response: Any) -> str:
    """The body as text. A file is read to the end, which closes it: the test client closes a
    streaming response when its content is exhausted, with Django's close_old_connections
    disconnected. (Calling response.close() here would fire request_finished with it connected
    and, inside the test's transaction, close the PostgreSQL connection.)"""
    if not response.streaming:
        return response.content.decode(errors="replace")  # PDFs too
    return b"".join(response.streaming_content).decode("latin-1")


@dataclass
class Cell:
    view: View
    method: str
    who: str
    scope: str
    stage: str
    problems: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{self.method.upper()} {self.view.label} as {self.who} on {self.scope} in {self.stage}"
        )


def run_cell(cell: Cell, world: World, client: Client) -> None:
    view, t = cell.view, world.targets.get(cell.scope, world.targets["own"])
    world.who = cell.who
    with transaction.atomic():
        Cycle.objects.update(stage=cell.stage)
        t.cycle.refresh_from_db()
        url = reverse(view.name, args=view.args(t, world))
        before = world.baseline(cell.stage)
        if cell.method == "get":
            response = client.get(url)
        else:
            response = client.post(url, view.data(t, world) if view.data else {})
        body = content(response)
        after = snapshot()
        transaction.set_rollback(True)
    got = outcome(response)
    allowed = expected(view, cell.method, cell.who, cell.scope, cell.stage)
    action = view.get if cell.method == "get" else view.post
    if allowed:
        ok = got == "ok" or got.startswith("redirect") or (action == PUBLIC and got == "login")
        if not ok:
            cell.problems.append(f"{cell}: expected allowed, got {got}")
        elif (
            cell.method == "post"
            and action not in (PUBLIC, SIGNED_IN)
            and before == after
            and not view.rule_may_refuse
        ):
            cell.problems.append(f"{cell}: allowed but nothing changed (check the test's data)")
    else:
        refused = {"anonymous": {"login"}}.get(cell.who, {"refused"})
        if view.refused_redirect and cell.who != "anonymous":
            name, *args = view.refused_redirect(t, world)
            refused = refused | {f"redirect {reverse(name, args=args)}"}
        if view.refused_as_bad_input and cell.who != "anonymous":
            refused = refused | {"status 400"}
        if got not in refused:
            cell.problems.append(f"{cell}: expected refused ({'/'.join(refused)}), got {got}")
        if before != after:
            changed = [m for m in before if before[m] != after[m]]
            cell.problems.append(f"{cell}: refused but changed {', '.join(changed)}")
    if cell.method == "get" and got == "ok" and cell.who != "admin" and FOREIGN in body:
        cell.problems.append(f"{cell}: the page shows the other Pemda ({FOREIGN})")


def cells(view: View, who: str) -> Iterator[Cell]:
    for method in ("get", "post"):
        if getattr(view, method) is None:
            continue
        for scope in view.scopes():
            for stage in view.stages_for(method):
                yield Cell(view, method, who, scope, stage)


# ---------------------------------------------------------------------------------------------
# The tests


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("view", VIEWS, ids=[v.label for v in VIEWS])
def test_each_view_lets_each_role_do_exactly_what_the_table_says(in_world, view, who):
    client = Client()
    if who != "anonymous":
        client.force_login(in_world.users[who])  # outside the cells: their changes roll back
    problems: list[str] = []
    for cell in cells(view, who):
        run_cell(cell, in_world, client)
        problems += cell.problems
    assert not problems, "\n".join(problems)


def url_names(resolver: URLResolver | None = None, prefix: str = "") -> Iterator[str]:
    """Every named URL of the project, with its namespace (the Django admin excluded)."""
    for p in (resolver or get_resolver("rapor.web.urls")).url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue
            yield from url_names(p, f"{prefix}{p.namespace}:" if p.namespace else prefix)
        elif isinstance(p, URLPattern):
            yield f"{prefix}{p.name}" if p.name else f"{prefix}<unnamed {p.pattern}>"


def test_every_url_of_the_project_is_in_the_matrix():
    names = set(url_names()) - {"static", "media"}
    covered = {v.name for v in VIEWS}
    missing = sorted(names - covered)
    assert not missing, f"add these views to VIEWS in {__name__}: {missing}"
    assert not covered - names, f"the matrix names views that do not exist: {covered - names}"


# Django's language switch answers a GET with a redirect and changes nothing (its documented way).
GET_REDIRECTS = {"set_language"}


def test_every_view_tested_only_by_post_refuses_a_get(in_world):
    """So that no link (or prefetching browser) changes anything."""
    client = Client()
    client.force_login(in_world.users["admin"])
    with_get = {v.name for v in VIEWS if v.get is not None}
    for view in VIEWS:
        if view.get is None and view.name not in GET_REDIRECTS | with_get:
            url = reverse(view.name, args=view.args(in_world.targets["own"], in_world))
            assert client.get(url).status_code == 405, view.label


def test_the_allowed_table_says_what_the_permission_tables_say():
    """ALLOWED, OPEN_IN and SEES_ONLY are orgs/permissions.py's tables, written out."""
    scope_rule = {
        # (role scope, scope of the object, action is OPD-bound) → in scope?
        "own": lambda role_scope, bound: True,
        "other_opd": lambda role_scope, bound: not (role_scope == "own_opd" and bound),
        "other_pemda": lambda role_scope, bound: role_scope == "all",
        "any": lambda role_scope, bound: True,
    }
    derived = {}
    for action, scope in ALLOWED:
        derived[action, scope] = frozenset(
            role
            for role in ROLES
            if action in permissions.ROLE_ACTIONS[role]
            and scope_rule[scope](
                permissions.ROLE_SCOPES[role], action in permissions.OPD_BOUND_ACTIONS
            )
        )
    assert derived == ALLOWED
    assert {a for a, _s in ALLOWED} == set(permissions.ACTIONS) - {"view_all_regions"}
    assert dict(permissions.STAGE_ACTIONS) == OPEN_IN
    assert dict(permissions.ROLE_STAGES) == SEES_ONLY
    assert set(ROLES) == set(Membership.Role.values)
    assert set(STAGES) == {s for s, _ in Cycle._meta.get_field("stage").choices}
