"""Record events in the append-only history, each linked to the one before by a hash chain, and
check the chains.

How this works: a cycle's events are numbered 1, 2, 3 … (``seq``). Recording one locks the cycle
row (PostgreSQL; SQLite lets one writer in at a time anyway), reads the last event's number and
hash, and writes the new event with ``prev_hash`` = that hash and ``hash`` = SHA-256 of its own
content and ``prev_hash`` (``event_hash``). A unique (cycle, seq) constraint is the backstop: two
writers can never both append the same link. ``history_verify`` recomputes every hash in order
and reports each break: an edited event (its hash no longer matches), a removed or inserted one
(a gap in the numbers or a ``prev_hash`` that points elsewhere). The last hash of each cycle is
its fingerprint: written down outside the system (``rapor audit verify`` prints it), it also
shows events removed from the end.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from ..models import Cycle, HistoryEvent


def event_hash(
    *,
    cycle_id: int,
    seq: int,
    kind: str,
    question_code: str,
    actor_name: str,
    at: dt.datetime,
    before: Any,
    after: Any,
    prev_hash: str,
) -> str:
    """SHA-256 (hex) of an event's content and the hash of the event before it."""
    content = {
        "cycle": cycle_id,
        "seq": seq,
        "kind": kind,
        "question": question_code,
        "actor": actor_name,
        "at": at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "before": before,
        "after": after,
        "prev": prev_hash,
    }
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def history_record(
    *,
    cycle: Cycle,
    kind: str,
    by: Any,
    question_code: str = "",
    before: Any = None,
    after: Any = None,
) -> HistoryEvent:
    actor = by if getattr(by, "pk", None) else None
    with transaction.atomic():
        # the cycle row is the chain's lock: one writer at a time appends to a cycle's chain
        list(Cycle.objects.select_for_update().filter(pk=cycle.pk).values_list("pk"))
        last = (
            HistoryEvent.objects.filter(cycle_id=cycle.pk)
            .order_by("-seq")
            .values_list("seq", "hash")
            .first()
        )
        seq, prev = (last[0] + 1, last[1]) if last else (1, "")
        event = HistoryEvent(
            cycle=cycle,
            kind=kind,
            actor=actor,
            actor_name=actor.get_username() if actor else "",
            question_code=question_code,
            at=timezone.now(),
            before=before,
            after=after,
            seq=seq,
            prev_hash=prev,
        )
        event.hash = _hash_of(event)
        event.save(force_insert=True)
    return event


def _hash_of(event: HistoryEvent) -> str:
    return event_hash(
        cycle_id=event.cycle_id,
        seq=event.seq,
        kind=event.kind,
        question_code=event.question_code,
        actor_name=event.actor_name,
        at=event.at,
        before=event.before,
        after=event.after,
        prev_hash=event.prev_hash,
    )


@dataclass(frozen=True)
class ChainBreak:
    cycle_id: int
    seq: int
    event_id: int | None
    problem: str


@dataclass(frozen=True)
class ChainState:
    cycle_id: int
    events: int
    head: str
    """The last event's hash: the chain's fingerprint."""
    breaks: tuple[ChainBreak, ...]


def history_verify(cycle_ids: list[int] | None = None) -> Iterator[ChainState]:
    """Check the chain of each cycle (all cycles by default), one cycle at a time."""
    ids = (
        cycle_ids
        if cycle_ids is not None
        else list(Cycle.objects.order_by("pk").values_list("pk", flat=True))
    )
    for cycle_id in ids:
        yield _verify_cycle(cycle_id)


def _verify_cycle(cycle_id: int) -> ChainState:
    breaks: list[ChainBreak] = []
    expected_seq, prev, count = 1, "", 0
    events = HistoryEvent.objects.filter(cycle_id=cycle_id).order_by("seq", "pk")
    for event in events.iterator(chunk_size=2000):
        count += 1
        if event.seq != expected_seq:
            breaks.append(
                ChainBreak(
                    cycle_id,
                    event.seq,
                    event.pk,
                    f"expected event {expected_seq} here, found {event.seq}: "
                    "events are missing or were inserted",
                )
            )
        if event.prev_hash != prev:
            breaks.append(
                ChainBreak(
                    cycle_id,
                    event.seq,
                    event.pk,
                    "its link to the event before does not match: an event before it was "
                    "removed, replaced or reordered",
                )
            )
        if _hash_of(event) != event.hash:
            breaks.append(
                ChainBreak(
                    cycle_id,
                    event.seq,
                    event.pk,
                    "its content does not match its hash: the event was edited",
                )
            )
        expected_seq, prev = event.seq + 1, event.hash
    return ChainState(cycle_id, count, prev, tuple(breaks))
