"""The nginx sample in the operator guide must let through every upload gongkai accepts and send HSTS.

An operator copies this block as it is; a body limit below an upload policy turns that upload
into nginx's bare 413 page instead of gongkai's Chinese error.
"""

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "operator-guide.md"


def _nginx_block() -> str:
    blocks = re.findall(r"```nginx\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 1, "the operator guide has exactly one nginx sample"
    return blocks[0]


def _megabytes(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([kmg]?)", value.lower()).groups()
    return int(number) * {"k": 1 / 1024, "": 1 / 1024 / 1024, "m": 1, "g": 1024}[unit]


def _body_limits(block: str) -> tuple[int, dict[str, int]]:
    """The server-wide client_max_body_size and the per-location ones (exact locations)."""
    server_wide = None
    per_location: dict[str, int] = {}
    location = None
    depth = 0
    for line in block.splitlines():
        stripped = line.strip()
        match = re.match(r"location\s+(=\s+)?(\S+)\s*\{", stripped)
        if match:
            location = match.group(2)
            depth += 1
            continue
        if stripped.startswith("}"):
            if location is not None and depth == 1:
                location = None
                depth = 0
            continue
        size = re.match(r"client_max_body_size\s+(\w+);", stripped)
        if size:
            if location is None:
                server_wide = _megabytes(size.group(1))
            else:
                per_location[location] = _megabytes(size.group(1))
    assert server_wide is not None, "the sample sets a server-wide client_max_body_size"
    return server_wide, per_location


def test_nginx_sample_sends_hsts_for_a_year():
    block = _nginx_block()
    match = re.search(
        r'add_header\s+Strict-Transport-Security\s+"max-age=(\d+)[^"]*"\s+always;', block
    )
    assert match, "the nginx sample sends HSTS on every answer"
    assert int(match.group(1)) >= 31536000


def test_nginx_sample_lets_every_upload_policy_through():
    server_wide, per_location = _body_limits(_nginx_block())
    import_url = reverse("reports_manage:import")
    for policy, megabytes in settings.GONGKAI_UPLOAD_MAX_MB.items():
        if policy == "report_import_zip":
            assert per_location.get(import_url, server_wide) > megabytes, (
                f"nginx refuses a {megabytes} MB report import ZIP at {import_url}"
            )
        else:
            assert server_wide > megabytes, f"nginx refuses a {megabytes} MB upload ({policy})"
