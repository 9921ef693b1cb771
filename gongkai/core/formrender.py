"""One look for every form (staff and public): Django's form templates, overridden in
`gongkai/core/templates/django/forms/` — an error summary at the top with links to the fields,
fieldsets when the form declares `fieldsets = [(legend, [field names]), …]`, labels ending in a
full-width colon, required fields marked, help text tied to the field, each error beside its
field, and 请选择 instead of Django's "---------"."""

from __future__ import annotations

from pathlib import Path

import django
from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property

OURS = Path(__file__).resolve().parent / "templates"
DJANGOS = Path(django.__file__).resolve().parent / "forms" / "templates"


class Renderer(DjangoTemplates):
    """Django's renderer with our overrides found first."""

    @cached_property
    def engine(self):
        return self.backend(
            {"APP_DIRS": True, "DIRS": [OURS, DJANGOS], "NAME": "djangoforms", "OPTIONS": {}}
        )
