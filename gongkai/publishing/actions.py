"""Ledger actions of the publishing module (`publishing.<object>.<verb>`), with their labels."""

from gongkai.audit.actions import Action

ITEM_CREATE = Action("publishing.item.create", "登记公开信息")
ITEM_UPDATE = Action("publishing.item.update", "修改公开信息")
ITEM_SUBMIT = Action("publishing.item.submit", "提交审核")
ITEM_APPROVE = Action("publishing.item.approve", "审核通过")
ITEM_REJECT = Action("publishing.item.reject", "退回经办人")
ITEM_SIGN_OFF = Action("publishing.item.sign_off", "签发")
ITEM_PUBLISH = Action("publishing.item.publish", "发布")
ITEM_CORRECT = Action("publishing.item.correct", "更正已发布信息")
ITEM_WITHDRAW = Action("publishing.item.withdraw", "撤回")
ITEM_DEADLINE_RECOMPUTED = Action("publishing.item.deadline_recomputed", "重算公开期限")
ATTACHMENT_ADD = Action("publishing.attachment.add", "上传附件")
ATTACHMENT_REMOVE = Action("publishing.attachment.remove", "删除附件")
FINDING_MASK = Action("publishing.finding.mask", "遮盖个人信息")
FINDING_OVERRIDE = Action("publishing.finding.override", "确认公开个人信息")
CHANNEL_RECORD = Action("publishing.channel.record", "登记发布渠道")
SECTION_TWO_SET = Action("publishing.section2.set", "录入主动公开统计数")
KIOSK_CREATE = Action("publishing.kiosk.create", "新增大厅触摸屏条目")
KIOSK_UPDATE = Action("publishing.kiosk.update", "修改大厅触摸屏条目")
KIOSK_DELETE = Action("publishing.kiosk.delete", "删除大厅触摸屏条目")
DEMO_LOAD = Action("publishing.demo.load", "载入主动公开演示数据")
