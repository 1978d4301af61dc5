"""Notifikasi: the person's notifications, newest first; open one (marks it read), mark all read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .domain.notify import mark_read
from .messages import body, title
from .models import Notification

SHOWN = 100


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    rows = list(Notification.objects.filter(user=request.user)[:SHOWN])
    items = [{"n": n, "title": title(n), "body": body(n)} for n in rows]
    unread = sum(1 for n in rows if n.read_at is None)
    return render(request, "notifications/list.html", {"items": items, "unread": unread})


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one read and go where it points (a page of this site only)."""
    n = Notification.objects.filter(user=request.user, pk=pk).first()
    if n is None:
        raise Http404("no such notification")
    mark_read(user=request.user, pks=[n.pk])
    if n.url and url_has_allowed_host_and_scheme(n.url, {request.get_host()}):
        return redirect(n.url)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    mark_read(user=request.user)
    return redirect("notifications:list")
