"""One click from the analysis report to a draft item with the PDF attached. The item is not
published here: it goes through review and the leader's sign-off like every item. The hotline
does not import publishing; it asks for the draft through gongkai.core.signals."""

from __future__ import annotations

from gongkai.core.signals import request_draft
from gongkai.hotline.analysis.data import Analysis
from gongkai.hotline.analysis.document import render_pdf, summary


def publish_as_item(report: Analysis, agency, *, actor):
    lines = summary(report)
    return request_draft(
        "hotline.analysis",
        agency=agency,
        actor=actor,
        title=report.title,
        body="\n".join(lines),
        summary=lines[0],
        keywords="民生热线 运行分析",
        files=[(f"{report.title}.pdf", render_pdf(report))],
    )
