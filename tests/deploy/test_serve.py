"""``rapor serve`` as an operator starts it: gunicorn with debug off behind a pretend proxy."""

from __future__ import annotations

import os
import re
import shutil
import signal
from pathlib import Path

from .conftest import (
    Server,
    installation_copy,
    process_children,
    production_env,
    rapor,
    wait_until,
)


def test_the_login_page_is_styled_by_hashed_compressed_static_files_cached_for_a_year(served):
    page = served.request("GET", "/masuk/")
    assert page.status == 200 and "Masuk ke Rapor" in page.body
    sheets = re.findall(r'href="(/static/[^"]+\.css)"', page.body)
    assert any(re.search(r"/rapor/rapor\.[0-9a-f]{12}\.css$", s) for s in sheets), sheets
    scripts = re.findall(r'src="(/static/[^"]+\.js)"', page.body)
    assert any(re.search(r"/rapor/rapor\.[0-9a-f]{12}\.js$", s) for s in scripts), scripts
    for url in sheets + scripts:
        asset = served.request("GET", url, headers={"Accept-Encoding": "br, gzip"})
        assert asset.status == 200, url
        assert "immutable" in asset.header("Cache-Control") and "max-age=3" in asset.header(
            "Cache-Control"
        )
        assert asset.header("Content-Encoding") in ("br", "gzip"), url


def test_every_page_carries_the_security_headers_and_hsts_behind_https(served):
    page = served.request("GET", "/masuk/")
    csp = page.header("Content-Security-Policy")
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert page.header("X-Content-Type-Options") == "nosniff"
    assert page.header("Referrer-Policy") == "same-origin"
    assert page.header("X-Frame-Options") == "DENY"
    assert page.header("Strict-Transport-Security").startswith("max-age=31536000")
    assert re.fullmatch(r"[0-9a-f]{32}", page.header("X-Request-ID"))
    assert "Secure" in str(page.headers.get_all("Set-Cookie"))


def test_plain_http_is_sent_to_https(served):
    reply = served.request("GET", "/masuk/", https=False)
    assert reply.status == 301
    assert reply.header("Location") == f"https://127.0.0.1:{served.port}/masuk/"


def test_a_missing_page_is_the_products_own_and_its_log_line_names_the_request(served):
    reply = served.request("GET", "/tidak-ada/?q=<script>")
    assert reply.status == 404 and "Halaman tidak ditemukan" in reply.body
    assert (
        "Traceback" not in reply.body and "DEBUG" not in reply.body and "<script>" not in reply.body
    )
    rid = reply.header("X-Request-ID")
    assert rid in reply.body  # the reference number the user can quote
    logged = [e for e in served.log_lines() if e.get("request_id") == rid]
    assert logged and logged[0]["level"] == "WARNING" and logged[0]["status_code"] == 404
    assert logged[0]["logger"] == "django.request" and logged[0]["path"] == "/tidak-ada/"


def test_a_proxys_request_id_is_kept_and_a_forged_one_is_not(served):
    kept = served.request("GET", "/masuk/", headers={"X-Request-ID": "proxy-abc-12345"})
    assert kept.header("X-Request-ID") == "proxy-abc-12345"
    forged = served.request("GET", "/masuk/", headers={"X-Request-ID": 'x" injected="1'})
    assert re.fullmatch(r"[0-9a-f]{32}", forged.header("X-Request-ID"))


def test_a_user_signs_in_behind_the_proxy_and_reaches_beranda(served):
    served.cookies.clear()
    signed_in = served.sign_in("petugas", "kata-sandi-yang-panjang-1")
    assert signed_in.status == 302 and signed_in.header("Location") == "/"
    home = served.request("GET", "/")
    assert home.status == 200 and "Beranda" in home.body
    served.cookies.clear()


def test_a_head_request_gets_headers_only(served):
    reply = served.request("HEAD", "/masuk/")
    assert reply.status == 200 and reply.body == ""
    assert int(reply.header("Content-Length")) > 1000
    assert not [e for e in served.log_lines() if "no-body response" in e.get("message", "")]


def test_the_500_page_shows_and_is_logged_when_the_database_is_gone(
    template_installation: Path, tmp_path: Path
):
    var = installation_copy(template_installation, tmp_path)
    server = Server(production_env(var), ("--workers", "1")).start(tmp_path / "stderr.log")
    try:
        database = var / "rapor.sqlite3"
        os.rename(database, var / "gone.sqlite3")
        database.mkdir()  # the file is now a folder: SQLite cannot open it
        for suffix in ("-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        server.cookies["sessionid"] = "a" * 32  # reading a session needs the database
        for language, text in (("id", "Terjadi kesalahan"), ("en", "Something went wrong")):
            server.cookies["django_language"] = language
            reply = server.request("GET", "/")
            assert reply.status == 500 and text in reply.body, reply.body[:300]
            assert "Traceback" not in reply.body and "sqlite" not in reply.body.lower()
            rid = reply.header("X-Request-ID")
            assert rid in reply.body
            errors = [e for e in server.log_lines() if e.get("request_id") == rid]
            assert (
                errors
                and errors[0]["level"] == "ERROR"
                and "OperationalError" in errors[0]["exception"]
            )
    finally:
        server.stop()
        shutil.rmtree(var, ignore_errors=True)


def test_the_demo_serves_with_debug_off_and_runs_tasks_in_its_own_worker(
    template_installation: Path, tmp_path: Path
):
    var = installation_copy(template_installation, tmp_path)
    env = production_env(var, RAPOR_DEMO="1")
    for name in ("RAPOR_HTTPS", "RAPOR_TRUSTED_PROXIES"):
        env.pop(name)
    demo = Server(env)
    demo.command = ("demo",)
    demo.start(tmp_path / "stderr.log")
    try:
        page = demo.request("GET", "/masuk/", https=False)
        assert page.status == 200 and "demo12345" in page.body  # a demo lists its logins
        assert "Content-Security-Policy" in page.headers
        missing = demo.request("GET", "/tidak-ada/", https=False)
        assert missing.status == 404 and "Halaman tidak ditemukan" in missing.body
        workers = [c for c in process_children(demo.process.pid) if b"worker" in c[1]]
        assert len(workers) == 1, process_children(demo.process.pid)
        mark = tmp_path / "mark.txt"
        script = f"from tests.deploy.tasks import leave_a_mark; leave_a_mark.enqueue({str(mark)!r}, 'ok')"
        done = rapor("manage", "shell", "-c", script, env=env)
        assert done.returncode == 0, done.stderr
        assert wait_until(mark.exists, seconds=60), "the worker did not run the task"
        assert mark.read_text() == "ok"
    finally:
        demo.process.send_signal(signal.SIGINT)  # Ctrl-C ends the server and its worker
        demo.stop()
    assert not [p for p, _ in process_children(demo.process.pid)]
    assert not Path(f"/proc/{workers[0][0]}").exists()
