"""Two people (or two tabs) edit the same answer from the same version: the second save is a
conflict that shows both answers and overwrites nothing; choosing "mine" then saves on top of the
stored version. Each person is a separate Django client with a session of their own."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from rapor.assessments.models import Answer, HistoryEvent

HTMX = {"HX-Request": "true"}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def loaded_version(client: Client, cycle, code: str) -> int:
    """The version a person's workspace page holds for question ``code`` (what they edit from)."""
    html = client.get(
        reverse("assessments:workspace", args=[cycle.pk]) + "?indicator=" + code.rsplit(".", 1)[0]
    ).content.decode()
    block = html[html.index(f'id="q-{code.replace(".", "_")}"') :]
    return int(re.search(r'name="version" value="(\d+)"', block).group(1))


def save(client: Client, cycle, code: str, value: str, version: int, htmx: bool = True):
    return client.post(
        reverse("assessments:answer", args=[cycle.pk]),
        {"question": code, "value": value, "version": version, "level": "self"},
        headers=HTMX if htmx else {},
    )


def choose_mine_form(html: str) -> dict[str, str]:
    """The hidden fields of the conflict's "Pakai jawaban saya" form."""
    button = html.index("Pakai jawaban saya")
    form = html[html.rindex("<form", 0, button) : button]
    return dict(re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', form))


def saves_of(cycle, code: str) -> list[HistoryEvent]:
    return list(HistoryEvent.objects.filter(cycle=cycle, kind="answer_saved", question_code=code))


def test_the_second_of_two_people_editing_the_same_version_gets_a_conflict_not_an_overwrite(
    cast, cycle
):
    opd, rb = signed_in(cast.opd_member), signed_in(cast.coordinator)
    assert loaded_version(opd, cycle, "A1.1.a") == loaded_version(rb, cycle, "A1.1.a") == 0

    first = save(opd, cycle, "A1.1.a", "A", 0)
    assert first.status_code == 200 and "tersimpan" in first.content.decode()

    second = save(rb, cycle, "A1.1.a", "C", 0)
    html = second.content.decode()
    assert "Jawaban ini baru saja diubah orang lain" in html
    assert re.search(r"Jawaban Anda: <strong>C</strong>", html)
    assert re.search(r"Jawaban tersimpan: <strong>A</strong>", html)
    assert cast.opd_member.first_name in html  # who saved the stored answer
    stored = Answer.objects.get(cycle=cycle, question_code="A1.1.a")
    assert (stored.value, stored.version, stored.updated_by) == ("A", 1, cast.opd_member)
    assert len(saves_of(cycle, "A1.1.a")) == 1

    # "Pakai jawaban saya": the form carries my answer and the stored version it now builds on
    mine = choose_mine_form(html)
    assert (mine["value"], mine["version"]) == ("C", "1")
    chosen = rb.post(reverse("assessments:answer", args=[cycle.pk]), mine, headers=HTMX)
    assert chosen.status_code == 200 and "tersimpan" in chosen.content.decode()
    stored.refresh_from_db()
    assert (stored.value, stored.version, stored.updated_by) == ("C", 2, cast.coordinator)
    last = saves_of(cycle, "A1.1.a")[-1]
    assert (last.before, last.after["value"], last.actor) == (
        {"value": "A", "version": 1},
        "C",
        cast.coordinator,
    )

    # the first person, still on version 1, is now the one who gets the conflict
    stale = save(opd, cycle, "A1.1.a", "B", 1).content.decode()
    assert "Jawaban ini baru saja diubah orang lain" in stale
    stored.refresh_from_db()
    assert (stored.value, stored.version) == ("C", 2)


def test_the_same_person_in_two_tabs_gets_the_conflict_too(cast, cycle):
    tab1, tab2 = signed_in(cast.opd_member), signed_in(cast.opd_member)
    assert save(tab1, cycle, "A1.1.a", "B", 0).status_code == 200
    html = save(tab2, cycle, "A1.1.a", "A", 0).content.decode()
    assert (
        "Jawaban Anda: <strong>A</strong>" in html
        and "Jawaban tersimpan: <strong>B</strong>" in html
    )
    assert Answer.objects.get(cycle=cycle, question_code="A1.1.a").value == "B"


def test_two_people_creating_the_first_answer_at_once_cannot_both_win(cast, cycle):
    """Both start from "no answer" (version 0): the row is created once, the other is told."""
    opd, rb = signed_in(cast.opd_member), signed_in(cast.coordinator)
    save(rb, cycle, "A1.1.b", "40", 0)
    html = save(opd, cycle, "A1.1.b", "75,5", 0).content.decode()
    assert "Jawaban Anda: <strong>75,5</strong>" in html  # numbers keep the decimal comma
    assert "Jawaban tersimpan: <strong>40</strong>" in html
    assert list(Answer.objects.filter(question_code="A1.1.b").values_list("value", "version")) == [
        ("40", 1)
    ]


def test_a_conflicting_plain_form_post_answers_409_with_both_versions_and_changes_nothing(
    cast, cycle
):
    save(signed_in(cast.coordinator), cycle, "A1.1.a", "B", 0)
    events = HistoryEvent.objects.count()
    response = save(signed_in(cast.opd_member), cycle, "A1.1.a", "A", 0, htmx=False)
    html = response.content.decode()
    assert response.status_code == 409
    assert (
        "Jawaban Anda: <strong>A</strong>" in html
        and "Jawaban tersimpan: <strong>B</strong>" in html
    )
    assert Answer.objects.get(cycle=cycle, question_code="A1.1.a").value == "B"
    assert HistoryEvent.objects.count() == events


def test_taking_the_stored_answer_drops_mine_and_shows_the_stored_one(cast, cycle):
    save(signed_in(cast.coordinator), cycle, "A1.1.a", "B", 0)
    opd = signed_in(cast.opd_member)
    save(opd, cycle, "A1.1.a", "C", 0)
    html = opd.get(reverse("assessments:question", args=[cycle.pk, "A1.1.a"])).content.decode()
    assert "Jawaban ini baru saja diubah" not in html
    assert re.search(r'value="B" checked', html) and not re.search(r'value="C" checked', html)
    assert 'name="version" value="1"' in html  # the next save builds on the stored version
    assert Answer.objects.get(cycle=cycle, question_code="A1.1.a").value == "B"


def test_two_reviewers_acting_on_the_same_submitted_question_cannot_both_win(cast, cycle):
    """One accepts, the other (on the page loaded before) returns it: the return is refused
    with who moved it, the acceptance stands, and one move is in the history."""
    from rapor.assessments.domain.review import submit
    from rapor.assessments.models import AnswerStatus

    save(signed_in(cast.opd_member), cycle, "A1.1.a", "A", 0)
    submit(cycle=cycle, question_codes=["A1.1.a"], by=cast.opd_member)
    version = AnswerStatus.objects.get(cycle=cycle, question_code="A1.1.a").version
    tab1, tab2 = signed_in(cast.coordinator), signed_in(cast.coordinator)
    action = reverse("assessments:review_action", args=[cycle.pk])
    common = {"question": "A1.1.a", "level": "reviewer", "version": version}
    moves = HistoryEvent.objects.filter(kind="status_changed", question_code="A1.1.a").count()

    assert tab1.post(action, {**common, "verb": "accept"}, headers=HTMX).status_code == 200
    late = tab2.post(action, {**common, "verb": "return", "note": "Kurang SK"}, headers=HTMX)
    html = late.content.decode()
    assert "baru saja diubah oleh" in html and cast.coordinator.first_name in html
    status = AnswerStatus.objects.get(cycle=cycle, question_code="A1.1.a")
    assert (status.state, status.return_note, status.version) == ("accepted", "", version + 1)
    assert (
        HistoryEvent.objects.filter(kind="status_changed", question_code="A1.1.a").count()
        == moves + 1
    )
