"""Demo data: Bangka Belitung with Kota Pangkalpinang's OPDs, one login per role, live cycles.

Everything created here is marked ``is_demo`` on its organisations, and the interface labels it
DATA CONTOH (DEMO). The password is printed on purpose: these accounts exist for a demo only.
"""

from __future__ import annotations

from typing import Any

DEMO_PASSWORD = "demo12345"  # noqa: S105 - printed for the demo, on purpose


def demo_logins() -> list[dict[str, Any]]:
    """One login per role, when the demo data is loaded (else an empty list)."""
    from rapor.orgs.models import Membership

    from .babel import ROLE_LOGINS
    from .skm import MPP_LOGINS

    logins = [*ROLE_LOGINS, *MPP_LOGINS]
    rows = Membership.objects.filter(
        user__username__in=logins, organisation__is_demo=True
    ).select_related("user", "organisation")
    by_user = {m.user.username: m for m in rows}
    return [
        {
            "username": name,
            "role": by_user[name].get_role_display(),
            "where": by_user[name].organisation.label,
        }
        for name in logins
        if name in by_user
    ]


def load_demo(*, today: Any = None, quiet: bool = True) -> bool:
    """Load the demo data unless it is there already; return True if it was loaded now."""
    from .load import load

    return load(today=today, quiet=quiet)
