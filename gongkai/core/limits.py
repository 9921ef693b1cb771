"""Run untrusted parsing (text extraction from uploaded files) under a time and memory limit.

    result = run_limited(extract, path, timeout=20, memory_mb=512)   # raises LimitExceeded

The work runs in a forked child with RLIMIT_AS (address space above what the parent already
maps) and RLIMIT_CPU set, and is killed after ``timeout`` seconds of wall time; its result
comes back pickled through a pipe. A parser that a crafted PDF sends into a loop, or that a
bomb makes allocate without end, then costs one child, never the web worker. Forking is cheap
(a few ms) and needs no second interpreter start-up."""

from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings


class LimitExceeded(RuntimeError):
    """The work ran out of time or memory, or its process died; message in Chinese."""


def _mapped_bytes() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _child(write_fd: int, func: Callable, args: tuple, memory: int, cpu: int) -> None:
    try:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        try:
            payload = pickle.dumps(("ok", func(*args)))
        except MemoryError:
            payload = pickle.dumps(("memory", None))
        except Exception as exc:  # noqa: BLE001 - any parser failure is reported, not raised
            payload = pickle.dumps(("error", f"{type(exc).__name__}: {exc}"[:300]))
        with os.fdopen(write_fd, "wb") as out:
            out.write(payload)
    finally:
        os._exit(0)  # never run the parent's atexit handlers or close its DB connections


def run_limited(
    func: Callable[..., Any],
    *args: Any,
    timeout: float | None = None,
    memory_mb: int | None = None,
) -> Any:
    """``func(*args)`` in a child process; its return value must pickle. Raises
    LimitExceeded on timeout, memory exhaustion or a crash, ValueError on a parser error."""
    timeout = timeout or getattr(settings, "GONGKAI_EXTRACT_TIMEOUT_SECONDS", 20)
    memory_mb = memory_mb or getattr(settings, "GONGKAI_EXTRACT_MEMORY_MB", 512)
    memory = _mapped_bytes() + memory_mb * 1024 * 1024
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        os.close(read_fd)
        _child(write_fd, func, args, memory, int(timeout) + 1)
    os.close(write_fd)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                os.kill(pid, signal.SIGKILL)
                raise LimitExceeded(f"处理超时（超过{timeout:g}秒）")
            ready, _, _ = select.select([read_fd], [], [], left)
            if not ready:
                continue
            data = os.read(read_fd, 1 << 16)
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(read_fd)
        os.waitpid(pid, 0)
    if not chunks:
        raise LimitExceeded("处理进程异常退出（可能超出内存或时间限制）")
    status, value = pickle.loads(b"".join(chunks))
    if status == "memory":
        raise LimitExceeded(f"处理所需内存超过{memory_mb}MB的限制")
    if status == "error":
        raise ValueError(value)
    return value
