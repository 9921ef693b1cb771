"""FROZEN — the data migrations that encrypt existing rows (applications 0008, hotline 0007)
use these helpers, not gongkai.core.crypto, so that a later change to the live code cannot
change what an old migration does. Never edit this file: a new stored format gets a new
module and a new migration.

Format v1 (identical to gongkai.core.crypto when it was written): AES-256-GCM, key and search
key derived by HKDF-SHA256 from the first line of the key text, ``gk1:<kid>:<b64(nonce‖ct)>``,
"" stays ""; search hash = HMAC-SHA256(kind ‖ NUL ‖ normalised value), 32 hex characters.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import unicodedata

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

BATCH = 500


def _hkdf(secret: str, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(
        secret.encode("utf-8")
    )


class Keys:
    def __init__(self, text: str):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        self.ring = {}
        for i, line in enumerate(lines):
            enc = _hkdf(line, b"gongkai field encryption v1")
            kid = hashlib.sha256(b"gongkai field key id\0" + enc).hexdigest()[:8]
            self.ring[kid] = AESGCM(enc)
            if i == 0:
                self.kid, self.aead = kid, AESGCM(enc)
                self.mac = _hkdf(line, b"gongkai field search hash v1")

    def encrypt(self, value: str | None) -> str | None:
        if not value:
            return value
        nonce = os.urandom(12)
        sealed = self.aead.encrypt(nonce, value.encode("utf-8"), None)
        return f"gk1:{self.kid}:{base64.b64encode(nonce + sealed).decode('ascii')}"

    def decrypt(self, stored: str | None) -> str | None:
        if not stored or not stored.startswith("gk1:"):
            return stored  # empty, or never encrypted
        _, kid, body = stored.split(":", 2)
        raw = base64.b64decode(body)
        if kid not in self.ring:
            raise RuntimeError(f"个人信息用密钥 {kid} 加密，当前配置的密钥中没有它，无法回退迁移")
        return self.ring[kid].decrypt(raw[:12], raw[12:], None).decode("utf-8")

    def search_hash(self, kind: str, value: str | None) -> str:
        value = unicodedata.normalize("NFKC", value or "")
        if kind == "phone":
            value = re.sub(r"\D", "", value)
            if len(value) == 13 and value.startswith("861"):
                value = value[2:]
        else:
            value = re.sub(r"\s+", "", value)
            if kind == "id_number":
                value = value.upper()
        if not value:
            return ""
        mac = hmac.new(self.mac, f"{kind}\0{value}".encode(), hashlib.sha256)
        return mac.hexdigest()[:32]


def _batches(cursor, table: str, columns: list[str], quote):
    """Rows (id, *columns) of `table` in id order, BATCH at a time (bounded memory)."""
    last = None
    select = ", ".join(quote(c) for c in ["id", *columns])
    while True:
        where = "" if last is None else f" WHERE {quote('id')} > %s"
        cursor.execute(
            f"SELECT {select} FROM {quote(table)}{where} ORDER BY {quote('id')} LIMIT {BATCH}",
            [] if last is None else [last],
        )
        rows = cursor.fetchall()
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def encrypt_table(schema_editor, table: str, fields: list[str], hashes_: dict[str, str]) -> None:
    """Encrypt `fields` of every row of `table` in place and fill the hash columns
    (`hashes_`: hash column → (kind, source) as "kind:source")."""
    _rewrite(schema_editor, table, fields, hashes_, forward=True)


def decrypt_table(schema_editor, table: str, fields: list[str], hashes_: dict[str, str]) -> None:
    """The reverse: plain values back, hash columns emptied."""
    _rewrite(schema_editor, table, fields, hashes_, forward=False)


def _rewrite(schema_editor, table, fields, hashes_, *, forward: bool) -> None:
    from django.conf import settings

    keys = Keys(settings.GONGKAI_FIELD_KEY)
    quote = schema_editor.connection.ops.quote_name
    sets = ", ".join(f"{quote(c)} = %s" for c in [*fields, *hashes_])
    update = f"UPDATE {quote(table)} SET {sets} WHERE {quote('id')} = %s"
    with schema_editor.connection.cursor() as cursor:
        for rows in _batches(cursor, table, fields, quote):
            params = []
            for pk, *values in rows:
                if forward:
                    plain = dict(zip(fields, values, strict=True))
                    out = [v if not v or v.startswith("gk1:") else keys.encrypt(v) for v in values]
                    digests = []
                    for spec in hashes_.values():
                        kind, source = spec.split(":")
                        digests.append(keys.search_hash(kind, keys.decrypt(plain[source])))
                else:
                    out = [keys.decrypt(v) for v in values]
                    digests = [""] * len(hashes_)
                params.append([*out, *digests, pk])
            with schema_editor.connection.cursor() as writer:
                writer.executemany(update, params)
