"""Security headers on every page, and templates that a Content-Security-Policy without
'unsafe-inline' can run: no inline script, no event handler attribute, no inline style."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import reverse

import rapor
from rapor.assessments.domain.evidence import evidence_link, evidence_store
from rapor.demo.pdf import tiny_pdf

SRC = Path(rapor.__file__).parent


def test_pages_forbid_inline_scripts_framing_and_sniffing(as_user, cast, cycle):
    client = as_user(cast.opd_member)
    for url in ("/masuk/", reverse("assessments:workspace", args=[cycle.pk])):
        response = client.get(url)
        csp = dict(
            part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
        )
        assert csp["script-src"] == "'self'" and csp["style-src"] == "'self'"
        assert csp["frame-ancestors"] == "'none'" and csp["object-src"] == "'none'"
        assert "unsafe" not in response["Content-Security-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]
        assert "private" in response["Cache-Control"]  # no shared cache keeps a page


def test_an_evidence_preview_keeps_its_own_stricter_policy(as_user, cast, cycle):
    ev = evidence_store(
        organisation=cast.disdukcapil,
        cycle=cycle,
        title="SK",
        by=cast.opd_member,
        content=tiny_pdf("SK"),
        filename="sk.pdf",
    )
    evidence_link(evidence=ev, cycle=cycle, question_code="A1.1.a", by=cast.opd_member)
    response = as_user(cast.opd_member).get(
        reverse("assessments:evidence_preview", args=[cycle.pk, ev.pk])
    )
    assert response.status_code == 200
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    b"".join(response.streaming_content)


# What a strict policy blocks in a page: <script> with a body, on…= handlers, javascript: links,
# style="…" attributes and <style> elements. Print templates (WeasyPrint, never a browser) may
# style themselves.
INLINE = {
    "inline <script>": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.I),
    "javascript: address": re.compile(r"javascript:", re.I),
    "style attribute": re.compile(r"\sstyle\s*=", re.I),
    "<style> element": re.compile(r"<style[\s>]", re.I),
}

COMMENT = re.compile(r"\{#.*?#\}|\{% comment %\}.*?\{% endcomment %\}", re.S)


def test_no_template_has_inline_script_or_style():
    found = []
    for template in sorted(SRC.rglob("templates/**/*.html")):
        if "/print/" in template.as_posix():
            continue
        text = COMMENT.sub(
            lambda m: "\n" * m.group().count("\n"), template.read_text(encoding="utf-8")
        )
        for what, pattern in INLINE.items():
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{template.relative_to(SRC)}:{line}: {what}")
    assert not found, "move these to static files or classes (rapor.js, rapor.css):\n" + "\n".join(
        found
    )
