"""Benchmark the public survey endpoint: concurrent clients post SKM responses to the production
set-up (gunicorn on PostgreSQL, DEBUG off) on loopback, for a bounded time.

    scripts/with-postgres .venv/bin/python bench/survey.py \
        [--seconds 20] [--clients 12] [--workers CORES] [--port 8161]

Needs DATABASE_URL pointing at PostgreSQL (scripts/with-postgres sets it to a throwaway server).
It migrates, adds a small MPP for the bench (removed at the end), starts gunicorn on 127.0.0.1
(``rapor serve`` when the command exists, else gunicorn on rapor.web.wsgi with the same
production settings), and drives ``/skm/kirim/`` with --clients concurrent clients (threads in two
client processes), each sending a new submission as soon as the previous one is answered. Each
submission is a different phone behind a reverse proxy (RAPOR_TRUSTED_PROXIES=1, its own
X-Forwarded-For and device cookie), so the per-address and per-device rate limits are exercised
but not hit; its ticket was issued ten seconds earlier (a person's fill time). One synchronous
worker per core by default: on two cores more workers only add contention. It checks that every
accepted submission is in the database exactly once, and measures the CPU time the workers, the
database backends and the clients spent per accepted submission (a figure that does not depend
on what else the machine is doing, unlike the rate). Prints, last, ``accepted_per_second=N`` and
``p95_ms=N``.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def production_env(port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="rapor.web.settings",
        RAPOR_DEBUG="0",
        RAPOR_SECRET_KEY=env.get("RAPOR_SECRET_KEY") or secrets.token_urlsafe(40),
        RAPOR_ALLOWED_HOSTS="127.0.0.1,localhost",
        RAPOR_TRUSTED_PROXIES="1",
    )
    return env


def prepare() -> tuple[list[tuple[int, int, int]], int]:
    """Migrate and add the bench's MPP; return its services (service, counter, agency)."""
    import django

    django.setup()
    from django.core.management import call_command

    from rapor.orgs.models import Organisation
    from rapor.surveys.models import Agency, Counter, Mpp, Service

    call_command("migrate", verbosity=0, interactive=False)
    pemda, _ = Organisation.objects.get_or_create(name="Kota Bench", kind="kota", parent=None)
    opd, _ = Organisation.objects.get_or_create(name="Dinas Bench", kind="opd", parent=pemda)
    Mpp.objects.filter(name="MPP bench").delete()  # an earlier interrupted run
    mpp = Mpp.objects.create(pemda=pemda, operator=opd, name="MPP bench")
    services = []
    for a in range(6):
        agency = Agency.objects.create(mpp=mpp, name=f"Instansi bench {a}")
        counter = Counter.objects.create(mpp=mpp, agency=agency, name=f"Gerai bench {a}")
        for s in range(3):
            service = Service.objects.create(counter=counter, name=f"Layanan bench {a}.{s}")
            services.append((service.pk, counter.pk, agency.pk))
    return services, mpp.pk


def bodies(services: list[tuple[int, int, int]], mpp: int, count: int, seed: int) -> list[bytes]:
    """Ready-made submissions (the client spends no time building them)."""
    from rapor.surveys.domain.tickets import ticket_issue

    rnd = random.Random(seed)
    tickets = {s: ticket_issue(mpp=mpp, services=[s], now=time.time() - 10) for s in services}
    out = []
    for _ in range(count):
        service = rnd.choice(services)
        fields = {"t": tickets[service], "id": str(uuid.uuid4()), "layanan": service[0]}
        fields.update({f"u{i}": rnd.choice("1234") for i in range(1, 10)})
        if rnd.random() < 0.1:
            fields["saran"] = "Antrean di pagi hari terlalu panjang."
        out.append(urllib.parse.urlencode(fields).encode())
    return out


def drive(
    port: int, payloads: list[bytes], seconds: float, threads: int, seed: int
) -> tuple[list[tuple[int, float]], float]:
    """One client process: ``threads`` closed-loop clients; returns (status, seconds) per request."""
    results: list[tuple[int, float]] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    next_payload = iter(payloads)
    rnd = random.Random(seed)

    def client() -> None:
        while time.monotonic() < stop:
            with lock:
                body = next(next_payload, None)
                phone = f"10.{rnd.randrange(256)}.{rnd.randrange(256)}.{rnd.randrange(1, 255)}"
            if body is None:
                return
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Forwarded-For": phone,
                "Cookie": f"skm_perangkat={phone.replace('.', '-')}-bench-device",
            }
            start = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                conn.request("POST", "/skm/kirim/", body=body, headers=headers)
                status = conn.getresponse().status
                conn.close()
            except OSError:
                status = 0
            elapsed = time.perf_counter() - start
            with lock:
                results.append((status, elapsed))

    import resource

    before = resource.getrusage(resource.RUSAGE_SELF)
    pool = [threading.Thread(target=client) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return results, cpu


def server_command(port: int, workers: int) -> list[str]:
    rapor = BIN / "rapor"
    probe = subprocess.run([str(rapor), "serve", "--help"], capture_output=True, text=True)
    if probe.returncode == 0:
        return [
            str(rapor),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ]
    gunicorn = shutil.which("gunicorn", path=str(BIN)) or "gunicorn"
    return [
        gunicorn,
        "rapor.web.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--log-level",
        "warning",
    ]


def port_is_free(port: int) -> bool:
    import socket

    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn binds
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def wait_until_up(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/skm/terima-kasih/")
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start in time")


TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return out


def database_backends() -> list[int]:
    """The PostgreSQL server processes serving this database's connections."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        return [row[0] for row in cursor.fetchall()]


def cpu_of(pids: list[int]) -> float:
    return sum(cpu_seconds(pid) for pid in pids)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def cleanup(mpp_id: int) -> int:
    """Remove the bench's MPP and everything under it; return how many responses it had."""
    from rapor.surveys.models import Agency, Counter, Mpp, Rejection, Response, Service

    stored = Response.objects.filter(mpp_id=mpp_id).count()
    Response.objects.filter(mpp_id=mpp_id).delete()
    Rejection.objects.filter(mpp_key=mpp_id).delete()
    Service.objects.filter(counter__mpp_id=mpp_id).delete()
    Counter.objects.filter(mpp_id=mpp_id).delete()
    Agency.objects.filter(mpp_id=mpp_id).delete()
    Mpp.objects.filter(pk=mpp_id).delete()
    return stored


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--clients", type=int, default=12)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--port", type=int, default=8161)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        print(
            "bench/survey.py: set DATABASE_URL to PostgreSQL (run it under scripts/with-postgres)",
            file=sys.stderr,
        )
        raise SystemExit(2)
    if not port_is_free(args.port):
        print(
            f"bench/survey.py: port {args.port} is in use; choose another with --port",
            file=sys.stderr,
        )
        raise SystemExit(2)
    env = production_env(args.port)
    os.environ.update(env)
    services, mpp_id = prepare()
    total = int((args.seconds + args.warmup) * 2000)  # more than the server can take
    payloads = bodies(services, mpp_id, total, seed=1)
    command = server_command(args.port, args.workers)
    server = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)
    try:
        wait_until_up(args.port, time.monotonic() + 30)
        half = len(payloads) // 2
        with ProcessPoolExecutor(max_workers=2) as pool:
            # warm-up: the workers open their database connections and load their code
            warm = list(
                pool.map(
                    drive,
                    [args.port] * 2,
                    [payloads[:200], payloads[200:400]],
                    [args.warmup] * 2,
                    [4, 4],
                    [7, 8],
                )
            )
            workers = children(server.pid)
            backends = database_backends()
            cpu_before = (cpu_of([server.pid, *workers]), cpu_of(backends))
            started = time.monotonic()
            runs = list(
                pool.map(
                    drive,
                    [args.port] * 2,
                    [payloads[400:half], payloads[half:]],
                    [args.seconds] * 2,
                    [args.clients // 2, args.clients - args.clients // 2],
                    [1, 2],
                )
            )
            elapsed = time.monotonic() - started
            cpu_after = (cpu_of([server.pid, *workers]), cpu_of(backends))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        stored = cleanup(mpp_id)
    results = [r for run, _cpu in runs for r in run]
    warm_accepted = sum(1 for run, _cpu in warm for status, _t in run if status == 302)
    accepted = [t for status, t in results if status == 302]
    statuses: dict[int, int] = {}
    for status, _t in results:
        statuses[status] = statuses.get(status, 0) + 1
    latencies = [t for _s, t in results]
    print(
        f"server={Path(command[0]).name} workers={args.workers} clients={args.clients} "
        f"cores={os.cpu_count()} seconds={elapsed:.1f}"
    )
    print(f"requests={len(results)} statuses={dict(sorted(statuses.items()))}")
    # every accepted submission (warm-up included) is in the database, once
    print(f"accepted_total={len(accepted) + warm_accepted} stored_in_database={stored}")
    print(
        f"p50_ms={percentile(latencies, 0.50) * 1000:.0f} p99_ms={percentile(latencies, 0.99) * 1000:.0f}"
    )
    # CPU spent per accepted submission, whatever else the machine was doing meanwhile
    n = max(1, len(accepted))
    app_ms = (cpu_after[0] - cpu_before[0]) / n * 1000
    db_ms = (cpu_after[1] - cpu_before[1]) / n * 1000
    client_ms = sum(cpu for _run, cpu in runs) / n * 1000
    cores = os.cpu_count() or 1
    print(f"cpu_ms_per_submission app={app_ms:.2f} database={db_ms:.2f} client={client_ms:.2f}")
    print(
        "capacity_per_second_if_the_cores_were_free="
        f"{cores * 1000 / (app_ms + db_ms + client_ms):.0f} (this client on the same cores), "
        f"{cores * 1000 / (app_ms + db_ms):.0f} (clients elsewhere)"
    )
    print(f"load_average_1min={os.getloadavg()[0]:.1f}")
    print(f"accepted_per_second={len(accepted) / elapsed:.0f}")
    print(f"p95_ms={percentile(latencies, 0.95) * 1000:.0f}")


if __name__ == "__main__":
    main()
