"""Receive one public survey submission: read it, guard against abuse, store it exactly once.

How this works, in order (the first check that fails decides the reason, which is counted):
1. the signed ticket (domain/tickets.py) says which MPP, services and kiosk the form was for;
2. the honeypot field (hidden from people, filled by bots) must be empty;
3. every field is bounded and checked (answers 1–4 or skipped, at least one answered, the
   respondent fields from their lists, the suggestion at most 1,000 characters);
4. the form must have been open for a minimum time (bots post at once), and not be too old;
5. the rate limits of the address, the device (a cookie) or the kiosk (domain/guards.py);
6. one INSERT; the submission id is unique, so a second copy (a double tap, a kiosk replaying its
   queue after the network came back) is recognised and not stored again.
Nothing here reads the catalogue: the ticket carries the service's counter and agency. A refused
submission is never dropped silently: the caller shows the form again, answers kept, with what
went wrong and, for a rate limit, when to try again.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _

from rapor.web.texts import text_error

from ..models import AgeGroup, Channel, Education, Occupation, Rejection, Response, Sex
from ..questionnaire import QUESTIONNAIRE
from .guards import address_key, count_rejection, rate_check
from .tickets import BadTicket, Ticket, ticket_read

Reason = Rejection.Reason
HONEYPOT = "website"
MAX_SUGGESTION = 1000
MAX_CONTACT = 120
DEVICE_COOKIE = "skm_perangkat"
DEVICE_ID = re.compile(r"^[A-Za-z0-9_-]{16,43}$")
# Optional respondent fields: form name → (model field, allowed codes). Data, not code.
PROFILE_FIELDS: dict[str, tuple[str, frozenset[str]]] = {
    "umur": ("age_group", frozenset(AgeGroup.values)),
    "jk": ("sex", frozenset(Sex.values)),
    "pendidikan": ("education", frozenset(Education.values)),
    "pekerjaan": ("occupation", frozenset(Occupation.values)),
}
ANSWER_TEXT = {"1": 1, "2": 2, "3": 3, "4": 4}


def min_seconds() -> float:
    return float(getattr(settings, "RAPOR_SURVEY_MIN_SECONDS", 5))


MAX_AGE_DAYS = {"phone": 2, "kiosk": 30}


def max_age(kiosk: bool) -> float:
    """How long a form may stay open: a phone's page two days, a kiosk's page thirty (each can be
    set on its own: settings.RAPOR_SURVEY_MAX_AGE_DAYS = {"kiosk": 60})."""
    days = {**MAX_AGE_DAYS, **getattr(settings, "RAPOR_SURVEY_MAX_AGE_DAYS", {})}
    return float(days["kiosk" if kiosk else "phone"]) * 86400


@dataclass
class Outcome:
    status: str
    """accepted | duplicate | rejected"""
    reason: str = ""
    errors: dict[str, str] = field(default_factory=dict)
    """form field → message (in the user's language); "" for the whole form."""
    retry_after: int = 0
    ticket: Ticket | None = None
    response: Response | None = None

    @property
    def stored(self) -> bool:
        """The answers are in the database (now or from an earlier copy)."""
        return self.status in ("accepted", "duplicate")


def _text(data: Mapping[str, Any], name: str) -> str:
    value = data.get(name, "")
    return value.strip() if isinstance(value, str) else ""


def _parse(data: Mapping[str, Any], ticket: Ticket) -> tuple[dict[str, Any], dict[str, str]]:
    """The model fields of a submission, or the errors that stop it (both bounded)."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    service = _text(data, "layanan")
    if not service.isdigit() or int(service) not in ticket.services:
        errors["layanan"] = _("Pilih layanan yang Anda terima.")
    else:
        values["service_id"] = int(service)
        values["counter_id"], values["agency_id"] = ticket.services[int(service)]
    answered = 0
    for unsur in QUESTIONNAIRE:
        raw = _text(data, unsur.field)
        if raw == "":
            values[unsur.field] = None
        elif raw in ANSWER_TEXT:
            values[unsur.field] = ANSWER_TEXT[raw]
            answered += 1
        else:
            errors[unsur.field] = _("Pilih salah satu jawaban.")
    if answered == 0 and not any(f.startswith("u") for f in errors):
        errors[""] = _("Jawab setidaknya satu pertanyaan.")
    for name, (model_field, allowed) in PROFILE_FIELDS.items():
        raw = _text(data, name)
        if raw and raw not in allowed:
            errors[name] = _("Pilih dari daftar.")
        values[model_field] = raw if raw in allowed else ""
    suggestion = _text(data, "saran").replace("\r\n", "\n")
    if len(suggestion) > MAX_SUGGESTION:
        errors["saran"] = _("Saran paling banyak %(n)s karakter (sekarang %(len)s).") % {
            "n": MAX_SUGGESTION,
            "len": len(suggestion),
        }
    elif problem := text_error(suggestion, label=_("Saran"), multiline=True):
        errors["saran"] = problem  # a control or direction character (PostgreSQL refuses NUL)
    contact = _text(data, "kontak")
    if len(contact) > MAX_CONTACT:
        errors["kontak"] = _("Kontak paling banyak %(n)s karakter.") % {"n": MAX_CONTACT}
    elif problem := text_error(contact, label=_("Kontak")):
        errors["kontak"] = problem
    values.update(suggestion=suggestion[:MAX_SUGGESTION], contact=contact[:MAX_CONTACT])
    try:
        values["submission_id"] = uuid.UUID(_text(data, "id")[:36])
    except ValueError:
        errors[""] = _("Formulir tidak lengkap; muat ulang halaman survei.")
    return values, errors


def _filled_seconds(data: Mapping[str, Any], ticket: Ticket, now: float) -> float:
    """How long the respondent took. A kiosk's page stays open all day, so its script measures
    each respondent (``elapsed``, milliseconds); elsewhere the ticket's age is the measure."""
    elapsed = _text(data, "elapsed")
    if ticket.kiosk and elapsed.isdigit() and len(elapsed) < 10:
        return int(elapsed) / 1000
    return ticket.age(now)


def submission_receive(
    *, data: Mapping[str, Any], address: str, device: str, now: dt.datetime, language: str
) -> Outcome:
    """Check and store one submission (see the module's docstring for the order of checks)."""
    stamp = now.timestamp()
    try:
        ticket = ticket_read(_text(data, "t"))
    except BadTicket:
        count_rejection(mpp_id=0, reason=Reason.INVALID_TOKEN, now=now)
        message = _("Tautan survei ini tidak dikenal. Pindai lagi kode QR di gerai.")
        return Outcome("rejected", Reason.INVALID_TOKEN, {"": message})

    def reject(reason: str, errors: dict[str, str], retry_after: int = 0) -> Outcome:
        count_rejection(mpp_id=ticket.mpp, reason=reason, now=now)
        return Outcome("rejected", reason, errors, retry_after, ticket)

    if _text(data, HONEYPOT):
        return reject(Reason.HONEYPOT, {"": _("Kolom “jangan diisi” harus dikosongkan.")})
    values, errors = _parse(data, ticket)
    if errors:
        return reject(Reason.INVALID, errors)
    if ticket.age(stamp) > max_age(bool(ticket.kiosk)):
        message = _("Formulir sudah terlalu lama dibuka. Periksa jawaban Anda lalu kirim lagi.")
        return reject(Reason.EXPIRED, {"": message})
    if _filled_seconds(data, ticket, stamp) < min_seconds():
        message = _("Formulir dikirim terlalu cepat. Periksa jawaban Anda lalu kirim lagi.")
        return reject(Reason.TOO_FAST, {"": message})
    keys = {"kiosk": str(ticket.kiosk)} if ticket.kiosk else {"address": address_key(address)}
    if not ticket.kiosk and DEVICE_ID.match(device or ""):
        keys["device"] = device
    verdict = rate_check(keys, now)
    if not verdict.allowed:
        minutes = max(1, -(-verdict.retry_after // 60))
        message = _(
            "Terlalu banyak kiriman dari perangkat atau jaringan ini. Jawaban Anda belum tersimpan: "
            "coba kirim lagi dalam %(minutes)s menit."
        ) % {"minutes": minutes}
        return reject(Reason.RATE_LIMITED, {"": message}, verdict.retry_after)
    response = Response(
        mpp_id=ticket.mpp,
        kiosk_id=ticket.kiosk or None,
        channel=Channel.KIOSK if ticket.kiosk else Channel.QR,
        submitted_at=now,
        language=language,
        **values,
    )
    if not _insert(response):
        count_rejection(mpp_id=ticket.mpp, reason=Reason.DUPLICATE, now=now)
        return Outcome("duplicate", Reason.DUPLICATE, ticket=ticket)
    return Outcome("accepted", ticket=ticket, response=response)


# The columns of a response, in a fixed order (everything but the id the database gives).
_FIELDS = [f for f in Response._meta.concrete_fields if not f.primary_key]


@functools.cache
def _insert_sql(vendor: str) -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in _FIELDS)
    return (
        f"INSERT INTO {quote(Response._meta.db_table)} ({columns}) "
        f"VALUES ({', '.join(['%s'] * len(_FIELDS))}) "
        f"ON CONFLICT ({quote('submission_id')}) DO NOTHING RETURNING {quote('id')}"
    )


def _insert(response: Response) -> bool:
    """Insert the response; False if this submission id is stored already.

    One statement, ``INSERT … ON CONFLICT (submission_id) DO NOTHING RETURNING id`` (PostgreSQL
    and SQLite alike): a copy of a stored submission inserts nothing and raises nothing, so no
    savepoint or second query is needed, inside a transaction or not. Values are prepared by
    each field, as the ORM's own insert would.
    """
    values = [f.get_db_prep_save(f.pre_save(response, True), connection) for f in _FIELDS]
    with connection.cursor() as cursor:
        cursor.execute(_insert_sql(connection.vendor), values)
        row = cursor.fetchone()
    if row is None:
        return False
    response.pk = row[0]
    response._state.adding = False
    return True
