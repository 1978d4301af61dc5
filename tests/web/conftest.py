"""The named cast: Kota Contoh with Disdukcapil and Dinkes, its Tim RB coordinator, an OPD team
member of each OPD, an inspector, the pimpinan, an evaluator of the province, an admin, and a
Tim RB member of another Pemda; a framework and a 2024 cycle in self-assessment."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from rapor.assessments.domain.assignments import assignment_create
from rapor.assessments.domain.cycles import cycle_create
from rapor.assessments.domain.frameworks import framework_activate, framework_register
from rapor.assessments.models import Cycle, FrameworkVersion
from rapor.orgs.models import Membership, Organisation

from .fwtext import framework_text


@dataclass
class Cast:
    province: Organisation
    kota: Organisation
    disdukcapil: Organisation
    dinkes: Organisation
    other_pemda: Organisation
    coordinator: Any
    opd_member: Any
    other_opd_member: Any
    inspector: Any
    pimpinan: Any
    evaluator: Any
    admin: Any
    outsider: Any


def make_user(username: str, org: Organisation, role: str) -> Any:
    user = get_user_model().objects.create_user(username, password="x", first_name=username.title())
    Membership.objects.create(user=user, organisation=org, role=role)
    return user


@pytest.fixture
def cast(db: None) -> Cast:
    province = Organisation.objects.create(name="Provinsi Contoh", kind="province")
    kota = Organisation.objects.create(name="Kota Contoh", kind="kota", parent=province)
    dukcapil = Organisation.objects.create(
        name="Dinas Kependudukan", short_name="Disdukcapil", kind="opd", parent=kota
    )
    dinkes = Organisation.objects.create(
        name="Dinas Kesehatan", short_name="Dinkes", kind="opd", parent=kota
    )
    other = Organisation.objects.create(name="Kabupaten Lain", kind="kabupaten", parent=province)
    Organisation.objects.create(name="Inspektorat", kind="opd", parent=other)
    return Cast(
        province,
        kota,
        dukcapil,
        dinkes,
        other,
        coordinator=make_user("koordinator", kota, "tim_rb"),
        opd_member=make_user("dukcapil", dukcapil, "tim_opd"),
        other_opd_member=make_user("dinkes", dinkes, "tim_opd"),
        inspector=make_user("inspektur", kota, "inspektorat"),
        pimpinan=make_user("walikota", kota, "pimpinan"),
        evaluator=make_user("evaluator", province, "evaluator"),
        admin=make_user("admin", province, "admin"),
        outsider=make_user("orang_lain", other, "tim_rb"),
    )


def make_framework(**size: Any) -> FrameworkVersion:
    version, _ = framework_register(text=framework_text(**size), source="test.yaml")
    return framework_activate(version=version)


@pytest.fixture
def framework(db: None) -> FrameworkVersion:
    return make_framework()


def make_cycle(
    cast: Cast,
    framework: FrameworkVersion,
    *,
    stage: str = "self_assessment",
    year: int = 2024,
    org: Organisation | None = None,
) -> Cycle:
    today = timezone.localdate()
    return cycle_create(
        organisation=org or cast.kota,
        framework=framework,
        year=year,
        by=cast.coordinator,
        stage=stage,
        self_assessment_starts=today - dt.timedelta(days=10),
        self_assessment_ends=today + dt.timedelta(days=10),
        final_deadline=today + dt.timedelta(days=30),
    )


@pytest.fixture
def cycle(cast: Cast, framework: FrameworkVersion) -> Cycle:
    """Kota Contoh 2024: A1.1 assigned to Disdukcapil (late), A1.2 to Dinkes."""
    c = make_cycle(cast, framework)
    today = timezone.localdate()
    assignment_create(
        cycle=c,
        indicator_code="A1.1",
        opd=cast.disdukcapil,
        person=cast.opd_member,
        due_date=today - dt.timedelta(days=2),
        by=cast.coordinator,
    )
    assignment_create(
        cycle=c,
        indicator_code="A1.2",
        opd=cast.dinkes,
        due_date=today + dt.timedelta(days=3),
        by=cast.coordinator,
    )
    return c


@pytest.fixture
def as_user(client: Any) -> Any:
    def login(user: Any) -> Any:
        client.force_login(user)
        return client

    return login
