"""The customary SKM report of a period as PDF: period, population and sample, respondents and
their profile, NRR per unsur, IKM, mutu and kinerja, the weakest unsur, the units, the trend,
the suggestions, the follow-up and where the results were published."""

from __future__ import annotations

from fractions import Fraction

from django.utils import timezone

from rapor.web.pdf import render_pdf
from rapor.web.svgcharts import Bar, Series, bar_chart, line_chart
from rapor.web.templatetags.rapor_ui import num

from ..models import Mpp
from ..periods import Period
from .followup import followup_page
from .results import results_page


def report_pdf(mpp: Mpp, period: Period) -> bytes:
    page = results_page(mpp=mpp, period=period, by="agency", unit=None)
    follow = followup_page(mpp, period)
    bars = [
        Bar(f"{row.code} {row.name}", row.nrr or Fraction(0), Fraction(4), num(row.nrr, 2))
        for row in page.summary.unsur
    ]
    trend = line_chart(
        [p.short for p, _t, _r in page.trend],
        [Series("IKM", [r.ikm if r else None for _p, _t, r in page.trend])],
        low=Fraction(25),
        high=Fraction(100),
        ticks=[(Fraction(v), str(v)) for v in (25, 50, 65, 77, 88, 100)],
    )
    return render_pdf(
        "surveys/print/report.html",
        {
            "page": page,
            "follow": follow,
            "nrr_chart": bar_chart(bars, label_width=260),
            "trend_chart": trend,
            "organisation_name": mpp.name,
            "printed_on": timezone.localdate(),
            "document_title": f"SKM {mpp.name} {period.label}",
        },
    )
