"""Answers per review level, each question's review status, and comments.

Every level keeps its own answer (self, reviewer, verifier); the score uses the highest level
that has answered (domain/scoring.py). ``version`` counts saves of one row: a save names the
version it started from, and a mismatch is a conflict, never a silent overwrite.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .cycles import Cycle


class Level(models.TextChoices):
    SELF = "self", _("mandiri")
    REVIEWER = "reviewer", _("reviu Tim RB")
    VERIFIER = "verifier", _("verifikasi Inspektorat")


LEVEL_ORDER = list(Level.values)  # lowest first; the highest answered level counts


class Answer(models.Model):
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="answers")
    question_code = models.CharField(max_length=60)
    level = models.CharField(max_length=10, choices=Level.choices, default=Level.SELF)
    value = models.CharField(
        max_length=60, blank=True, help_text="Canonical answer text; empty = unanswered."
    )
    version = models.PositiveIntegerField(default=1)
    needs_reconfirmation = models.BooleanField(default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("jawaban")
        verbose_name_plural = _("jawaban")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "question_code", "level"], name="answer_unique_level"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_code} [{self.level}] = {self.value!r} (v{self.version})"


class AnswerStatus(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("draf")
        SUBMITTED = "submitted", _("dikirim")
        RETURNED = "returned", _("dikembalikan")
        ACCEPTED = "accepted", _("diterima")
        VERIFIED = "verified", _("diverifikasi")

    DONE_STATES = frozenset({State.SUBMITTED, State.ACCEPTED, State.VERIFIED})

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="statuses")
    question_code = models.CharField(max_length=60)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    return_note = models.TextField(_("catatan pengembalian"), blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    # Who sent the question up in its current round (separation of duties: not its reviewer).
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("status jawaban")
        verbose_name_plural = _("status jawaban")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "question_code"], name="status_unique"),
        ]
        indexes = [models.Index(fields=["cycle", "state"])]

    def __str__(self) -> str:
        return f"{self.question_code}: {self.state}"


class Comment(models.Model):
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="comments")
    question_code = models.CharField(max_length=60)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("komentar"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("komentar")
        verbose_name_plural = _("komentar")
        indexes = [models.Index(fields=["cycle", "question_code"])]

    def __str__(self) -> str:
        return f"{self.question_code}: {self.text[:40]}"
