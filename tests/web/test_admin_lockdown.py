"""Django's admin shows an operator everything of an assessment but changes none of it behind the
domain rules and the history; people and organisations stay editable, with the same text rules
as the screens."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rapor.assessments.domain.answers import answer_save
from rapor.assessments.domain.comments import comment_post
from rapor.assessments.domain.evidence import evidence_link, evidence_store
from rapor.assessments.models import (
    Answer,
    AnswerStatus,
    Assignment,
    Comment,
    Cycle,
    Evidence,
    EvidenceLink,
    FrameworkVersion,
    HistoryEvent,
)
from rapor.demo.pdf import tiny_pdf
from rapor.orgs.models import Membership, Organisation

LOCKED = [
    Answer,
    AnswerStatus,
    Assignment,
    Comment,
    Cycle,
    Evidence,
    EvidenceLink,
    FrameworkVersion,
    HistoryEvent,
]


@pytest.fixture
def operator(client, cast, cycle):
    cast.admin.is_staff = cast.admin.is_superuser = True
    cast.admin.save()
    answer_save(
        cycle=cycle,
        question_code="A1.1.a",
        value="A",
        level="self",
        by=cast.opd_member,
        expected_version=0,
    )
    comment_post(cycle=cycle, question_code="A1.1.a", text="cek", by=cast.coordinator)
    ev = evidence_store(
        organisation=cast.disdukcapil,
        cycle=cycle,
        title="SK",
        by=cast.opd_member,
        content=tiny_pdf("SK"),
        filename="sk.pdf",
    )
    evidence_link(evidence=ev, cycle=cycle, question_code="A1.1.a", by=cast.opd_member)
    client.force_login(cast.admin)
    return client


def admin_url(model, view, *args):
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)


def rows():
    return {m.__name__: list(m.objects.order_by("pk").values()) for m in LOCKED}


@pytest.mark.parametrize("model", LOCKED, ids=lambda m: m.__name__)
def test_an_operator_sees_an_assessment_record_but_cannot_add_change_or_delete_it(operator, model):
    obj = model.objects.order_by("pk").first()
    assert obj is not None
    assert operator.get(admin_url(model, "changelist")).status_code == 200
    page = operator.get(admin_url(model, "change", obj.pk))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    before = rows()
    assert operator.get(admin_url(model, "add")).status_code == 403
    assert operator.post(admin_url(model, "change", obj.pk), {}).status_code == 403
    assert operator.post(admin_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    bulk = operator.post(
        admin_url(model, "changelist"),
        {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 302, 403)
    assert rows() == before


def test_an_operator_still_manages_organisations_and_memberships(operator, cast):
    response = operator.post(
        admin_url(Organisation, "add"),
        {"name": "Dinas Pariwisata", "short_name": "Dispar", "kind": "opd", "parent": cast.kota.pk},
    )
    assert response.status_code == 302
    new = Organisation.objects.get(short_name="Dispar")
    assert new.path == f"{cast.kota.path}{new.pk}/" and new.pemda_id == cast.kota.pk
    response = operator.post(
        admin_url(Membership, "add"),
        {"user": cast.opd_member.pk, "organisation": new.pk, "role": "tim_opd", "position": "Staf"},
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("model", "field", "value"),
    [
        (Organisation, "name", "Dinas \u202eSUKESEK"),
        (Organisation, "short_name", "Dinas\x00"),
        (Membership, "position", "Kepala\x1b[2J"),
    ],
)
def test_admin_texts_refuse_control_and_direction_characters(operator, cast, model, field, value):
    if model is Organisation:
        obj, data = cast.dinkes, {"name": "Dinas Kesehatan", "short_name": "Dinkes", "kind": "opd"}
        data["parent"] = cast.kota.pk
    else:
        obj = Membership.objects.get(user=cast.opd_member)
        data = {"user": obj.user_id, "organisation": obj.organisation_id, "role": obj.role}
        data["position"] = ""
    data[field] = value
    response = operator.post(admin_url(model, "change", obj.pk), data)
    assert response.status_code == 200  # the form again, with the error
    assert "tidak diterima" in response.content.decode()
    obj.refresh_from_db()
    assert getattr(obj, field) != value


def test_a_users_name_refuses_direction_characters_in_the_admin(operator, cast):
    user = cast.other_opd_member
    response = operator.post(
        reverse("admin:auth_user_change", args=[user.pk]),
        {
            "username": user.username,
            "first_name": "Budi \u2067",
            "last_name": "",
            "email": "",
            "is_active": "on",
            "date_joined_0": "2024-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    assert response.status_code == 200 and "pengatur arah teks" in response.content.decode()
    user.refresh_from_db()
    assert user.first_name == "Dinkes"
