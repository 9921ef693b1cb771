"""Writes the default letter templates (.docx with Jinja placeholders, rendered by docxtpl).

Staff may open any of these files in Word/WPS, change the wording and layout (keep the
{{ placeholders }}), and put the result in the directory named by GONGKAI_LETTER_TEMPLATE_DIR
(default var/letter_templates/); a file there replaces the packaged one of the same name.
Run: python -m gongkai.applications.letter_templates.build [FILE.docx ...]
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

REMEDIES = (
    "如对本答复不服，可以自收到本答复之日起60日内向{{ review_body }}申请行政复议，"
    "或者自收到本答复之日起6个月内依法向人民法院提起行政诉讼。"
)

LETTERS = {
    "receipt.docx": (
        "政府信息公开申请登记回执",
        [
            "{{ applicant }}：",
            "本机关已收到{{ you }}提交的政府信息公开申请，现予登记。",
            "受理编号：{{ receipt_no }}",
            "查询码：{{ code }}",
            "申请渠道：{{ channel }}",
            "收到申请之日：{{ received_on }}",
            "答复期限：{{ due_on }}（依照《中华人民共和国政府信息公开条例》第三十三条，自收到申请之日起{{ base_days }}个工作日内答复，收到申请之日不计算在内）",
            "申请内容：{{ description }}",
            "{{ you }}可以凭受理编号和查询码在 {{ track_url }} 查询办理进度和答复文书。请妥善保管查询码，本机关不会以任何方式索要查询码。",
        ],
        False,
    ),
    "supplement_notice.docx": (
        "政府信息公开申请补正告知书",
        [
            "{{ applicant }}：",
            "本机关于{{ received_on }}收到{{ you }}提出的政府信息公开申请（受理编号：{{ receipt_no }}）。经审查，{{ you }}的申请内容不明确，根据《中华人民共和国政府信息公开条例》第三十条的规定，请{{ you }}对以下内容作出补正：",
            "{{ text }}",
            "请于{{ until }}前（{{ days }}个工作日内）提交补正材料。答复期限自本机关收到补正后的申请之日起重新计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        ],
        False,
    ),
    "extension.docx": (
        "政府信息公开申请延期答复告知书",
        [
            "{{ applicant }}：",
            "本机关于{{ received_on }}收到{{ you }}提出的政府信息公开申请（受理编号：{{ receipt_no }}）。因{{ text }}，不能在规定期限内作出答复。经本机关政府信息公开工作机构负责人同意，根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，答复期限延长{{ days }}个工作日，延长后的答复期限为{{ due_on }}。",
        ],
        False,
    ),
    "fee_notice.docx": (
        "政府信息公开信息处理费收费通知书",
        [
            "{{ applicant }}：",
            "本机关于{{ received_on }}收到{{ you }}提出的政府信息公开申请（受理编号：{{ receipt_no }}）。根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，应收取信息处理费{{ amount }}元。",
            "计算依据：{{ text }}",
            "请自收到本通知次日起20个工作日内（{{ until }}前）缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        ],
        False,
    ),
    "art35.docx": (
        "政府信息公开申请延迟答复告知书",
        [
            "{{ applicant }}：",
            "本机关于{{ received_on }}收到{{ you }}提出的政府信息公开申请（受理编号：{{ receipt_no }}）。{{ text }}",
            "根据《中华人民共和国政府信息公开条例》第三十五条的规定，本机关确定的延迟答复期限为{{ until }}。{{ until_note }}",
        ],
        False,
    ),
    "reply.docx": (
        "政府信息公开申请答复书",
        [
            "{{ applicant }}：",
            "本机关于{{ received_on }}收到{{ you }}提出的政府信息公开申请（受理编号：{{ receipt_no }}），申请获取：{{ description }}",
            "经审查，现答复如下：",
            "{{ text }}",
            "答复结果：{{ outcome }}",
            "{% if reason %}理由：{{ reason }}{% endif %}",
            "{% if legal_basis %}依据：{{ legal_basis }}{% endif %}",
            REMEDIES,
        ],
        True,
    ),
    # To the consulted party, never to the applicant: it does not name the applicant.
    "consultation.docx": (
        "政府信息公开征求意见书",
        [
            "{{ party }}：",
            "本机关于{{ received_on }}收到一份政府信息公开申请（受理编号：{{ receipt_no }}），所涉政府信息及征求意见的事项如下：",
            "{{ text }}",
            "{% if organ %}该政府信息涉及贵机关，根据《中华人民共和国政府信息公开条例》第三十四条的规定，现书面征求贵机关意见。{% else %}本机关认为，公开该政府信息可能损害贵方的合法权益。根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求贵方的意见。{% endif %}",
            "请于{{ until }}前（自收到本征求意见书之日起15个工作日内）书面提出是否同意公开的意见{% if not organ %}；不同意公开的，请说明理由{% endif %}。",
            "{% if organ %}逾期未提出意见的，视为同意公开。{% else %}逾期未提出意见的，由本机关依照条例的规定决定是否公开。不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知贵方。{% endif %}",
        ],
        False,
    ),
    "terminated.docx": (
        "政府信息公开申请终止处理告知书",
        [
            "{{ applicant }}：",
            "本机关于{{ received_on }}收到{{ you }}提出的政府信息公开申请（受理编号：{{ receipt_no }}）。{{ text }}",
            "依据：{{ legal_basis }}",
            REMEDIES,
        ],
        True,
    ),
}


def build(target: Path = HERE, names: list[str] | None = None) -> None:
    for filename, (title, paragraphs, _has_remedies) in LETTERS.items():
        if names and filename not in names:
            continue
        doc = Document()
        style = doc.styles["Normal"]
        style.font.name = "Noto Serif CJK SC"
        style.font.size = Pt(14)
        style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
        head = doc.add_paragraph()
        head.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = head.add_run(title)
        run.bold = True
        run.font.size = Pt(20)
        number = doc.add_paragraph("{{ letter_no }}")
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for text in paragraphs:
            doc.add_paragraph(text)
        for text in ("{{ agency }}", "{{ date }}"):
            p = doc.add_paragraph(text)
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        foot = doc.add_paragraph("联系地址：{{ office_address }}　联系电话：{{ office_phone }}")
        foot.runs[0].font.size = Pt(10)
        doc.save(target / filename)


if __name__ == "__main__":
    import sys

    build(names=sys.argv[1:] or None)
