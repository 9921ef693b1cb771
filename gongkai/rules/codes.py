"""Check characters of organisation codes.

- 统一社会信用代码 (GB 32100-2015): 18 characters from 0-9A-HJ-NP-RTUWXY, weights 3^i mod 31.
- 组织机构代码 (GB 11714-1997): 8 characters + check character, weights 3,7,9,10,5,8,4,2.

Each checker returns None when the code is valid, else a Chinese message that says what is wrong
(for a wrong check character: which character was expected).
"""

from __future__ import annotations

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
_ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
_ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def uscc_check_char(body: str) -> str:
    """The GB 32100 check character for the first 17 characters."""
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(body, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def org_code_check_char(body: str) -> str:
    """The GB 11714 check character for the first 8 characters."""
    total = sum(_ORG_ALPHABET.index(c) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def check_uscc(code: str) -> str | None:
    code = code.strip().upper()
    if len(code) != 18:
        return f"统一社会信用代码应为18位，实际为{len(code)}位"
    bad = [c for c in code if c not in USCC_ALPHABET]
    if bad:
        return f"统一社会信用代码含有不允许的字符“{bad[0]}”（不使用 I、O、Z、S、V）"
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        return f"统一社会信用代码校验码错误：第18位应为 {expected}，实际为 {code[17]}"
    return None


def check_org_code(code: str) -> str | None:
    code = code.strip().upper().replace("-", "")
    if len(code) != 9:
        return f"组织机构代码应为9位，实际为{len(code)}位"
    if any(c not in _ORG_ALPHABET for c in code[:8]) or code[8] not in _ORG_ALPHABET:
        return "组织机构代码只能包含数字和大写字母"
    expected = org_code_check_char(code[:8])
    if code[8] != expected:
        return f"组织机构代码校验码错误：第9位应为 {expected}，实际为 {code[8]}"
    return None
