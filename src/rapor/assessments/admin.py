from django.contrib import admin

from .models import (
    Answer,
    AnswerStatus,
    Assignment,
    Comment,
    Cycle,
    Evidence,
    EvidenceLink,
    FrameworkVersion,
    HistoryEvent,
)


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(admin.ModelAdmin):
    list_display = ["framework_id", "version", "name", "status", "is_active", "shipped"]
    exclude = ["yaml_text"]
    readonly_fields = ["sha256", "question_count"]


@admin.register(Cycle)
class CycleAdmin(admin.ModelAdmin):
    list_display = ["organisation", "framework", "year", "stage", "final_deadline"]
    list_filter = ["stage", "year"]


@admin.register(HistoryEvent)
class HistoryEventAdmin(admin.ModelAdmin):
    """Read-only: history is append-only."""

    list_display = ["at", "cycle", "question_code", "kind", "actor"]
    list_filter = ["kind"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


for model in (Answer, AnswerStatus, Assignment, Comment, Evidence, EvidenceLink):
    admin.site.register(model)
