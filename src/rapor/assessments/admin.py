"""Django's admin for operators: everything of an assessment is shown, nothing is changed here.

Answers, statuses, comments, evidence, assignments, cycles, frameworks and the history change only
through the screens, where the domain functions apply the rules (review chain, stage path,
permissions, bounds) and record the history; an edit here would bypass all of that. What an
operator changes in the admin is people and organisations (``rapor.orgs.admin``, the users).
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

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


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Viewable by an operator; no add, change or delete (nor the bulk delete action)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # every field shown as text: no form field is built at all
        return [f.name for f in self.model._meta.fields]


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(ReadOnlyAdmin):
    list_display = ["framework_id", "version", "name", "status", "is_active", "shipped"]
    exclude = ["yaml_text"]


@admin.register(Cycle)
class CycleAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "framework", "year", "stage", "final_deadline"]
    list_filter = ["stage", "year"]


@admin.register(HistoryEvent)
class HistoryEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "cycle", "seq", "question_code", "kind", "actor_name"]
    list_filter = ["kind"]


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin):
    list_display = ["cycle", "question_code", "level", "value", "version", "updated_by"]
    list_filter = ["level"]


@admin.register(AnswerStatus)
class AnswerStatusAdmin(ReadOnlyAdmin):
    list_display = ["cycle", "question_code", "state", "version", "updated_by"]
    list_filter = ["state"]


for model in (Assignment, Comment, Evidence, EvidenceLink):
    admin.site.register(model, ReadOnlyAdmin)
