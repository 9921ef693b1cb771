"""Anchors: the signed chain head, exported to files outside the database.

Someone with write access to the database can rewrite every event and recompute every hash;
the chain then verifies on its own. An anchor written earlier to a directory they cannot
rewrite (another host, a write-once mount, paper) still names the hash event #N had, so the
rewrite shows up as a mismatch at #N. The HMAC on each anchor (key outside the database)
keeps anchors from being forged as well.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from gongkai.audit.models import ChainHead, Event
from gongkai.audit.signing import head_signature_ok, sign_head

FORMAT = "gongkai-audit-anchor/1"


class AnchorError(Exception):
    """The anchor cannot be written or read; message in Chinese."""


class EmptyLedger(AnchorError):
    pass


@dataclass
class AnchorCheck:
    ok: bool
    checked: int
    message: str


def export_anchor(directory: Path) -> Path:
    """Write the current signed head to a new file in `directory` (never overwriting one)."""
    head = ChainHead.objects.filter(pk=1).first()
    if head is None or head.count == 0:
        raise EmptyLedger("审计账本还没有事件，无需导出锚点")
    if not head_signature_ok(head.last_event_id, head.last_hash, head.count, head.signature):
        raise AnchorError("账本末尾的签名不符，拒绝导出锚点；请先运行 gongkai audit verify")
    now = timezone.now()
    data = {
        "format": FORMAT,
        "last_event_id": head.last_event_id,
        "last_hash": head.last_hash,
        "count": head.count,
        "exported_at": now.isoformat(),
        "signature": sign_head(head.last_event_id, head.last_hash, head.count),
    }
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = directory / f"anchor-{now:%Y%m%dT%H%M%S}-{head.last_event_id}.json"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o400)
    except FileExistsError:
        return path  # the same head exported again within the second: already anchored
    except OSError as exc:
        raise AnchorError(f"无法写入锚点目录 {directory}：{exc.strerror}") from exc
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, indent=1)
        out.flush()
        os.fsync(out.fileno())
    return path


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AnchorError(f"锚点文件 {path.name} 无法读取") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise AnchorError(f"锚点文件 {path.name} 不是 gongkai 审计锚点")
    try:
        data["last_event_id"] = int(data["last_event_id"])
        data["count"] = int(data["count"])
        str(data["last_hash"]), str(data["signature"])
    except (KeyError, TypeError, ValueError) as exc:
        raise AnchorError(f"锚点文件 {path.name} 内容不完整") from exc
    return data


def check_anchors(directory: Path) -> AnchorCheck:
    """Compare every anchor in `directory` with the ledger."""
    if not directory.is_dir():
        raise AnchorError(f"锚点目录 {directory} 不存在")
    paths = sorted(directory.glob("anchor-*.json"))
    if not paths:
        raise AnchorError(f"锚点目录 {directory} 中没有锚点文件")
    for path in paths:
        anchor = _read(path)
        event_id, expected = anchor["last_event_id"], anchor["last_hash"]
        if not head_signature_ok(event_id, expected, anchor["count"], anchor["signature"]):
            return AnchorCheck(
                False, 0, f"锚点 {path.name} 的签名不符：锚点被伪造，或签名密钥已更换"
            )
        actual = Event.objects.filter(pk=event_id).values_list("hash", flat=True).first()
        if actual is None:
            return AnchorCheck(
                False,
                0,
                f"锚点 {path.name} 记录的事件 #{event_id} 在账本中不存在：账本被截断或删除",
            )
        if actual != expected:
            return AnchorCheck(
                False,
                0,
                f"事件 #{event_id} 的哈希与锚点 {path.name}（{anchor.get('exported_at', '')}）不符："
                "账本在导出该锚点之后被改写",
            )
    return AnchorCheck(True, len(paths), f"{len(paths)} 个锚点与账本一致")
