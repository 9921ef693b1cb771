"""Model fields for personal data encrypted at rest (gongkai.core.crypto).

`EncryptedCharField` / `EncryptedEmailField`: Python code sees the plain value (forms, masking,
letters read it as before); the column holds AES-GCM ciphertext in a text column. Filtering on
one is refused loudly (a random nonce means `filter(phone=x)` could never match): filter on the
`SearchHash` column beside it, with `crypto.search_hash(kind, value)`. Only `=""`/`isnull` (is
the field blank?) are allowed.

`SearchHash(source, kind)`: the keyed hash of another field, recomputed whenever the row is
written through the ORM (save, create, bulk_create). A queryset `.update()` of the source does
not recompute it: write the hash in the same update (the retention jobs do).
"""

from __future__ import annotations

from django.core.exceptions import FieldError
from django.db import models
from django.db.models.lookups import Exact, IsNull

from gongkai.core import crypto

ALLOWED_LOOKUPS = {"exact", "isnull"}


class EncryptedMixin:
    """Validation and form behaviour of the plain field (max_length counts characters of the
    plain value); storage as ciphertext in a text column."""

    def get_internal_type(self) -> str:
        return "TextField"

    def db_type(self, connection):
        return connection.data_types["TextField"]

    def from_db_value(self, value, expression, connection):
        return None if value is None else crypto.decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return None if value is None else crypto.encrypt(str(value))

    def get_lookup(self, lookup_name):
        if lookup_name not in ALLOWED_LOOKUPS:
            raise FieldError(
                f"{self.model.__name__}.{self.name} is encrypted: it cannot be searched with "
                f"'{lookup_name}'; filter on its search hash column"
            )
        return {"exact": EncryptedBlank, "isnull": IsNull}[lookup_name]


class EncryptedBlank(Exact):
    """`field=""` only: whether a value was given. Any other value would be encrypted with a
    fresh nonce and silently match nothing."""

    def get_prep_lookup(self):
        if self.rhs != "":
            field = self.lhs.output_field
            raise FieldError(
                f"{field.model.__name__}.{field.name} is encrypted: filter on its search hash "
                f"(crypto.search_hash), not on the value"
            )
        return ""


class EncryptedCharField(EncryptedMixin, models.CharField):
    pass


class EncryptedEmailField(EncryptedMixin, models.EmailField):
    pass


class SearchHash(models.CharField):
    """HMAC of `source`'s normalised value ("" when it is blank), for exact search."""

    def __init__(self, *args, source: str = "", kind: str = "", **kwargs):
        self.source, self.kind = source, kind
        kwargs.setdefault("max_length", crypto.HASH_CHARS)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.update(source=self.source, kind=self.kind)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = crypto.search_hash(self.kind, getattr(model_instance, self.source) or "")
        setattr(model_instance, self.attname, value)
        return value


class HashedFields:
    """Model mixin: `save(update_fields=[...])` naming an encrypted field also writes its hash
    (Django writes only the listed columns, and pre_save runs only for those)."""

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is not None:
            extra = [
                f.name
                for f in self._meta.concrete_fields
                if isinstance(f, SearchHash) and f.source in update_fields
            ]
            update_fields = list(update_fields) + [n for n in extra if n not in update_fields]
        return super().save(*args, update_fields=update_fields, **kwargs)
