"""Comments: one thread per question, each comment also recorded in the history."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Comment, Cycle, HistoryEvent
from .errors import DomainError, checked_text
from .history import history_record

MAX_COMMENT = 2000


@transaction.atomic
def comment_post(*, cycle: Cycle, question_code: str, text: str, by: Any) -> Comment:
    """Add a comment to a question's thread."""
    text = text.strip()
    if not text:
        raise DomainError(_("Komentar kosong: tulis dulu isinya."))
    checked_text(text, label=_("Komentar ini"), multiline=True, max_length=MAX_COMMENT)
    if question_code not in cycle.framework.framework().questions:
        raise DomainError(f"{question_code} is not a question of {cycle.framework}")
    comment = Comment.objects.create(cycle=cycle, question_code=question_code, author=by, text=text)
    history_record(
        cycle=cycle,
        kind=HistoryEvent.Kind.COMMENTED,
        by=by,
        question_code=question_code,
        after={"comment": comment.pk, "text": text[:200]},
    )
    return comment
