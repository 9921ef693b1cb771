"""Ledger actions of the applications module (`applications.<object>.<verb>`), with their
labels, and the codes the ledger stored before the grammar (kept so old events read in Chinese)."""

from gongkai.audit.actions import Action, legacy

REQUEST_SUBMIT = Action("applications.request.submit", "登记政府信息公开申请")
SUPPLEMENT_NOTIFY = Action("applications.supplement.notify", "发出补正告知")
SUPPLEMENT_RECEIVE = Action("applications.supplement.receive", "收到补正")
SUPPLEMENT_LAPSE = Action("applications.supplement.lapse", "逾期未补正，视为放弃")
CONSULTATION_SEND = Action("applications.consultation.send", "征求第三方或其他机关意见")
CONSULTATION_REPLY = Action("applications.consultation.reply", "收到征求意见答复")
CONSULTATION_EXPIRE = Action("applications.consultation.expire", "征求意见逾期未答复")
REQUEST_EXTEND = Action("applications.request.extend", "延期答复")
FEE_NOTIFY = Action("applications.fee.notify", "发出收费通知")
FEE_PAY = Action("applications.fee.pay", "已缴费")
FEE_LAPSE = Action("applications.fee.lapse", "逾期未缴费")
REQUEST_ART35 = Action("applications.request.art35", "确定合理的延迟答复期限（第三十五条）")
REQUEST_REPLY = Action("applications.request.reply", "答复")
REQUEST_WITHDRAW = Action("applications.request.withdraw", "申请人撤回申请")
REQUEST_DUE_RECOMPUTE = Action("applications.request.due_recompute", "工作日历变更，重算答复期限")
REQUEST_OUTCOME_CORRECT = Action("applications.request.outcome_correct", "更正办理结果")
DISPUTE_SAVE = Action("applications.dispute.save", "登记复议、诉讼或投诉")
DISCLOSED_DOWNLOAD = Action("applications.disclosed.download", "申请人下载公开的政府信息")
DRAFT_SUBMIT = Action("applications.draft.submit", "拟写答复，送负责人签发")
DRAFT_SIGN = Action("applications.draft.sign", "负责人签发答复")
DRAFT_RETURN = Action("applications.draft.return", "负责人退回答复")
EXTENSION_REQUEST = Action("applications.extension.request", "申请延期答复，送负责人审批")
EXTENSION_APPROVE = Action("applications.extension.approve", "负责人批准延期答复")
EXTENSION_REFUSE = Action("applications.extension.refuse", "负责人不同意延期答复")
NOTICE_RESEND = Action("applications.notice.resend", "重新发送未能送达申请人的通知")
APPLICANT_ANONYMISE = Action(
    "applications.applicant.anonymise", "保存期满，匿名化申请人个人信息和所交材料"
)

legacy(
    {
        "applications.submitted": REQUEST_SUBMIT,
        "applications.supplement_notice": SUPPLEMENT_NOTIFY,
        "applications.supplement_received": SUPPLEMENT_RECEIVE,
        "applications.supplement_lapsed": SUPPLEMENT_LAPSE,
        "applications.consultation_sent": CONSULTATION_SEND,
        "applications.consultation_replied": CONSULTATION_REPLY,
        "applications.consultation_expired": CONSULTATION_EXPIRE,
        "applications.extended": REQUEST_EXTEND,
        "applications.fee_notice": FEE_NOTIFY,
        "applications.fee_paid": FEE_PAY,
        "applications.fee_lapsed": FEE_LAPSE,
        "applications.art35": REQUEST_ART35,
        "applications.replied": REQUEST_REPLY,
        "applications.withdrawn": REQUEST_WITHDRAW,
        "applications.due_recomputed": REQUEST_DUE_RECOMPUTE,
        "applications.outcome_corrected": REQUEST_OUTCOME_CORRECT,
        "applications.dispute_saved": DISPUTE_SAVE,
    }
)
