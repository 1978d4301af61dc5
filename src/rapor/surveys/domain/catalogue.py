"""Create and change an MPP and its catalogue (agencies, counters, services, kiosks).

Every change is recorded as a SurveyEvent with the fields before and after. Items are never
deleted (responses refer to them): they are made inactive. The forms offer only choices inside
the MPP; the rules below hold whoever calls (a counter's agency, a service's counter and a
kiosk's counter belong to the same MPP; an agency that is an OPD is an OPD of the MPP's Pemda).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from rapor.assessments.domain.errors import DomainError
from rapor.orgs.models import Organisation
from rapor.web.texts import text_error

from ..models import Agency, Counter, Kiosk, Mpp, Service, SurveyEvent

# kind → (model, the fields that are recorded)
CATALOGUE: dict[str, tuple[type[models.Model], tuple[str, ...]]] = {
    "mpp": (Mpp, ("name", "address", "opened_on", "weighting", "operator_id")),
    "agency": (Agency, ("name", "short_name", "organisation_id", "order", "active")),
    "counter": (Counter, ("name", "agency_id", "order", "active")),
    "service": (
        Service,
        (
            "name",
            "counter_id",
            "requirements",
            "duration",
            "cost",
            "product",
            "is_example",
            "order",
            "active",
        ),
    ),
    "kiosk": (Kiosk, ("name", "counter_id", "active")),
}


def _json(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(obj: models.Model, kind: str) -> dict[str, Any]:
    return {name: _json(getattr(obj, name)) for name in CATALOGUE[kind][1]}


def event_record(
    *,
    mpp: Mpp,
    kind: str,
    by: Any,
    object_id: int | None = None,
    before: Any = None,
    after: Any = None,
) -> SurveyEvent:
    return SurveyEvent.objects.create(
        mpp=mpp,
        kind=kind,
        object_id=object_id,
        actor=by if getattr(by, "pk", None) else None,
        before=before,
        after=after,
    )


def check_operator(pemda: Organisation, operator: Organisation) -> None:
    if not pemda.is_pemda:
        raise DomainError(_("%(name)s bukan Pemda.") % {"name": pemda})
    if operator.kind != Organisation.Kind.OPD or operator.pemda_id != pemda.pk:
        raise DomainError(
            _("OPD pengelola harus OPD dari %(pemda)s.") % {"pemda": pemda.name},
        )


@transaction.atomic
def mpp_create(*, pemda: Organisation, operator: Organisation, by: Any, **fields: Any) -> Mpp:
    check_operator(pemda, operator)
    mpp = Mpp(pemda=pemda, operator=operator, **fields)
    _check_texts("mpp", mpp)
    mpp.save()
    event_record(mpp=mpp, kind="mpp", by=by, object_id=mpp.pk, after=snapshot(mpp, "mpp"))
    return mpp


MULTILINE = {"requirements"}


def _check_texts(kind: str, item: Any) -> None:
    """Every text field of the item follows the project's text rule, whoever calls."""
    for name in CATALOGUE[kind][1]:
        value = getattr(item, name)
        if isinstance(value, str) and (
            problem := text_error(
                value,
                label=str(item._meta.get_field(name).verbose_name),
                multiline=name in MULTILINE,
            )
        ):
            raise DomainError(problem)


def _check_belongs(mpp: Mpp, kind: str, item: Any) -> None:
    """The item's references stay inside its MPP (and its Pemda)."""
    if kind == "agency" and item.organisation_id is not None:
        org = Organisation.objects.get(pk=item.organisation_id)
        if org.pemda_id != mpp.pemda_id or org.kind != Organisation.Kind.OPD:
            raise DomainError(_("Instansi hanya dapat dihubungkan ke OPD Pemda ini."))
    if kind == "counter" and item.agency.mpp_id != mpp.pk:
        raise DomainError(_("Instansi gerai harus instansi di MPP ini."))
    if kind in ("service", "kiosk") and item.counter_id is not None:
        counter_mpp = Counter.objects.filter(pk=item.counter_id).values_list("mpp_id", flat=True)
        if counter_mpp.first() != mpp.pk:
            raise DomainError(_("Gerai harus gerai di MPP ini."))


@transaction.atomic
def catalogue_save(*, mpp: Mpp, kind: str, item: Any, by: Any) -> Any:
    """Save a new or changed catalogue item of ``mpp`` and record what changed."""
    model, _fields = CATALOGUE[kind]
    if not isinstance(item, model):
        raise TypeError(f"{kind} expects a {model.__name__}")
    if kind == "mpp":
        if item.pk != mpp.pk:
            raise DomainError("not this MPP")
        check_operator(mpp.pemda, item.operator)
    elif kind != "service":
        item.mpp = mpp
    _check_texts(kind, item)
    _check_belongs(mpp, kind, item)
    before = None
    if item.pk is not None:
        stored = model.objects.get(pk=item.pk)  # type: ignore[attr-defined]
        before = snapshot(stored, kind)
    after = snapshot(item, kind)
    if before == after:
        return item
    item.save()
    changed_before = {k: v for k, v in (before or {}).items() if after.get(k) != v}
    changed_after = {k: v for k, v in after.items() if before is None or before.get(k) != v}
    event_record(
        mpp=mpp,
        kind=kind,
        by=by,
        object_id=item.pk,
        before=changed_before or None,
        after=changed_after,
    )
    return item
