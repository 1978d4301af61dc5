"""When ``rapor demo`` may create its logins (all with the published password ``demo12345``).

The rule (docs/deploy.md, "Demo safety"): a production installation sets its own
``RAPOR_SECRET_KEY``, and usually ``DATABASE_URL``; a demo or a developer's machine sets neither.
So the demo runs when ``RAPOR_DEMO=1`` says this installation is a demo, or when neither
variable is set (``make demo`` on a fresh machine). Even then it refuses a database that holds
organisations which are not demo data: it never mixes its logins into real data.
"""

from __future__ import annotations

from collections.abc import Mapping


def _on(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


def demo_refusal(environ: Mapping[str, str]) -> str | None:
    """Why this configuration must not get demo logins, or None when it may."""
    if _on(environ.get("RAPOR_DEMO")):
        return None
    production = [name for name in ("RAPOR_SECRET_KEY", "DATABASE_URL") if environ.get(name)]
    if not production:
        return None
    return (
        f"refusing to create demo logins: {' and '.join(production)} set, so this looks like a "
        "production installation. Set RAPOR_DEMO=1 if it really is a demo."
    )


def real_data_refusal() -> str | None:
    """Why this database must not get demo logins (it holds real organisations), or None."""
    from rapor.orgs.models import Organisation

    real = Organisation.objects.filter(is_demo=False).order_by("pk").first()
    if real is None:
        return None
    return (
        f"refusing to load the demo: the database holds real data (organisation {real.name!r}). "
        "Use an empty database for the demo."
    )
