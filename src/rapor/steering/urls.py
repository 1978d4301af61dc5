from django.urls import path

from .views import agencies, dashboard, league, planner, whatif

app_name = "steering"
urlpatterns = [
    path("dasbor/", dashboard.dashboard_current, name="dashboard_current"),
    path("siklus/<int:pk>/dasbor/", dashboard.dashboard, name="dashboard"),
    path("peringkat/", league.league, name="league"),
    path("hasil-resmi/", league.results, name="results"),
    path("hasil-resmi/impor/", league.results_import_view, name="results_import"),
    path("hasil-resmi/<int:pk>/hapus/", league.result_delete_view, name="result_delete"),
    path("peringkat-opd/", agencies.agencies_current, name="agencies_current"),
    path("siklus/<int:pk>/peringkat-opd/", agencies.agencies, name="agencies"),
    path("rencana/", planner.planner_current, name="planner_current"),
    path("siklus/<int:pk>/rencana/", planner.planner, name="planner"),
    path("siklus/<int:pk>/rencana/buat/", planner.plan_make_view, name="plan_make"),
    path("siklus/<int:pk>/rencana/upaya/", planner.efforts, name="efforts"),
    path("siklus/<int:pk>/rencana/<int:plan_pk>/", planner.plan_detail, name="plan"),
    path(
        "siklus/<int:pk>/rencana/<int:plan_pk>/terapkan/",
        planner.plan_apply_view,
        name="plan_apply",
    ),
    path("simulasi/", whatif.whatif_current, name="whatif_current"),
    path("siklus/<int:pk>/simulasi/", whatif.whatif, name="whatif"),
    path("siklus/<int:pk>/simulasi/ubah/", whatif.whatif_set, name="whatif_set"),
    path("siklus/<int:pk>/simulasi/rencana/", whatif.whatif_plan, name="whatif_plan"),
    path("siklus/<int:pk>/simulasi/kosongkan/", whatif.whatif_reset, name="whatif_reset"),
]
