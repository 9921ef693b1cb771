"""Chinese wording for errors that come from the operating system or from parsers, so a user
never reads Python's English in a one-line error."""

from __future__ import annotations

import errno
import json

_OS_ERRORS = {
    errno.ENOENT: "文件不存在",
    errno.EACCES: "没有读取权限",
    errno.EPERM: "没有权限",
    errno.EISDIR: "这是一个目录，不是文件",
    errno.ENOTDIR: "路径中有一部分不是目录",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统只读",
}


def os_error(exc: OSError) -> str:
    return _OS_ERRORS.get(exc.errno, "无法读取（系统错误）")


def decode_error(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列有误）"
    if isinstance(exc, UnicodeDecodeError):
        return "不是 UTF-8 编码的文本"
    return "内容无法解析"
