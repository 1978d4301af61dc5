"""MPP screens for the people who run and watch it: the list, one MPP, its catalogue forms,
and the QR posters."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from rapor.assessments.domain.errors import DomainError

from ..access import get_mpp_for_user
from ..domain.catalogue import catalogue_save, mpp_create
from ..interfaces.forms import (
    AgencyForm,
    CounterForm,
    KioskForm,
    MppForm,
    NewMppForm,
    ServiceForm,
)
from ..interfaces.posters import poster_pdf
from ..models import Agency, Counter, Kiosk, Service
from ..pages.catalogue import mpp_page, mpps_page, openable

# kind → (form, model, title); "mpp" edits the MPP itself.
ITEMS: dict[str, tuple[Any, Any, Any]] = {
    "agency": (AgencyForm, Agency, gettext_lazy("instansi")),
    "counter": (CounterForm, Counter, gettext_lazy("gerai")),
    "service": (ServiceForm, Service, gettext_lazy("layanan")),
    "kiosk": (KioskForm, Kiosk, gettext_lazy("kios")),
}


@login_required
def mpps(request: HttpRequest) -> HttpResponse:
    page = mpps_page(request.user)
    form = NewMppForm(where=page.openable) if page.openable.operators else None
    return render(request, "surveys/mpps.html", {"page": page, "form": form})


@login_required
@require_POST
def mpp_new(request: HttpRequest) -> HttpResponse:
    where = openable(request.user)
    if not where.allows(request.POST.get("pemda", ""), request.POST.get("operator", "")):
        raise PermissionDenied("manage_survey")  # not an MPP this user may open
    form = NewMppForm(request.POST, where=where)
    if form.is_valid():
        data = dict(form.cleaned_data)
        pemda, operator = data.pop("pemda"), data.pop("operator")
        try:
            mpp = mpp_create(pemda=pemda, operator=operator, by=request.user, **data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("MPP %(name)s dibuat.") % {"name": mpp.name})
            return redirect("surveys:mpp", mpp.pk)
    page = mpps_page(request.user)
    return render(request, "surveys/mpps.html", {"page": page, "form": form}, status=400)


@login_required
def mpp(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_mpp_for_user(request, pk)
    return render(request, "surveys/mpp.html", {"page": mpp_page(request, obj)})


@login_required
@require_http_methods(["GET", "POST"])
def mpp_edit(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_mpp_for_user(request, pk, "manage_survey")
    form = MppForm(request.POST or None, instance=obj, pemda=obj.pemda)
    if request.method == "POST" and form.is_valid():
        try:
            catalogue_save(mpp=obj, kind="mpp", item=form.instance, by=request.user)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Tersimpan."))
            return redirect("surveys:mpp", obj.pk)
    return render(
        request,
        "surveys/item_edit.html",
        {"mpp": obj, "form": form, "title": _("Ubah MPP"), "kind": "mpp"},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, pk: int, kind: str, item: int) -> HttpResponse:
    """Add (``item`` 0) or change an agency, counter, service or kiosk of the MPP."""
    obj = get_mpp_for_user(request, pk, "manage_survey")
    if kind not in ITEMS:
        raise Http404("no such kind")
    form_class, model, title = ITEMS[kind]
    instance = None
    if item:
        scope = {"counter__mpp": obj} if kind == "service" else {"mpp": obj}
        instance = model.objects.filter(pk=item, **scope).first()
        if instance is None:
            raise Http404("no such item")
    form = form_class(request.POST or None, instance=instance, mpp=obj)
    if request.method == "POST" and form.is_valid():
        try:
            catalogue_save(mpp=obj, kind=kind, item=form.instance, by=request.user)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Tersimpan."))
            return redirect(reverse("surveys:mpp", args=[obj.pk]) + f"#{kind}-{form.instance.pk}")
    heading = (_("Ubah %(what)s") if item else _("Tambah %(what)s")) % {"what": title}
    return render(
        request,
        "surveys/item_edit.html",
        {"mpp": obj, "form": form, "title": heading, "kind": kind},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def poster(request: HttpRequest, pk: int, kind: str, item: int) -> HttpResponse:
    """A printable A4 poster with the QR code of a counter or a service."""
    obj = get_mpp_for_user(request, pk)
    if kind == "counter":
        target = Counter.objects.filter(pk=item, mpp=obj).select_related("agency").first()
    elif kind == "service":
        target = (
            Service.objects.filter(pk=item, counter__mpp=obj)
            .select_related("counter__agency")
            .first()
        )
    else:
        target = None
    if target is None:
        raise Http404("no such counter or service")
    pdf = poster_pdf(request, obj, kind, target)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="poster-skm-{kind}-{target.pk}.pdf"'
    return response
