"""What a new user found, fixed: Indonesian everywhere (domain errors, framework refusals and
notes, the permission table), forms that keep what was typed, the person list of an
assignment, filters through redirects, evidence warnings, and frameworks that require evidence."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rapor.assessments.domain.answers import answer_save
from rapor.assessments.domain.evidence import evidence_link, evidence_store
from rapor.assessments.domain.review import submit
from rapor.assessments.models import AnswerStatus, Assignment, Comment
from rapor.demo.pdf import tiny_pdf

from .conftest import make_cycle, make_user
from .fwtext import framework_text

HX = {"HX-Request": "true"}


def test_an_assignment_to_someone_of_another_agency_says_so_in_indonesian_by_name(
    as_user, cast, cycle
):
    url = reverse("assessments:assignment_edit", args=[cycle.pk, "A2.1"])
    data = {
        "opd": cast.disdukcapil.pk,
        "person": cast.other_opd_member.pk,
        "due_date": "2030-01-31",
    }
    response = as_user(cast.coordinator).post(url, data, headers=HX)
    html = response.content.decode()
    assert "Dinkes bukan anggota Disdukcapil: pilih penanggung jawab dari OPD itu." in html
    assert "dinkes is not" not in html.lower() and 'value="2030-01-31"' in html
    assert not Assignment.objects.filter(cycle=cycle, indicator_code="A2.1").exists()


def test_an_area_assignment_refused_keeps_what_was_typed(as_user, cast, cycle):
    data = {
        "area": "A2",
        "opd": cast.dinkes.pk,
        "person": cast.opd_member.pk,
        "due_date": "2030-02-28",
    }
    response = as_user(cast.coordinator).post(
        reverse("assessments:assignment_area", args=[cycle.pk]), data
    )
    html = response.content.decode()
    assert response.status_code == 400 and "Penugasan tidak disimpan." in html
    assert "Dukcapil bukan anggota Dinkes" in html and 'value="2030-02-28"' in html
    assert f'<option value="{cast.dinkes.pk}" selected>' in html
    assert not Assignment.objects.filter(cycle=cycle, indicator_code__startswith="A2").exists()


def test_the_person_list_shows_agencies_and_narrows_to_the_chosen_one(as_user, cast, cycle):
    client = as_user(cast.coordinator)
    url = reverse("assessments:assignment_edit", args=[cycle.pk, "A2.1"])
    everyone = client.get(url, headers=HX).content.decode()
    assert "Dukcapil · Disdukcapil" in everyone and "Dinkes · Dinkes" in everyone
    assert f'hx-get="{url}"' in everyone and 'hx-select="#id_person_A2_1"' in everyone
    narrowed = client.get(url + f"?opd={cast.dinkes.pk}", headers=HX).content.decode()
    person = narrowed.split('id="id_person_A2_1"')[1].split("</select>")[0]
    assert "Dinkes · Dinkes" in person and "Dukcapil" not in person
    page = client.get(
        reverse("assessments:assignments", args=[cycle.pk]) + f"?opd={cast.dinkes.pk}", headers=HX
    )
    area_person = page.content.decode().split('id="id_person"')[1].split("</select>")[0]
    assert "Dinkes · Dinkes" in area_person and "Dukcapil" not in area_person


def test_filters_survive_the_redirect_to_the_current_cycle(as_user, cast, cycle):
    client = as_user(cast.coordinator)
    response = client.get(
        reverse("assessments:review_queue_current") + f"?opd={cast.dinkes.pk}&level=reviewer"
    )
    assert (
        response["Location"]
        == reverse("assessments:review_queue", args=[cycle.pk])
        + f"?opd={cast.dinkes.pk}&level=reviewer"
    )
    response = client.get(reverse("assessments:workspace_current") + "?section=A2")
    assert response["Location"].endswith("?section=A2")


def test_a_long_comment_is_refused_with_its_length_and_stays_in_the_box(as_user, cast, cycle):
    url = reverse("assessments:question_comment", args=[cycle.pk, "A1.1.a"])
    text = "Mohon dilengkapi. " * 120  # 2,160 characters
    response = as_user(cast.coordinator).post(url, {"text": text}, headers=HX)
    html = response.content.decode()
    assert response.status_code == 200  # htmx swaps only 2xx answers
    assert "Komentar terlalu panjang: 2159 huruf, paling banyak 2000." in html
    assert text.strip() in html and not Comment.objects.exists()
    assert 'maxlength="2000"' in html and 'data-counter="cc-A1.1.a"' in html
    assert "paling banyak 2000 huruf" in html  # the limit shows without JavaScript too


def test_returning_with_a_blank_note_keeps_the_queue_items_buttons(as_user, cast, cycle):
    for code in ("A1.1.a", "A1.1.b"):
        answer_save(
            cycle=cycle,
            question_code=code,
            value="A" if code.endswith("a") else "50",
            level="self",
            by=cast.opd_member,
            expected_version=0,
        )
    submit(cycle=cycle, question_codes=["A1.1.a", "A1.1.b"], by=cast.opd_member)
    version = AnswerStatus.objects.get(cycle=cycle, question_code="A1.1.a").version
    data = {
        "question": "A1.1.a",
        "verb": "return",
        "level": "reviewer",
        "version": version,
        "note": "  ",
        "from": "queue",
    }
    response = as_user(cast.coordinator).post(
        reverse("assessments:review_action", args=[cycle.pk]), data, headers=HX
    )
    html = response.content.decode()
    assert "Tulis catatan untuk OPD" in html
    assert 'name="verb" value="accept"' in html and 'name="verb" value="return"' in html
    assert AnswerStatus.objects.get(cycle=cycle, question_code="A1.1.a").state == "submitted"


def test_sending_and_accepting_without_evidence_warns_at_each_step(as_user, cast, cycle):
    answer_save(
        cycle=cycle,
        question_code="A1.1.a",
        value="A",
        level="self",
        by=cast.opd_member,
        expected_version=0,
    )
    answer_save(
        cycle=cycle,
        question_code="A1.1.b",
        value="50",
        level="self",
        by=cast.opd_member,
        expected_version=0,
    )
    ev = evidence_store(
        organisation=cast.disdukcapil,
        title="SK",
        by=cast.opd_member,
        content=tiny_pdf("sk"),
        filename="sk.pdf",
    )
    evidence_link(evidence=ev, cycle=cycle, question_code="A1.1.a", by=cast.opd_member)
    response = as_user(cast.opd_member).post(
        reverse("assessments:submit_indicator", args=[cycle.pk, "A1.1"]), follow=True
    )
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert warnings == ["Tanpa bukti dukung: A1.1.b. Lengkapi sebelum dinilai."]
    version = AnswerStatus.objects.get(cycle=cycle, question_code="A1.1.b").version
    data = {"question": "A1.1.b", "verb": "accept", "level": "reviewer", "version": version}
    html = (
        as_user(cast.coordinator)
        .post(reverse("assessments:review_action", args=[cycle.pk]), data, headers=HX)
        .content.decode()
    )
    assert "Tanpa bukti dukung: A1.1.b" in html
    assert AnswerStatus.objects.get(cycle=cycle, question_code="A1.1.b").state == "accepted"
    queue = (
        as_user(cast.inspector)
        .get(reverse("assessments:review_queue", args=[cycle.pk]))
        .content.decode()
    )
    assert "tanpa bukti dukung" in queue


def required_framework():
    text = framework_text(fid="wajib-bukti").replace(
        "decimals: 2\n", "decimals: 2\nevidence_required: true\n"
    )
    text = text.replace(
        "code: A2.2.b\n", "code: A2.2.b\n                evidence_required: false\n"
    )
    return text


def test_a_framework_that_requires_evidence_refuses_each_step_without_it(as_user, cast, db):
    from rapor.assessments.domain.frameworks import framework_activate, framework_register

    version, _ = framework_register(text=required_framework(), source="wajib.yaml")
    fw = framework_activate(version=version)
    assert fw.framework().questions["A1.1.a"].evidence_required
    assert not fw.framework().questions["A2.2.b"].evidence_required
    cycle = make_cycle(cast, fw)
    answer_save(
        cycle=cycle,
        question_code="A1.1.a",
        value="A",
        level="self",
        by=cast.coordinator,
        expected_version=0,
    )
    answer_save(
        cycle=cycle,
        question_code="A1.1.b",
        value="60",
        level="self",
        by=cast.coordinator,
        expected_version=0,
    )
    client = as_user(cast.coordinator)
    response = client.post(
        reverse("assessments:submit_indicator", args=[cycle.pk, "A1.1"]), follow=True
    )
    errors = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
    assert errors == ["Bukti dukung wajib untuk A1.1.a, A1.1.b: tautkan bukti dulu."]
    assert AnswerStatus.objects.get(cycle=cycle, question_code="A1.1.a").state == "draft"
    ev = evidence_store(
        organisation=cast.disdukcapil,
        title="SK",
        by=cast.coordinator,
        content=tiny_pdf("w"),
        filename="w.pdf",
    )
    for code in ("A1.1.a", "A1.1.b"):
        evidence_link(evidence=ev, cycle=cycle, question_code=code, by=cast.coordinator)
    submit(cycle=cycle, question_codes=["A1.1.a", "A1.1.b"], by=cast.coordinator)
    from rapor.assessments.models import EvidenceLink

    EvidenceLink.objects.filter(cycle=cycle, question_code="A1.1.b").delete()
    version = AnswerStatus.objects.get(cycle=cycle, question_code="A1.1.b").version
    data = {"question": "A1.1.b", "verb": "accept", "level": "reviewer", "version": version}
    html = client.post(
        reverse("assessments:review_action", args=[cycle.pk]), data, headers=HX
    ).content.decode()
    assert "Bukti dukung wajib untuk A1.1.b" in html
    assert AnswerStatus.objects.get(cycle=cycle, question_code="A1.1.b").state == "submitted"


@pytest.mark.parametrize(
    "change, expected",
    [
        (("weight: 100/2", "weight: 40"), "A1: jumlah bobot anak-anaknya 50, padahal bobotnya 40"),
        (("scale: A/B/C", "scale: X/Y"), "skala 'X/Y' tidak ada di 'scales'"),
        (
            ("format: rapor.framework/1", "format: lain"),
            "harus tepat 'rapor.framework/1', ditemukan 'lain'",
        ),
        (("status: official", "status: resmi"), "harus official atau provisional, bukan 'resmi'"),
        (("nodes:", "nodes: [\n"), "bukan YAML yang sah"),
    ],
)
def test_a_refused_framework_file_is_explained_in_indonesian(as_user, cast, db, change, expected):
    bad = framework_text().replace(*change, 1)
    response = as_user(cast.admin).post(
        reverse("assessments:frameworks"), {"file": SimpleUploadedFile("bad.yaml", bad.encode())}
    )
    html = response.content.decode().replace("&#x27;", "'")
    assert "Berkas ditolak" in html and expected in html and "pesan asli" not in html


def test_framework_notes_show_in_the_readers_language(as_user, cast, db):
    from rapor.assessments.domain.frameworks import frameworks_load_shipped

    frameworks_load_shipped()
    client = as_user(cast.admin)
    html = client.get(reverse("assessments:frameworks")).content.decode()
    assert "Sementara, sampai LKE resmi 2020 diimpor" in html and "Provisional until" not in html
    client.cookies["django_language"] = "en"
    html = client.get(reverse("assessments:frameworks")).content.decode()
    assert "Provisional until the official 2020 workbook" in html


def test_the_permission_table_names_actions_and_stages_not_codes(as_user, cast):
    html = as_user(cast.admin).get(reverse("orgs:permissions")).content.decode()
    assert "Mengisi jawaban penilaian mandiri" in html and "Penilaian mandiri, Reviu Tim RB" in html
    assert (
        ">answer<" not in html and "self_assessment" not in html and "<code>view_cycle" not in html
    )


def test_domain_errors_reach_the_screen_in_indonesian(cast, cycle):
    from rapor.assessments.domain.assignments import assignment_create
    from rapor.assessments.domain.errors import DomainError

    outsider = make_user("luar", cast.other_pemda, "tim_opd")
    with pytest.raises(DomainError, match="bukan OPD Kota Contoh"):
        assignment_create(
            cycle=cycle, indicator_code="A1.1", opd=cast.other_pemda, by=cast.coordinator
        )
    with pytest.raises(DomainError, match="bukan indikator"):
        assignment_create(cycle=cycle, indicator_code="ZZ", opd=cast.dinkes, by=cast.coordinator)
    assert outsider.pk


class _Any:
    """Stands for any value in an engine message (an f-string's expressions)."""

    __name__ = "str"

    def __getattr__(self, name):  # type: ignore[no-untyped-def]
        return self

    def __getitem__(self, key):  # type: ignore[no-untyped-def]
        return self

    def __call__(self, *args):  # type: ignore[no-untyped-def]
        return self

    def __str__(self) -> str:
        return "X"

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(["X", "Y"])

    def _same(self, *other):  # type: ignore[no-untyped-def]
        return self

    __add__ = __radd__ = __sub__ = __mul__ = __floordiv__ = __truediv__ = __mod__ = _same

    __repr__ = __str__


class _Names(dict):  # type: ignore[type-arg]
    def __missing__(self, key):  # type: ignore[no-untyped-def]
        return _Any()


def test_every_message_of_the_framework_loader_has_an_indonesian_text():
    import ast
    from pathlib import Path

    from rapor.assessments.interfaces.framework_errors import _COMPILED
    from rapor.engine import loader

    tree = ast.parse(Path(loader.__file__).read_text())
    messages = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "fail":
            messages.append(node.args[1])
        # (fail() itself passes its argument on: a name, not a message)
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", "") == "FrameworkError"
            and not isinstance(node.args[2], ast.Name)
        ):
            messages.append(node.args[2])
    assert len(messages) > 50
    untranslated = []
    for expr in messages:
        text = eval(compile(ast.Expression(expr), "loader", "eval"), {"type": type}, _Names())
        if not any(p.match(text) for p, _t in _COMPILED):
            untranslated.append(text)
    # reading a file by path is the command line's business, never the upload's; "X X" is a key
    # with a NumberBoundError's message (the next test gives it real ones)
    assert sorted(untranslated) == ["X X", "no such file, and no shipped framework of that id"]


@pytest.mark.parametrize("number", ["1" * 60, "1e30", "0." + "0" * 30 + "1"])
def test_a_number_out_of_bounds_in_a_framework_file_is_explained_in_indonesian(number):
    from rapor.assessments.interfaces.framework_errors import explain
    from rapor.engine import FrameworkError
    from rapor.engine.numbers import NumberBoundError, parse_exact

    with pytest.raises(NumberBoundError) as exc:
        parse_exact(number)
    refusal = explain(FrameworkError("fw.yaml", "A1", f"weight {exc.value}"))
    assert refusal.translated and refusal.message.startswith("weight: ")
