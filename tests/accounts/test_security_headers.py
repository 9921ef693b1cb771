"""Security headers: CSP on every HTML page without inline script or style anywhere, HSTS as
a setting, Permissions-Policy, and a Chinese page for a refused CSRF check."""

import re
from pathlib import Path

import pytest
from django.test import Client

import gongkai

pytestmark = pytest.mark.django_db

# Rendered to PDF by WeasyPrint (gongkai/supervision/render.py), never served to a browser.
PRINT_ONLY = {"notice_print.html"}
TEMPLATES = sorted(
    p
    for p in Path(gongkai.__file__).parent.rglob("templates/**/*.html")
    if p.name not in PRINT_ONLY
)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=\"|\son[a-z]+=\"|javascript:", re.I)


def test_html_pages_carry_a_strict_policy(officer_a, client_for):
    for client, url in ((Client(), "/xxgk/"), (client_for(officer_a), "/manage/")):
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert "camera=()" in response["Permissions-Policy"]


def test_json_answers_carry_no_page_policy():
    response = Client().get("/api/v1/openapi.json")
    assert "Content-Security-Policy" not in response
    assert "Permissions-Policy" in response


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(p.parents[3])))
def test_no_template_has_inline_script_or_style(template):
    text = template.read_text(encoding="utf-8")
    assert not INLINE_SCRIPT.search(text), "inline <script>: move it into a static .js file"
    assert not INLINE_STYLE.search(text), "inline style or handler: move it into a static file"


def test_the_report_stylesheet_is_a_file(agency_a):
    from gongkai.reports.render.html import CSS

    response = Client().get(f"/xxgk/{agency_a.code}/ndbg/report.css")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/css")
    assert response.content.decode() == CSS


def test_hsts_is_sent_over_https_when_configured(settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = Client().get("/xxgk/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000"


def test_a_refused_csrf_check_is_explained_in_chinese(officer_a):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/manage/login/", {"username": "officer_a", "password": "x"})
    assert response.status_code == 403
    assert "请求已失效" in response.content.decode()
