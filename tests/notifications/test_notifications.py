"""Notifications: born from the audit trail (a new assignment, a returned question) and from the
daily job (due in three days, overdue, the Tim RB's digest); e-mailed by a background task that
sends each once, however often the job or the task runs; read in the app under the bell."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from rapor.assessments.domain.answers import answer_save
from rapor.assessments.domain.assignments import assign_area, assignment_create
from rapor.assessments.domain.review import return_with_note, submit
from rapor.cli import main
from rapor.notifications.jobs import remind
from rapor.notifications.models import Notification
from rapor.notifications.tasks import send_notification_email, send_pending
from tests.web.conftest import make_cycle, make_user

pytestmark = pytest.mark.django_db
TODAY = dt.date(2031, 3, 10)


@pytest.fixture
def people(cast):
    for user, address in [
        (cast.opd_member, "dukcapil@example.org"),
        (cast.coordinator, "timrb@example.org"),
    ]:
        user.email = address
        user.save()
    return cast


def kinds(user):
    return sorted(Notification.objects.filter(user=user).values_list("kind", flat=True))


def test_an_area_assigned_at_once_is_one_notification_and_one_email_per_person(
    people, framework, django_capture_on_commit_callbacks
):
    cycle = make_cycle(people, framework)
    with django_capture_on_commit_callbacks(execute=True):
        assign_area(
            cycle=cycle,
            area="A1",
            opd=people.disdukcapil,
            person=people.opd_member,
            due_date=TODAY,
            by=people.coordinator,
        )
    n = Notification.objects.get(user=people.opd_member)
    assert (
        n.kind == "assigned" and n.params["indicators"] == "A1.1, A1.2" and n.params["count"] == 2
    )
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["dukcapil@example.org"]
    assert (
        "A1.1, A1.2" in mail.outbox[0].body
        and "Penugasan baru: 2 indikator" in mail.outbox[0].subject
    )
    assert "/tugas-saya/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):  # only the due date changes: no news
        assign_area(
            cycle=cycle,
            area="A1",
            opd=people.disdukcapil,
            person=people.opd_member,
            due_date=TODAY + dt.timedelta(days=1),
            by=people.coordinator,
        )
    assert Notification.objects.count() == 1


def test_an_assignment_without_a_person_tells_the_agencys_team(
    cast, framework, django_capture_on_commit_callbacks
):
    second = make_user("dukcapil2", cast.disdukcapil, "tim_opd")
    cycle = make_cycle(cast, framework)
    with django_capture_on_commit_callbacks(execute=True):
        assignment_create(
            cycle=cycle, indicator_code="A2.1", opd=cast.disdukcapil, by=cast.coordinator
        )
    assert kinds(cast.opd_member) == kinds(second) == ["assigned"]
    assert kinds(cast.other_opd_member) == []


def test_a_returned_question_tells_the_person_in_charge_with_the_note(
    people, framework, django_capture_on_commit_callbacks
):
    cycle = make_cycle(people, framework)
    with django_capture_on_commit_callbacks(execute=True):
        assignment_create(
            cycle=cycle,
            indicator_code="A1.1",
            opd=people.disdukcapil,
            person=people.opd_member,
            by=people.coordinator,
        )
    mail.outbox.clear()
    answer_save(
        cycle=cycle,
        question_code="A1.1.a",
        value="A",
        level="self",
        by=people.opd_member,
        expected_version=0,
    )
    submit(cycle=cycle, question_codes=["A1.1.a"], by=people.opd_member)
    with django_capture_on_commit_callbacks(execute=True):
        return_with_note(
            cycle=cycle,
            question_code="A1.1.a",
            level="reviewer",
            note="SK belum ditandatangani",
            by=people.coordinator,
            expected_version=2,
        )
    n = Notification.objects.get(user=people.opd_member, kind="returned")
    assert n.params == {
        "question": "A1.1.a",
        "note": "SK belum ditandatangani",
        "by": "Koordinator",
    }
    assert n.url.endswith("?indicator=A1.1")
    assert [m.subject for m in mail.outbox] == ["[Rapor] Dikembalikan: A1.1.a"]


def test_a_rolled_back_change_notifies_nobody(
    people, framework, django_capture_on_commit_callbacks
):
    from django.db import transaction

    cycle = make_cycle(people, framework)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            assignment_create(
                cycle=cycle,
                indicator_code="A1.1",
                opd=people.disdukcapil,
                person=people.opd_member,
                by=people.coordinator,
            )
            raise RuntimeError("undo")
        assignment_create(
            cycle=cycle,
            indicator_code="A1.2",
            opd=people.disdukcapil,
            person=people.opd_member,
            by=people.coordinator,
        )
    assert [n.params["indicators"] for n in Notification.objects.all()] == ["A1.2"]


def test_the_daily_job_run_twice_reminds_and_emails_once(
    people, framework, django_capture_on_commit_callbacks
):
    cycle = make_cycle(people, framework)
    with django_capture_on_commit_callbacks(execute=True):
        assignment_create(
            cycle=cycle,
            indicator_code="A1.1",
            opd=people.disdukcapil,
            person=people.opd_member,
            due_date=TODAY + dt.timedelta(days=3),
            by=people.coordinator,
        )
        assignment_create(
            cycle=cycle,
            indicator_code="A1.2",
            opd=people.disdukcapil,
            person=people.opd_member,
            due_date=TODAY - dt.timedelta(days=1),
            by=people.coordinator,
        )
        assignment_create(
            cycle=cycle,
            indicator_code="A2.1",
            opd=people.disdukcapil,
            person=people.opd_member,
            due_date=TODAY + dt.timedelta(days=4),
            by=people.coordinator,
        )
    mail.outbox.clear()
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            summary = remind(today=TODAY)
    assert kinds(people.opd_member) == ["assigned", "due_soon", "overdue"]  # one for the three
    assert kinds(people.coordinator) == ["digest"]
    assert sorted(m.subject for m in mail.outbox) == [
        "[Rapor] Ringkasan harian Kota Contoh 2024",
        "[Rapor] Segera jatuh tempo: A1.1",
        "[Rapor] Terlambat: A1.2",
    ]
    assert (summary.due_soon, summary.overdue, summary.digests) == (0, 0, 0)  # the second run
    digest = Notification.objects.get(kind="digest")
    assert digest.params["late"] == 1 and digest.params["due_soon"] == 1
    # a new due date is a new reminder
    with django_capture_on_commit_callbacks(execute=True):
        assignment_create(
            cycle=cycle,
            indicator_code="A1.2",
            opd=people.disdukcapil,
            person=people.opd_member,
            due_date=TODAY + dt.timedelta(days=2),
            by=people.coordinator,
        )
        remind(today=TODAY)
    assert kinds(people.opd_member).count("due_soon") == 2


def test_work_that_is_done_gets_no_reminder(people, framework):
    cycle = make_cycle(people, framework)
    assignment_create(
        cycle=cycle,
        indicator_code="A1.2",
        opd=people.disdukcapil,
        person=people.opd_member,
        due_date=TODAY,
        by=people.coordinator,
    )
    for code in ("A1.2.a", "A1.2.b"):
        answer_save(
            cycle=cycle,
            question_code=code,
            value="A",
            level="self",
            by=people.opd_member,
            expected_version=0,
        )
    submit(cycle=cycle, question_codes=["A1.2.a", "A1.2.b"], by=people.opd_member)
    remind(today=TODAY)
    assert "due_soon" not in kinds(people.opd_member)


def test_the_sending_task_run_twice_sends_one_email(people):
    n = Notification.objects.create(
        user=people.opd_member,
        kind="overdue",
        key="x",
        params={"indicator": "A1.1", "name": "Uji", "due": "2031-03-01"},
    )
    assert send_notification_email.call(n.pk) == "sent"
    assert send_notification_email.call(n.pk) == "skipped"
    send_notification_email.enqueue(n.pk)
    assert send_pending() == 0
    assert len(mail.outbox) == 1 and "1 Mar 2031" in mail.outbox[0].body
    n.refresh_from_db()
    assert n.email_state == "sent" and n.emailed_at is not None


def test_a_failed_send_is_retried_and_then_sent_once(people, settings):
    n = Notification.objects.create(user=people.opd_member, kind="overdue", key="y", params={})
    settings.EMAIL_BACKEND = "tests.notifications.broken.Backend"
    with pytest.raises(OSError):
        send_notification_email.call(n.pk)
    n.refresh_from_db()
    assert n.email_state == "pending"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_pending() == 1 and send_pending() == 0
    assert len(mail.outbox) == 1


def test_someone_without_an_email_address_is_told_in_the_app_only(cast, cycle):
    n = Notification.objects.create(
        user=cast.other_opd_member, kind="overdue", key="z", params={}, email_state="none"
    )
    assert send_notification_email.call(n.pk) == "skipped" and not mail.outbox


def test_the_bell_counts_unread_and_opening_one_marks_it_read(as_user, people, cycle):
    for i in range(3):
        Notification.objects.create(
            user=people.opd_member,
            kind="overdue",
            key=f"k{i}",
            params={"indicator": f"A{i}"},
            url="/tugas-saya/",
        )
    Notification.objects.create(user=people.coordinator, kind="overdue", key="other", params={})
    client = as_user(people.opd_member)
    home = client.get(reverse("assessments:home")).content.decode()
    assert 'class="badge rounded-pill text-bg-danger bell-count" aria-hidden="true">3<' in home
    page = client.get(reverse("notifications:list")).content.decode()
    assert page.count("notification unread") == 3 and "Terlambat: A1" in page
    first = Notification.objects.filter(user=people.opd_member).first()
    response = client.post(reverse("notifications:read", args=[first.pk]))
    assert response.status_code == 302 and response["Location"] == "/tugas-saya/"
    theirs = Notification.objects.get(user=people.coordinator)
    assert client.post(reverse("notifications:read", args=[theirs.pk])).status_code == 404
    client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(user=people.opd_member, read_at=None).exists()
    assert Notification.objects.get(user=people.coordinator).read_at is None
    assert "bell-count" not in client.get(reverse("assessments:home")).content.decode()


def test_notifications_read_in_english_for_an_english_reader(as_user, cast):
    Notification.objects.create(
        user=cast.opd_member,
        kind="returned",
        key="r",
        params={"question": "A1.1.a", "note": "cek", "by": "Rina"},
    )
    client = as_user(cast.opd_member)
    client.cookies["django_language"] = "en"
    assert "Returned: A1.1.a" in client.get(reverse("notifications:list")).content.decode()


def test_rapor_remind_and_daily_run_from_the_command_line(people, cycle, capsys):
    assert main(["remind", "--date", "2031-03-10"]) == 0
    assert "rapor remind 2031-03-10: due_soon=0 overdue=2 digests=1" in capsys.readouterr().out
    assert main(["daily", "--date", "2031-03-10"]) == 0
    out = capsys.readouterr().out
    assert "rapor snapshot 2031-03-10: cycles=1" in out and "overdue=0" in out
