from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

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
    path("masuk/", views.RaporLoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]
