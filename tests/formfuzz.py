"""Drive every HTML form of a page with hypothesis-drawn values (issue 15, point 1).

`drive(client, url, data)` GETs the page, parses each `<form>` as a browser would (selectolax),
and submits it: every named input, select and textarea gets a plausible value (one of the
select's options, the field's current value, a valid date, a checkbox on or off, a small PDF) or
a hostile one (tests/hostile.py: long text, NUL, huge and negative numbers, 9999-12-31, RTL,
markup; files with hostile names and bodies). GET forms (search, filters) are submitted as query
strings, and every page is also asked for with hostile `page`, `sort`, `order`, `q`, `year` and
`status` parameters.

Each submission runs in a savepoint rolled back afterwards, so every form starts from the same
world (a deleted record, an ended session or a used-up rate limit does not hide the next form),
and the session cookie is put back. A submission must answer below 500 (the test client
re-raises what a view lets escape), a 400/422 must say why in Chinese, and the page must still
open afterwards (asked for again inside the savepoint, so a half-written row would show)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.core.cache import caches
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve
from hypothesis import event
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from tests.hostile import BOUNDARY, CHINESE, RawFile, hostile, multipart
from tests.test_hostile_steps import PDF, hostile_file

# Forms not driven here, by the view they post to, with the reason.
SKIP_ACTIONS = {
    # Workflow step forms: tests/test_hostile_steps.py drives each declared step, with the
    # record put in a state where the step may be taken.
    "publishing_manage:step": "tests/test_hostile_steps.py",
    "applications_manage:action": "tests/test_hostile_steps.py",
    "hotline_manage:ticket_step": "tests/test_hostile_steps.py",
    "hotline_manage:assignment_step": "tests/test_hostile_steps.py",
    # Ending the session takes no input.
    "manage:logout": "no input",
    "admin:logout": "no input",
}
# Query parameters that list pages read directly (pagers, sorting, filters).
LIST_PARAMS = ("page", "sort", "order", "q", "year", "status")
PLAUSIBLE_TEXT = ("测试内容", "关于做好政务公开工作的通知", "13800138000", "2025")


@dataclass
class Field:
    name: str
    kind: str  # select, checkbox, radio, file, hidden, date, number, text, button, …
    value: str = ""
    options: list[str] = field(default_factory=list)
    multiple: bool = False


@dataclass
class Form:
    method: str
    action: str
    fields: dict[str, Field]
    multipart: bool


def parse_forms(html: str, page_url: str) -> list[Form]:
    forms = []
    for node in LexborHTMLParser(html).css("form"):
        attrs = node.attributes
        action = urljoin(page_url, attrs.get("action") or page_url)
        fields: dict[str, Field] = {}
        for el in node.css("input, select, textarea, button"):
            a = el.attributes
            name = a.get("name")
            if not name or "disabled" in a:
                continue
            if el.tag == "select":
                options = [o.attributes.get("value", o.text()) or "" for o in el.css("option")]
                fields[name] = Field(name, "select", "", options, "multiple" in a)
            elif el.tag == "textarea":
                fields[name] = Field(name, "textarea", el.text())
            else:
                kind = (a.get("type") or ("submit" if el.tag == "button" else "text")).lower()
                value = a.get("value") or ""
                if kind in ("submit", "image"):
                    kind = "button"
                if kind in ("radio", "button") and name in fields:
                    fields[name].options.append(value)
                elif kind == "checkbox" and name in fields:
                    fields[name].options.append(value or "on")
                    fields[name].multiple = True
                elif kind != "reset":
                    opts = [value or "on"] if kind in ("radio", "button", "checkbox") else []
                    fields[name] = Field(name, kind, value, opts)
        method = (attrs.get("method") or "get").lower()
        enctype = (attrs.get("enctype") or "").lower()
        forms.append(Form(method, action, fields, "multipart" in enctype))
    return forms


def _plausible(f: Field) -> st.SearchStrategy:
    if f.kind == "select":
        options = [o for o in f.options if o] or [""]
        if f.multiple:
            return st.lists(st.sampled_from(options), max_size=3, unique=True)
        return st.sampled_from(options)
    if f.kind in ("radio", "button"):
        return st.sampled_from(f.options)
    if f.kind == "checkbox":
        return st.lists(st.sampled_from(f.options), max_size=len(f.options), unique=True)
    if f.kind == "file":
        return st.one_of(st.just(""), st.just(RawFile("材料.pdf", PDF)))
    if f.kind == "date":
        return st.dates(dt.date(2020, 1, 1), dt.date(2027, 12, 31)).map(dt.date.isoformat)
    if f.kind == "datetime-local":
        later = dt.datetime.now() + dt.timedelta(days=7)
        return st.sampled_from([later.strftime("%Y-%m-%dT%H:%M")])
    if f.kind == "number":
        return st.sampled_from([f.value or "1", "0", "3"])
    if f.kind == "email":
        return st.just("zhang@example.cn")
    if f.kind == "tel":
        return st.just("13800138000")
    if f.kind == "hidden" or f.value:
        return st.just(f.value)
    return st.sampled_from(PLAUSIBLE_TEXT)


def _hostile(f: Field) -> st.SearchStrategy:
    if f.kind == "file":
        return st.one_of(hostile_file, st.lists(hostile_file, min_size=2, max_size=4))
    return hostile


def draw_values(form: Form, data) -> dict:
    """One value per field (the CSRF token kept): plausible throughout, or hostile in a set of
    fields that hypothesis shrinks towards none."""
    names = sorted(n for n in form.fields if n not in ("csrfmiddlewaretoken", "captcha_0"))
    some = st.sets(st.sampled_from(names), min_size=1) if names else st.nothing()
    bad = data.draw(st.one_of(st.just(set()), some), label="hostile fields")
    values: dict = {}
    buttons = [f for f in form.fields.values() if f.kind == "button"]
    pressed = data.draw(st.sampled_from(buttons), label="button") if buttons else None
    for name in sorted(form.fields):
        f = form.fields[name]
        if name == "csrfmiddlewaretoken" or (f.kind == "button" and f is not pressed):
            if f.kind != "button":
                values[name] = f.value
            continue
        value = data.draw(_hostile(f) if name in bad else _plausible(f), label=name)
        if value != [] and not (f.kind in ("checkbox", "file") and value == ""):
            values[name] = value
    if "captcha_0" in form.fields:  # past the threshold: answer as a person would
        from captcha.models import CaptchaStore

        key = form.fields["captcha_0"].value
        store = CaptchaStore.objects.filter(hashkey=key).first()
        values["captcha_0"] = key
        if "captcha_1" not in bad:
            values["captcha_1"] = store.response if store else ""
    return values


def _check(response, what: str) -> None:
    assert response.status_code < 500, (what, response.status_code)
    if response.status_code in (400, 422):
        assert CHINESE.search(response.content.decode(errors="replace")), (what, response.content)


def _resolved(url: str) -> str | None:
    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return None


def _fresh_limits() -> None:
    caches["throttle"].clear()  # rate limits in the cache; the database ones roll back


def drive(client: Client, url: str, data, list_params: bool = True) -> int:
    """Submit every form of page `url` once with drawn values; returns how many were driven."""
    _fresh_limits()
    response = client.get(url)
    _check(response, f"GET {url}")
    if list_params:
        query = dict(parse_qsl(urlsplit(url).query))
        for param in LIST_PARAMS:
            query[param] = data.draw(hostile, label=f"{url} ?{param}")
        _check(client.get(urlsplit(url).path, query), f"GET {url} {query}")
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return 0
    driven, kinds = 0, set()
    for form in parse_forms(response.content.decode(), "http://testserver" + url):
        target = urlsplit(form.action)
        view = _resolved(form.action)
        if target.netloc not in ("", "testserver") or view in SKIP_ACTIONS:
            continue
        # A form repeated on every row (delete this day, this member) is driven once a page.
        kind = (view, form.method, tuple(sorted(form.fields)))
        if kind in kinds:
            continue
        kinds.add(kind)
        values = draw_values(form, data)
        what = f"{form.method.upper()} {form.action} from {url}: {values!r:.300}"
        cookies = client.cookies
        client.cookies = type(cookies)(cookies)  # the session as it was before the form
        _fresh_limits()
        with transaction.atomic():
            if form.method == "post":
                answer = client.post(
                    target.path + (f"?{target.query}" if target.query else ""),
                    multipart(values),
                    content_type=f"multipart/form-data; boundary={BOUNDARY}",
                )
            else:
                flat = {k: v for k, v in values.items() if not isinstance(v, RawFile)}
                answer = client.get(target.path, {**dict(parse_qsl(target.query)), **flat})
            _check(answer, what)
            event(f"{view} {form.method} → {answer.status_code}")
            _check(client.get(url), f"GET {url} again after {what}")
            transaction.set_rollback(True)
        client.cookies = cookies
        driven += 1
    return driven
