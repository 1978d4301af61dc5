"""Set up the load benchmark's people in the demo data and print their plan as JSON.

Run by ``bench/load.py`` in the environment of the installation under test (after ``rapor demo
--no-serve``): ``python bench/load_setup.py USERS PASSWORD``. It creates USERS accounts of every
role in Kota Pangkalpinang's 2024 cycle and gives each the questions it works on, so that no two
simulated people edit the same answer (the benchmark measures load, not conflicts):

- Tim OPD members answer their own OPD's questions (split among the OPD's members), send them
  (Kirim) and upload evidence to them;
- Tim RB members accept or return what was sent, and answer at the reviewer level (each a share
  of the questions);
- Inspektorat members verify or return what the Tim RB accepted (each a share);
- pimpinan, admin and evaluator read.

Returns keep questions going round, so the run does not run out of work.
"""

from __future__ import annotations

import json
import os
import sys
from collections import defaultdict
from itertools import cycle as round_robin

# Shares of the simulated people by role (the rest of the roles get at least one each).
SHARES = {
    "tim_opd": 0.54,
    "tim_rb": 0.16,
    "inspektorat": 0.10,
    "pimpinan": 0.12,
    "admin": 0.04,
    "evaluator": 0.04,
}


def counts(users: int) -> dict[str, int]:
    n = {role: max(1, round(users * share)) for role, share in SHARES.items()}
    n["tim_opd"] += users - sum(n.values())
    return n


def scale_of(question) -> dict:  # type: ignore[no-untyped-def]
    s = question.scale
    if s.kind == "choice":
        return {"kind": "choice", "options": [code for code, _value in s.options]}
    return {"kind": "number", "min": float(s.min), "max": float(s.max)}


def main() -> None:
    users, password = int(sys.argv[1]), sys.argv[2]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rapor.web.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from rapor.assessments.models import Assignment, Cycle
    from rapor.orgs.models import Membership

    cycle = Cycle.objects.get(organisation__name="Kota Pangkalpinang", year=2024)
    fw = cycle.framework.framework()
    by_opd: dict[int, list[str]] = defaultdict(list)
    opds = {}
    for a in Assignment.objects.filter(cycle=cycle).select_related("opd"):
        opds[a.opd_id] = a.opd
        by_opd[a.opd_id] += [code for code, q in fw.questions.items() if q.node == a.indicator_code]
    every = sorted(fw.questions)
    home = {
        role: Membership.objects.filter(user__username=name).first().organisation
        for role, name in (
            ("tim_rb", "timrb"),
            ("inspektorat", "inspektorat"),
            ("pimpinan", "pimpinan"),
            ("admin", "admin"),
            ("evaluator", "evaluator"),
        )
    }
    hashed = make_password(password)  # one Argon2 hash for all: set up in seconds, not minutes
    User = get_user_model()
    people = []

    def person(role: str, n: int, org, **work) -> None:  # type: ignore[no-untyped-def]
        username = f"beban-{role}-{n}"
        user, _ = User.objects.get_or_create(
            username=username, defaults={"password": hashed, "first_name": username}
        )
        Membership.objects.get_or_create(user=user, organisation=org, role=role)
        people.append({"username": username, "role": role, **work})

    n = counts(users)
    opd_ids = sorted(by_opd)
    opd_members: dict[int, list[int]] = defaultdict(list)
    for i, opd_id in zip(range(n["tim_opd"]), round_robin(opd_ids), strict=False):
        opd_members[opd_id].append(i)
    for opd_id, members in opd_members.items():
        for k, i in enumerate(members):
            mine = by_opd[opd_id][k :: len(members)]
            person("tim_opd", i, opds[opd_id], questions=mine)
    for i in range(n["tim_rb"]):
        share = every[i :: n["tim_rb"]]
        person("tim_rb", i, home["tim_rb"], questions=share, share=[i, n["tim_rb"]])
    for i in range(n["inspektorat"]):
        person("inspektorat", i, home["inspektorat"], share=[i, n["inspektorat"]])
    for role in ("pimpinan", "admin", "evaluator"):
        for i in range(n[role]):
            person(role, i, home[role])
    scales = {code: scale_of(q) for code, q in fw.questions.items()}
    indicator = {code: q.node for code, q in fw.questions.items()}
    sections = sorted({q.node for q in fw.questions.values()})
    print(
        json.dumps(
            {
                "cycle": cycle.pk,
                "people": people,
                "scales": scales,
                "indicator": indicator,
                "indicators": sections,
            }
        )
    )


if __name__ == "__main__":
    main()
