"""Letters to the applicant from editable DOCX templates; PDF made from the same DOCX so the
wording staff put in a template is exactly what both formats say."""

from __future__ import annotations

import html
import io
import threading
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docxtpl import DocxTemplate, Listing

from gongkai.applications.choices import (
    LETTER_TEMPLATES,
    ApplicantType,
    ApplicationChannel,
    DeterminationKind,
)
from gongkai.core import filescope

PACKAGED = Path(__file__).resolve().parent / "letter_templates"
LETTER_KINDS = set(LETTER_TEMPLATES)


def template_dirs() -> list[Path]:
    custom = settings.GONGKAI_LETTER_TEMPLATE_DIR or Path(settings.VAR_DIR) / "letter_templates"
    return [Path(custom), PACKAGED]


def template_path(filename: str) -> Path:
    for directory in template_dirs():
        candidate = directory / filename
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(filename)


def _cn_date(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else "（待定）"


def review_body(agency) -> str:
    parent = getattr(agency, "parent", None)
    return parent.name if parent is not None else "上一级行政机关"


def addressee(app) -> str:
    """How a letter says "you": a natural person is 您, an organisation 贵单位 (never 您（单位）)."""
    return "您" if app.applicant_type == ApplicantType.PERSON else "贵单位"


def letter_code(agency) -> str:
    """The body's 机关代字 (HandlingRules), else its short name + 信公开."""
    from gongkai.applications.models import HandlingRules

    rules = HandlingRules.objects.filter(agency=agency).only("letter_code").first()
    if rules and rules.letter_code.strip():
        return rules.letter_code.strip()
    return f"{agency.short_name or agency.name}信公开"


def allocate_letter_no(agency, on) -> str:
    """文号 机关代字〔年〕序号, gap-free per body and year (call inside the issuing transaction)."""
    from gongkai.numbering.services import next_number

    n = next_number(f"applications.letters:{agency.pk}", str(on.year))
    return f"{letter_code(agency)}〔{on.year}〕{n}号"


def base_context(app) -> dict:
    agency = app.agency
    return {
        "agency": agency.name,
        "you": addressee(app),
        "applicant": app.applicant_label,
        "receipt_no": app.receipt_no,
        "received_on": _cn_date(app.received_on),
        "due_on": _cn_date(app.due_on),
        "description": Listing(app.description),
        "channel": ApplicationChannel(app.channel).label
        + ("（口头申请，工作人员代为填写）" if app.oral else ""),
        "review_body": review_body(agency),
        "office_address": getattr(agency, "address", "") or "",
        "office_phone": getattr(agency, "phone", "") or "",
    }


def render(filename: str, context: dict) -> bytes:
    tpl = DocxTemplate(str(template_path(filename)))
    tpl.render(context, autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def receipt_docx(app, code: str = "", track_url: str = "") -> bytes:
    from gongkai.applications import clock

    ctx = base_context(app)
    ctx.update(
        letter_no=f"（{app.receipt_no}）",
        code=code or "（见申请时页面显示，本回执补打时不显示）",
        track_url=track_url or f"/xxgk/{app.agency.code}/ysqgk/cx/",
        base_days=clock.base_days(app),
        date=_cn_date(app.received_on),
    )
    return render("receipt.docx", ctx)


def determination_context(det) -> dict:
    from gongkai.applications.choices import Outcome

    app = det.application
    ctx = base_context(app)
    ctx.update(
        letter_no=det.letter_no or f"（{app.receipt_no}）",
        date=_cn_date(det.on),
        text=Listing(det.text or ""),
        days=det.days or "",
        until=_cn_date(det.until),
        amount=f"{det.amount:.2f}" if det.amount is not None else "",
        party=det.party,
        outcome=Outcome(det.outcome).label if det.outcome else "",
        reason=det.reason.title if det.reason else "",
        legal_basis=det.legal_basis,
    )
    if det.kind in (DeterminationKind.EXTENSION, DeterminationKind.ART35):
        from gongkai.applications import clock

        # The new due date as the rules engine computes it with this step's event.
        due = clock.compute(app, today=det.on).due_on
        ctx["due_on"] = _cn_date(due)
    ctx["until_note"] = ""
    if det.kind == DeterminationKind.ART35 and det.until:
        from gongkai.applications import clock

        moved = clock.current_calendar().roll_forward(det.until)
        if moved != det.until:
            ctx["until"] = _cn_date(moved)
            ctx["until_note"] = (
                f"（原定{_cn_date(det.until)}为休息日，依照《中华人民共和国民法典》第二百零三条，"
                f"期限顺延至休息日后的第一个工作日{_cn_date(moved)}。）"
            )
    if det.kind == DeterminationKind.CONSULTATION:
        from gongkai.applications.models import ClockEvent

        # To the consulted party: nothing of the applicant's, even in a template staff edited.
        for key in ("applicant", "description"):
            ctx.pop(key)
        party_kind = ClockEvent.objects.filter(determination=det).values_list("party", flat=True)
        ctx["organ"] = "organ" in party_kind
    if det.kind == DeterminationKind.SUPPLEMENT_LAPSED:
        ctx["text"] = Listing(
            "您未在补正期限内补正，也无正当理由，视为放弃申请，本机关不再处理该政府信息公开申请。"
        )
    elif det.kind == DeterminationKind.FEE_LAPSED:
        ctx["text"] = Listing(
            "您未在规定期限内缴纳信息处理费，视为放弃申请，本机关不再处理该政府信息公开申请。"
        )
    return ctx


_deferred = threading.local()


@contextmanager
def deferred():
    """Bulk loads (the demo) skip rendering; such letters are rendered on first download."""
    _deferred.on = True
    try:
        yield
    finally:
        _deferred.on = False


def is_deferred() -> bool:
    return getattr(_deferred, "on", False)


def issue(det) -> None:
    """Render the determination's letter once and keep it: what was sent must not change later."""
    if getattr(_deferred, "on", False):
        return
    data = render(LETTER_TEMPLATES[det.kind], determination_context(det))
    det.letter.save(f"{det.pk}.docx", ContentFile(data), save=True)
    filescope.saved(det.letter)  # removed again if the step that issued it fails


def letter_bytes(det) -> bytes:
    if not det.letter:
        issue(det)
    with det.letter.open("rb") as f:
        return f.read()


def docx_to_html(data: bytes, title: str = "") -> str:
    doc = Document(io.BytesIO(data))
    parts = []
    for p in doc.paragraphs:
        text = p.text
        if not text.strip():
            continue
        align = {WD_ALIGN_PARAGRAPH.CENTER: "center", WD_ALIGN_PARAGRAPH.RIGHT: "right"}.get(
            p.alignment, ""
        )
        bold = any(r.bold for r in p.runs)
        cls = f' class="{align}"' if align else ""
        body = html.escape(text).replace("\n", "<br>")
        parts.append(f"<p{cls}>{'<strong>' + body + '</strong>' if bold else body}</p>")
    return (
        "<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>"
        "@page{size:A4;margin:25mm 22mm}"
        "body{font-family:'Noto Serif CJK SC','WenQuanYi Micro Hei',serif;font-size:14pt;line-height:1.8}"
        "p{margin:0 0 .4em;text-indent:2em}p.center{text-align:center;text-indent:0}"
        "p.right{text-align:right}p:first-child{font-size:20pt}"
        "</style></head><body>" + "".join(parts) + "</body></html>"
    )


def docx_to_pdf(data: bytes, title: str = "") -> bytes:
    from weasyprint import HTML

    return HTML(string=docx_to_html(data, title)).write_pdf()


def docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
