"""The product's own error pages (403, 404, 400, a refused form, 500) in both languages, for
anonymous and signed-in users, with debug off (as the suite runs): no technical detail leaks."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import path, reverse

from rapor.web.errors import server_error

PAGES = {
    # which → (status, Indonesian title, English title)
    "403": (403, "Akses ditolak", "Access denied"),
    "404": (404, "Halaman tidak ditemukan", "Page not found"),
    "400": (400, "Permintaan tidak dapat diproses", "The request cannot be processed"),
    "csrf": (403, "Formulir kedaluwarsa", "Form expired"),
    "500": (500, "Terjadi kesalahan", "Something went wrong"),
}
# What Django's debug pages show (and an error page must not): traceback, settings, URLconf.
LEAKS = (
    "Traceback",
    "Exception Value",
    "Request Method",
    "site-packages",
    "settings.py",
    "DEBUG = True",
    "WSGIRequest",
    "URLconf",
    "RuntimeError",
)


def boom(request):
    raise RuntimeError("secret internal detail")


urlpatterns = [path("boom/", boom)]
urlpatterns += __import__("rapor.web.urls", fromlist=["urlpatterns"]).urlpatterns
handler400 = "rapor.web.errors.bad_request"
handler403 = "rapor.web.errors.permission_denied"
handler404 = "rapor.web.errors.page_not_found"
handler500 = "rapor.web.errors.server_error"


def provoke(client: Client, which: str):
    if which == "403":  # a Tim OPD member on the Kerangka page (admins only)
        return client.get(reverse("assessments:frameworks"))
    if which == "404":
        return client.get("/tidak-ada/")
    if which == "400":  # a host name that is not this site's
        return client.get("/masuk/", headers={"host": "evil.example"})
    if which == "csrf":
        return client.post(reverse("logout"))
    return client.get("/boom/")


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("who", ["anonymous", "opd_member"])
@pytest.mark.parametrize("which", list(PAGES))
def test_each_error_page_is_the_products_own_in_the_users_language(cast, which, who, language):
    status, title_id, title_en = PAGES[which]
    if which == "403" and who == "anonymous":
        status = 302  # an anonymous visitor is sent to sign in instead
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    if who != "anonymous":
        client.force_login(getattr(cast, who))
    client.cookies["django_language"] = language
    response = provoke(client, which)
    assert response.status_code == status
    if status == 302:
        return
    html = response.content.decode()
    assert (title_id if language == "id" else title_en) in html
    assert f'lang="{language}"' in html
    assert not [leak for leak in LEAKS if leak in html]
    assert "secret internal detail" not in html
    assert response["X-Request-ID"] in html  # the reference number is on the page
    assert "rapor.css" in html  # the product's look
    if which in ("403", "404", "csrf") and who != "anonymous":
        # the signed-in user keeps the menu (a bad host name is refused before the session is
        # read, and the 500 page reads nothing)
        assert 'id="sidemenu"' in html


def test_the_500_page_renders_without_touching_the_database(db):
    request = RequestFactory().get("/")
    request.request_id = "abc123"
    with CaptureQueriesContext(connection) as queries:
        response = server_error(request)
    assert response.status_code == 500 and "abc123" in response.content.decode()
    assert len(queries) == 0
