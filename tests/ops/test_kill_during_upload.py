"""A server killed (SIGKILL) while a large evidence upload streams in leaves no half-written rows
and no orphan files, and serves the same upload afterwards. A real gunicorn process, a real
socket, the demo installation, on the suite's database kind (SQLite or PostgreSQL)."""

from __future__ import annotations

import http.client
import http.cookiejar
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rapor.demo.pdf import tiny_pdf

from .processes import free_port, installation, rapor

FACTS = """
import json, django
django.setup()
from rapor.assessments.models import Cycle, Evidence, HistoryEvent, Assignment
cycle = Cycle.objects.get(organisation__name="Kota Pangkalpinang", year=2024)
a = Assignment.objects.filter(cycle=cycle, opd__short_name="Diskominfo").order_by("pk").first()
fw = cycle.framework.framework()
print(json.dumps({"cycle": cycle.pk, "question": fw.nodes[a.indicator_code].questions[0].code,
                  "evidence": Evidence.objects.count(), "history": HistoryEvent.objects.count()}))
"""
BOUNDARY = "----rapor-kill-test"


def facts(env: dict[str, str]) -> dict[str, int | str]:
    out = subprocess.run(
        [sys.executable, "-c", FACTS], env=env, capture_output=True, text=True, timeout=600
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@contextmanager
def server(env: dict[str, str]) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "rapor.web.wsgi:application"]
        + ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--timeout", "300"],
        env=env,
        start_new_session=True,  # its own process group: master and worker are killed together
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        until(lambda: reachable(port), "the server answers")
        yield proc, port
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)


def reachable(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/masuk/", timeout=5) as r:
            return r.status == 200
    except OSError:
        return False


def until(condition, what: str, limit: float = 120) -> None:
    """Wait for a condition another process brings about (polling, never a fixed sleep)."""
    end = time.monotonic() + limit
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting until {what}")
        time.sleep(0.05)


def sign_in(port: int) -> tuple[str, str]:
    """Log in as the demo's OPD member; return (Cookie header, CSRF token)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{port}"
    page = opener.open(f"{base}/masuk/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {"csrfmiddlewaretoken": token, "username": "diskominfo", "password": "demo12345"}
    opener.open(f"{base}/masuk/", urllib.parse.urlencode(form).encode())
    cookies = {c.name: c.value for c in jar}
    assert "sessionid" in cookies
    return "; ".join(f"{k}={v}" for k, v in cookies.items()), cookies["csrftoken"]


def multipart_head(token: str, question: str) -> tuple[bytes, bytes]:
    fields = {
        "csrfmiddlewaretoken": token,
        "title": "Laporan besar",
        "document_date": "2024-05-01",
        "question": question,
    }
    head = b"".join(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    )
    head += (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="laporan.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
    ).encode()
    return head, f"\r\n--{BOUNDARY}--\r\n".encode()


def start_upload(port: int, cookie: str, token: str, cycle: int, question: str, body: bytes):
    head, tail = multipart_head(token, question)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    conn.putrequest("POST", f"/siklus/{cycle}/bukti/unggah/")
    conn.putheader("Content-Type", f"multipart/form-data; boundary={BOUNDARY}")
    conn.putheader("Content-Length", str(len(head) + len(body) + len(tail)))
    conn.putheader("Cookie", cookie)
    conn.putheader("X-CSRFToken", token)
    conn.endheaders()
    conn.send(head)
    return conn, tail


def evidence_files(var: Path) -> set[str]:
    root = var / "media"
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def test_a_server_killed_during_a_large_upload_leaves_no_rows_and_no_files(tmp_path):
    # a real PDF of 12 MB: over Django's 2.5 MB, so it streams into a temporary file
    body = tiny_pdf("Laporan besar")[:-6] + b"%" + b"0" * (12 * 1024 * 1024) + b"\n%%EOF\n"
    with installation(tmp_path, "kill") as env:
        var = Path(env["RAPOR_VAR_DIR"])
        rapor(env, "demo", "--no-serve")
        before, files_before = facts(env), evidence_files(var)
        uploads = var / "uploads"
        with server(env) as (proc, port):
            cookie, token = sign_in(port)
            conn, _tail = start_upload(
                port, cookie, token, before["cycle"], before["question"], body
            )
            conn.send(body[: 4 * 1024 * 1024])  # a third of the file, then the server dies
            until(lambda: any(uploads.glob("*.upload*")), "the upload streams into its file")
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=60)
            conn.close()
        after = facts(env)
        assert (after["evidence"], after["history"]) == (before["evidence"], before["history"])
        assert evidence_files(var) == files_before  # nothing half-written, nothing new
        leftovers = list(uploads.glob("*.upload*"))
        assert leftovers  # what the killed request had received so far ...
        out = rapor(env, "cleanup", "--margin", "0").stdout
        assert "1 interrupted upload" in out
        assert not list(uploads.glob("*.upload*"))  # ... is gone after the cleanup
        # the server comes back and takes the same file whole
        with server(env) as (proc, port):
            cookie, token = sign_in(port)
            conn, tail = start_upload(
                port, cookie, token, before["cycle"], before["question"], body
            )
            conn.send(body)
            conn.send(tail)
            response = conn.getresponse()
            assert response.status == 302, response.read()[:500]
            conn.close()
        done = facts(env)
        assert done["evidence"] == before["evidence"] + 1
        new = evidence_files(var) - files_before
        assert len(new) == 1 and (var / "media" / new.pop()).read_bytes() == body
