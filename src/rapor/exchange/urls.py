from django.urls import path

from . import views

app_name = "exchange"
urlpatterns = [
    path("pertukaran/", views.exchange_current, name="home_current"),
    path("siklus/<int:pk>/pertukaran/", views.exchange_home, name="home"),
    path("siklus/<int:pk>/pertukaran/lke/", views.export_lke, name="export_lke"),
    path("siklus/<int:pk>/pertukaran/impor/", views.import_answers, name="import_answers"),
    path("siklus/<int:pk>/pertukaran/jawaban.csv", views.answers_csv, name="answers_csv"),
    path("siklus/<int:pk>/pertukaran/bukti-dukung.csv", views.evidence_csv, name="evidence_csv"),
    path("siklus/<int:pk>/pertukaran/bukti-dukung.zip", views.bundle, name="bundle"),
    path("peringkat/unduh.csv", views.league_csv, name="league_csv"),
    path("pekerjaan/<int:job_id>/", views.job_detail, name="job"),
    path("pekerjaan/<int:job_id>/unduh/", views.job_download, name="job_download"),
    path("pekerjaan/<int:job_id>/terapkan/", views.import_apply, name="import_apply"),
    path("kerangka/impor-lke/", views.instrument_import, name="instrument_import"),
    path(
        "pekerjaan/<int:job_id>/simpan-kerangka/",
        views.instrument_save_view,
        name="instrument_save",
    ),
]
