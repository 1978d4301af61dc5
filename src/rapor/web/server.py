"""The production web server: gunicorn running Rapor's WSGI application, configured here.

How this works: ``rapor serve`` (``cli/serve.py``) checks the installation, collects the static
files and then hands the options below to gunicorn's master, which forks the workers. Workers are
threaded (``gthread``): a request waiting for the database or a slow client does not hold a whole
process. gunicorn's own messages go through Rapor's JSON log format; the access log is the
reverse proxy's.
"""

from __future__ import annotations

import os
from typing import Any

from gunicorn.app.base import BaseApplication

from .logs import config as logging_config

THREADS = 4
# A request that runs longer than this is a fault (gunicorn restarts its worker and logs it).
TIMEOUT = 60


def default_workers(*, sqlite: bool) -> int:
    from .deployment import SQLITE_MAX_WORKERS

    cores = os.cpu_count() or 1
    wanted = 2 * cores + 1
    return min(wanted, SQLITE_MAX_WORKERS) if sqlite else wanted


def options(*, bind: list[str], workers: int) -> dict[str, Any]:
    log = logging_config()
    log["loggers"].update(
        {
            "gunicorn.error": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
            "gunicorn.access": {"level": "WARNING", "handlers": ["stderr"], "propagate": False},
        }
    )
    return {
        "bind": bind,
        "workers": workers,
        "worker_class": "gthread",
        "threads": THREADS,
        "timeout": TIMEOUT,
        "graceful_timeout": 30,
        "keepalive": 5,
        # A worker is replaced now and then, so a slow leak never grows for months.
        "max_requests": 5000,
        "max_requests_jitter": 500,
        "preload_app": True,  # Django is loaded once, before the workers fork
        "logconfig_dict": log,
        "accesslog": None,
        "control_socket_disable": True,
        "proc_name": "rapor",
    }


class RaporServer(BaseApplication):  # type: ignore[misc]
    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = settings
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.settings.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from .wsgi import application

        return application
