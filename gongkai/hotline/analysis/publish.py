"""One click from the analysis report to a draft item with the PDF attached. The item is not
published here: it goes through review and the leader's sign-off like every item."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from gongkai.hotline.analysis.data import Analysis
from gongkai.hotline.analysis.document import render_pdf, summary


def publish_as_item(report: Analysis, agency, *, actor):
    from gongkai.publishing import services as publishing

    with transaction.atomic():
        item = publishing.create_item(
            agency,
            actor,
            title=report.title,
            body="\n".join(summary(report)),
            summary=summary(report)[0],
            keywords="民生热线 运行分析",
            formed_on=timezone.localdate(),
        )
        publishing.add_attachment(item, actor, f"{report.title}.pdf", render_pdf(report))
    return item
