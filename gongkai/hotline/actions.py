"""Ledger actions of the hotline (gongkai.audit.actions)."""

from gongkai.audit.actions import Action

TICKET_RECEIVE = Action("hotline.ticket.receive", "受理热线诉求")
TICKET_ANSWER = Action("hotline.ticket.answer", "直接答复（直办）")
TICKET_DISPATCH = Action("hotline.ticket.dispatch", "派单")
TICKET_SIGN = Action("hotline.ticket.sign", "签收工单")
TICKET_RETURN = Action("hotline.ticket.return", "退单")
TICKET_EXTEND_REQUEST = Action("hotline.ticket.extend_request", "申请延期")
TICKET_EXTEND_DECIDE = Action("hotline.ticket.extend_decide", "审批延期申请")
TICKET_REPLY = Action("hotline.ticket.reply", "答复办结")
TICKET_CALLBACK = Action("hotline.ticket.callback", "回访")
TICKET_CLOSE = Action("hotline.ticket.close", "办结归档")
TICKET_REWORK = Action("hotline.ticket.rework", "重办")
TICKET_SUPERVISE = Action("hotline.ticket.supervise", "督办")
TICKET_UNMASK = Action("hotline.ticket.unmask", "查看来电人完整号码")
TICKET_MERGE = Action("hotline.ticket.merge", "合并重复工单")
TOPIC_CREATE = Action("hotline.topic.create", "建立热点话题")
TOPIC_MERGE = Action("hotline.topic.merge", "合并热点话题")
TOPIC_SPLIT = Action("hotline.topic.split", "拆分热点话题")
TOPIC_RESPOND = Action("hotline.topic.respond", "登记回应")
CATEGORY_SAVE = Action("hotline.category.save", "修改诉求分类")
