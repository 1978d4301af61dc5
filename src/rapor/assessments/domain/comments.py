"""Comments: one thread per question, each comment also recorded in the history."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Comment, Cycle, HistoryEvent
from .errors import DomainError, checked_text, not_a_question
from .history import history_record

MAX_COMMENT = 2000


@transaction.atomic
def comment_post(*, cycle: Cycle, question_code: str, text: str, by: Any) -> Comment:
    """Add a comment to a question's thread."""
    text = text.strip()
    if not text:
        raise DomainError(_("Komentar kosong: tulis dulu isinya."))
    if len(text) > MAX_COMMENT:  # the limit with the count (the box shows it as one types)
        raise DomainError(
            _("Komentar terlalu panjang: %(n)d huruf, paling banyak %(max)d.")
            % {"n": len(text), "max": MAX_COMMENT}
        )
    checked_text(text, label=_("Komentar ini"), multiline=True, max_length=MAX_COMMENT)
    if question_code not in cycle.framework.framework().questions:
        raise DomainError(not_a_question(cycle, question_code))
    comment = Comment.objects.create(cycle=cycle, question_code=question_code, author=by, text=text)
    history_record(
        cycle=cycle,
        kind=HistoryEvent.Kind.COMMENTED,
        by=by,
        question_code=question_code,
        after={"comment": comment.pk, "text": text[:200]},
    )
    return comment
