"""Abuse guards that hold across worker processes: rate limits and the count of rejections.

How this works: each submission hits one bucket per key (the address, the device cookie or the
kiosk) in the current fixed time slot. The hit is one statement, ``INSERT … ON CONFLICT DO UPDATE
SET hits = hits + 1 RETURNING``, in the database every worker shares (PostgreSQL in production,
SQLite in development; both support it), so two workers cannot both let the eleventh submission
through, and there is no cache server to run. Keys are written in a fixed order so that two
concurrent hits never lock the same rows in opposite orders. Addresses are stored as a keyed hash,
never in the clear. Old buckets are removed by the first hit of each hour in each process.
Rejections are counted the same way, per MPP, day and reason.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.utils import timezone

from ..models import RateBucket, Rejection

# kind of key: (most submissions, window in seconds). An MPP's public Wi-Fi puts many citizens
# behind one address, so the address limit is generous; a phone surveys a few services a visit;
# a kiosk serves a queue. Override with settings.RAPOR_SURVEY_RATE_LIMITS.
RATE_LIMITS: dict[str, tuple[int, int]] = {
    "address": (120, 600),
    "device": (10, 3600),
    "kiosk": (240, 3600),
}
KEEP_SECONDS = 2 * 86400  # buckets older than this are removed
CLEANUP_SECONDS = 3600  # each process removes them at most once in this many seconds
_last_cleanup = {"slot": -1}


def limits() -> dict[str, tuple[int, int]]:
    return {**RATE_LIMITS, **getattr(settings, "RAPOR_SURVEY_RATE_LIMITS", {})}


def address_key(address: str) -> str:
    """A keyed hash of an address: enough to count, useless to identify anyone."""
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256)
    return digest.hexdigest()[:24]


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0
    """Seconds until the exceeded window ends."""
    kind: str = ""
    """Which limit was exceeded (address, device, kiosk)."""


@functools.cache
def _hit_sql(vendor: str, rows: int) -> str:
    quoted = connection.ops.quote_name(RateBucket._meta.db_table)
    return (
        f"INSERT INTO {quoted} (bucket, slot, hits) VALUES "
        + ", ".join(["(%s, %s, 1)"] * rows)
        + f" ON CONFLICT (bucket, slot) DO UPDATE SET hits = {quoted}.hits + 1"
        + " RETURNING bucket, hits"
    )


def rate_check(keys: dict[str, str], now: dt.datetime) -> Verdict:
    """Hit the bucket of every key ({kind: key}) and say whether all are within their limits."""
    table = limits()
    stamp = int(now.timestamp())
    rows = []
    for kind in sorted(keys):  # a fixed order: no two hits lock rows in opposite orders
        _limit, window = table[kind]
        rows.append((f"{kind[0]}:{keys[kind]}", stamp - stamp % window))
    with connection.cursor() as cursor:
        cursor.execute(_hit_sql(connection.vendor, len(rows)), [v for row in rows for v in row])
        hits = dict(cursor.fetchall())
    if _last_cleanup["slot"] != stamp // CLEANUP_SECONDS:
        _last_cleanup["slot"] = stamp // CLEANUP_SECONDS
        RateBucket.objects.filter(slot__lt=stamp - KEEP_SECONDS).delete()
    for kind in sorted(keys):
        limit, window = table[kind]
        if hits[f"{kind[0]}:{keys[kind]}"] > limit:
            return Verdict(False, window - stamp % window, kind)
    return Verdict(True)


def count_rejection(*, mpp_id: int, reason: str, now: dt.datetime) -> None:
    """Count one rejected submission (MPP 0 when the form did not say which)."""
    quoted = connection.ops.quote_name(Rejection._meta.db_table)
    sql = (
        f"INSERT INTO {quoted} (mpp_key, day, reason, hits) VALUES (%s, %s, %s, 1)"
        f" ON CONFLICT (mpp_key, day, reason) DO UPDATE SET hits = {quoted}.hits + 1"
    )
    day = timezone.localtime(now).date()
    with connection.cursor() as cursor:
        cursor.execute(sql, [mpp_id, connection.ops.adapt_datefield_value(day), str(reason)])
