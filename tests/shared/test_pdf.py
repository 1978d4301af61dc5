"""PDFs render from templates on A4 with the organisation, the date and page numbers; charts
are SVG; nothing is fetched from outside the app's static files."""

from __future__ import annotations

import datetime as dt
import subprocess
from fractions import Fraction

import pytest
from django.utils import translation

from rapor.web.pdf import PrintFetchRefused, render_pdf, url_fetcher
from rapor.web.svgcharts import Bar, Series, bar_chart, line_chart

SAMPLE = """{% extends "rapor/print/base.html" %}
{% block content %}<h1>Laporan contoh</h1>
<div class="chart">{{ bars }}</div><div class="chart">{{ lines }}</div>
{% for i in rows %}<p>Baris {{ i }}</p>{% endfor %}{% endblock %}"""


@pytest.fixture
def sample_template(settings, tmp_path):
    (tmp_path / "sample.html").write_text(SAMPLE, encoding="utf-8")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path]},
    ]
    return "sample.html"


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def context() -> dict:
    return {
        "organisation_name": "Kota Contoh",
        "printed_on": dt.date(2026, 11, 29),
        "bars": bar_chart(
            [
                Bar("Komponen <A>", Fraction(124, 10), Fraction(33), "12,40 / 33,00"),
                Bar("Komponen B", Fraction(5), Fraction(7), "5,00 / 7,00"),
            ]
        ),
        "lines": line_chart(
            ["1 Nov", "2 Nov", "3 Nov"],
            [
                Series("2024", [Fraction(57), None, Fraction(60)]),
                Series("2023", [Fraction(55)] * 3),
            ],
            low=Fraction(0),
            high=Fraction(120),
            ticks=[(Fraction(60), "60")],
        ),
        "rows": range(90),
    }


def test_a_document_has_the_organisation_the_date_and_page_numbers(sample_template, tmp_path):
    with translation.override("id"):
        data = render_pdf(sample_template, context())
    assert data.startswith(b"%PDF")
    text = pdf_text(data, tmp_path)
    assert "Laporan contoh" in text
    assert "Kota Contoh" in text
    assert "29 November 2026" in text
    assert "Halaman 1 dari 3" in text and "Halaman 3 dari 3" in text
    assert "12,40 / 33,00" in text  # the chart's labels are text in the PDF
    assert "Komponen <A>" in text  # escaped in the SVG, shown as written


def test_the_page_counter_follows_the_language(sample_template, tmp_path):
    with translation.override("en"):
        text = pdf_text(render_pdf(sample_template, context()), tmp_path)
    assert "Page 1 of 3" in text


def test_only_the_apps_static_files_are_fetched():
    fetcher = url_fetcher()
    served = fetcher.fetch("http://rapor.invalid/static/rapor/print.css")
    assert b"@page" in served.read() and served.content_type == "text/css"
    for url in (
        "http://example.com/x.png",
        "http://rapor.invalid/static/../settings.py",
        "file:///etc/passwd",
    ):
        with pytest.raises(PrintFetchRefused):
            fetcher.fetch(url)
