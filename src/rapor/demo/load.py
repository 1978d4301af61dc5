"""Build the demo: organisations, people, and cycles in every stage (idempotent).

Dates are relative to ``today`` so that the demo is always mid-cycle: Pangkalpinang's 2024 cycle
is in self-assessment, about half answered, with late and returned items and evidence.
"""

from __future__ import annotations

import datetime as dt
import random
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
from .cycles import build_other_cycles, build_pangkalpinang
from .skm import build_skm

DEMO_FRAMEWORK = "rb-2020-pemda"


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
    rng = random.Random(2024)
    build_pangkalpinang(orgs, people, framework, today, rng)
    build_other_cycles(orgs, people, framework, today, rng)
    build_skm(orgs, people, today)  # the MPP's survey (its own module and seed)
    if not quiet:
        print("Demo data loaded.")
    return True
