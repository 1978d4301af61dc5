from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("siklus/<int:pk>/laporan/verifikasi/", views.verification, name="verification"),
    path("siklus/<int:pk>/laporan/pimpinan/", views.leadership, name="leadership"),
]
