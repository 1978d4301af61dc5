"""Benchmark the leadership dashboard's server time on a large government.

Run: .venv/bin/python bench/dashboard.py [--framework rb-2020-pemda] [--agencies 40] [--runs 20]

Builds, in a throwaway SQLite database (or the one DATABASE_URL names), a Pemda with 40 agencies
sharing every indicator of the framework (each with a person in charge and a due date), about
70 % of the questions answered and moved along the review chain, evidence on a third, a year of
daily snapshots, and a province of seven regions with published results for the year before and
this year (two of them as submitted live cycles). Then it times the dashboard page (request to
response, through Django's test client: views, queries, scoring, template) and prints the
figures. Target: under 150 ms. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from fractions import Fraction
from pathlib import Path


def setup(database: str | None) -> None:
    if database is None and "DATABASE_URL" not in os.environ:
        folder = Path(tempfile.mkdtemp(prefix="rapor-bench-"))
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
        os.environ.setdefault("RAPOR_VAR_DIR", str(folder))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rapor.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def build(framework_id: str, agencies: int, seed: int) -> tuple[object, object]:
    from django.contrib.auth import get_user_model

    from rapor.assessments.domain.cycles import cycle_create
    from rapor.assessments.domain.frameworks import frameworks_load_shipped
    from rapor.assessments.models import (
        Answer,
        AnswerStatus,
        Assignment,
        Evidence,
        EvidenceLink,
        FrameworkVersion,
    )
    from rapor.engine import format_exact
    from rapor.orgs.models import Membership, Organisation
    from rapor.steering.models import DailySnapshot, PublishedResult, SteeringTarget

    rnd = random.Random(seed)
    frameworks_load_shipped()
    version = FrameworkVersion.objects.get(framework_id=framework_id, is_active=True)
    fw = version.framework()
    province = Organisation.objects.create(name="Provinsi Bench", kind="province")
    kota = Organisation.objects.create(name="Kota Bench", kind="kota", parent=province)
    User = get_user_model()
    boss = User.objects.create(username="bench-pimpinan")
    Membership.objects.create(user=boss, organisation=kota, role="pimpinan")
    opds, people = [], []
    for i in range(agencies):
        opd = Organisation.objects.create(
            name=f"Dinas {i:02d}", short_name=f"D{i:02d}", kind="opd", parent=kota
        )
        person = User.objects.create(username=f"bench-opd-{i}", first_name=f"Orang {i}")
        Membership.objects.create(user=person, organisation=opd, role="tim_opd")
        opds.append(opd)
        people.append(person)
    today = dt.date.today()
    cycle = cycle_create(
        organisation=kota,
        framework=version,
        year=today.year,
        by=boss,
        stage="self_assessment",
        self_assessment_starts=today - dt.timedelta(days=365),
        self_assessment_ends=today + dt.timedelta(days=20),
        final_deadline=today + dt.timedelta(days=30),
    )
    leaves = [n.code for n in fw.nodes.values() if n.is_leaf]
    Assignment.objects.bulk_create(
        Assignment(
            cycle=cycle,
            indicator_code=code,
            opd=opds[i % agencies],
            person=people[i % agencies],
            due_date=today + dt.timedelta(days=rnd.randint(-10, 20)),
        )
        for i, code in enumerate(leaves)
    )
    answers, statuses, links = [], [], []
    ev = Evidence.objects.create(
        organisation=opds[0], cycle=cycle, title="bukti", url="https://example.org/b"
    )
    for code, q in fw.questions.items():
        if rnd.random() > 0.7:
            continue
        if q.scale.kind == "choice":
            value = rnd.choice(q.scale.options)[0]
        else:
            share = Fraction(rnd.randint(0, 100), 100)
            value = format_exact(q.scale.min + (q.scale.max - q.scale.min) * share)
        answers.append(Answer(cycle=cycle, question_code=code, level="self", value=value))
        state = rnd.choice(["draft", "submitted", "accepted", "verified", "returned"])
        statuses.append(AnswerStatus(cycle=cycle, question_code=code, state=state))
        if rnd.random() < 0.33:
            links.append(EvidenceLink(evidence=ev, cycle=cycle, question_code=code))
    Answer.objects.bulk_create(answers)
    AnswerStatus.objects.bulk_create(statuses)
    EvidenceLink.objects.bulk_create(links)
    DailySnapshot.objects.bulk_create(
        DailySnapshot(
            cycle=cycle,
            day=today - dt.timedelta(days=d),
            index=Decimal(40) + Decimal(365 - d) / 20,
            index_verified=Decimal(20) + Decimal(365 - d) / 40,
        )
        for d in range(1, 366)
    )
    PublishedResult.objects.create(
        organisation=kota, year=today.year - 1, index=Decimal("57.83"), source="bench"
    )
    for i in range(6):
        region = Organisation.objects.create(
            name=f"Kabupaten {i}", kind="kabupaten", parent=province
        )
        PublishedResult.objects.create(
            organisation=region, year=today.year - 1, index=Decimal(60 + 3 * i), source="bench"
        )
        if i < 2:  # two neighbours host their own submitted cycle here
            theirs = cycle_create(
                organisation=region, framework=version, year=today.year, by=boss, stage="submitted"
            )
            Answer.objects.bulk_create(
                Answer(cycle=theirs, question_code=a.question_code, level="self", value=a.value)
                for a in answers
            )
    SteeringTarget.objects.create(cycle=cycle, grade="B", rank=3, set_by=boss)
    return cycle, boss


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--framework", default="rb-2020-pemda")
    parser.add_argument("--agencies", type=int, default=40)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)
    setup(None)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    cycle, boss = build(args.framework, args.agencies, args.seed)
    client = Client()
    client.force_login(boss)
    url = reverse("steering:dashboard", args=[cycle.pk])
    first = time.perf_counter()
    assert client.get(url).status_code == 200
    cold = time.perf_counter() - first
    times, cpu = [], []
    for _ in range(args.runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    fw = cycle.framework.framework()
    print(
        f"framework={args.framework} agencies={args.agencies} questions={len(fw.questions)} "
        f"snapshots=365 regions=7 runs={args.runs} queries={len(queries)}"
    )
    # wall time, and the process's own CPU time (what the request costs when other processes
    # share the cores: on a busy machine the wall time also counts waiting for a core)
    print(
        f"first_ms={cold * 1000:.0f} median_ms={statistics.median(times) * 1000:.1f} "
        f"max_ms={max(times) * 1000:.1f} cpu_median_ms={statistics.median(cpu) * 1000:.1f} "
        f"target_ms=150 load_average={os.getloadavg()[0]:.1f}"
    )
    return 0 if statistics.median(times) < 0.150 else 1


if __name__ == "__main__":
    sys.exit(main())
