"""Hasil resmi: the published results the user may record, newest year first, with the forms."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rapor.orgs.models import Organisation

from ..access import recordable_regions
from ..interfaces.forms import PublishedResultForm, ResultsImportForm
from ..models import PublishedResult


@dataclass
class ResultsPage:
    results: list[PublishedResult]
    regions: list[Organisation]
    form: PublishedResultForm
    import_form: ResultsImportForm
    problems: list[Any]


def results_page(
    *,
    user: Any,
    form: PublishedResultForm | None = None,
    import_form: ResultsImportForm | None = None,
    problems: list[Any] | None = None,
) -> ResultsPage:
    regions = recordable_regions(user)
    ids = [r.pk for r in regions]
    results = list(
        PublishedResult.objects.filter(organisation_id__in=ids)
        .select_related("organisation", "recorded_by")
        .order_by("-year", "-index", "organisation__name")
    )
    return ResultsPage(
        results=results,
        regions=regions,
        form=form or PublishedResultForm(regions=region_queryset(regions)),
        import_form=import_form or ResultsImportForm(),
        problems=problems or [],
    )


def region_queryset(regions: list[Organisation]) -> Any:
    return Organisation.objects.filter(pk__in=[r.pk for r in regions]).order_by("path")
