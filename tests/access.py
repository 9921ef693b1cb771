"""Permission tables: for one URL, what every persona gets.

Expected values: an HTTP status (200, 302, 403, 404…), or "login" for a redirect to the login
page. Personas are tried in the table's order, so a destructive POST lists the refused
personas first and the one allowed last.
"""

from __future__ import annotations

LOGIN = "login"
# Pages of one's own account (login, second factor, password): every logged-in user, tested in
# tests/accounts.
STAFF_EXEMPT = {
    "manage:login",
    "manage:logout",
    "manage:two_factor",
    "manage:password",
    "manage:password_setup",
}


def outcome(response) -> int | str:
    """What a persona got: LOGIN for a redirect to the login page, else the status code (a 302
    elsewhere means the request was allowed and done)."""
    if response.status_code == 302 and "/manage/login/" in response["Location"]:
        return LOGIN
    return response.status_code


def check(response, expected, who: str = "") -> None:
    got = outcome(response)
    assert got == expected, f"{who} {response.request['PATH_INFO']}: expected {expected}, got {got}"


def assert_access(
    client_for, personas: dict, url: str, expected: dict, method: str = "get", data=None
) -> None:
    missing = set(personas) - set(expected)
    assert not missing, f"{url}: the table says nothing about {sorted(missing)}"
    for name, want in expected.items():
        client = client_for(personas[name])
        check(getattr(client, method)(url, data or {}), want, f"{name} {method.upper()}")


def row(
    *, officer_a, reviewer_a, leader_a, officer_b, supervisor, admin, citizen=403, anonymous=LOGIN
) -> dict:
    """A table row with every persona named; refused ones first so a destructive request runs last."""
    table = {
        "officer_a": officer_a,
        "reviewer_a": reviewer_a,
        "leader_a": leader_a,
        "officer_b": officer_b,
        "supervisor": supervisor,
        "admin": admin,
        "citizen": citizen,
        "anonymous": anonymous,
    }
    refused = {k: v for k, v in table.items() if v in (403, 404, LOGIN)}
    allowed = {k: v for k, v in table.items() if k not in refused}
    return {**refused, **allowed}
