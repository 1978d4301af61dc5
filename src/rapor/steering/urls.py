from django.urls import path

from .views import agencies, league

app_name = "steering"
urlpatterns = [
    path("peringkat/", league.league, name="league"),
    path("hasil-resmi/", league.results, name="results"),
    path("hasil-resmi/impor/", league.results_import_view, name="results_import"),
    path("hasil-resmi/<int:pk>/hapus/", league.result_delete_view, name="result_delete"),
    path("peringkat-opd/", agencies.agencies_current, name="agencies_current"),
    path("siklus/<int:pk>/peringkat-opd/", agencies.agencies, name="agencies"),
]
