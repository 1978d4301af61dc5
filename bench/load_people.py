"""The simulated people of the load benchmark: a browser's requests, one thread each.

A person signs in through the login page, then repeats actions of its role with a think time
between them (as someone reading a page before clicking), until the run's deadline. Each
request's action, status and time are recorded. Saves are htmx posts with the version read from
the page, as the browser sends them; uploads are small PDFs, each different.
"""

from __future__ import annotations

import http.client
import random
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode


@dataclass
class Sample:
    action: str
    status: int  # 0: no answer (connection refused, reset or timed out)
    ms: float
    at: float  # time.monotonic() when the request was sent


class Browser:
    """One person's connection (kept alive) and cookies."""

    def __init__(self, port: int, record: Callable[[Sample], None]) -> None:
        self.port, self.record = port, record
        self.cookies: dict[str, str] = {}
        self.conn: http.client.HTTPConnection | None = None

    def _send(self, method: str, path: str, body: bytes | None, headers: dict[str, str]) -> Any:
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sent = {"Host": f"127.0.0.1:{self.port}", **headers}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.conn.request(method, path, body=body, headers=sent)
        response = self.conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for value in response.headers.get_all("Set-Cookie") or []:
            jar: SimpleCookie = SimpleCookie()
            jar.load(value)
            for name, morsel in jar.items():
                self.cookies[name] = morsel.value
        if response.headers.get("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        return response.status, text

    def request(
        self,
        action: str,
        method: str,
        path: str,
        *,
        form: dict[str, Any] | None = None,
        files: dict[str, tuple[str, bytes, str]] | None = None,
        htmx: bool = False,
    ) -> tuple[int, str]:
        headers: dict[str, str] = {}
        body = None
        if htmx:
            headers["HX-Request"] = "true"
        if method == "POST":
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            if files:
                body, headers["Content-Type"] = multipart(form or {}, files)
            else:
                body = urlencode(form or {}, doseq=True).encode()
                headers["Content-Type"] = "application/x-www-form-urlencoded"
        at, start = time.monotonic(), time.perf_counter()
        try:
            status, text = self._send(method, path, body, headers)
        except (OSError, http.client.HTTPException):
            if self.conn is not None:
                self.conn.close()
            self.conn = None
            status, text = 0, ""
        self.record(Sample(action, status, (time.perf_counter() - start) * 1000, at))
        return status, text


def multipart(form: dict[str, Any], files: dict[str, tuple[str, bytes, str]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in form.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, content, ctype) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {ctype}\r\n\r\n'
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def tiny_pdf(text: str) -> bytes:
    """A small valid PDF (a few hundred bytes), different for each text."""
    from rapor.demo.pdf import tiny_pdf as make

    return make(text)


# A question's form in a page: its level, version and whether this person may change it now.
QUESTION = re.compile(
    r'name="question" value="(?P<code>[^"]+)"><input type="hidden" name="level" '
    r'value="(?P<level>[^"]+)">\s*<input type="hidden" name="version" value="(?P<version>\d+)">'
    r"\s*<fieldset(?P<closed> disabled)?>"
)
QUEUE_ITEM = re.compile(
    r'class="list-group-item review-item"[^>]*data-question="([^"]+)".*?'
    r'name="version" value="(\d+)"',
    re.S,
)
NOTE = "Mohon lengkapi bukti dukung tahun berjalan."


@dataclass
class Form:
    level: str
    version: int
    editable: bool


@dataclass
class Person:
    """One simulated person of the plan (bench/load_setup.py)."""

    plan: dict[str, Any]
    spec: dict[str, Any]
    browser: Browser
    rnd: random.Random
    password: str
    forms: dict[str, Form] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)

    @property
    def cycle(self) -> int:
        return int(self.plan["cycle"])

    def sign_in(self) -> bool:
        self.browser.request("login page", "GET", "/masuk/")
        status, _ = self.browser.request(
            "sign in",
            "POST",
            "/masuk/",
            form={"username": self.spec["username"], "password": self.password},
        )
        return status == 302

    def read_forms(self, html: str) -> None:
        for m in QUESTION.finditer(html):
            self.forms[m["code"]] = Form(m["level"], int(m["version"]), not m["closed"])

    def mine(self, editable: bool = True) -> list[str]:
        return [
            c
            for c in self.spec.get("questions", [])
            if c in self.forms and self.forms[c].editable is editable
        ]

    # --- actions -------------------------------------------------------------------------
    def home(self) -> None:
        self.browser.request("Beranda", "GET", "/")

    def my_work(self) -> None:
        self.browser.request("Tugas Saya", "GET", "/tugas-saya/")

    def cycles(self) -> None:
        self.browser.request("Siklus", "GET", "/siklus/")

    def workspace(self, code: str | None = None) -> None:
        """Open the Lembar Kerja at one of my questions (or anywhere) and read its forms."""
        code = code or self.rnd.choice(self.spec.get("questions") or list(self.plan["scales"]))
        indicator = self.plan["indicator"][code]
        _, html = self.browser.request(
            "Lembar Kerja", "GET", f"/siklus/{self.cycle}/lembar-kerja/?indicator={indicator}"
        )
        self.read_forms(html)

    def answer(self) -> None:
        """Change one of my questions that is open to me, as its form says."""
        open_ = self.mine()
        if not open_:
            return self.workspace()
        code = self.rnd.choice(open_)
        form, scale = self.forms[code], self.plan["scales"][code]
        if scale["kind"] == "choice":
            value = self.rnd.choice([o for o in scale["options"] if o != self.values.get(code)])
        else:
            value = f"{self.rnd.uniform(scale['min'], scale['max']):.2f}".replace(".", ",")
        status, html = self.browser.request(
            "save answer (htmx)",
            "POST",
            f"/siklus/{self.cycle}/jawab/",
            form={"question": code, "level": form.level, "version": form.version, "value": value},
            htmx=True,
        )
        self.read_forms(html)
        if status == 200:
            self.values[code] = value

    def submit(self) -> None:
        """Kirim: send one of my answered, open questions to the Tim RB."""
        ready = [c for c in self.mine() if c in self.values]
        if not ready:
            return self.answer()
        code = self.rnd.choice(ready)
        self.browser.request(
            "send (Kirim)",
            "POST",
            f"/siklus/{self.cycle}/kirim/{self.plan['indicator'][code]}/",
            form={"questions": code},
        )
        self.forms[code].editable = False  # until it comes back; the next page view tells

    def upload(self) -> None:
        questions = self.spec.get("questions") or []
        if not questions:
            return self.my_work()
        code = self.rnd.choice(questions)
        pdf = tiny_pdf(f"{self.spec['username']} {code} {uuid.uuid4().hex}")
        self.browser.request(
            "upload evidence (htmx)",
            "POST",
            f"/siklus/{self.cycle}/bukti/unggah/",
            form={"title": f"Bukti {code}", "document_date": "2024-05-01", "question": code},
            files={"file": ("bukti.pdf", pdf, "application/pdf")},
            htmx=True,
        )

    def activity(self) -> None:
        code = self.rnd.choice(self.spec.get("questions") or list(self.plan["scales"]))
        self.browser.request(
            "Komentar & Riwayat", "GET", f"/siklus/{self.cycle}/pertanyaan/{code}/aktivitas/"
        )

    def review(self, level: str, accept_share: float) -> None:
        """Open my level's queue and accept or return (with a note) one item of my share."""
        _, html = self.browser.request(
            "Reviu / Verifikasi", "GET", f"/siklus/{self.cycle}/reviu/?level={level}"
        )
        i, n = self.spec["share"]
        waiting = [
            (code, int(version))
            for code, version in QUEUE_ITEM.findall(html)
            if sum(map(ord, code)) % n == i  # no two reviewers on one item
        ]
        if not waiting:
            return
        code, version = self.rnd.choice(waiting)
        verb = "accept" if self.rnd.random() < accept_share else "return"
        self.browser.request(
            f"{verb} at {level} (htmx)",
            "POST",
            f"/siklus/{self.cycle}/reviu/aksi/",
            form={"question": code, "version": version, "level": level, "verb": verb, "note": NOTE},
            htmx=True,
        )

    def assignments(self) -> None:
        self.browser.request("Penugasan", "GET", f"/siklus/{self.cycle}/penugasan/")

    def frameworks(self) -> None:
        self.browser.request("Kerangka", "GET", "/kerangka/")

    def organisations(self) -> None:
        self.browser.request("Organisasi & Pengguna", "GET", "/org/")


# What each role does, with weights: data, not branches.
ROLE_ACTIONS: dict[str, list[tuple[Callable[[Person], None], int]]] = {
    "tim_opd": [
        (Person.answer, 44),
        (Person.workspace, 18),
        (Person.my_work, 10),
        (Person.home, 8),
        (Person.activity, 8),
        (Person.upload, 6),
        (Person.submit, 6),
    ],
    # returns keep the questions going round (a returned question is open to its OPD again)
    "tim_rb": [
        (lambda p: p.review("reviewer", accept_share=0.4), 30),
        (Person.answer, 15),
        (Person.workspace, 25),
        (Person.assignments, 10),
        (Person.home, 10),
        (Person.activity, 10),
    ],
    "inspektorat": [
        (lambda p: p.review("verifier", accept_share=0.3), 40),
        (Person.workspace, 35),
        (Person.home, 25),
    ],
    "pimpinan": [(Person.home, 50), (Person.workspace, 40), (Person.cycles, 10)],
    "admin": [
        (Person.frameworks, 30),
        (Person.organisations, 30),
        (Person.home, 20),
        (Person.cycles, 20),
    ],
    "evaluator": [(Person.home, 50), (Person.cycles, 50)],
}


def live(person: Person, arrive: float, deadline: float, think: tuple[float, float]) -> None:
    """Arrive (people sign in one after another, as an office does in the morning), sign in,
    then act and think until the deadline."""
    time.sleep(max(0.0, arrive - time.monotonic()))
    if not person.sign_in():
        return
    actions = ROLE_ACTIONS[person.spec["role"]]
    doings, weights = [a for a, _ in actions], [w for _, w in actions]
    while time.monotonic() < deadline:
        person.rnd.choices(doings, weights)[0](person)
        time.sleep(person.rnd.uniform(*think))
