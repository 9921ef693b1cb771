"""Shared bits of the benchmarks: Django on a throwaway database, medians, both databases."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django() -> None:
    """Django on GONGKAI_DATABASE_URL if set (PostgreSQL run), else on a temporary SQLite file."""
    sys.path.insert(0, str(ROOT))
    if not os.environ.get("GONGKAI_DATABASE_URL"):
        tmp = tempfile.mkdtemp(prefix="gongkai-bench-")
        os.environ["GONGKAI_DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("GONGKAI_VAR_DIR", tempfile.mkdtemp(prefix="gongkai-bench-var-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def median_ms(
    func: Callable[[], object], runs: int = 15, warmup: int = 2
) -> tuple[float, list[float]]:
    for _ in range(warmup):
        func()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), samples


def run_on_both_databases(script: str, extra: list[str] | None = None) -> int:
    """Run `script --here` on SQLite, then again inside a throwaway PostgreSQL cluster."""
    extra = extra or []
    code = subprocess.call(
        [sys.executable, script, "--here", *extra], env={**os.environ, "GONGKAI_DATABASE_URL": ""}
    )
    code |= subprocess.call(
        [str(ROOT / "scripts" / "with-postgres"), sys.executable, script, "--here", *extra]
    )
    return code


GUNICORN = Path(sys.executable).with_name("gunicorn")


def restart_postgres() -> float:
    """Stop the PostgreSQL server of GONGKAI_DATABASE_URL as a crash would (``-m immediate``: no
    checkpoint, recovery from the WAL at start) and start it again; returns the seconds it was
    down. Every open connection breaks."""
    import glob

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW data_directory")
        data = cursor.fetchone()[0]
    connection.close()
    pg_ctl = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))[-1]
    run_as = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
    start = time.perf_counter()
    # No captured pipes: the server pg_ctl starts would inherit them and keep them open, and
    # reading them would never end. Its log goes next to the data directory.
    subprocess.run(
        [*run_as, pg_ctl, "-D", data, "-l", f"{data}/../restart.log", "-m", "immediate"]
        + ["-w", "restart"],
        check=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, port: int, workers: int = 2, preload: bool = False) -> None:
        self.port = port
        self.workers = workers
        self.preload = preload  # app loaded once in the master: a killed worker is re-forked
        self.proc: subprocess.Popen | None = None
        self.kills = 0
        self.worker_kills = 0

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [
                str(GUNICORN),
                "gongkai.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--timeout",
                "60",
                "--log-level",
                "warning",
                # gunicorn's control socket is one path per OS user: benchmarks running side
                # by side (or next to `gongkai serve`) would take over each other's
                "--no-control-socket",
                *(["--preload"] if self.preload else []),
            ],
            cwd=ROOT,
            env=os.environ.copy(),
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/api/v1/openapi.json")
                if conn.getresponse().status == 200:
                    return
            except (OSError, http.client.HTTPException):
                time.sleep(0.1)
        raise RuntimeError("server did not start")

    def kill(self, final: bool = False) -> None:
        if self.proc is not None:
            # The whole process group: master and workers die mid-request, like a power cut.
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            self.kills += 0 if final else 1

    def kill_worker(self, rng) -> bool:
        """SIGKILL one worker (mid-request, like an OOM kill); the master forks a new one."""
        if self.proc is None:
            return False
        try:
            with open(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children") as f:
                children = [int(p) for p in f.read().split()]
        except OSError:
            return False
        if not children:
            return False
        try:
            os.kill(rng.choice(children), signal.SIGKILL)
        except ProcessLookupError:
            return False
        self.worker_kills += 1
        return True


class Storm:
    """Clients POST JSON to a gunicorn server that is SIGKILLed at random moments and started
    again, until `requests` were acknowledged. run() → (acknowledged [(number, code, payload)],
    error counts, seconds, kills). Only what a client saw acknowledged counts as accepted."""

    def __init__(
        self,
        path,
        make_payload,
        receipt,
        *,
        requests,
        clients,
        kill=True,
        workers=2,
        storm=0,
        seconds=None,
        db_restarts=0,
    ):
        """storm=N: between two kills of the whole server, N kills of single workers, 0.2–1 s
        apart (gunicorn --preload re-forks them at once), so a long run sees hundreds of
        interrupted requests instead of waiting for restarts most of the time."""
        self.path, self.make_payload, self.receipt = path, make_payload, receipt
        self.requests, self.clients, self.kill = requests, clients, kill
        self.workers, self.storm = workers, storm
        self.seconds = seconds  # also stop after this long (what was acknowledged is checked)
        # PostgreSQL crash-restarted this many times, evenly spread over the run (restart_postgres)
        self.db_restarts = db_restarts
        self.db_down: list[float] = []

    def run(self):
        import json
        import random
        import threading

        server = Server(free_port(), self.workers, preload=self.storm > 0)
        server.start()
        acknowledged = []
        lock = threading.Lock()
        counter = iter(range(10**9))
        done = threading.Event()
        errors = {"refused": 0, "http": 0}

        def client() -> None:
            while not done.is_set():
                with lock:
                    over_time = self.seconds and time.perf_counter() - start > self.seconds
                    if len(acknowledged) >= self.requests or over_time:
                        done.set()
                        return
                    i = next(counter)
                data = self.make_payload(i)
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
                    conn.request(
                        "POST", self.path, json.dumps(data), {"Content-Type": "application/json"}
                    )
                    response = conn.getresponse()
                    body = response.read()
                    conn.close()
                except (OSError, http.client.HTTPException):
                    with lock:
                        errors["refused"] += 1
                    time.sleep(0.05)
                    continue
                if response.status != 201:
                    with lock:
                        errors["http"] += 1
                    continue
                number, code = self.receipt(json.loads(body))
                with lock:
                    acknowledged.append((number, code, data))
                    if len(acknowledged) % 1000 == 0:  # progress of a long run
                        seconds = time.perf_counter() - start
                        print(
                            f"  … {len(acknowledged)} acknowledged in {seconds:.0f} s, "
                            f"{server.kills} server / {server.worker_kills} worker kills",
                            flush=True,
                        )

        def progress() -> float:
            with lock:
                share = len(acknowledged) / self.requests
            return max(share, (time.perf_counter() - start) / self.seconds if self.seconds else 0)

        def db_crasher() -> None:
            for n in range(1, self.db_restarts + 1):
                while not done.is_set() and progress() < n / (self.db_restarts + 1):
                    time.sleep(0.2)
                if done.is_set():
                    return
                self.db_down.append(restart_postgres())
                print(f"  … PostgreSQL crash-restarted (down {self.db_down[-1]:.1f} s)", flush=True)

        def killer() -> None:
            rng = random.Random(1)
            while not done.is_set() and self.kill:
                for _ in range(self.storm):
                    time.sleep(rng.uniform(0.2, 1.0))
                    if done.is_set():
                        return
                    server.kill_worker(rng)
                time.sleep(rng.uniform(0.5, 3.0))  # after the server answered: mid-traffic
                if done.is_set():
                    break
                server.kill()
                time.sleep(rng.uniform(0.0, 0.3))
                server.start()

        start = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(self.clients)]
        chaos = [threading.Thread(target=killer), threading.Thread(target=db_crasher)]
        for t in threads + chaos:
            t.start()
        for t in threads:
            t.join()
        done.set()
        for t in chaos:
            t.join()
        elapsed = time.perf_counter() - start
        server.kill(final=True)
        self.worker_kills = server.worker_kills
        return acknowledged, errors, elapsed, server.kills
