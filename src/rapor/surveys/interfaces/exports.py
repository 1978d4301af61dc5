"""The raw responses as CSV rows (streamed by rapor.web.csvexport.csv_response, which also
defuses any cell a spreadsheet would read as a formula: suggestions are free text)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import AgeGroup, Channel, Education, Occupation, Response, Sex
from ..questionnaire import QUESTIONNAIRE

CHUNK = 2000


def responses_header() -> list[str]:
    return [
        _("waktu"),
        _("instansi"),
        _("gerai"),
        _("layanan"),
        _("kanal"),
        *[u.code for u in QUESTIONNAIRE],
        _("umur"),
        _("jenis kelamin"),
        _("pendidikan"),
        _("pekerjaan"),
        _("saran"),
        _("kontak"),
    ]


def response_rows(qs: QuerySet[Response]) -> Iterator[list[Any]]:
    """One row per response, read in chunks (a year of a busy MPP stays in little memory)."""
    labels = {
        "age_group": dict(AgeGroup.choices),
        "sex": dict(Sex.choices),
        "education": dict(Education.choices),
        "occupation": dict(Occupation.choices),
        "channel": dict(Channel.choices),
    }
    rows = qs.values_list(
        "submitted_at",
        "agency__name",
        "counter__name",
        "service__name",
        "channel",
        *[u.field for u in QUESTIONNAIRE],
        "age_group",
        "sex",
        "education",
        "occupation",
        "suggestion",
        "contact",
    )
    for row in rows.iterator(chunk_size=CHUNK):
        at, agency, counter, service, channel, *rest = row
        answers, (age, sex, education, occupation, suggestion, contact) = rest[:9], rest[9:]
        yield [
            timezone.localtime(at).strftime("%Y-%m-%d %H:%M"),
            agency,
            counter,
            service,
            str(labels["channel"].get(channel, channel)),
            *answers,
            str(labels["age_group"].get(age, "")),
            str(labels["sex"].get(sex, "")),
            str(labels["education"].get(education, "")),
            str(labels["occupation"].get(occupation, "")),
            suggestion,
            contact,
        ]
