"""Every form of the platform, rendered with empty and with bad data, speaks Chinese: no Django
default left in English, no "该变量" (Django's Chinese for a nameless value), and each error
also summarised at the top with a link to its field."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pytest
from django import forms

import gongkai
from gongkai.agencies.models import Agency
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MODULE_NAMES = ("forms", "views", "partners", "steps", "setup", "security", "tokens", "personal")
ENGLISH = re.compile(
    r"\b(This field|Enter a|Enter the|Ensure this|Select a valid|Please|Invalid|is not|"
    r"The two|Ensure that|value must|characters|required)\b"
)
BAD_VALUES = ("坏", "坏" * 3000, "-1", "2026-13-45", "99999999999999999999")


def _import_all() -> None:
    for info in pkgutil.walk_packages(gongkai.__path__, "gongkai."):
        parts = info.name.split(".")[1:]
        if ".migrations" not in info.name and any(part in MODULE_NAMES for part in parts):
            importlib.import_module(info.name)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def platform_forms() -> list[type]:
    _import_all()
    found = {
        cls
        for cls in _subclasses(forms.BaseForm)
        if cls.__module__.startswith("gongkai.") and not inspect.isabstract(cls)
    }
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


def build(cls, data, context):
    params = inspect.signature(cls.__init__).parameters
    kwargs = {name: value for name, value in context.items() if name in params}
    if "user" in params and params["user"].kind == params["user"].POSITIONAL_OR_KEYWORD:
        return cls(kwargs.pop("user"), data, **kwargs)
    return cls(data, **kwargs)


@pytest.fixture
def context(agency_a, officer_a):
    return {
        "agencies": Agency.objects.all(),
        "agency": agency_a,
        "user": UserFactory(),
        "actor": officer_a,
        "centres": Agency.objects.all(),
        "bodies": Agency.objects.all(),
    }


def test_every_form_reports_errors_in_chinese(context):
    checked, problems, unbuildable = 0, [], []
    for cls in platform_forms():
        name = f"{cls.__module__}.{cls.__qualname__}"
        for values in ({}, *({"__all__": bad} for bad in BAD_VALUES)):
            try:
                probe = build(cls, None, context)
            except Exception as exc:  # noqa: BLE001 — reported below
                unbuildable.append((name, repr(exc)[:120]))
                break
            data = {field: values["__all__"] for field in probe.fields} if values else {}
            form = build(cls, data, context)
            form.is_valid()
            html = str(form.as_div())
            text = re.sub(r"<[^>]+>", " ", html)
            for error in [e for errs in form.errors.values() for e in errs]:
                if ENGLISH.search(error) or "该变量" in error:
                    problems.append((name, error))
            if "该变量" in text:
                problems.append((name, "该变量"))
            if form.errors and "提交未成功" not in html:
                problems.append((name, "no error summary"))
            checked += 1
    assert checked > 100, checked
    assert not problems, sorted(set(problems))
    assert not unbuildable, unbuildable
