"""Honest scanning (issue 15, point 3): a file the scanner cannot read is reported as unchecked,
blocks review until a person confirms it, and is never reported as clean."""

from __future__ import annotations

import io
import shutil

import pytest

from gongkai.core import ocr
from gongkai.publishing import scanning, services
from gongkai.publishing.models import FindingStatus, ItemStatus

from .helpers import draft

pytestmark = pytest.mark.django_db

VALID_ID = "11010519491231002X"


def png_with_text(text: str) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    font = None
    for path in (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    ):
        try:
            font = ImageFont.truetype(path, 48)
            break
        except OSError:
            continue
    if font is None:
        pytest.skip("no CJK font to draw the test image")
    image = Image.new("L", (1400, 160), 255)
    ImageDraw.Draw(image).text((20, 40), text, fill=0, font=font)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def blank_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (200, 100), 255).save(buffer, "PNG")
    return buffer.getvalue()


def test_an_image_without_readable_text_blocks_review_until_a_person_confirms(
    agency_a, officer_a, reviewer_a
):
    item = draft(agency_a, officer_a)
    att = services.add_attachment(item, officer_a, "扫描件.png", blank_png())
    finding = item.findings.get()
    assert finding.kind == scanning.UNREADABLE and finding.attachment_id == att.pk
    assert finding.kind_label == "未能检查：扫描件/图片，需人工核对"
    with pytest.raises(services.WorkflowError, match="请人工核对"):
        services.mask_finding(finding, officer_a)
    with pytest.raises(services.WorkflowError):
        services.submit(item, officer_a)
    services.override_finding(finding, officer_a, "已人工核对，扫描件中没有个人信息")
    assert item.findings.get().status == FindingStatus.OVERRIDDEN
    assert services.submit(item, officer_a).status == ItemStatus.REVIEW


def test_the_item_page_never_says_nothing_was_found_for_an_unread_file(
    client_for, agency_a, officer_a
):
    item = draft(agency_a, officer_a)
    services.add_attachment(item, officer_a, "扫描件.png", blank_png())
    html = client_for(officer_a).get(f"/manage/publishing/items/{item.pk}/").content.decode()
    assert "未能检查：扫描件/图片，需人工核对" in html and "未发现" not in html


@pytest.mark.skipif(not ocr.available(), reason="tesseract with chi_sim is not installed")
def test_an_image_with_an_id_number_is_read_by_ocr_and_flagged(agency_a, officer_a):
    item = draft(agency_a, officer_a)
    services.add_attachment(item, officer_a, "名单.png", png_with_text(f"身份证号 {VALID_ID}"))
    kinds = set(item.findings.values_list("kind", flat=True))
    assert "id_number" in kinds, kinds
    assert scanning.UNREADABLE not in kinds


def pdf_of(png: bytes) -> bytes:
    """A scanned PDF: one page that is only a picture, no text layer."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.open(io.BytesIO(png)).save(buffer, "PDF", resolution=100)
    return buffer.getvalue()


@pytest.mark.skipif(
    not (ocr.available() and shutil.which("pdftoppm")), reason="needs tesseract chi_sim + pdftoppm"
)
def test_a_scanned_pdf_is_read_by_ocr_and_a_blank_one_is_unchecked(agency_a, officer_a):
    item = draft(agency_a, officer_a)
    named = services.add_attachment(
        item, officer_a, "名单扫描件.pdf", pdf_of(png_with_text(f"身份证号 {VALID_ID}"))
    )
    blank = services.add_attachment(item, officer_a, "空白扫描件.pdf", pdf_of(blank_png()))
    found = {(f.kind, f.attachment_id) for f in item.findings.all()}
    assert ("id_number", named.pk) in found, found
    assert (scanning.UNREADABLE, named.pk) not in found
    assert (scanning.UNREADABLE, blank.pk) in found


def test_gongkai_scan_exits_1_for_a_file_it_could_not_check(tmp_path, capsys):
    from gongkai.cli import main

    image = tmp_path / "扫描件.png"
    image.write_bytes(blank_png())
    with pytest.raises(SystemExit) as exc:
        main(["scan", str(image)])
    out, _ = capsys.readouterr()
    assert exc.value.code == 1
    assert "未能检查：扫描件.png 是扫描件/图片或没有可识别的文字，需人工核对" in out
    assert "未发现" not in out


@pytest.mark.skipif(not shutil.which("tesseract"), reason="tesseract is not installed")
def test_the_ocr_module_reads_chinese(tmp_path):
    path = tmp_path / "a.png"
    path.write_bytes(png_with_text("政府信息公开"))
    assert "公开" in ocr.image_text(path).replace(" ", "")
