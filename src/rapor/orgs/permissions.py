"""Who may do what: one table of role × action, one of scopes, one of stage windows.

How this works: ``can(user, action, obj)`` looks at each of the user's memberships; a membership
grants the action when its role has the action in ``ROLE_ACTIONS``, the object lies in the role's
scope (``ROLE_SCOPES``), and, for an object of a cycle, the cycle's stage allows the action
(``STAGE_ACTIONS``) and the role may see a cycle in that stage (``ROLE_STAGES``). The objects are
an Organisation, a Cycle or an Assignment, or anything with the same attributes: ``scope_target()``
returns (pemda_id, opd_id or None, stage or None). Memberships are read once per request.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import Membership, Organisation

Role = Membership.Role

ACTIONS: dict[str, Any] = {
    "view_cycle": _("melihat siklus penilaian, nilai dan jawaban"),
    "answer": _("mengisi jawaban penilaian mandiri"),
    "upload_evidence": _("mengunggah dan menautkan bukti dukung"),
    "view_evidence": _("melihat bukti dukung yang belum ditautkan ke pertanyaan"),
    "comment": _("menulis komentar"),
    "submit_answers": _("mengirim jawaban ke Tim RB"),
    "assign": _("menugaskan indikator ke OPD"),
    "review": _("mereviu jawaban (Tim RB)"),
    "verify": _("memverifikasi jawaban (Inspektorat)"),
    "submit_cycle": _("mengirim penilaian ke evaluator"),
    "manage_cycle": _("membuat dan mengatur siklus"),
    "reopen_cycle": _("membuka kembali siklus yang sudah dikirim atau ditutup (dengan alasan)"),
    "manage_users": _("mengelola organisasi, pengguna dan peran"),
    "manage_frameworks": _("mengunggah dan mengaktifkan kerangka"),
    "view_all_regions": _("melihat semua wilayah dalam cakupan"),
    "view_league": _("melihat peringkat wilayah provinsi"),
    "record_results": _("mencatat hasil resmi wilayah provinsi"),
    "view_dashboard": _("melihat dasbor pimpinan"),
    "plan": _("menetapkan target dan menyusun rencana"),
    "simulate": _("mencoba simulasi (what-if) tanpa mengubah jawaban"),
    # The SKM survey at the MPP (an Mpp object: its Pemda and the OPD that runs it).
    "view_survey": _("melihat hasil Survei Kepuasan Masyarakat (SKM) MPP"),
    "manage_survey": _("mengelola MPP, layanan, survei, tindak lanjut dan publikasi SKM"),
    "use_two_factor": _("memakai verifikasi dua langkah (kode dari aplikasi autentikator)"),
}

ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.PIMPINAN: frozenset(
        {"view_cycle", "view_evidence", "view_league", "view_dashboard", "simulate", "view_survey"}
    ),
    Role.TIM_RB: frozenset(
        {
            "view_cycle",
            "answer",
            "upload_evidence",
            "view_evidence",
            "comment",
            "submit_answers",
            "assign",
            "review",
            "submit_cycle",
            "manage_cycle",
            "view_league",
            "record_results",
            "view_dashboard",
            "plan",
            "simulate",
            "view_survey",
            "manage_survey",
            "use_two_factor",
        }
    ),
    Role.TIM_OPD: frozenset(
        {
            "view_cycle",
            "answer",
            "upload_evidence",
            "view_evidence",
            "comment",
            "submit_answers",
            "view_league",
            "view_survey",
            "manage_survey",  # OPD-bound: only the team of the OPD that runs the MPP
        }
    ),
    Role.INSPEKTORAT: frozenset(
        {
            "view_cycle",
            "view_evidence",
            "comment",
            "verify",
            "view_league",
            "view_dashboard",
            "view_survey",
        }
    ),
    Role.EVALUATOR: frozenset({"view_cycle", "view_all_regions", "view_league", "view_survey"}),
    Role.ADMIN: frozenset(
        {
            "view_cycle",
            "view_evidence",
            "manage_cycle",
            "reopen_cycle",
            "manage_users",
            "manage_frameworks",
            "view_all_regions",
            "view_league",
            "record_results",
            "view_dashboard",
            "view_survey",
            "manage_survey",
            "use_two_factor",
        }
    ),
}

# own_opd: the OPD of the membership (its answers, its assignments); the cycle itself is seen
# through the Pemda. own_pemda: the Pemda of the membership. regions: the membership's
# organisation and every region below it. all: everything.
ROLE_SCOPES: dict[str, str] = {
    Role.PIMPINAN: "own_pemda",
    Role.TIM_RB: "own_pemda",
    Role.TIM_OPD: "own_opd",
    Role.INSPEKTORAT: "own_pemda",
    Role.EVALUATOR: "regions",
    Role.ADMIN: "all",
}
SCOPE_LABELS: dict[str, Any] = {
    "own_opd": _("OPD sendiri (indikator yang ditugaskan)"),
    "own_pemda": _("Pemda sendiri"),
    "regions": _("wilayah dalam cakupan"),
    "all": _("semua"),
}

# Actions that an OPD-scoped role may do only on objects of its own OPD.
# (Comments too: a Tim OPD comments on its own OPD's questions, and reads every other thread.)
# Evidence linked to a question is seen by whoever sees the cycle; view_evidence is for items
# not (yet) linked, which an OPD sees only when they are its own. An MPP is managed by the team
# of the OPD that runs it (its "OPD" in scope_target), besides the Tim RB and the admin.
OPD_BOUND_ACTIONS = frozenset(
    {"answer", "upload_evidence", "view_evidence", "submit_answers", "comment", "manage_survey"}
)

# Actions on figures shared by a province's regions (the league table, the published results)
# reach every region of the membership's province, whatever the role's own scope ("all" stays
# all). A league table shows each region's index, never its answers (steering/league.py).
PROVINCE_WIDE_ACTIONS = frozenset({"view_league", "record_results"})

# The stage windows: an action on a cycle's object is open only in these stages.
STAGE_ACTIONS: dict[str, frozenset[str]] = {
    # The chain runs while the cycle is open: what an OPD submits can be reviewed and verified
    # at once, in the weeks before the deadline. Stages close doors one by one: in verification
    # an OPD may only fix what was returned (domain/answers.LATE_STAGE_STATES); once submitted,
    # nothing changes.
    "answer": frozenset({"self_assessment", "review", "verification"}),
    "upload_evidence": frozenset({"self_assessment", "review", "verification"}),
    "submit_answers": frozenset({"self_assessment", "review", "verification"}),
    "assign": frozenset({"preparation", "self_assessment", "review"}),
    "review": frozenset({"self_assessment", "review", "verification"}),
    "verify": frozenset({"self_assessment", "review", "verification"}),
    "submit_cycle": frozenset({"verification"}),
    "reopen_cycle": frozenset({"submitted", "closed"}),
    "comment": frozenset({"preparation", "self_assessment", "review", "verification"}),
    # targets, efforts and plans steer an open cycle; a submitted one is history
    "plan": frozenset({"preparation", "self_assessment", "review", "verification"}),
}

# Roles that see a cycle only in some stages (an evaluator sees submitted work, never drafts).
ROLE_STAGES: dict[str, frozenset[str]] = {
    Role.EVALUATOR: frozenset({"submitted", "closed"}),
}


@dataclass(frozen=True)
class Grant:
    membership: Membership
    scope: str


def memberships(user: Any) -> list[Membership]:
    """The user's memberships with their organisations, read once per user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_rapor_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("organisation"))
        user._rapor_memberships = cached
    return cached


def _target(obj: Any) -> tuple[int | None, int | None, str | None, str]:
    """(pemda_id, opd_id, stage, path) of an object; path is the organisation's tree path."""
    if isinstance(obj, Organisation):
        return obj.pemda_id, obj.opd_id, None, obj.path
    pemda_id, opd_id, stage = obj.scope_target()
    path = obj.scope_path() if hasattr(obj, "scope_path") else ""
    return pemda_id, opd_id, stage, path


def province_path(org: Organisation) -> str:
    """The path of the province an organisation lies in (its top Pemda when it has none)."""
    first = org.path.split("/")[1] if org.path.count("/") > 1 else ""
    return f"/{first}/" if first else org.path


def _in_scope(m: Membership, scope: str, action: str, target: tuple[Any, ...]) -> bool:
    pemda_id, opd_id, _stage, path = target
    org = m.organisation
    if scope == "all":
        return True
    if action in PROVINCE_WIDE_ACTIONS:
        return bool(path) and path.startswith(province_path(org))
    if scope == "regions":
        return bool(path) and path.startswith(org.path)
    if scope == "own_pemda":
        return pemda_id is not None and pemda_id == org.pemda_id
    if scope == "own_opd":
        if action in OPD_BOUND_ACTIONS:
            return opd_id is not None and opd_id == org.opd_id
        return pemda_id is not None and pemda_id == org.pemda_id
    raise ValueError(f"unknown scope {scope!r}")


def grants(user: Any, action: str, obj: Any) -> Iterable[Grant]:
    """The memberships through which ``user`` may do ``action`` on ``obj``."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    target = _target(obj)
    stage = target[2]
    if stage is not None and action in STAGE_ACTIONS and stage not in STAGE_ACTIONS[action]:
        return
    for m in memberships(user):
        if action not in ROLE_ACTIONS[m.role]:
            continue
        if stage is not None and m.role in ROLE_STAGES and stage not in ROLE_STAGES[m.role]:
            continue
        scope = ROLE_SCOPES[m.role]
        if _in_scope(m, scope, action, target):
            yield Grant(m, scope)


def can(user: Any, action: str, obj: Any) -> bool:
    """May ``user`` do ``action`` on ``obj`` (an Organisation, a Cycle, an Assignment …)?"""
    return next(iter(grants(user, action, obj)), None) is not None


def has_action(user: Any, action: str) -> bool:
    """May the user do ``action`` somewhere (for menus; objects are checked by ``can``)?"""
    return any(action in ROLE_ACTIONS[m.role] for m in memberships(user))


def permission_table() -> list[dict[str, Any]]:
    """The role × action table as rows for the admin page."""
    return [
        {
            "action": action,
            "label": label,
            "stages": sorted(STAGE_ACTIONS.get(action, ())),
            "roles": [action in ROLE_ACTIONS[role] for role in Role.values],
        }
        for action, label in ACTIONS.items()
    ]
