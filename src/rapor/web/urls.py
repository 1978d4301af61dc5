from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import include, path

from rapor.accounts.views.login import LoginView

from . import views

# The Django admin signs people in through Rapor's login (throttled, second factor), never its own.
admin.site.login = login_required(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    # the public survey first: its submission is the busiest address and resolves in few steps
    path("", include("rapor.surveys.urls")),
    # Beranda: the dashboard or the work counters, by role (views.home); "assessments:home"
    # names the same address
    path("", views.home, name="home"),
    path("", include("rapor.assessments.urls")),
    path("", include("rapor.exchange.urls")),
    path("", include("rapor.reports.urls")),
    path("org/", include("rapor.orgs.urls")),
    path("kemudi/", include("rapor.steering.urls")),
    path("notifikasi/", include("rapor.notifications.urls")),
    path("", include("rapor.accounts.urls")),
    path("masuk/", LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]

# The product's own error pages (rapor.web.errors); a developer with RAPOR_DEBUG=1 sees Django's.
handler400 = "rapor.web.errors.bad_request"
handler403 = "rapor.web.errors.permission_denied"
handler404 = "rapor.web.errors.page_not_found"
handler500 = "rapor.web.errors.server_error"
