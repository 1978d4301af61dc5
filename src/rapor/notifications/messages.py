"""What each kind of notification says, in the reader's language: a table, not a chain of ifs.

Each kind has a title and a body (format strings over the notification's ``params``); the e-mail
uses the title as its subject and the body as its text, with the link.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Notification

Kind = Notification.Kind


@dataclass(frozen=True)
class Text:
    title: Any
    body: Any


TEXTS: dict[str, Text] = {
    Kind.ASSIGNED: Text(
        _("Penugasan baru: %(count)s indikator"),
        _("%(by)s menugaskan %(indicators)s kepada %(opd)s. Tenggat: %(due)s."),
    ),
    Kind.RETURNED: Text(
        _("Dikembalikan: %(question)s"),
        _("%(by)s mengembalikan %(question)s dengan catatan: %(note)s"),
    ),
    Kind.DUE_SOON: Text(
        _("Segera jatuh tempo: %(indicator)s"),
        _("%(indicator)s %(name)s jatuh tempo %(due)s (%(days)s hari lagi) dan belum selesai."),
    ),
    Kind.OVERDUE: Text(
        _("Terlambat: %(indicator)s"),
        _("%(indicator)s %(name)s lewat tenggat %(due)s dan belum selesai."),
    ),
    Kind.DIGEST: Text(
        _("Ringkasan harian %(region)s %(year)s"),
        _(
            "Indeks sementara %(index)s (%(grade)s). %(late)s indikator terlambat, %(due_soon)s "
            "segera jatuh tempo, %(returned)s dikembalikan, %(waiting)s pertanyaan menunggu reviu. "
            "%(days)s"
        ),
    ),
}


class _Params(dict[str, Any]):
    def __missing__(self, key: str) -> str:  # an older notification may lack a newer field
        return "–"


def _params(n: Notification) -> dict[str, Any]:
    p = _Params(n.params)
    if isinstance(p.get("due"), str) and len(p["due"]) == 10:
        with contextlib.suppress(ValueError):
            p["due"] = date_format(dt.date.fromisoformat(p["due"]), "j M Y")
    if n.kind == Kind.DIGEST:
        from rapor.web.templatetags.rapor_ui import decimal_comma

        if decimal_comma() and isinstance(p.get("index"), str):
            p["index"] = p["index"].replace(".", ",")
        days = p.get("days_left")
        p["days"] = (
            ""
            if days is None
            else ngettext("%(n)d hari lagi.", "%(n)d hari lagi.", days) % {"n": days}
            if days >= 0
            else ngettext("Lewat %(n)d hari.", "Lewat %(n)d hari.", -days) % {"n": -days}
        )
    return p


def title(n: Notification) -> str:
    return str(TEXTS[n.kind].title) % _params(n)


def body(n: Notification) -> str:
    return str(TEXTS[n.kind].body) % _params(n)
