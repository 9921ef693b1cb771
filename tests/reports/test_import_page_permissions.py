"""The staff page: upload a ZIP of published reports, the worker imports it chunk by chunk,
the page shows progress, counts and the review list."""

import io
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse

from gongkai.core.jobs import claim_next, run_job
from gongkai.reports import imports
from gongkai.reports.models import ImportBatch, Report
from tests.access import assert_access, row
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db
DEV = Path(__file__).parent / "data" / "reports-dev"
COVERED_URL_NAMES = {"reports_manage:import", "reports_manage:import_detail"}


def _zip(agency_parent) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n in ("dev-01", "dev-04", "dev-06"):
            zf.writestr(f"{n}.txt", (DEV / f"{n}.txt").read_bytes())
        zf.writestr("readme.txt", "说明文字")
    return buf.getvalue()


@pytest.fixture
def bodies(agency_parent):
    return {
        "huaian": AgencyFactory(code="huaian", name="淮安市人民政府", parent=agency_parent),
        "pingtan": AgencyFactory(code="pingtan", name="平潭综合实验区", parent=agency_parent),
    }


def test_who_may_open_the_import_page(personas, client_for):
    expected = row(
        officer_a=200, reviewer_a=403, leader_a=403, officer_b=200, supervisor=200, admin=200
    )
    assert_access(client_for, personas, reverse("reports_manage:import"), expected)


def _upload(client, agency_parent, **extra):
    data = {"file": _file(_zip(agency_parent)), **extra}
    return client.post(reverse("reports_manage:import"), data)


def _file(content: bytes, name: str = "年报.zip"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/zip")


def _work() -> int:
    n = 0
    while (job := claim_next()) is not None:
        assert run_job(job)
        n += 1
    return n


def test_the_supervisor_uploads_a_zip_and_watches_it_imported(
    client_for, supervisor, agency_parent, bodies, monkeypatch
):
    monkeypatch.setattr(imports, "CHUNK", 2)
    client = client_for(supervisor)
    response = _upload(client, agency_parent)
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert (batch.status, batch.total, batch.done, batch.created_by) == ("queued", 4, 0, supervisor)
    page = client.get(response["Location"])
    # refreshes itself while running, under a control the reader can turn off (WCAG 2.2.1)
    running = page.content.decode()
    assert "0 / 4" in running and 'data-auto-refresh="3" checked' in running
    assert 'http-equiv="refresh"' not in running
    # the first chunk commits on its own: the page shows progress before the end
    job = claim_next()
    assert run_job(job)
    batch.refresh_from_db()
    assert (batch.status, batch.done) == ("running", 2)
    assert "2 / 4" in client.get(response["Location"]).content.decode()
    _work()
    batch.refresh_from_db()
    assert (batch.status, batch.done) == ("done", 4)
    html = client.get(response["Location"]).content.decode()
    assert "data-auto-refresh" not in html
    assert "待人工确认" in html and "dev-06.txt" in html and "无法读取" in html
    assert Report.objects.get(agency=bodies["huaian"], year=2024).figures.count() == 200
    assert Report.objects.filter(agency=bodies["pingtan"], year=2019).exists()


def test_an_officer_imports_only_into_bodies_they_may_edit(
    client_for, officer_a, agency_parent, bodies
):
    _upload(client_for(officer_a), agency_parent)
    _work()
    assert not Report.objects.exists()  # neither 淮安 nor 平潭 is officer A's body
    batch = ImportBatch.objects.get()
    assert {o["status"] for o in batch.outcomes} == {"review", "unreadable"}


def test_an_upload_that_is_not_a_zip_is_refused_in_chinese(client_for, supervisor):
    response = client_for(supervisor).post(
        reverse("reports_manage:import"), {"file": _file(b"not a zip", "a.zip")}
    )
    assert response.status_code == 400
    assert "文件内容不是ZIP" in response.content.decode()  # judged by the upload module
    assert not ImportBatch.objects.exists()


def test_a_batch_is_only_shown_to_its_uploader(
    client_for, supervisor, officer_b, agency_parent, bodies
):
    _upload(client_for(supervisor), agency_parent)
    url = reverse("reports_manage:import_detail", args=[ImportBatch.objects.get().pk])
    assert client_for(officer_b).get(url).status_code == 404
    assert client_for(supervisor).get(url).status_code == 200


def test_a_zip_bomb_is_refused_before_anything_is_inflated(client_for, supervisor, settings):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("bomb.txt", b"0" * (20 * 1024 * 1024))  # compresses about 1000:1
    response = client_for(supervisor).post(
        reverse("reports_manage:import"), {"file": _file(buf.getvalue(), "bomb.zip")}
    )
    assert response.status_code == 400
    assert "压缩比异常" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_the_uploaded_zip_is_kept_on_disk_and_removed_when_done(
    client_for, supervisor, agency_parent, bodies
):
    _upload(client_for(supervisor), agency_parent)
    batch = ImportBatch.objects.get()
    path = Path(batch.upload.path)
    assert path.is_file() and zipfile.is_zipfile(path)
    _work()
    batch.refresh_from_db()
    assert batch.status == "done" and not path.exists() and not batch.upload
