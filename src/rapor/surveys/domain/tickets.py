"""The signed ticket a survey form carries: which MPP, which services may be chosen (each with its
counter and agency), which kiosk, and when the form was issued.

Why: the submission endpoint must be cheap (no lookup of the catalogue per response) and must not
trust what the browser says. The ticket is signed with the deployment's secret key, so the
endpoint reads the service's counter and agency from it and stores the response with one insert;
the issue time gives the minimum fill time (a bot posts at once) and an age limit.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from django.core import signing

SALT = "rapor.surveys.ticket"


class BadTicket(Exception):
    """The ticket was not issued by this deployment, or was altered."""


@dataclass(frozen=True)
class Ticket:
    mpp: int
    services: dict[int, tuple[int, int]]
    """service id → (counter id, agency id): the services the form offers."""
    kiosk: int
    """The kiosk's id, 0 for a phone."""
    issued: float
    """Seconds since the epoch."""

    def age(self, now: float) -> float:
        return now - self.issued


def ticket_issue(
    *, mpp: int, services: list[tuple[int, int, int]], kiosk: int = 0, now: float | None = None
) -> str:
    """A ticket for a form that offers ``services`` [(service, counter, agency)]."""
    payload = {
        "m": mpp,
        "s": [list(s) for s in services],
        "k": kiosk,
        # rounded down: a ticket is never issued "after" the moment it comes back
        "t": math.floor((time.time() if now is None else now) * 10) / 10,
    }
    return signing.dumps(payload, salt=SALT, compress=True)


def ticket_read(token: str) -> Ticket:
    if not token or len(token) > 4000:
        raise BadTicket("missing or too long")
    try:
        payload = signing.loads(token, salt=SALT)
        services = {int(s): (int(c), int(a)) for s, c, a in payload["s"]}
        return Ticket(int(payload["m"]), services, int(payload["k"]), float(payload["t"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise BadTicket(str(exc)) from None
