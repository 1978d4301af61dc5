"""Kerangka: the stored frameworks; upload a file, see its validation or summary, activate."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rapor.engine import FrameworkError
from rapor.orgs.permissions import has_action

from ..domain.errors import DomainError
from ..domain.frameworks import framework_activate, framework_register
from ..interfaces.forms import FrameworkUploadForm
from ..interfaces.framework_errors import explain_text
from ..models import FrameworkVersion

MAX_FRAMEWORK_BYTES = 5 * 1024 * 1024


def _require_admin(request: HttpRequest) -> None:
    # Frameworks are global (not owned by an organisation): the action alone decides.
    if not has_action(request.user, "manage_frameworks"):
        raise PermissionDenied("manage_frameworks")


def _summary(version: FrameworkVersion) -> dict[str, object]:
    fw = version.framework()
    return {
        "components": len(fw.roots),
        "nodes": len(fw.nodes),
        "leaves": sum(1 for n in fw.nodes.values() if n.is_leaf),
        "questions": len(fw.questions),
        "grades": [b for b in fw.grading.bands],
    }


@login_required
def frameworks(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    versions = FrameworkVersion.objects.defer("yaml_text").annotate(n_cycles=Count("cycles"))
    form = FrameworkUploadForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {"versions": versions, "form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_FRAMEWORK_BYTES:
                raise DomainError(_("Berkas terlalu besar."))
            text = upload.read().decode("utf-8")
            version, created = framework_register(text=text, by=request.user, source=upload.name)
        except UnicodeDecodeError:
            context["upload_error"] = _("Berkas bukan teks UTF-8.")
        except FrameworkError as error:
            context["upload_error"] = explain_text(error)
        except DomainError as error:
            context["upload_error"] = str(error)
        else:
            context.update(uploaded=version, created=created, summary=_summary(version))
    return render(request, "assessments/frameworks.html", context)


@login_required
@require_POST
def framework_activate_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    version = get_object_or_404(FrameworkVersion, pk=pk)
    framework_activate(version=version, by=request.user)
    messages.success(request, _("%(fw)s sekarang aktif.") % {"fw": version})
    return redirect("assessments:frameworks")
