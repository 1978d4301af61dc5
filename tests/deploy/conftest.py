"""Tests of the production set-up against real processes: ``rapor serve`` (gunicorn) and the
``rapor`` command, started with the environment an operator writes (docs/deploy.md), on SQLite
files under a temporary folder, talked to over loopback.

How this works: ``production_env`` is the documented production environment (without a
PostgreSQL address: these processes run on a SQLite file of their own, whatever database the
suite runs on). ``Server`` starts ``rapor serve`` on a free port, waits until it answers and
keeps its standard error (the JSON log lines) for the test to read; it is stopped with SIGTERM
and waited for. HTTP goes through ``http.client``, cookies by hand, since the production cookies
are ``Secure`` and the loopback server is plain HTTP behind a pretend proxy
(``X-Forwarded-Proto: https``).
"""

from __future__ import annotations

import fcntl
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

import pytest

from tests.ops.processes import free_port  # RAPOR_TEST_PORTS on a shared machine
from tests.web.conftest import cast  # noqa: F401 - the named cast, for in-process tests

REPOSITORY = Path(__file__).parents[2]  # the working folder: the worker imports the tests' tasks
SECRET = "test-secret-key-for-a-production-like-run-" + "x" * 20


def production_env(var_dir: Path, **extra: str) -> dict[str, str]:
    """The documented production environment (docs/deploy.md), on a SQLite file in var_dir."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("RAPOR_", "DATABASE_URL", "DJANGO_"))
    }
    env.update(
        {
            "RAPOR_SECRET_KEY": SECRET,
            "RAPOR_ALLOWED_HOSTS": "127.0.0.1,rapor.example.go.id",
            "RAPOR_HTTPS": "1",
            "RAPOR_TRUSTED_PROXIES": "1",
            "RAPOR_VAR_DIR": str(var_dir),
        }
    )
    env.update(extra)
    return env


def rapor(
    *args: str, env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rapor.cli", *args],
        env=env,
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: str

    def header(self, name: str) -> str:
        return self.headers.get(name, "")


def wait_until(condition: Any, seconds: float) -> bool:
    """Poll ``condition`` (a process coming up, a file appearing) until true or out of time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return bool(condition())


def process_children(pid: int) -> list[tuple[int, bytes]]:
    """(pid, command line) of a process's children (Linux /proc)."""
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    children = []
    for child in map(int, found):
        try:
            children.append((child, Path(f"/proc/{child}/cmdline").read_bytes()))
        except OSError:
            continue
    return children


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


@dataclass
class Server:
    """``rapor serve`` (or ``rapor demo``: set ``command``) as a process of its own."""

    env: dict[str, str]
    args: tuple[str, ...] = ()
    port: int = field(default_factory=free_port)
    cookies: dict[str, str] = field(default_factory=dict)
    command: tuple[str, ...] = ("serve",)

    def start(self, log: Path) -> Server:
        self.log = log
        self._err = log.open("w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "rapor.cli",
                *self.command,
                "--port",
                str(self.port),
                *self.args,
            ],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=self._err,
            cwd=REPOSITORY,
        )
        up = wait_until(lambda: self.process.poll() is not None or _answers(self.port), 120)
        if not up or self.process.poll() is not None:
            raise AssertionError(f"rapor {self.command[0]} did not answer: {log.read_text()}")
        return self

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            self._err.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        https: bool = True,
        form: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if https:
            sent["X-Forwarded-Proto"] = "https"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            from urllib.parse import urlencode

            body = urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Origin"] = f"https://127.0.0.1:{self.port}"
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for value in response.headers.get_all("Set-Cookie") or []:
            jar: SimpleCookie = SimpleCookie()
            jar.load(value)
            for name, morsel in jar.items():
                self.cookies[name] = morsel.value
        conn.close()
        return Reply(response.status, response.headers, text)

    def log_lines(self) -> list[dict[str, Any]]:
        self._err.flush()
        lines = []
        for line in self.log.read_text().splitlines():
            if line.startswith("{"):
                lines.append(json.loads(line))
        return lines

    def sign_in(self, username: str, password: str) -> Reply:
        page = self.request("GET", "/masuk/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        assert token, page.body[:500]
        return self.request(
            "POST",
            "/masuk/",
            form={
                "csrfmiddlewaretoken": token.group(1),
                "username": username,
                "password": password,
            },
        )


@pytest.fixture(scope="session")
def template_installation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrated, static files collected (some 10 s of CPU), one user; tests copy it, never open
    it. Built once for the whole run: xdist's workers share the folder above their own, and the
    first to take the lock builds while the other waits for it."""
    shared = tmp_path_factory.getbasetemp().parent
    var = shared / "template-installation"
    with (shared / "template-installation.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (var / "ready").exists():
            shutil.rmtree(var, ignore_errors=True)
            build_installation(var)
            (var / "ready").touch()
    return var


def build_installation(var: Path) -> None:
    env = production_env(var)
    script = (
        "from django.contrib.auth import get_user_model;"
        "get_user_model().objects.create_user('petugas', password='kata-sandi-yang-panjang-1')"
    )
    for step in (
        ("manage", "migrate", "--noinput", "-v0"),
        ("manage", "collectstatic", "--noinput", "-v0"),
        ("manage", "shell", "-c", script),
    ):
        done = rapor(*step, env=env, timeout=300)
        assert done.returncode == 0, done.stderr


def installation_copy(template: Path, into: Path) -> Path:
    """A copy of the template installation (file times kept: the static files stay current)."""
    var = into / "var"
    shutil.copytree(template, var)
    return var


@pytest.fixture(scope="module")
def installation(
    template_installation: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, str]:
    var = installation_copy(template_installation, tmp_path_factory.mktemp("installation"))
    return production_env(var)


@pytest.fixture(scope="module")
def served(
    installation: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """``rapor serve`` on the installation (one worker: the tests are few and the cores two)."""
    server = Server(installation, ("--workers", "1"))
    server.start(tmp_path_factory.mktemp("served") / "stderr.log")
    yield server
    server.stop()
