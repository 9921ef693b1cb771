"""Privacy and secrecy scanner (个人信息与密级标志检查).

Finds resident ID numbers (GB 11643, 18 characters with check character and a valid birth date;
old 15-digit ones with a valid birth date), mobile numbers (+86/0086, separators), bank card
numbers (16–19 digits, Luhn), email addresses and secrecy markings. Digits may be full-width and
numbers may contain spaces, hyphens or line breaks. Never flags the body's own published
contacts (allow-list), 索引号, 统一社会信用代码, 文号 or dates.

Findings carry positions in the scanned text, so masking can rewrite exactly those spans.
"""

from __future__ import annotations

import html as html_lib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path

from stdnum.cn import uscc as _uscc


class FindingKind(StrEnum):
    ID_NUMBER = "id_number"
    ID_NUMBER_OLD = "id_number_old"
    MOBILE = "mobile"
    BANK_CARD = "bank_card"
    EMAIL = "email"
    SECRECY = "secrecy"

    @property
    def label(self) -> str:
        return {
            "id_number": "居民身份证号码",
            "id_number_old": "居民身份证号码（15位）",
            "mobile": "手机号码",
            "bank_card": "银行卡号",
            "email": "电子邮箱",
            "secrecy": "密级或内部标志",
        }[self.value]


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    start: int
    end: int
    text: str  # the matched text as it appears
    value: str  # normalised (digits only for numbers)

    @property
    def label(self) -> str:
        return self.kind.label

    def to_dict(self) -> dict:
        return {
            "kind": self.kind.value,
            "label": self.kind.label,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
        }


@dataclass(frozen=True)
class MaskStyle:
    """Keep `head` leading and `tail` trailing characters, replace the rest with `char`."""

    head: int
    tail: int
    char: str = "*"

    def apply(self, value: str) -> str:
        if len(value) <= self.head + self.tail:
            return self.char * len(value)
        middle = len(value) - self.head - self.tail
        return value[: self.head] + self.char * middle + (value[-self.tail :] if self.tail else "")


# 永安 2023 notice style: ID 35*************123, mobile 138****1234 (regulations.md §8.1).
DEFAULT_MASKS: dict[FindingKind, MaskStyle] = {
    FindingKind.ID_NUMBER: MaskStyle(2, 3),
    FindingKind.ID_NUMBER_OLD: MaskStyle(2, 3),
    FindingKind.MOBILE: MaskStyle(3, 4),
    FindingKind.BANK_CARD: MaskStyle(4, 4),
}

# Full-width digits, letters X and separators map 1:1 so positions stay valid.
_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９Ｘｘ－＋．",
    "0123456789Xx-+.",
)
_SEP = " \u3000\u00a0\t\r\n-"
_RUN = re.compile(r"(?<![0-9])[0-9](?:[ \u3000\u00a0\t\r\n\-]{0,3}[0-9Xx]){10,}")
_LENGTHS = frozenset({11, 13, 15, 16, 17, 18, 19})
_GROUP = re.compile(r"[0-9Xx]+")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_EMAIL = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9][A-Za-z0-9\-]*(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
)
_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"
_ASCII_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_AMOUNT_AFTER = ("元", "万", "亿", "%", "％", "/")
_FULLWIDTH_RE = re.compile("[０-９Ｘｘ－＋．]+")
_MARK = re.compile("绝密|机密|秘密|工作秘密|内部资料|不宜公开")
_OPEN_BRACKETS = "【〔[（("
_CLOSE_BRACKETS = "】〕]）)"
_LINE_SPACE = " \t\u3000"
_STAR_TAIL = re.compile(r"\s*★[^\n，。；]{0,6}")
_TERM_TAIL = re.compile(
    r"[ \t\u3000]*(?:$|\n|[0-9一二三四五六七八九十]+年|长期|注意保存|请勿外传|不得外传)"
)


def _normalise(text: str) -> str:
    """Full-width digits to ASCII, keeping every position (only touches the matches)."""
    if not _FULLWIDTH_RE.search(text):
        return text
    return _FULLWIDTH_RE.sub(lambda m: m.group().translate(_FULLWIDTH), text)


def _marking_span(norm: str, start: int, end: int) -> tuple[int, int] | None:
    """A secrecy marking is starred (秘密★1年), bracketed (【内部资料】) or alone at the head of a
    line as on a document's first page; 国家秘密 or 商业秘密 in running text is not one."""
    star = _STAR_TAIL.match(norm, end)
    if star:
        if start and norm[start - 1] in "国商工个":
            return None if norm[start - 1] != "工" else (start - 1, star.end())
        return start, star.end()
    if (
        start
        and end < len(norm)
        and norm[start - 1] in _OPEN_BRACKETS
        and norm[end] in _CLOSE_BRACKETS
    ):
        return start - 1, end + 1
    line_start = norm.rfind("\n", 0, start) + 1
    if norm[line_start:start].strip(_LINE_SPACE):
        return None
    tail = _TERM_TAIL.match(norm, end)
    if tail is None:
        return None
    return start, tail.end() if norm[tail.end() - 1 : tail.end()] not in ("\n",) else tail.end() - 1


def _valid_date(y: int, m: int, d: int) -> bool:
    try:
        day = date(y, m, d)
    except ValueError:
        return False
    return date(1900, 1, 1) <= day <= date.today()


def is_id18(s: str) -> bool:
    # isascii: "²".isdigit() is True but int("²") fails
    if len(s) != 18 or not (s[:17].isascii() and s[:17].isdigit()):
        return False
    if s[0] == "0":
        return False
    total = sum(int(c) * w for c, w in zip(s[:17], _ID_WEIGHTS, strict=True))
    if _ID_CHECK[total % 11] != s[17].upper():
        return False
    return _valid_date(int(s[6:10]), int(s[10:12]), int(s[12:14]))


def is_id15(s: str) -> bool:
    if len(s) != 15 or not (s.isascii() and s.isdigit()) or s[0] == "0":
        return False
    return _valid_date(1900 + int(s[6:8]), int(s[8:10]), int(s[10:12]))


def luhn_ok(s: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(s)):
        n = ord(c) - 48
        if i % 2:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def is_bank_card(s: str) -> bool:
    return 16 <= len(s) <= 19 and s.isdigit() and s[0] in "3456" and len(set(s)) > 2 and luhn_ok(s)


def _mobile_core(s: str) -> str | None:
    if len(s) == 11:
        core = s
    elif len(s) == 13 and s.startswith("86"):
        core = s[2:]
    elif len(s) == 15 and s.startswith("0086"):
        core = s[4:]
    else:
        return None
    return core if _MOBILE.fullmatch(core) else None


def _digits_only(s: str) -> str:
    return "".join(c for c in s.translate(_FULLWIDTH) if c.isdigit())


@dataclass
class Scanner:
    """A configured scanner. `allow` holds the body's own published phone numbers and emails."""

    allow: Iterable[str] = ()
    masks: dict[FindingKind, MaskStyle] = field(default_factory=lambda: dict(DEFAULT_MASKS))
    kinds: frozenset[FindingKind] = frozenset(FindingKind)

    def __post_init__(self) -> None:
        allowed_numbers: set[str] = set()
        allowed_emails: set[str] = set()
        for item in self.allow or ():
            if not item:
                continue
            if "@" in item:
                allowed_emails.add(item.strip().lower())
                continue
            digits = _digits_only(item)
            if digits:
                allowed_numbers.add(digits)
                core = _mobile_core(digits)
                if core:
                    allowed_numbers.add(core)
        self._allowed_numbers = frozenset(allowed_numbers)
        self._allowed_emails = frozenset(allowed_emails)

    # --- scanning ------------------------------------------------------------------------
    def scan(self, text: str) -> list[Finding]:
        norm = _normalise(text)
        findings: list[Finding] = []
        if self.kinds & {
            FindingKind.ID_NUMBER,
            FindingKind.ID_NUMBER_OLD,
            FindingKind.MOBILE,
            FindingKind.BANK_CARD,
        }:
            for m in _RUN.finditer(norm):
                findings.extend(self._scan_run(text, norm, m.start(), m.group()))
        if FindingKind.EMAIL in self.kinds and "@" in norm:
            for m in _EMAIL.finditer(norm):
                if m.group().lower() in self._allowed_emails:
                    continue
                findings.append(
                    Finding(
                        FindingKind.EMAIL, m.start(), m.end(), text[m.start() : m.end()], m.group()
                    )
                )
        if FindingKind.SECRECY in self.kinds:
            last_end = -1
            for m in _MARK.finditer(norm):
                span = _marking_span(norm, m.start(), m.end())
                if span is None or span[0] < last_end:
                    continue
                a, b = span
                value = norm[a:b].strip()
                findings.append(Finding(FindingKind.SECRECY, a, b, text[a:b].rstrip(), value))
                last_end = b
        findings.sort(key=lambda f: (f.start, f.end))
        return findings

    def _scan_run(self, text: str, norm: str, offset: int, run: str) -> list[Finding]:
        run_end = offset + len(run)
        before = norm[offset - 1] if offset else ""
        if run.isdigit():
            # One group, the common case: decide without the window search.
            if len(run) not in _LENGTHS or before in _ASCII_ALNUM:
                return []
            after = norm[run_end] if run_end < len(norm) else ""
            if after in _ASCII_ALNUM or after == "/" or after in _AMOUNT_AFTER:
                return []
            if after == "." and run_end + 1 < len(norm) and norm[run_end + 1].isdigit():
                return []
            if before == "." and offset >= 2 and norm[offset - 2].isdigit():
                return []
            kind = self._classify(run, 1, norm, offset)
            if kind is None:
                return []
            start = offset - 1 if kind is FindingKind.MOBILE and before == "+" else offset
            value = (_mobile_core(run) or run) if kind is FindingKind.MOBILE else run
            return [Finding(kind, start, run_end, text[start:run_end], value)]
        groups = [(g.start(), g.end(), g.group()) for g in _GROUP.finditer(run)]
        if before in _ASCII_ALNUM or (before == "." and offset >= 2 and norm[offset - 2].isdigit()):
            # Part of a code such as 11341703003249434A, or the decimals of an amount.
            groups = groups[1:] if len(groups) > 1 else []
        after = norm[run_end] if run_end < len(norm) else ""
        tail_blocked = (
            after in _ASCII_ALNUM
            or after == "/"
            or after in _AMOUNT_AFTER
            or (after == "." and run_end + 1 < len(norm) and norm[run_end + 1].isdigit())
        )
        out: list[Finding] = []
        i = 0
        n = len(groups)
        while i < n:
            if groups[i][2][0] == "0" and not groups[i][2].startswith("0086"):
                # No personal number starts with 0 except a mobile written 0086…; this skips
                # area codes (0533-6418888) and serial numbers (202406-00042) cheaply.
                i += 1
                continue
            found = None
            digits = ""
            for j in range(i, n):
                digits += groups[j][2]
                if len(digits) > 19:
                    break
                if j == n - 1 and tail_blocked:
                    break
                if len(digits) not in _LENGTHS:
                    continue
                kind = self._classify(digits, j - i + 1, norm, offset + groups[i][0])
                if kind is not None:
                    found = (j, kind, digits)
                    if kind in (FindingKind.ID_NUMBER, FindingKind.MOBILE):
                        break
            if found is None:
                i += 1
                continue
            j, kind, digits = found
            start = offset + groups[i][0]
            end = offset + groups[j][1]
            if kind is FindingKind.MOBILE and start and norm[start - 1] == "+":
                start -= 1
            value = (_mobile_core(digits) or digits) if kind is FindingKind.MOBILE else digits
            out.append(Finding(kind, start, end, text[start:end], value.upper()))
            i = j + 1
        return out

    def _classify(self, digits: str, ngroups: int, norm: str, start: int) -> FindingKind | None:
        length = len(digits)
        if length not in _LENGTHS:
            return None
        if "X" in digits or "x" in digits:
            if (
                length == 18
                and "X" not in digits[:-1].upper()
                and FindingKind.ID_NUMBER in self.kinds
                and is_id18(digits)
            ):
                return FindingKind.ID_NUMBER
            return None
        if digits in self._allowed_numbers:
            return None
        if length == 18 and FindingKind.ID_NUMBER in self.kinds and is_id18(digits):
            if "代码" in norm[max(0, start - 20) : start] and _uscc.is_valid(digits):
                return None
            return FindingKind.ID_NUMBER
        core = _mobile_core(digits)
        if core is not None and FindingKind.MOBILE in self.kinds:
            if core in self._allowed_numbers:
                return None
            return FindingKind.MOBILE
        if 16 <= length <= 19 and FindingKind.BANK_CARD in self.kinds and is_bank_card(digits):
            if "代码" in norm[max(0, start - 20) : start] and _uscc.is_valid(digits):
                return None
            return FindingKind.BANK_CARD
        if length == 15 and FindingKind.ID_NUMBER_OLD in self.kinds and is_id15(digits):
            return FindingKind.ID_NUMBER_OLD
        return None

    # --- masking -------------------------------------------------------------------------
    def mask(self, text: str, findings: list[Finding] | None = None) -> str:
        findings = self.scan(text) if findings is None else findings
        parts: list[str] = []
        pos = 0
        for f in sorted(findings, key=lambda f: f.start):
            if f.start < pos:
                continue
            parts.append(text[pos : f.start])
            parts.append(self.masked_value(f))
            pos = f.end
        parts.append(text[pos:])
        return "".join(parts)

    def masked_value(self, f: Finding) -> str:
        if f.kind is FindingKind.EMAIL:
            local, _, domain = f.value.partition("@")
            return (local[:1] + "***@" + domain) if local else f.text
        if f.kind is FindingKind.SECRECY:
            return f.text
        style = self.masks.get(f.kind)
        if style is None:
            return f.text
        value = f.value
        if f.kind is FindingKind.MOBILE:
            value = _mobile_core(value) or value
        return style.apply(value)


def scan_text(text: str, allow: Iterable[str] = ()) -> list[Finding]:
    return Scanner(allow=allow).scan(text)


def mask_text(text: str, allow: Iterable[str] = ()) -> str:
    return Scanner(allow=allow).mask(text)


# --- text extraction ------------------------------------------------------------------------

_BLOCK_TAGS = re.compile(
    r"<\s*(?:br|/p|/div|/li|/tr|/h[1-6]|/td|/th|/table|/section|/article|/title)\b[^>]*>",
    re.IGNORECASE,
)


def html_to_text(html: str) -> str:
    """Visible text of an HTML page; block ends become line breaks so markings stay on a line."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(_BLOCK_TAGS.sub(lambda m: m.group() + "\n", html))
    for node in tree.css("script, style, noscript, template"):
        node.decompose()
    root = tree.body or tree.root
    if root is None:
        return html_lib.unescape(html)
    return root.text(separator="", deep=True)


def docx_to_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    for section in document.sections:
        for part in (section.header, section.footer):
            lines.extend(p.text for p in part.paragraphs)
    return "\n".join(lines)


def pdf_to_text(data: bytes) -> str:
    import logging

    from pypdf import PdfReader

    # pypdf logs English warnings ("invalid pdf header", "EOF marker not found") for a broken
    # file; the caller reports it in Chinese, and `gongkai scan` printed both.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def extract_text(path: str | Path, data: bytes | None = None) -> str:
    """Text of a .txt/.html/.docx/.pdf file (type from the suffix, then from the content)."""
    path = Path(path)
    data = path.read_bytes() if data is None else data
    suffix = path.suffix.lower()
    if suffix == ".docx" or (suffix not in (".txt", ".html", ".htm", ".pdf") and data[:2] == b"PK"):
        return docx_to_text(data)
    if suffix == ".pdf" or data[:5] == b"%PDF-":
        return pdf_to_text(data)
    text = decode_text(data)
    if suffix in (".html", ".htm") or text.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
        return html_to_text(text)
    return text


def scan_html(html: str, allow: Iterable[str] = ()) -> list[Finding]:
    """Findings in the visible text of an HTML page (used on every public page in tests)."""
    return Scanner(allow=allow).scan(html_to_text(html))
