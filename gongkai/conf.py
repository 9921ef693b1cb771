"""Typed readers for settings that come from the environment.

Every secret can also be read from a file named by ``<NAME>_FILE`` so that operators can
keep secrets out of the process environment (systemd credentials, docker secrets).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


class ConfigError(Exception):
    pass


def env_str(name: str, default: str | None = None) -> str | None:
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        try:
            return Path(file_path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(f"无法读取 {name}_FILE={file_path}：{exc}") from exc
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_bool(name: str, default: bool = False) -> bool:
    value = env_str(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} 应为 true/false，实际为 {value!r}")


def env_int(name: str, default: int) -> int:
    value = env_str(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ConfigError(f"{name} 应为整数，实际为 {value!r}") from exc


def env_float(name: str, default: float) -> float:
    value = env_str(name)
    if value is None:
        return default
    try:
        return float(value)
    except ValueError as exc:
        raise ConfigError(f"{name} 应为数字，实际为 {value!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    value = env_str(name)
    if value is None:
        return default
    return [part.strip() for part in value.split(",") if part.strip()]


def var_dir() -> Path:
    path = Path(env_str("GONGKAI_VAR_DIR", str(BASE_DIR / "var")))
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key() -> str:
    """The configured key, or one generated once into var/ and reused afterwards."""
    configured = env_str("GONGKAI_SECRET_KEY")
    if configured:
        return configured
    key_file = var_dir() / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


def site_footer() -> dict[str, str]:
    """The deployment's footer facts; each comes from one GONGKAI_SITE_* variable.

    The 党政机关 mark links to the body's entry at the 中央机构编制委员会办公室 registry
    (GONGKAI_SITE_DZJG_URL, issued with the mark); without it the mark is not shown, since a
    mark that links nowhere fails the inspection as surely as a missing one.
    """
    return {
        "sponsor": env_str("GONGKAI_SITE_SPONSOR", "") or "",
        "organizer": env_str("GONGKAI_SITE_ORGANIZER", "") or "",
        "address": env_str("GONGKAI_SITE_ADDRESS", "") or "",
        "phone": env_str("GONGKAI_SITE_PHONE", "") or "",
        "email": env_str("GONGKAI_SITE_EMAIL", "") or "",
        "site_code": env_str("GONGKAI_SITE_CODE", "") or "",
        "icp": env_str("GONGKAI_SITE_ICP", "") or "",
        "psb": env_str("GONGKAI_SITE_PSB", "") or "",
        "psb_code": env_str("GONGKAI_SITE_PSB_CODE", "") or "",
        "dzjg_url": env_str("GONGKAI_SITE_DZJG_URL", "") or "",
    }
