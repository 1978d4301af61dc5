from django.urls import path

from .views import (
    activity,
    assignments,
    cycles,
    evidence,
    evidence_files,
    frameworks,
    home,
    review,
    workspace,
)

app_name = "assessments"
urlpatterns = [
    path("", home.home, name="home"),
    path("tugas-saya/", home.my_work, name="my_work"),
    path("lembar-kerja/", workspace.workspace_current, name="workspace_current"),
    path("siklus/<int:pk>/lembar-kerja/", workspace.workspace, name="workspace"),
    path("siklus/<int:pk>/jawab/", workspace.answer, name="answer"),
    path("siklus/<int:pk>/pertanyaan/<str:code>/", workspace.question_partial, name="question"),
    path("reviu/", review.review_queue_current, name="review_queue_current"),
    path("siklus/<int:pk>/reviu/", review.review_queue, name="review_queue"),
    path("siklus/<int:pk>/reviu/aksi/", review.review_action, name="review_action"),
    path("siklus/<int:pk>/reviu/sekaligus/", review.review_bulk, name="review_bulk"),
    path("siklus/<int:pk>/kirim/<str:code>/", review.submit_indicator, name="submit_indicator"),
    path(
        "siklus/<int:pk>/pertanyaan/<str:code>/aktivitas/",
        activity.question_activity,
        name="question_activity",
    ),
    path(
        "siklus/<int:pk>/pertanyaan/<str:code>/komentar/",
        activity.question_comment,
        name="question_comment",
    ),
    path("bukti/", evidence.evidence_library_current, name="evidence_library_current"),
    path("siklus/<int:pk>/bukti/", evidence.evidence_library, name="evidence_library"),
    path("siklus/<int:pk>/bukti/unggah/", evidence.evidence_upload, name="evidence_upload"),
    path("siklus/<int:pk>/bukti/tautan/", evidence.evidence_add_url, name="evidence_add_url"),
    path(
        "siklus/<int:pk>/bukti/<int:evidence_pk>/pratinjau/",
        evidence_files.evidence_preview,
        name="evidence_preview",
    ),
    path(
        "siklus/<int:pk>/bukti/<int:evidence_pk>/unduh/",
        evidence_files.evidence_download,
        name="evidence_download",
    ),
    path(
        "siklus/<int:pk>/pertanyaan/<str:code>/bukti/",
        evidence.evidence_panel,
        name="evidence_panel",
    ),
    path(
        "siklus/<int:pk>/pertanyaan/<str:code>/bukti/tautkan/",
        evidence.evidence_link_view,
        name="evidence_link",
    ),
    path(
        "siklus/<int:pk>/pertanyaan/<str:code>/bukti/<int:evidence_pk>/lepas/",
        evidence.evidence_unlink_view,
        name="evidence_unlink",
    ),
    path("penugasan/", assignments.assignments_current, name="assignments_current"),
    path("siklus/<int:pk>/penugasan/", assignments.assignments, name="assignments"),
    path("siklus/<int:pk>/penugasan/area/", assignments.assignment_area, name="assignment_area"),
    path(
        "siklus/<int:pk>/penugasan/<str:code>/", assignments.assignment_edit, name="assignment_edit"
    ),
    path("siklus/", cycles.cycles, name="cycles"),
    path("siklus/baru/", cycles.cycle_new, name="cycle_new"),
    path("siklus/<int:pk>/", cycles.cycle_settings, name="cycle_settings"),
    path("siklus/<int:pk>/kirim-evaluator/", cycles.cycle_submit, name="cycle_submit"),
    path("siklus/<int:pk>/buka-kembali/", cycles.cycle_reopen, name="cycle_reopen"),
    path("siklus/<int:pk>/koreksi/<str:code>/", cycles.cycle_correction, name="cycle_correction"),
    path("kerangka/", frameworks.frameworks, name="frameworks"),
    path(
        "kerangka/<int:pk>/aktifkan/", frameworks.framework_activate_view, name="framework_activate"
    ),
]
