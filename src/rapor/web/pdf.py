"""PDF documents from HTML templates (WeasyPrint), for every app's reports and posters.

How this works: a template that extends ``rapor/print/base.html`` is rendered with Django's
templates, then WeasyPrint lays it out on A4 with the header (the organisation and the date) and
the page numbers of the base template. WeasyPrint never touches the network: its URL fetcher
serves ``/static/...`` from the app's static files and refuses every other address, so a report
renders the same on an offline government server and an untrusted value cannot make it fetch
anything. Charts are inline SVG (``rapor.web.svgcharts``), drawn to print in black and white.
"""

from __future__ import annotations

import mimetypes
from typing import Any
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

BASE_URL = "http://rapor.invalid/"  # never fetched: url_fetcher answers every request


class PrintFetchRefused(ValueError):
    """A document asked for an address outside the app's static files."""


def _static_path(url: str) -> str | None:
    path = unquote(urlparse(url).path)
    prefix = "/" + settings.STATIC_URL.lstrip("/")
    if not path.startswith(prefix):
        return None
    relative = path[len(prefix) :]
    if ".." in relative.split("/"):
        return None
    found = finders.find(relative)
    return found if isinstance(found, str) else None


def _fetcher_class() -> type:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):  # type: ignore[misc]
        """Serve the app's static files and ``data:`` URLs to WeasyPrint; refuse anything else."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            found = _static_path(url)
            if found is None:
                raise PrintFetchRefused(f"refused to fetch {url!r} while printing")
            with open(found, "rb") as handle:
                data = handle.read()
            mime = mimetypes.guess_type(found)[0] or "application/octet-stream"
            return URLFetcherResponse(url, data, {"Content-Type": mime})

    return StaticOnlyFetcher


def url_fetcher() -> Any:
    """A WeasyPrint URL fetcher that reads only the app's static files."""
    return _fetcher_class()(allowed_protocols=("http", "data"), allow_redirects=False)


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """Render ``template_name`` (extending ``rapor/print/base.html``) to PDF bytes."""
    from weasyprint import HTML  # imported here: loading WeasyPrint costs ~0.3 s

    html = render_to_string(template_name, context)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=url_fetcher())
    return document.write_pdf()  # type: ignore[no-any-return]
