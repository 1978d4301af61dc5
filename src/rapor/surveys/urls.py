from django.urls import path

from .views import catalogue, followup, links, public, results

app_name = "surveys"

urlpatterns = [
    # the public survey: anonymous by design (no account, no session)
    path("skm/l/<str:token>/", public.service_form, name="service_form"),
    path("skm/g/<str:token>/", public.counter_form, name="counter_form"),
    path("skm/kios/<str:token>/", public.kiosk_form, name="kiosk_form"),
    path("skm/kirim/", public.submit, name="submit"),
    path("skm/terima-kasih/", public.thanks, name="thanks"),
    # the MPP and its catalogue
    path("mpp/", catalogue.mpps, name="mpps"),
    path("mpp/baru/", catalogue.mpp_new, name="mpp_new"),
    path("mpp/<int:pk>/", catalogue.mpp, name="mpp"),
    path("mpp/<int:pk>/ubah/", catalogue.mpp_edit, name="mpp_edit"),
    path("mpp/<int:pk>/<str:kind>/<int:item>/", catalogue.item_edit, name="item_edit"),
    path("mpp/<int:pk>/poster/<str:kind>/<int:item>/", catalogue.poster, name="poster"),
    # results, report, raw responses
    path("mpp/<int:pk>/hasil/", results.results, name="results"),
    path("mpp/<int:pk>/populasi/", results.population, name="population"),
    path("mpp/<int:pk>/laporan/", results.report, name="report"),
    path("mpp/<int:pk>/jawaban.csv", results.responses_csv, name="responses_csv"),
    # follow-up and publication
    path("mpp/<int:pk>/tindak-lanjut/", followup.followups, name="followups"),
    path(
        "mpp/<int:pk>/tindak-lanjut/<int:item>/status/",
        followup.followup_status,
        name="followup_status",
    ),
    path("mpp/<int:pk>/publikasi/", followup.publication, name="publication"),
    # the link into an RB cycle's framework input
    path("siklus/<int:pk>/skm/<str:code>/", links.link, name="link"),
    path("siklus/<int:pk>/skm/<str:code>/lepas/", links.unlink, name="unlink"),
]
