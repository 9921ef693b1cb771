"""Chinese OCR with Debian's tesseract (chi_sim), when the machine has it.

    if ocr.available():
        text = ocr.image_text(path)      # PNG/JPG/GIF
        text = ocr.pdf_text(path)        # a scanned PDF: pages rasterised by pdftoppm

Both run external programs with a timeout and raise OcrError when they fail; callers then
say the file could not be checked. Nothing here guesses: no tesseract, no text.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT = 60  # seconds per page
MAX_PAGES = 20


class OcrError(RuntimeError):
    pass


@functools.cache
def available() -> bool:
    binary = shutil.which("tesseract")
    if not binary:
        return False
    try:
        out = subprocess.run(
            [binary, "--list-langs"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "chi_sim" in out.stdout.split()


def image_text(path: str | Path) -> str:
    try:
        out = subprocess.run(
            ["tesseract", str(path), "stdout", "-l", "chi_sim+eng", "--psm", "3"],
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise OcrError(f"文字识别失败：{exc}") from None
    if out.returncode != 0:
        raise OcrError("文字识别失败：" + out.stderr.decode("utf-8", "replace")[-200:])
    return out.stdout.decode("utf-8", "replace")


def pdf_text(path: str | Path) -> str:
    if not shutil.which("pdftoppm"):
        raise OcrError("没有 pdftoppm，无法识别扫描件")
    with tempfile.TemporaryDirectory(prefix="gongkai-ocr-") as tmp:
        try:
            subprocess.run(
                ["pdftoppm", "-r", "200", "-gray", "-png", "-l", str(MAX_PAGES), str(path),
                 f"{tmp}/page"],
                capture_output=True,
                timeout=TIMEOUT * 2,
                check=True,
            )  # fmt: skip
        except (OSError, subprocess.SubprocessError) as exc:
            raise OcrError(f"无法读取扫描件：{exc}") from None
        pages = sorted(Path(tmp).glob("page*.png"))
        return "\n".join(image_text(p) for p in pages)
