"""The fixed vocabularies of the hotline: channels, 诉求类型, states, callback results."""

from django.db import models


class TicketChannel(models.TextChoices):
    PHONE = "phone", "电话"
    WEB = "web", "网站留言"
    MAILBOX = "mailbox", "领导信箱"
    WECHAT = "wechat", "微信"
    EMAIL = "email", "电子邮件"
    UPSTREAM = "upstream", "上级12345平台转办"
    WALK_IN = "walk_in", "来访"
    API = "api", "接口"
    OTHER = "other", "其他"


class TicketType(models.TextChoices):
    CONSULT = "consult", "咨询"
    HELP = "help", "求助"
    COMPLAINT = "complaint", "投诉"
    REPORT = "report", "举报"
    SUGGESTION = "suggestion", "建议"
    PRAISE = "praise", "表扬"
    OTHER = "other", "其他"


class TicketStatus(models.TextChoices):
    RECEIVED = "received", "已受理"
    DISPATCHED = "dispatched", "已派单待签收"
    HANDLING = "handling", "办理中"
    RETURNED = "returned", "已退单待重派"
    REPLIED = "replied", "已答复待回访"
    CLOSED = "closed", "已办结"

    @classmethod
    def open_states(cls) -> list[str]:
        return [s for s in cls.values if s != cls.CLOSED]


class AssignmentStatus(models.TextChoices):
    PENDING = "pending", "待签收"
    SIGNED = "signed", "办理中"
    RETURNED = "returned", "已退单"
    REPLIED = "replied", "已答复"
    WITHDRAWN = "withdrawn", "已收回"


class ExtensionStatus(models.TextChoices):
    NONE = "", "无"
    REQUESTED = "requested", "申请中"
    APPROVED = "approved", "已批准"
    DENIED = "denied", "未批准"


class CallbackResult(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASICALLY = "basically", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"
    UNREACHABLE = "unreachable", "联系不上"

    @classmethod
    def reached(cls) -> list[str]:
        return [cls.SATISFIED, cls.BASICALLY, cls.DISSATISFIED]


class ResponseKind(models.TextChoices):
    PRESS = "press", "新闻发布会"
    INTERVIEW = "interview", "政府网站在线访谈"
    INTERPRETATION = "interpretation", "政策解读"
    SOCIAL = "social", "微博微信回应"
    OTHER = "other", "其他方式"
