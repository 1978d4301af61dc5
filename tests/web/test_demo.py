"""The demo data: Babel's regions, Pangkalpinang's cycle half done with late and returned items."""

from __future__ import annotations

from django.utils import timezone

from rapor.assessments.models import AnswerStatus, Cycle, EvidenceLink
from rapor.assessments.mywork import work_items
from rapor.cli import build_parser
from rapor.demo import demo_logins, load_demo
from rapor.orgs.models import Organisation


def test_the_demo_loads_once_with_all_regions_and_a_login_per_role(db):
    assert load_demo() is True and load_demo() is False
    assert Organisation.objects.filter(kind__in=["kabupaten", "kota"], is_demo=True).count() == 7
    assert Organisation.objects.get(name="Kota Pangkalpinang").region_code == "19.71"
    assert {row["username"] for row in demo_logins()} == {
        "pimpinan",
        "timrb",
        "disdukcapil",
        "inspektorat",
        "evaluator",
        "admin",
        "dpmptsp",  # the MPP manager (SKM survey)
    }


def test_pangkalpinangs_2024_cycle_is_about_half_done_with_late_returned_and_evidence(db):
    load_demo()
    cycle = Cycle.objects.get(organisation__name="Kota Pangkalpinang", year=2024)
    assert cycle.framework.framework_id == "rb-2020-pemda" and cycle.carried_from is not None
    from rapor.assessments.domain.scoring import cycle_score

    result = cycle_score(cycle).result
    assert 0.3 < result.answered / result.questions < 0.75
    assert AnswerStatus.objects.filter(cycle=cycle, state="returned").exists()
    assert EvidenceLink.objects.filter(cycle=cycle).exists()
    from django.contrib.auth import get_user_model

    items = work_items(
        get_user_model().objects.get(username="disdukcapil"), today=timezone.localdate()
    )
    assert any(i.late for i in items) and any(i.returned for i in items)
    stages = set(Cycle.objects.exclude(pk=cycle.pk).values_list("stage", flat=True))
    assert {"submitted", "verification", "review", "preparation", "closed"} <= stages


def test_the_cli_has_demo_and_manage_commands():
    parser = build_parser()
    args = parser.parse_args(["demo", "--port", "8123", "--reset"])
    assert (args.port, args.reset) == (8123, True)
    assert parser.parse_args(["manage", "check"]).args == ["check"]
