"""Enumerations of the application module (one place, as in NYC OpenRecords' app/constants)."""

from __future__ import annotations

from django.db import models


class ApplicantType(models.TextChoices):
    PERSON = "person", "自然人"
    BUSINESS = "business", "商业企业"
    RESEARCH = "research", "科研机构"
    NONPROFIT = "nonprofit", "社会公益组织"
    LEGAL = "legal", "法律服务机构"
    OTHER_ORG = "other_org", "其他组织"

    @classmethod
    def organisations(cls) -> set[str]:
        return {c.value for c in cls if c != cls.PERSON}


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO = "hk_macao", "港澳居民来往内地通行证"
    TAIWAN = "taiwan", "台湾居民来往大陆通行证"
    FOREIGN_PR = "foreign_pr", "外国人永久居留身份证"
    USCC = "uscc", "统一社会信用代码"
    OTHER = "other", "其他身份证明"


class ApplicationChannel(models.TextChoices):
    ONLINE = "online", "网络申请"
    IN_PERSON = "in_person", "当面申请"
    REGISTERED_LETTER = "registered_letter", "邮寄（需签收）"
    ORDINARY_LETTER = "ordinary_letter", "平常信函"
    FAX = "fax", "传真"
    EMAIL = "email", "电子邮件"
    OTHER = "other", "其他"

    @classmethod
    def needing_confirmation(cls) -> set[str]:
        """Art. 31: for these the receipt date is the day both sides confirm (e-mail is a
        数据电文 sent over the internet, so it is treated like the online form)."""
        return {cls.ONLINE, cls.EMAIL, cls.FAX, cls.ORDINARY_LETTER}


class ConsultedParty(models.TextChoices):
    THIRD_PARTY = "third_party", "第三方（第三十二条）"
    ORGAN = "organ", "其他机关（第三十四条）"


class InfoForm(models.TextChoices):
    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子文档"
    INSPECTION = "inspection", "现场查阅"


class Delivery(models.TextChoices):
    EMAIL = "email", "电子邮件"
    POST = "post", "邮寄"
    PICKUP = "pickup", "当面领取"
    ONLINE = "online", "网上查看"
    FAX = "fax", "传真"


class ApplicationStatus(models.TextChoices):
    OPEN = "open", "办理中"
    SUPPLEMENT = "supplement", "待补正"
    CONSULTING = "consulting", "征求意见中"
    FEE = "fee", "待缴费"
    CLOSED = "closed", "已办结"


class Outcome(models.TextChoices):
    """Leaf rows of section 三 of the 2021 format (report key `req.<code>.<column>`)."""

    GRANTED = "granted", "予以公开"
    PARTIAL = "partial", "部分公开"
    WITHHELD_STATE_SECRET = "withheld.state_secret", "不予公开：属于国家秘密"
    WITHHELD_LAW_PROHIBITED = "withheld.law_prohibited", "不予公开：其他法律行政法规禁止公开"
    WITHHELD_SECURITY = "withheld.security", "不予公开：危及“三安全一稳定”"
    WITHHELD_THIRD_PARTY = "withheld.third_party", "不予公开：保护第三方合法权益"
    WITHHELD_INTERNAL = "withheld.internal", "不予公开：属于三类内部事务信息"
    WITHHELD_PROCESS = "withheld.process", "不予公开：属于四类过程性信息"
    WITHHELD_ENFORCEMENT = "withheld.enforcement", "不予公开：属于行政执法案卷"
    WITHHELD_INQUIRY = "withheld.inquiry", "不予公开：属于行政查询事项"
    UNAVAILABLE_NOT_HELD = "unavailable.not_held", "无法提供：本机关不掌握相关政府信息"
    UNAVAILABLE_NEEDS_CREATION = "unavailable.needs_creation", "无法提供：没有现成信息需要另行制作"
    UNAVAILABLE_UNCLEAR = "unavailable.unclear", "无法提供：补正后申请内容仍不明确"
    DECLINED_PETITION = "declined.petition", "不予处理：信访举报投诉类申请"
    DECLINED_REPEAT = "declined.repeat", "不予处理：重复申请"
    DECLINED_PUBLICATION = "declined.publication", "不予处理：要求提供公开出版物"
    DECLINED_ABUSIVE = "declined.abusive", "不予处理：无正当理由大量反复申请"
    DECLINED_CONFIRMATION = (
        "declined.confirmation",
        "不予处理：要求行政机关确认或重新出具已获取信息",
    )
    OTHER_NO_SUPPLEMENT = "other.no_supplement", "其他处理：逾期不补正"
    OTHER_UNPAID = "other.unpaid", "其他处理：逾期未缴纳信息处理费"
    OTHER_OTHER = "other.other", "其他处理：其他"

    @classmethod
    def reply_outcomes(cls) -> list[Outcome]:
        """Outcomes an officer picks in a reply; the two lapses and withdrawal arise by themselves."""
        return [o for o in cls if o not in (cls.OTHER_NO_SUPPLEMENT, cls.OTHER_UNPAID)]


class DeterminationKind(models.TextChoices):
    SUPPLEMENT_NOTICE = "supplement_notice", "补正告知"
    SUPPLEMENT_RECEIVED = "supplement_received", "收到补正"
    SUPPLEMENT_LAPSED = "supplement_lapsed", "逾期未补正"
    CONSULTATION = "consultation", "征求意见"
    CONSULTATION_REPLIED = "consultation_replied", "收到征求意见答复"
    CONSULTATION_EXPIRED = "consultation_expired", "征求意见逾期未答复"
    EXTENSION = "extension", "延期答复"
    FEE_NOTICE = "fee_notice", "收费通知"
    FEE_PAID = "fee_paid", "已缴费"
    FEE_LAPSED = "fee_lapsed", "逾期未缴费"
    ART35 = "art35", "第三十五条处理（确定合理延迟答复期限）"
    REPLY = "reply", "答复"
    WITHDRAWAL = "withdrawal", "申请人撤回申请"


# Determinations that produce a letter to the applicant, and the template file of each.
LETTER_TEMPLATES = {
    DeterminationKind.SUPPLEMENT_NOTICE: "supplement_notice.docx",
    DeterminationKind.EXTENSION: "extension.docx",
    DeterminationKind.FEE_NOTICE: "fee_notice.docx",
    DeterminationKind.ART35: "art35.docx",
    DeterminationKind.REPLY: "reply.docx",
    DeterminationKind.CONSULTATION: "consultation.docx",
    DeterminationKind.SUPPLEMENT_LAPSED: "terminated.docx",
    DeterminationKind.FEE_LAPSED: "terminated.docx",
}
# Letters to the consulted party: staff send them; the applicant's pages never show them.
THIRD_PARTY_LETTERS = {DeterminationKind.CONSULTATION}
APPLICANT_LETTERS = set(LETTER_TEMPLATES) - THIRD_PARTY_LETTERS
LETTER_TITLES = {
    DeterminationKind.SUPPLEMENT_NOTICE: "政府信息公开申请补正告知书",
    DeterminationKind.EXTENSION: "政府信息公开申请延期答复告知书",
    DeterminationKind.FEE_NOTICE: "政府信息公开信息处理费收费通知书",
    DeterminationKind.ART35: "政府信息公开申请延迟答复告知书",
    DeterminationKind.REPLY: "政府信息公开申请答复书",
    DeterminationKind.CONSULTATION: "政府信息公开征求意见书",
    DeterminationKind.SUPPLEMENT_LAPSED: "政府信息公开申请终止处理告知书",
    DeterminationKind.FEE_LAPSED: "政府信息公开申请终止处理告知书",
}


class DisputeKind(models.TextChoices):
    REVIEW = "review", "行政复议"
    SUIT_DIRECT = "suit_direct", "行政诉讼（未经复议直接起诉）"
    SUIT_AFTER_REVIEW = "suit_after_review", "行政诉讼（复议后起诉）"
    COMPLAINT = "complaint", "举报投诉"


class DisputeResult(models.TextChoices):
    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"
    PENDING = "pending", "尚未审结"


class AttachmentKind(models.TextChoices):
    IDENTITY = "identity", "身份证明"
    AUTHORIZATION = "authorization", "授权委托书"
    SUPPLEMENT = "supplement", "补正材料"
    OTHER = "other", "其他材料"
    DISCLOSED = "disclosed", "公开的政府信息"


class DraftKind(models.TextChoices):
    REPLY = "reply", "答复"
    EXTENSION = "extension", "延期答复"


class DraftStatus(models.TextChoices):
    PENDING = "pending", "待负责人签批"
    RETURNED = "returned", "已退回"
    SIGNED = "signed", "已签发"
    WITHDRAWN = "withdrawn", "已撤回"


class NoticeKind(models.TextChoices):
    """What the applicant is told about (Art. 30, 33, 42, 36 and the acknowledgement)."""

    ACKNOWLEDGED = "acknowledged", "申请已登记"
    SUPPLEMENT = "supplement", "补正告知"
    EXTENSION = "extension", "延期答复"
    FEE = "fee", "收费通知"
    REPLY = "reply", "答复"
    DELAYED = "delayed", "延迟答复"
    TERMINATED = "terminated", "终止处理"
