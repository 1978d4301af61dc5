from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("izin/", views.permission_matrix, name="permissions"),
]
