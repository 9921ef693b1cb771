"""留言选登: a consented ticket's question and reply, as a reviewer edited and approved them
for the portal. The public text is its own copy: the ticket keeps what the caller wrote."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PublishedQuerySet(models.QuerySet):
    def live(self):
        return self.filter(withdrawn=False)


class PublicReply(models.Model):
    ticket = models.OneToOneField(
        "hotline.Ticket", on_delete=models.CASCADE, related_name="public_reply"
    )
    # The centre, kept here so the portal's list is one indexed query without the ticket.
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="热线中心"
    )
    title = models.CharField("标题", max_length=100)
    question = models.TextField("留言内容（公开文本）")
    answer = models.TextField("答复内容（公开文本）")
    category = models.CharField("分类", max_length=100, blank=True)
    asked_on = models.DateField("留言日期")
    answered_on = models.DateField("答复日期")
    answered_by = models.CharField("答复单位", max_length=100, blank=True)
    published_on = models.DateField("选登日期")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    withdrawn = models.BooleanField("已撤下", default=False)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = verbose_name_plural = "留言选登"
        indexes = [
            models.Index(
                fields=["agency", "withdrawn", "-published_on", "-id"], name="hotline_selected"
            )
        ]

    def __str__(self) -> str:
        return self.title
