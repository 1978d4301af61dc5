"""Import an instrument from the ministry's workbook on the admin's Kerangka page: the job reads
it (``rapor.lke.instrument``); the admin reviews the guesses and saves it as a framework version,
which stays inactive until they activate it."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from rapor.assessments.domain.errors import DomainError
from rapor.assessments.domain.frameworks import framework_register
from rapor.assessments.models import FrameworkVersion
from rapor.lke.instrument import import_instrument

from ..models import Job
from .jobs import Progress, job_result_file, plain_details


def run(job: Job, progress: Progress) -> None:
    params = job.params
    progress(0, 2)
    with job.source.open("rb") as handle:
        imported = import_instrument(
            handle,
            block=int(params.get("block") or 1),
            name=job.source_name,
            framework_id=params.get("framework_id") or None,
            version=params.get("version") or None,
            title=params.get("name") or None,
        )
    progress(1, 2)
    fw = imported.framework
    job.result = {
        "yaml": imported.yaml_text,
        "id": fw.id,
        "version": fw.version,
        "name": fw.name,
        "components": len(fw.roots),
        "nodes": len(fw.nodes),
        "questions": len(fw.questions),
        "sheet": imported.sheet,
        "block": imported.block,
        "findings": [
            {"kind": f.kind, "reason": f.reason, "details": plain_details(f.details)}
            for f in imported.findings
        ],
    }
    job_result_file(
        job, f"{fw.id}-{fw.version}.yaml", imported.yaml_text.encode("utf-8"), "application/yaml"
    )
    progress(2, 2)


def instrument_save(*, job: Job, by: Any) -> FrameworkVersion:
    """Store the imported framework as a version (inactive: the admin activates it)."""
    result = job.result or {}
    if job.status != Job.Status.DONE or "yaml" not in result:
        raise DomainError(_("Impor kerangka ini belum selesai."))
    if FrameworkVersion.objects.filter(
        framework_id=result["id"], version=result["version"]
    ).exists():
        raise DomainError(
            _("%(id)s %(version)s sudah tersimpan; impor ulang dengan kode atau versi lain.")
            % {"id": result["id"], "version": result["version"]}
        )
    version, _created = framework_register(text=result["yaml"], by=by, source=job.source_name)
    return version
