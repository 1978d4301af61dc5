"""Build the demo: organisations, people, Pangkalpinang's cycles and Babel's published results
(idempotent).

Kota Pangkalpinang on rb-2023-kabkota: its closed 2023 cycle holds the real values (57.83 CC); its
2024 cycle is in self-assessment, carried over from 2023, with invented progress (late and
returned items, evidence). The six kabupaten and the province hold their real published 2023
results; they have no cycles, because no invented number should stand beside the real ones.
Dates are relative to ``today`` so that the demo is always mid-cycle.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from rapor.assessments.domain.frameworks import frameworks_load_shipped
from rapor.assessments.models import FrameworkVersion
from rapor.orgs.models import Membership, Organisation

from . import DEMO_PASSWORD
from .babel import COMMON_OPDS, KABUPATEN, KOTA, PANGKALPINANG_OPDS, PEOPLE, PROVINCE
from .cycles import build_2023, build_2024
from .published import load_published
from .skm import build_skm
from .steering import build_steering

DEMO_FRAMEWORK = "rb-2023-kabkota"


def is_loaded() -> bool:
    return Organisation.objects.filter(is_demo=True, name=PROVINCE[0]).exists()


def _org(
    name: str, short: str, kind: str, parent: Organisation | None, code: str = ""
) -> Organisation:
    return Organisation.objects.create(
        name=name, short_name=short, kind=kind, parent=parent, region_code=code, is_demo=True
    )


def build_orgs() -> dict[str, Organisation]:
    """All demo organisations by short name ('kota', 'provinsi', 'Setda' (Pangkalpinang) …)."""
    province = _org(*PROVINCE[:2], "province", None, PROVINCE[2])
    kota = _org(*KOTA[:2], "kota", province, KOTA[2])
    orgs = {"provinsi": province, "kota": kota, "Babel": province, "Pangkalpinang": kota}
    for name, short, units in PANGKALPINANG_OPDS:
        opd = orgs[short] = _org(name, short, "opd", kota)
        for unit in units:
            _org(unit, unit, "unit", opd)
    for name, short in KABUPATEN:
        region = orgs[short] = _org(name, short, "kabupaten", province)
        for opd_name, opd_short in COMMON_OPDS:
            _org(opd_name, opd_short, "opd", region)
    return orgs


def build_people(orgs: dict[str, Organisation]) -> dict[str, Any]:
    User = get_user_model()
    password = make_password(DEMO_PASSWORD)  # hashed once: the same hash for every demo user
    people = {}
    for username, first, last, role, where, position in PEOPLE:
        user = User.objects.create(
            username=username,
            first_name=first,
            last_name=last,
            password=password,
            is_staff=role == "admin",
            is_superuser=role == "admin",
        )
        Membership.objects.create(user=user, organisation=orgs[where], role=role, position=position)
        people[username] = user
    return people


@transaction.atomic
def load(*, today: dt.date | None = None, quiet: bool = True) -> bool:
    frameworks_load_shipped()
    if is_loaded():
        return False
    today = today or timezone.localdate()
    framework = FrameworkVersion.objects.get(framework_id=DEMO_FRAMEWORK, is_active=True)
    orgs = build_orgs()
    people = build_people(orgs)
    build_2023(orgs["kota"], framework, people, today)
    cycle = build_2024(orgs["kota"], framework, people, today)
    load_published(orgs, people["admin"])
    build_skm(orgs, people, today)  # the MPP's survey (its own module and seed)
    build_steering(cycle, people, today)
    if not quiet:
        print("Demo data loaded.")
    return True
