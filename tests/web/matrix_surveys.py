"""The SKM survey's rows of the permission matrix (tests/web/test_permission_matrix.py).

Each target of the matrix's world gets an MPP: in the own Pemda one run by the own OPD
(Disdukcapil) and one run by the other OPD (Dinkes), in the other Pemda one run by its Setda; each
with an agency, a counter, a service, a kiosk, a response with a suggestion, a follow-up and a
link of its IKM into the cycle's number input A1.1.d. The MPP views are of kind "mpp" (scopes own /
other OPD / other Pemda; an MPP has no stage). The public survey is anonymous by design: its rows
are PUBLIC (anyone, signed in or not). Linking a question to the IKM needs ``answer`` on it (kind
"pemda": the own OPD's number input; the OPD boundary is tested in test_surveys_links.py).
"""

from __future__ import annotations

import uuid
from typing import Any

from rapor.surveys.domain.links import link_create
from rapor.surveys.domain.tickets import ticket_issue
from rapor.surveys.models import (
    Agency,
    Counter,
    FollowUp,
    Kiosk,
    Mpp,
    Population,
    Publication,
    Rejection,
    Response,
    Service,
    SurveyEvent,
    ValueLink,
)

SURVEY_MODELS = [
    Mpp,
    Agency,
    Counter,
    Service,
    Kiosk,
    Response,
    Population,
    FollowUp,
    Publication,
    ValueLink,
    SurveyEvent,
    Rejection,
]
LINKABLE = "A1.1.d"  # the matrix framework's 0–100 input (admits an IKM)
PUBLIC = "public"


def fill_survey(target: Any, operator: Any, by: Any, name: str) -> None:
    """An MPP of the target's Pemda run by ``operator``, with one of everything."""
    mpp = Mpp.objects.create(pemda=target.pemda, operator=operator, name=name)
    agency = Agency.objects.create(mpp=mpp, name=f"Instansi {name}")
    counter = Counter.objects.create(mpp=mpp, agency=agency, name=f"Gerai {name}")
    service = Service.objects.create(counter=counter, name=f"Layanan {name}")
    kiosk = Kiosk.objects.create(mpp=mpp, name=f"Kios {name}")
    response = Response.objects.create(
        mpp=mpp,
        agency=agency,
        counter=counter,
        service=service,
        submission_id=uuid.uuid4(),
        suggestion="Antrean terlalu panjang.",
        **{f"u{i}": 3 for i in range(1, 10)},
    )
    followup = FollowUp.objects.create(
        mpp=mpp,
        period="2024-Q2",
        source="suggestion",
        response=response,
        action="Tambah petugas",
        owner="Kepala gerai",
        due_date="2024-07-31",
    )
    target.mpp, target.agency, target.counter, target.service = mpp, agency, counter, service
    target.kiosk, target.followup = kiosk, followup
    if target.scope != "other_opd":  # the other OPD's MPP lives in the own Pemda: one link there
        link_create(cycle=target.cycle, question_code=LINKABLE, mpp=mpp, period="2024", by=by)


def _mpp(t: Any, w: Any) -> list[Any]:
    return [t.mpp.pk]


def _item(kind: str) -> Any:
    def args(t: Any, w: Any) -> list[Any]:
        return [t.mpp.pk, kind, getattr(t, kind).pk]

    return args


def _submission(t: Any, w: Any) -> dict[str, Any]:
    s = t.service
    return {
        "t": ticket_issue(mpp=t.mpp.pk, services=[(s.pk, s.counter_id, s.counter.agency_id)]),
        "id": str(uuid.uuid4()),
        "layanan": s.pk,
        **{f"u{i}": "4" for i in range(1, 10)},
    }


def survey_rows(View: Any, public: str) -> list[Any]:
    """The rows, built with the matrix's View class."""
    renamed = {"name": "Nama baru"}
    return [
        # the public survey: anonymous by design (no account, no session, no CSRF token)
        View("surveys:service_form", "none", get=public, args=lambda t, w: [t.service.token]),
        View("surveys:counter_form", "none", get=public, args=lambda t, w: [t.counter.token]),
        View("surveys:kiosk_form", "none", get=public, args=lambda t, w: [t.kiosk.token]),
        View("surveys:submit", "none", post=public, data=_submission),
        View("surveys:thanks", "none", get=public),
        # the MPP and its catalogue
        View("surveys:mpps", "none", get="signed_in"),
        View(
            "surveys:mpp_new",
            "org",
            post="manage_survey",
            data=lambda t, w: {
                "pemda": t.pemda.pk,
                "operator": t.opd.pk,
                "name": "MPP baru",
                "weighting": "exact",
            },
        ),
        View("surveys:mpp", "mpp", get="view_survey", args=_mpp),
        View(
            "surveys:mpp_edit",
            "mpp",
            get="manage_survey",
            post="manage_survey",
            args=_mpp,
            data=lambda t, w: {
                "name": "MPP nama baru",
                "operator": t.mpp.operator_id,
                "weighting": "exact",
            },
        ),
        View(
            "surveys:item_edit",
            "mpp",
            get="manage_survey",
            post="manage_survey",
            args=_item("agency"),
            data=lambda t, w: {**renamed, "order": 1, "active": "on"},
            note="agency",
        ),
        View(
            "surveys:item_edit",
            "mpp",
            get="manage_survey",
            post="manage_survey",
            args=_item("counter"),
            data=lambda t, w: {**renamed, "agency": t.agency.pk, "order": 1, "active": "on"},
            note="counter",
        ),
        View(
            "surveys:item_edit",
            "mpp",
            get="manage_survey",
            post="manage_survey",
            args=_item("service"),
            data=lambda t, w: {**renamed, "counter": t.counter.pk, "order": 1, "active": "on"},
            note="service",
        ),
        View(
            "surveys:item_edit",
            "mpp",
            get="manage_survey",
            post="manage_survey",
            args=lambda t, w: [t.mpp.pk, "service", 0],
            data=lambda t, w: {"name": "Layanan baru", "counter": t.counter.pk, "order": 2},
            note="new service",
        ),
        View(
            "surveys:item_edit",
            "mpp",
            get="manage_survey",
            post="manage_survey",
            args=_item("kiosk"),
            data=lambda t, w: {**renamed, "active": "on"},
            note="kiosk",
        ),
        View("surveys:poster", "mpp", get="view_survey", args=_item("service"), note="service"),
        # results, report, raw responses
        View("surveys:results", "mpp", get="view_survey", args=_mpp),
        View(
            "surveys:population",
            "mpp",
            post="manage_survey",
            args=_mpp,
            data=lambda t, w: {"period": "2024-Q2", "population": 1234},
        ),
        View("surveys:report", "mpp", get="view_survey", args=_mpp),
        View("surveys:responses_csv", "mpp", get="manage_survey", args=_mpp),
        # follow-up and publication
        View(
            "surveys:followups",
            "mpp",
            get="view_survey",
            post="manage_survey",
            args=_mpp,
            data=lambda t, w: {
                "period": "2024-Q2",
                "source": "unsur",
                "unsur": "U8",
                "action": "Pasang papan alur pengaduan",
                "owner": "Koordinator MPP",
                "due_date": "2024-08-31",
            },
        ),
        View(
            "surveys:followup_status",
            "mpp",
            post="manage_survey",
            args=lambda t, w: [t.mpp.pk, t.followup.pk],
            data=lambda t, w: {"status": "done", "done_on": "2024-07-15"},
        ),
        View(
            "surveys:publication",
            "mpp",
            post="manage_survey",
            args=_mpp,
            data=lambda t, w: {
                "period": "2024-Q2",
                "medium": "board",
                "where": "Papan lobi",
                "published_on": "2024-07-10",
            },
        ),
        # the RB link of the own OPD's number input
        View(
            "surveys:link",
            "pemda",
            get="answer",
            post="answer",
            args=lambda t, w: [t.cycle.pk, LINKABLE],
            data=lambda t, w: {"target": f"{t.mpp.pk}:mpp:0", "period": "2024-Q2"},
        ),
        View("surveys:unlink", "pemda", post="answer", args=lambda t, w: [t.cycle.pk, LINKABLE]),
    ]
