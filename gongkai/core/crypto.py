"""Personal fields encrypted at rest (等保 point 5): AES-256-GCM under an application key kept
outside the database, and a keyed hash (HMAC-SHA256) for finding a row by an exact value.

The key is a secret text (`GONGKAI_FIELD_KEY_FILE`, or generated into the data directory as
`field_key`). The file may hold several lines: the first is the current key, which encrypts;
the others are older keys, kept only so that rows not yet rotated still decrypt. From each line
two keys are derived (HKDF-SHA256): one for AES-GCM, one for the search hash, so the hash key
is never the encryption key.

Stored form of a value: ``gk1:<key id>:<base64(nonce ‖ ciphertext ‖ tag)>`` — the key id (8 hex
characters of a hash of the derived key) says which key decrypts it, so keys can rotate. An empty
value is stored empty: "no phone given" is not a secret, and it lets "blank" be filtered.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import hmac
import os
import re
import unicodedata
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from gongkai.core.errors import BadInput

PREFIX = "gk1"
NONCE_BYTES = 12
HASH_CHARS = 32  # 128 bits of HMAC-SHA256: ample against collisions, half the index size
MIN_SECRET_CHARS = 32


class FieldKeyError(BadInput):
    """A stored personal field cannot be decrypted with the configured keys. Pages answer it
    with a Chinese 503 (gongkai.core.middleware), the CLI with one line and exit 2."""


@dataclass(frozen=True)
class FieldKey:
    kid: str
    aead: AESGCM
    mac_key: bytes


def _derive(secret: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(secret)


def derive(secret: str) -> FieldKey:
    enc = _derive(secret.encode("utf-8"), b"gongkai field encryption v1")
    mac = _derive(secret.encode("utf-8"), b"gongkai field search hash v1")
    kid = hashlib.sha256(b"gongkai field key id\0" + enc).hexdigest()[:8]
    return FieldKey(kid, AESGCM(enc), mac)


@dataclass(frozen=True)
class KeyRing:
    current: FieldKey
    by_id: dict[str, FieldKey]


@functools.lru_cache(maxsize=4)
def keyring_for(text: str) -> KeyRing:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        raise FieldKeyError("个人信息加密密钥为空（GONGKAI_FIELD_KEY_FILE）")
    for line in lines:
        if len(line) < MIN_SECRET_CHARS:
            raise FieldKeyError(
                f"个人信息加密密钥太短：每行至少 {MIN_SECRET_CHARS} 个字符"
                "（例如 openssl rand -base64 48 的输出）"
            )
    keys = [derive(line) for line in lines]
    return KeyRing(keys[0], {key.kid: key for key in keys})


def keyring() -> KeyRing:
    from django.conf import settings

    return keyring_for(settings.GONGKAI_FIELD_KEY)


def encrypt(value: str, ring: KeyRing | None = None) -> str:
    if value == "":
        return ""
    key = (ring or keyring()).current
    nonce = os.urandom(NONCE_BYTES)
    sealed = key.aead.encrypt(nonce, value.encode("utf-8"), None)
    return f"{PREFIX}:{key.kid}:{base64.b64encode(nonce + sealed).decode('ascii')}"


def key_id(stored: str) -> str:
    """The id of the key a stored value was encrypted with ("" for an empty value)."""
    if stored == "":
        return ""
    parts = stored.split(":", 2)
    if len(parts) != 3 or parts[0] != PREFIX:
        raise FieldKeyError("个人信息字段的内容不是本系统的密文（未加密或已损坏）")
    return parts[1]


def decrypt(stored: str, ring: KeyRing | None = None) -> str:
    if stored == "":
        return ""
    kid = key_id(stored)
    ring = ring or keyring()
    key = ring.by_id.get(kid)
    if key is None:
        raise FieldKeyError(
            f"个人信息是用编号为 {kid} 的密钥加密的，当前配置的密钥（GONGKAI_FIELD_KEY_FILE）"
            f"中没有它：请配置原来的密钥，或从备份恢复密钥文件"
        )
    try:
        raw = base64.b64decode(stored.split(":", 2)[2], validate=True)
        return key.aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], None).decode("utf-8")
    except (InvalidTag, binascii.Error, ValueError) as exc:
        raise FieldKeyError("个人信息密文校验失败：密钥不对，或数据库中的内容被改动过") from exc


# What counts as "the same value" for exact search: a phone number is its digits (0533-1234567
# = 05331234567; +86 dropped), an ID number ignores spaces and the case of its check letter, a
# name or an address ignores spaces and full-width/half-width forms.
_SPACE = re.compile(r"\s+")
_NOT_DIGIT = re.compile(r"\D")


def normalise(kind: str, value: str) -> str:
    value = unicodedata.normalize("NFKC", value or "")
    if kind == "phone":
        digits = _NOT_DIGIT.sub("", value)
        if len(digits) == 13 and digits.startswith("861"):
            digits = digits[2:]
        return digits
    value = _SPACE.sub("", value)
    return value.upper() if kind == "id_number" else value


def search_hash(kind: str, value: str, ring: KeyRing | None = None) -> str:
    """The keyed hash stored beside an encrypted field; "" for an empty value (never matches
    a real one). `kind` separates the domains: a name never equals a phone's hash."""
    plain = normalise(kind, value)
    if not plain:
        return ""
    key = (ring or keyring()).current
    mac = hmac.new(key.mac_key, f"{kind}\0{plain}".encode(), hashlib.sha256)
    return mac.hexdigest()[:HASH_CHARS]
