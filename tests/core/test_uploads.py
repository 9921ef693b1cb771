"""gongkai.core.uploads and gongkai.core.limits: one policy per use, bounded time and memory."""

from __future__ import annotations

import io
import os
import stat
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIRequest

from gongkai.core import uploads
from gongkai.core.limits import LimitExceeded, run_limited

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
MB = 1024 * 1024


def docx_bytes(document_xml: bytes, level: int = 6) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        zf.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


def bomb_docx() -> bytes:
    """A DOCX whose document.xml inflates to 20 MB from a few tens of KB."""
    paragraph = b"<w:p><w:r><w:t>" + b"A" * 200 + b"</w:t></w:r></w:p>"
    body = paragraph * (20 * MB // len(paragraph))
    return docx_bytes(b"<w:document><w:body>" + body + b"</w:body></w:document>", level=9)


def test_a_docx_that_inflates_to_20_mb_is_refused_fast_and_small():
    data = bomb_docx()
    assert len(data) < 100 * 1024
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(uploads.UploadError, match="压缩比异常"):
        uploads.check(SimpleUploadedFile("报告.docx", data), uploads.PUBLISHING_ATTACHMENT)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 1.0
    assert peak < 100 * MB, peak


def test_a_zip_declaring_more_than_the_uncompressed_limit_is_refused(settings):
    settings.GONGKAI_ZIP_MAX_UNCOMPRESSED_MB = 1
    data = docx_bytes(os.urandom(2 * MB))  # random data: ratio ~1, size over the limit
    with pytest.raises(uploads.UploadError, match="解压后达2MB，超过1MB的上限"):
        uploads.check(data, uploads.PUBLISHING_ATTACHMENT, name="大.docx")


def test_an_ordinary_docx_passes_and_a_plain_zip_named_docx_does_not():
    checked = uploads.check(docx_bytes(b"<w:document/>"), uploads.APPLICATION_ATTACHMENT, "a.docx")
    assert checked.extension == "docx" and checked.content_type.endswith(
        "wordprocessingml.document"
    )
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as zf:
        zf.writestr("evil.exe", b"MZ")
    with pytest.raises(uploads.UploadError, match="内容与扩展名.docx不符"):
        uploads.check(plain.getvalue(), uploads.APPLICATION_ATTACHMENT, "a.docx")


def test_the_name_must_agree_with_the_content_when_it_has_an_extension():
    assert uploads.check(PNG, uploads.PUBLISHING_ATTACHMENT, "图.PNG").extension == "png"
    assert uploads.check(PNG, uploads.PUBLISHING_ATTACHMENT, "无扩展名").extension == "png"
    with pytest.raises(uploads.UploadError, match="内容与扩展名.jpg不符"):
        uploads.check(PNG, uploads.PUBLISHING_ATTACHMENT, "图.jpeg")
    with pytest.raises(uploads.UploadError, match="扩展名.txt与内容（PNG）不符"):
        uploads.check(PNG, uploads.PUBLISHING_ATTACHMENT, "图.txt")
    with pytest.raises(uploads.UploadError, match="类型不允许"):
        uploads.check(b"MZ\x90\x00" + b"\x00" * 100, uploads.PUBLISHING_ATTACHMENT, "a.exe")


def test_each_use_has_its_own_types_sizes_and_counts(settings):
    with pytest.raises(uploads.UploadError, match="只接受XLSX"):
        uploads.check(PNG, uploads.SECTION_TWO_IMPORT, "a.png")
    settings.GONGKAI_UPLOAD_MAX_MB = {"application_attachment": 1}
    with pytest.raises(uploads.UploadError, match="超过1MB的上限"):
        uploads.check(PNG + b"\0" * MB, uploads.APPLICATION_ATTACHMENT, "a.png")
    with pytest.raises(uploads.UploadError, match="最多上传5个附件，实际为6个"):
        uploads.check_many([PNG] * 6, uploads.APPLICATION_ATTACHMENT)
    with pytest.raises(uploads.UploadError, match="是空文件"):
        uploads.check(b"", uploads.APPLICATION_ATTACHMENT, "a.png")


class ZeroBody:
    """A request body of `size` bytes of one file, produced as it is read (never whole)."""

    def __init__(self, size: int, boundary: str):
        self.head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n"
        ).encode()
        self.tail = f"\r\n--{boundary}--\r\n".encode()
        self.zeros = size - len(b"%PDF-1.4\n")
        self.length = len(self.head) + self.zeros + len(self.tail)
        self.pos = 0

    def read(self, n: int = -1) -> bytes:
        n = self.length - self.pos if n is None or n < 0 else n
        out = b""
        while n > 0 and self.pos < self.length:
            if self.pos < len(self.head):
                part = self.head[self.pos : self.pos + n]
            elif self.pos < len(self.head) + self.zeros:
                part = b"0" * min(n, len(self.head) + self.zeros - self.pos)
            else:
                start = self.pos - len(self.head) - self.zeros
                part = self.tail[start : start + n]
            out += part
            self.pos += len(part)
            n -= len(part)
        return out

    def readline(self, n: int = -1) -> bytes:  # not used by the multipart parser
        raise NotImplementedError


def streamed_request(size: int) -> WSGIRequest:
    boundary = "gongkaiboundary"
    body = ZeroBody(size, boundary)
    return WSGIRequest(
        {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/",
            "CONTENT_TYPE": f"multipart/form-data; boundary={boundary}",
            "CONTENT_LENGTH": str(body.length),
            "wsgi.input": body,
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
        }
    )


def test_a_150_mb_upload_streams_to_disk_holding_a_few_mb(settings):
    settings.GONGKAI_UPLOAD_MAX_MB = {"publishing_attachment": 200}
    request = streamed_request(150 * MB)
    tracemalloc.start()
    upload = request.FILES["file"]
    checked = uploads.check(upload, uploads.PUBLISHING_ATTACHMENT)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert checked.size == 150 * MB and checked.extension == "pdf"
    assert hasattr(upload, "temporary_file_path")  # on disk, not in memory
    assert peak < 4 * MB, f"peak {peak / MB:.1f} MB"


def test_an_upload_past_the_limit_is_cut_off_while_it_is_read(settings, tmp_path):
    settings.GONGKAI_UPLOAD_MAX_MB = {p.name: 2 for p in uploads.POLICIES}
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    request = streamed_request(50 * MB)
    tracemalloc.start()
    upload = request.FILES["file"]
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert upload.too_large and peak < 4 * MB
    # nothing past the limit was copied anywhere
    assert sum(p.stat().st_size for p in tmp_path.iterdir()) <= 2 * MB
    with pytest.raises(uploads.UploadError, match="“big.pdf”超过2MB的上限"):
        uploads.check(upload, uploads.PUBLISHING_ATTACHMENT)


def _sleep_forever():
    while True:
        time.sleep(1)


def _allocate(n: int) -> int:
    return len(bytearray(n))


def test_work_past_its_time_or_memory_is_stopped():
    started = time.perf_counter()
    with pytest.raises(LimitExceeded, match="超时"):
        run_limited(_sleep_forever, timeout=0.5)
    assert time.perf_counter() - started < 3
    with pytest.raises(LimitExceeded, match="内存"):
        run_limited(_allocate, 400 * MB, memory_mb=100)
    assert run_limited(_allocate, 10 * MB, memory_mb=100) == 10 * MB


def test_a_parser_error_comes_back_as_value_error():
    with pytest.raises(ValueError, match="ZeroDivisionError"):
        run_limited(divmod, 1, 0)


@pytest.mark.django_db
def test_stored_attachments_are_private_to_the_service(agency_a, officer_a):
    from gongkai.publishing import services
    from tests.publishing.helpers import draft

    item = draft(agency_a, officer_a)
    att = services.add_attachment(item, officer_a, "图.png", PNG)
    mode = stat.S_IMODE(os.stat(att.file.path).st_mode)
    assert mode == 0o600
    assert stat.S_IMODE(os.stat(os.path.dirname(att.file.path)).st_mode) == 0o700
