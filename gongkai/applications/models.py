"""Records of 依申请公开: the request, its clock events, determinations, attachments and disputes."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.signals import setting_changed
from django.db import models
from django.utils.functional import LazyObject, empty

from gongkai.applications.choices import (
    LETTER_TITLES,
    ApplicantType,
    ApplicationChannel,
    ApplicationStatus,
    AttachmentKind,
    Delivery,
    DeterminationKind,
    DisputeKind,
    DisputeResult,
    DraftKind,
    DraftStatus,
    IdType,
    InfoForm,
    NoticeKind,
    Outcome,
)
from gongkai.core import codes
from gongkai.core.encrypted import (
    EncryptedCharField,
    EncryptedEmailField,
    HashedFields,
    SearchHash,
)


class PrivateStorage(LazyObject):
    """Uploads and letters live under MEDIA_ROOT/applications, which no URL serves; only views
    that check the verification code or staff permissions hand them out."""

    def _setup(self):
        self._wrapped = FileSystemStorage(
            location=Path(settings.MEDIA_ROOT) / "applications", base_url=None
        )


private_storage = PrivateStorage()


def _media_root_changed(*, setting: str, **kwargs) -> None:
    # Like Django's default storage: a changed MEDIA_ROOT (each test has its own) is followed,
    # instead of the folder the storage happened to be first used with.
    if setting == "MEDIA_ROOT":
        private_storage._wrapped = empty


setting_changed.connect(_media_root_changed)


def get_private_storage() -> PrivateStorage:
    # A callable keeps the deployment's MEDIA_ROOT out of migrations (Django records the
    # callable, not the path it resolves to), so `makemigrations --check` stays clean anywhere.
    return private_storage


def _attachment_path(instance: ApplicationFile, filename: str) -> str:
    # Never trust the uploaded name on disk; keep it only as metadata.
    return f"attachments/{instance.application.received_on:%Y}/{uuid.uuid4().hex}"


def _letter_path(instance: Determination, filename: str) -> str:
    return f"letters/{instance.application.received_on:%Y}/{uuid.uuid4().hex}.docx"


class Reason(models.Model):
    """Managed table of reasons for an outcome, each with its legal basis (NYC OpenRecords' Reasons)."""

    outcome = models.CharField("办理结果", max_length=40, choices=Outcome.choices)
    title = models.CharField("理由", max_length=200)
    legal_basis = models.CharField("法律依据", max_length=300)
    text = models.TextField("答复书中的说明", blank=True)
    # Which row of the 2014 statistics table a reply with this reason is counted in, when it is
    # not the default for the outcome (e.g. 已主动公开 vs 同意公开 are both 予以公开 today).
    row_2014 = models.CharField("2014年统计表行（留空用默认）", max_length=60, blank=True)
    is_active = models.BooleanField("启用", default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["outcome", "order", "id"]
        verbose_name = verbose_name_plural = "答复理由"

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}｜{self.title}"


class ApplicationQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=ApplicationStatus.CLOSED)

    def closed(self):
        return self.filter(status=ApplicationStatus.CLOSED)


class Application(HashedFields, models.Model):
    """One 政府信息公开申请 with the content Art. 29 requires."""

    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name="受理机关",
    )
    receipt_no = models.CharField("受理编号", max_length=40, unique=True)
    code_hash = models.CharField(max_length=64)

    applicant_type = models.CharField("申请人类型", max_length=16, choices=ApplicantType.choices)
    # The applicant's personal data is encrypted at rest (gongkai.core.encrypted); name, ID and
    # phone are found by exact value through their keyed hashes. The organisation's name and
    # code stay plain: they are not personal data and the worklist searches parts of them.
    name = EncryptedCharField("姓名/名称", max_length=100)
    id_type = models.CharField("证件类型", max_length=16, choices=IdType.choices)
    id_number = EncryptedCharField("证件号码", max_length=40)
    # Legal persons / other organisations.
    org_name = models.CharField("单位名称", max_length=200, blank=True)
    uscc = models.CharField("统一社会信用代码", max_length=18, blank=True)
    legal_rep = EncryptedCharField("法定代表人/负责人", max_length=50, blank=True)
    contact_person = EncryptedCharField("联系人", max_length=50, blank=True)
    phone = EncryptedCharField("联系电话", max_length=30)
    email = EncryptedEmailField("电子邮箱", blank=True)
    address = EncryptedCharField("通信地址", max_length=300, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    name_hash = SearchHash(source="name", kind="name")
    id_number_hash = SearchHash(source="id_number", kind="id_number")
    phone_hash = SearchHash(source="phone", kind="phone")

    description = models.TextField("所需信息的名称、文号或特征描述")
    purpose = models.TextField("用途（选填）", blank=True)
    info_form = models.CharField("信息的提供形式", max_length=16, choices=InfoForm.choices)
    delivery = models.CharField("获取方式", max_length=16, choices=Delivery.choices)

    channel = models.CharField("申请渠道", max_length=20, choices=ApplicationChannel.choices)
    oral = models.BooleanField("口头申请（工作人员代为填写）", default=False)
    arrived_at = models.DateTimeField("到达时间")
    received_on = models.DateField("收到申请之日（第三十一条）")
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    status = models.CharField(
        "状态", max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.OPEN
    )
    outcome = models.CharField("办理结果", max_length=40, choices=Outcome.choices, blank=True)
    reason = models.ForeignKey(
        Reason,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="理由",
    )
    closed_on = models.DateField("办结日期", null=True, blank=True)
    closed_late = models.BooleanField("超期办结", default=False)
    extended = models.BooleanField("经延期", default=False)

    # Computed by the statutory clock from the events; stored for the worklist sort, with the
    # calendar version that produced it so a calendar change can find stale rows.
    due_on = models.DateField("答复期限", null=True, blank=True, db_index=True)
    calendar_version = models.CharField(max_length=64, blank=True)
    regime = models.CharField("适用条例", max_length=8, blank=True)
    reminded = models.CharField(
        max_length=32, blank=True
    )  # reminders sent for the current due date

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = verbose_name_plural = "政府信息公开申请"
        indexes = [
            models.Index(fields=["agency", "status", "due_on"]),
            models.Index(fields=["agency", "received_on"]),
            models.Index(fields=["agency", "closed_on"]),
            # Only running clocks (a few per cent of all applications): the supervision
            # console's overdue counts, per body and summed over a whole province, read this
            # small index instead of every application ever received.
            models.Index(
                fields=["agency", "due_on"],
                condition=models.Q(status=ApplicationStatus.OPEN),
                name="app_open_due_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.receipt_no

    @property
    def is_open(self) -> bool:
        return self.status != ApplicationStatus.CLOSED

    @property
    def applicant_label(self) -> str:
        return self.org_name or self.name

    def check_code(self, code: str) -> bool:
        return codes.matches(self.code_hash, self.receipt_no, code=code)


class ClockEvent(models.Model):
    """The statutory clock as a ledger; gongkai.rules.clock turns these rows into a due date."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="clock_events"
    )
    kind = models.CharField(max_length=40)
    on = models.DateField()
    days = models.PositiveSmallIntegerField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)
    channel = models.CharField(max_length=20, blank=True)
    party = models.CharField(max_length=16, blank=True)  # third_party / organ (consultations)
    ref = models.CharField(max_length=20, blank=True)
    determination = models.ForeignKey(
        "Determination",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="clock_events",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.on}"


class Determination(models.Model):
    """A step taken on a request (补正告知, consultation, extension, fee notice, reply, ...)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="determinations"
    )
    kind = models.CharField("类型", max_length=32, choices=DeterminationKind.choices)
    on = models.DateField("日期")
    outcome = models.CharField("办理结果", max_length=40, choices=Outcome.choices, blank=True)
    reason = models.ForeignKey(
        Reason, on_delete=models.PROTECT, null=True, blank=True, verbose_name="理由"
    )
    legal_basis = models.CharField("法律依据", max_length=300, blank=True)
    text = models.TextField("内容", blank=True)
    days = models.PositiveSmallIntegerField("工作日数", null=True, blank=True)
    until = models.DateField("期限", null=True, blank=True)
    amount = models.DecimalField(
        "金额（元）", max_digits=10, decimal_places=2, null=True, blank=True
    )
    party = models.CharField("征求意见对象", max_length=200, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="批准人",
    )
    letter = models.FileField(storage=get_private_storage, upload_to=_letter_path, blank=True)
    # 文号 of the letter (机关代字〔年〕序号), from the gap-free numbering, given when it is issued.
    letter_no = models.CharField("文号", max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.application.receipt_no} {self.get_kind_display()}"

    @property
    def letter_title(self) -> str:
        return LETTER_TITLES.get(self.kind, "")


class ApplicationFile(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(
        max_length=16, choices=AttachmentKind.choices, default=AttachmentKind.OTHER
    )
    file = models.FileField(storage=get_private_storage, upload_to=_attachment_path)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    # The information disclosed with a reply: attached to the draft, released when it is issued.
    draft = models.ForeignKey(
        "Draft", on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # The model was called Attachment; the table keeps its name so backups taken before the
        # rename restore unchanged.
        db_table = "applications_attachment"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class Dispute(models.Model):
    """行政复议, 行政诉讼 or 举报投诉 about a request (section 四 of the report)."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="disputes", verbose_name="关联申请"
    )
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("类型", max_length=20, choices=DisputeKind.choices)
    filed_on = models.DateField("立案/收到日期")
    result = models.CharField(
        "结果", max_length=12, choices=DisputeResult.choices, default=DisputeResult.PENDING
    )
    decided_on = models.DateField("审结日期", null=True, blank=True)
    body = models.CharField("复议机关/法院/受理单位", max_length=200, blank=True)
    note = models.TextField("备注", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-filed_on", "-id"]
        verbose_name = verbose_name_plural = "复议诉讼投诉"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filed_on}"


class TrackingFailure(models.Model):
    """Failed tracking look-ups, for throttling guessers (shared by all server processes)."""

    key = models.CharField(max_length=100, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.key


class Notification(models.Model):
    """In-app message for staff (D-5 / D-1 reminders)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.text


class HandlingRules(models.Model):
    """How one body handles requests: its 机关代字 for letter numbers and whether a reply needs
    the leader's sign-off (on unless the body turns it off)."""

    agency = models.OneToOneField(
        "agencies.Agency", on_delete=models.CASCADE, related_name="handling_rules"
    )
    letter_code = models.CharField(
        "机关代字",
        max_length=30,
        blank=True,
        help_text="答复文书文号的机关代字，如“周政信公开”；文号形如 周政信公开〔2025〕12号。"
        "留空时使用机关简称加“信公开”。",
    )
    sign_off_required = models.BooleanField(
        "答复须经负责人签发",
        null=True,
        blank=True,
        default=None,
        help_text="是：经办人拟写的答复须经政府信息公开工作机构负责人签发后才能发出；"
        "否：经办人直接答复；留空：按部署设置 GONGKAI_REPLY_SIGN_OFF（默认须签发）。",
    )

    class Meta:
        verbose_name = verbose_name_plural = "依申请公开办理规则"

    def __str__(self) -> str:
        return str(self.agency)


class Draft(models.Model):
    """A reply or an extension the officer drafted, waiting for the leader: signed → issued as a
    determination with its letter; returned → back to the officer with the reason."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="drafts")
    kind = models.CharField("类型", max_length=16, choices=DraftKind.choices)
    status = models.CharField(
        "状态", max_length=16, choices=DraftStatus.choices, default=DraftStatus.PENDING
    )
    outcome = models.CharField("办理结果", max_length=40, choices=Outcome.choices, blank=True)
    reason = models.ForeignKey(
        Reason, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    legal_basis = models.CharField("法律依据", max_length=300, blank=True)
    text = models.TextField("内容")
    days = models.PositiveSmallIntegerField("延长工作日数", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField("退回理由", blank=True)
    determination = models.OneToOneField(
        Determination, on_delete=models.SET_NULL, null=True, blank=True, related_name="draft"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self) -> str:
        return f"{self.application.receipt_no} {self.get_kind_display()}（{self.get_status_display()}）"


class ApplicantNotice(models.Model):
    """A message to the applicant, written in the step's transaction (the outbox) and sent by the
    worker after commit; the tracking page lists them too."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField("事项", max_length=16, choices=NoticeKind.choices)
    text = models.TextField("内容")
    created_at = models.DateTimeField(auto_now_add=True)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    sms_sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.application.receipt_no} {self.get_kind_display()}"
