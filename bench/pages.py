"""Throughput of public pages with wrk, as ratios (issue 5 targets):

- gunicorn, 2 workers: item page ≥ 0.5 and a 20-item list page ≥ 0.3 of a minimal Django view
  returning the same bytes;
- nginx with the proxy cache of docs/nginx-cache.md ≥ 0.5 of nginx serving the same page as a
  static file.

    python bench/pages.py            # SQLite, then PostgreSQL; 5 s per wrk run, median of 3
    python bench/pages.py --here     # only the current database (GONGKAI_DATABASE_URL or SQLite)

Needs gunicorn, wrk and nginx (scripts/install-system-deps --bench). Every process started
here is stopped again by its pid.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, run_on_both_databases, setup_django  # noqa: E402

DURATION = os.environ.get("BENCH_WRK_SECONDS", "5")
RUNS = int(os.environ.get("BENCH_RUNS", "3"))

BENCH_URLS = """
from pathlib import Path
import os

from django.http import HttpResponse
from django.urls import path

from gongkai.urls import urlpatterns as site

PAGES = {p.stem: p.read_bytes() for p in Path(os.environ["BENCH_PAGES"]).glob("*.html")}


def raw(request, name):
    return HttpResponse(PAGES[name], content_type="text/html; charset=utf-8")


urlpatterns = [path("bench-raw/<str:name>/", raw), *site]
"""
BENCH_SETTINGS = """
from gongkai.settings import *  # noqa: F403
ROOT_URLCONF = "bench_urls"
ALLOWED_HOSTS = ["*"]
"""
NGINX_CONF = """
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fcgi; uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
    proxy_cache_path {tmp}/cache levels=1:2 keys_zone=gongkai_public:10m max_size=1g inactive=1h;
    server {{
        listen 127.0.0.1:{port};
        location /static-copy/ {{ alias {pages}/; default_type text/html; }}
        location /xxgk/ {{
            proxy_pass http://127.0.0.1:{upstream};
            proxy_set_header Host $host;
            proxy_cache gongkai_public;
            proxy_cache_key $scheme$host$request_uri;
            proxy_cache_valid 200 10m;
            proxy_cache_lock on;
            proxy_ignore_headers Set-Cookie Vary;
            proxy_hide_header Set-Cookie;
        }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 20) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no answer from {url}")


def wrk(url: str, *headers: str) -> float:
    """Median requests/second of RUNS wrk runs (2 threads, 16 connections)."""
    rates = []
    for _ in range(RUNS):
        out = subprocess.run(
            ["wrk", "-t2", "-c16", f"-d{DURATION}s", *[a for h in headers for a in ("-H", h)], url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        rates.append(float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)))
    return statistics.median(rates)


def build_site() -> tuple[str, str]:
    from django.utils import timezone

    from gongkai.agencies.models import Agency
    from gongkai.publishing import pagecache, search
    from gongkai.publishing.models import Item

    agency = Agency.objects.create(code="bench", name="基准测试机关", path="00000001", depth=0,
                                   level="county", kind="department")  # fmt: skip
    now = timezone.now()
    items = [
        Item(agency=agency, title=f"关于进一步做好政务公开工作的通知（第{n}号）",
             body="<p>" + "为进一步做好政务公开工作，现将有关事项通知如下。" * 20 + "</p>",
             body_text="为进一步做好政务公开工作，现将有关事项通知如下。" * 20,
             summary="政务公开工作通知", formed_on=now.date(), status="published",
             published_at=now - timezone.timedelta(minutes=n), index_number=f"BENCH/2026-{n:05d}")
        for n in range(1, 61)
    ]  # fmt: skip
    Item.objects.bulk_create(items)
    for item in Item.objects.all():
        search.index_item(item)
    pagecache.bump()  # as a publication through the services does
    first = Item.objects.order_by("-published_at").first()
    return f"/xxgk/bench/art/{first.pk}/", "/xxgk/bench/fdzdgknr/"


def main() -> int:
    for tool in ("wrk", "nginx"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            print(f"需要 {tool}（scripts/install-system-deps --bench）")
            return 2
    setup_django()
    from django.test import Client

    item_url, list_url = build_site()
    tmp = Path(tempfile.mkdtemp(prefix="gongkai-http-"))
    tmp.chmod(0o755)  # nginx workers run as an unprivileged user when started by root
    pages = tmp / "pages"
    pages.mkdir()
    client = Client()
    (pages / "item.html").write_bytes(client.get(item_url).content)
    (pages / "list.html").write_bytes(client.get(list_url).content)
    assert "第 1 / 3 页" in (pages / "list.html").read_text(), "list page should hold 20 items"
    (tmp / "bench_urls.py").write_text(BENCH_URLS)
    (tmp / "bench_settings.py").write_text(BENCH_SETTINGS)
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench_settings", "BENCH_PAGES": str(pages),
           "PYTHONPATH": f"{tmp}:{ROOT}"}  # fmt: skip
    gunicorn = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}",
         "--log-level", "warning", "gongkai.wsgi:application"], env=env,
    )  # fmt: skip
    nginx = None
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + item_url)
        results = {}
        for name, url in (("item", item_url), ("list", list_url)):
            results[name] = wrk(base + url)
            results[f"raw_{name}"] = wrk(f"{base}/bench-raw/{name}/")
            # A session cookie bypasses the page cache: every request renders (for information).
            results[f"render_{name}"] = wrk(base + url, "Cookie: sessionid=bench")
        nginx_port = free_port()
        (tmp / "nginx.conf").write_text(
            textwrap.dedent(NGINX_CONF.format(tmp=tmp, port=nginx_port, upstream=port, pages=pages))
        )
        nginx = subprocess.Popen(["nginx", "-c", str(tmp / "nginx.conf"), "-g", "daemon off;"])
        nbase = f"http://127.0.0.1:{nginx_port}"
        try:
            wait_for(nbase + item_url)
        except RuntimeError:
            print(
                (tmp / "nginx-error.log").read_text() if (tmp / "nginx-error.log").exists() else ""
            )
            raise
        results["nginx_cached"] = wrk(nbase + item_url)
        results["nginx_static"] = wrk(nbase + "/static-copy/item.html")
    finally:
        for proc in (nginx, gunicorn):
            if proc is not None:
                proc.send_signal(signal.SIGTERM if proc is gunicorn else signal.SIGQUIT)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    from django.db import connection

    vendor = connection.vendor
    ok = True
    for name, target in (("item", 0.5), ("list", 0.3)):
        ratio = results[name] / results[f"raw_{name}"]
        ok &= ratio >= target
        print(f"[{vendor}, gunicorn -w2] {name} page {results[name]:.0f} req/s vs minimal view with the same "
              f"bytes {results[f'raw_{name}']:.0f} req/s → ratio {ratio:.2f} (target ≥ {target})")  # fmt: skip
        print(f"[{vendor}, gunicorn -w2]   (for information: rendered on every request, as for a "
              f"logged-in visitor, {results[f'render_{name}']:.0f} req/s → ratio "
              f"{results[f'render_{name}'] / results[f'raw_{name}']:.2f})")  # fmt: skip
    ratio = results["nginx_cached"] / results["nginx_static"]
    ok &= ratio >= 0.5
    print(f"[{vendor}, nginx] cached item page {results['nginx_cached']:.0f} req/s vs static file "
          f"{results['nginx_static']:.0f} req/s → ratio {ratio:.2f} (target ≥ 0.5)")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    if "--here" in sys.argv:
        sys.exit(main())
    sys.exit(run_on_both_databases(__file__))
