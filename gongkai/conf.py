"""Typed readers for settings that come from the environment; only gongkai/settings.py calls
them (app code reads django.conf.settings).

Every variable can also be read from a file named by ``<NAME>_FILE`` so that operators can
keep secrets out of the process environment (systemd credentials, docker secrets).

Each reader records the variable with its type, default and Chinese description in
`VARIABLES`; the table of docs/operator-guide.md is generated from it
(`python -m gongkai.settingsdoc`), and a test fails when the two differ.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


class ConfigError(Exception):
    pass


@dataclass(frozen=True)
class Variable:
    name: str
    kind: str  # 文本 / 整数 / 是否 / 列表
    default: str  # as an operator would write it; "" for none
    help: str


VARIABLES: dict[str, Variable] = {}


def _declare(name: str, kind: str, default, help: str, shown: str | None = None) -> None:
    if shown is None and isinstance(default, bool):
        shown = "true" if default else "false"
    elif shown is None and isinstance(default, list | tuple):
        shown = ",".join(default)
    elif shown is None:
        shown = "" if default is None else str(default)
    VARIABLES[name] = Variable(name, kind, shown, help)


def env_str(
    name: str, default: str | None = None, help: str = "", shown: str | None = None
) -> str | None:
    """`shown`: the default as the operator guide states it, when the value depends on the
    machine (a path)."""
    _declare(name, "文本", default, help, shown)
    return _read(name, default)


def _read(name: str, default: str | None = None) -> str | None:
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        try:
            return Path(file_path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(f"无法读取 {name}_FILE={file_path}：{exc}") from exc
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_bool(name: str, default: bool = False, help: str = "") -> bool:
    _declare(name, "是否", default, help)
    value = _read(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} 应为 true/false，实际为 {value!r}")


def env_int(name: str, default: int, help: str = "") -> int:
    _declare(name, "整数", default, help)
    value = _read(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ConfigError(f"{name} 应为整数，实际为 {value!r}") from exc


def env_float(name: str, default: float, help: str = "") -> float:
    _declare(name, "数字", default, help)
    value = _read(name)
    if value is None:
        return default
    try:
        return float(value)
    except ValueError as exc:
        raise ConfigError(f"{name} 应为数字，实际为 {value!r}") from exc


def env_list(name: str, default: list[str], help: str = "") -> list[str]:
    _declare(name, "列表（逗号分隔）", default, help)
    value = _read(name)
    if value is None:
        return default
    return [part.strip() for part in value.split(",") if part.strip()]


def is_set(name: str) -> bool:
    """Whether the operator set `name` (a variable declared by another reader)."""
    return _read(name) is not None


def var_dir() -> Path:
    path = Path(_read("GONGKAI_VAR_DIR") or BASE_DIR / "var")
    _declare(
        "GONGKAI_VAR_DIR",
        "文本",
        "<安装目录>/var",
        "数据目录：SQLite 数据库、上传的附件（files/）、自动生成的密钥、公开页缓存信号文件",
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key() -> str:
    """The configured key, or one generated once into var/ and reused afterwards."""
    return generated_secret(
        "GONGKAI_SECRET_KEY",
        "secret_key",
        "Django 密钥；不设置则首次启动时生成并保存在数据目录的 secret_key",
    )


def generated_secret(name: str, file_name: str, help: str) -> str:
    """A secret from ``name`` or ``name_FILE``; without either, one generated once into
    var/<file_name> (mode 0600) and reused. Production sets ``name_FILE`` to a file outside
    the data directory, so that a copy of var/ or of the database does not carry the key."""
    configured = env_str(name, None, help)
    if configured:
        return configured
    key_file = var_dir() / file_name
    if not key_file.exists():
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it a moment ago
            pass
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(secrets.token_urlsafe(50))
    return key_file.read_text(encoding="utf-8").strip()


def site_footer() -> dict[str, str]:
    """The deployment's footer facts; each comes from one GONGKAI_SITE_* variable.

    The 党政机关 mark links to the body's entry at the 中央机构编制委员会办公室 registry
    (GONGKAI_SITE_DZJG_URL, issued with the mark); without it the mark is not shown, since a
    mark that links nowhere fails the inspection as surely as a missing one.
    """
    return {
        "sponsor": env_str("GONGKAI_SITE_SPONSOR", "", "网站页脚：主办单位") or "",
        "organizer": env_str("GONGKAI_SITE_ORGANIZER", "", "网站页脚：承办单位") or "",
        "address": env_str("GONGKAI_SITE_ADDRESS", "", "网站页脚：联系地址") or "",
        "phone": env_str("GONGKAI_SITE_PHONE", "", "网站页脚：联系电话") or "",
        "email": env_str("GONGKAI_SITE_EMAIL", "", "网站页脚：联系邮箱") or "",
        "site_code": env_str("GONGKAI_SITE_CODE", "", "网站页脚：网站标识码") or "",
        "icp": env_str("GONGKAI_SITE_ICP", "", "网站页脚：ICP 备案号") or "",
        "psb": env_str("GONGKAI_SITE_PSB", "", "网站页脚：公安机关备案号") or "",
        "psb_code": env_str("GONGKAI_SITE_PSB_CODE", "", "网站页脚：公安备案编号（链接用）") or "",
        "dzjg_url": env_str(
            "GONGKAI_SITE_DZJG_URL", "", "网站页脚：党政机关标识链接（不设置则不显示标识）"
        )
        or "",
    }
