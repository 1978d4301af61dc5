"""Load benchmark: the production set-up (`rapor serve`) under an office of simulated people.

    .venv/bin/python bench/load.py --database sqlite [--users 50] [--seconds 120] [--port 8130]
    scripts/with-postgres .venv/bin/python bench/load.py --database postgresql [...]
    make bench-load          # both, one after the other

For the chosen database it builds a fresh installation (a temporary folder; on PostgreSQL the
database DATABASE_URL names, which scripts/with-postgres makes for the run), loads the demo data,
adds the simulated people (bench/load_setup.py), starts `rapor serve` on 127.0.0.1 with the
production settings (debug off, whitenoise, gunicorn; HTTPS is the proxy's and is left out),
and lets the people arrive and sign in over --ramp seconds (an office's morning, not one
instant: each sign-in is an Argon2 hash of some 0.2 s of CPU), then work for --seconds, the
measured part: Tim OPD members answer (htmx saves), upload small
PDFs, read the Lembar Kerja; the Tim RB reviews and answers at its level; the Inspektorat
verifies; pimpinan, admin and evaluator read (bench/load_people.py). Each person thinks 1–3 s
between actions, as a person reading a page does. Then it stops the server and prints, for the
measured part with everyone signed in, requests per second, p50/p95/p99 and the errors (no
answer, 5xx, or a status other than the page's own), overall and per action, the server's CPU
time per request, and how many "database is locked" the server logged; the sign-ins are
reported apart. Traffic goes to
loopback only; every loop ends at the deadline.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from load_people import Browser, Person, Sample, live  # noqa: E402

PASSWORD = "Beban-kerja-kantor-2024"
SIGN_IN = ("login page", "sign in")
# What each action answers when all is well (anything else counts as an error).
EXPECTED = {"sign in": {302}, "send (Kirim)": {302}}


def run(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def installation(database: str, var: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAPOR_")}
    env.update(
        RAPOR_VAR_DIR=str(var),
        RAPOR_SECRET_KEY=secrets.token_urlsafe(48),
        RAPOR_ALLOWED_HOSTS="127.0.0.1",
        RAPOR_DEMO="1",
        RAPOR_LOG_LEVEL="WARNING",
    )
    if database == "sqlite":
        env.pop("DATABASE_URL", None)
    elif not env.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("--database postgresql needs DATABASE_URL (scripts/with-postgres)")
    return env


def wait_for(port: int, process: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("rapor serve ended before it answered")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("rapor serve did not answer")


def percentile(ms: list[float], p: float) -> float:
    ordered = sorted(ms)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def is_error(s: Sample) -> bool:
    return s.status == 0 or s.status >= 500 or s.status not in EXPECTED.get(s.action, {200})


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process and its children (gunicorn's workers), Linux."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for proc in [pid, *children(pid)]:
        try:
            fields = Path(f"/proc/{proc}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def load_average() -> str:
    """The machine's 1-minute load average: other work on a shared machine shows here."""
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(c) for c in found]


def report(
    database: str, samples: list[Sample], seconds: float, users: int, log: str, cpu: float
) -> None:
    errors = [s for s in samples if is_error(s)]
    ms = [s.ms for s in samples]
    print(f"\n== {database}: {users} people working for {seconds:.0f} s ==")
    print(
        f"requests={len(samples)} requests_per_second={len(samples) / seconds:.1f} "
        f"p50_ms={percentile(ms, 50):.0f} p95_ms={percentile(ms, 95):.0f} "
        f"p99_ms={percentile(ms, 99):.0f} errors={len(errors)} "
        f"database_locked={log.count('database is locked')} "
        f"server_cpu_ms_per_request={cpu * 1000 / max(1, len(samples)):.0f}"
    )
    by_action: dict[str, list[Sample]] = defaultdict(list)
    for s in samples:
        by_action[s.action].append(s)
    print(f"{'action':<26}{'n':>6}{'p50':>7}{'p95':>7}{'p99':>7}{'max':>7}{'errors':>8}")
    for action, rows in sorted(by_action.items(), key=lambda kv: -len(kv[1])):
        t = [r.ms for r in rows]
        print(
            f"{action:<26}{len(rows):>6}{percentile(t, 50):>7.0f}{percentile(t, 95):>7.0f}"
            f"{percentile(t, 99):>7.0f}{max(t):>7.0f}{sum(map(is_error, rows)):>8}"
        )
    statuses: dict[tuple[str, int], int] = defaultdict(int)
    for s in errors:
        statuses[s.action, s.status] += 1
    for (action, status), n in sorted(statuses.items()):
        print(f"  error: {action} answered {status or 'nothing'} ({n}×)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], required=True)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120, help="the measured part")
    parser.add_argument("--ramp", type=float, default=30, help="seconds over which people arrive")
    parser.add_argument("--port", type=int, default=8130)
    parser.add_argument("--workers", type=int, help="rapor serve --workers (default: its own)")
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"))
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--keep", action="store_true", help="keep the installation's folder")
    args = parser.parse_args()

    var = Path(tempfile.mkdtemp(prefix="rapor-load-"))
    env = installation(args.database, var)
    rapor = [sys.executable, "-m", "rapor.cli"]
    print(f"preparing the installation in {var} ...", flush=True)
    run([*rapor, "demo", "--no-serve"], env)
    setup = Path(__file__).with_name("load_setup.py")
    plan = json.loads(run([sys.executable, str(setup), str(args.users), PASSWORD], env))
    serve = [*rapor, "serve", "--port", str(args.port)]
    if args.workers:
        serve += ["--workers", str(args.workers)]
    log_path = var / "serve.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(serve, env=env, stdout=log, stderr=log)
    try:
        wait_for(args.port, server)
        samples: list[Sample] = []
        lock = threading.Lock()

        def record(sample: Sample) -> None:
            with lock:
                samples.append(sample)

        rnd = random.Random(args.seed)
        start = time.monotonic()
        measured_from = start + args.ramp
        deadline = measured_from + args.seconds
        threads = []
        for spec in plan["people"]:
            person = Person(
                plan, spec, Browser(args.port, record), random.Random(rnd.random()), PASSWORD
            )
            arrive = start + rnd.uniform(0, args.ramp)
            threads.append(
                threading.Thread(target=live, args=(person, arrive, deadline, tuple(args.think)))
            )
        print(
            f"{len(threads)} people arrive over {args.ramp:.0f} s, "
            f"then work for {args.seconds:.0f} s ...",
            flush=True,
        )
        for t in threads:
            t.start()
        time.sleep(max(0.0, measured_from - time.monotonic()))
        cpu_before, load_before = cpu_seconds(server.pid), load_average()
        time.sleep(max(0.0, deadline - time.monotonic()))
        cpu, load_after = cpu_seconds(server.pid) - cpu_before, load_average()
        for t in threads:
            t.join(timeout=120)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    log = log_path.read_text()
    signing_in = [s for s in samples if s.action in SIGN_IN]
    working = [s for s in samples if s.at >= measured_from and s.action not in SIGN_IN]
    report(args.database, working, args.seconds, len(threads), log, cpu)
    print(
        f"machine: {os.cpu_count()} cores; load average (1 min) {load_before} at the start of "
        f"the measured part, {load_after} at its end (the server's own share: "
        f"{cpu / args.seconds:.2f} cores)"
    )
    ms = [s.ms for s in signing_in if s.action == "sign in"]
    print(
        f"sign-ins (during the arrival, not measured above): n={len(ms)} "
        f"p50_ms={percentile(ms, 50):.0f} p95_ms={percentile(ms, 95):.0f} "
        f"errors={sum(map(is_error, signing_in))}"
    )
    if args.keep:
        print(f"kept: {var}")
    else:
        shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    main()
