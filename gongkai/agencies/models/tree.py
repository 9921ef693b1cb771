"""The tree of bodies. "All bodies below X" is one indexed range query on a materialised path."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr

from gongkai.rules.codes import check_org_code, check_uscc

SEGMENT = 8  # digits per path segment: zero-padded primary key


class AgencyLevel(models.TextChoices):
    PROVINCE = "province", "省"
    CITY = "city", "市"
    COUNTY = "county", "县区"
    TOWNSHIP = "township", "乡镇街道"
    VILLAGE = "village", "村居"


class AgencyKind(models.TextChoices):
    GOVERNMENT = "government", "人民政府"
    DEPARTMENT = "department", "政府部门"
    DISPATCHED = "dispatched", "派出机构"
    OTHER = "other", "其他"


def path_upper_bound(path: str) -> str:
    """The smallest digit string greater than every string that starts with `path`.

    Paths are digits only, so a range [path, bound) selects the subtree with a plain
    B-tree index on SQLite and on PostgreSQL whatever the collation.
    """
    return str(int(path) + 1).zfill(len(path))


class AgencyQuerySet(models.QuerySet):
    def subtree_of(self, agency: Agency, include_self: bool = True) -> AgencyQuerySet:
        qs = self.filter(path__gte=agency.path, path__lt=path_upper_bound(agency.path))
        return qs if include_self else qs.exclude(pk=agency.pk)

    def resolve(self, code_or_name: str) -> Agency:
        """The body with this code, or else this exact name, or else this short name."""
        value = (code_or_name or "").strip()
        for field in ("code", "name", "short_name"):
            matches = list(self.filter(**{field: value})[:2])
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                raise self.model.DoesNotExist(f"“{value}”对应多个机关，请使用机关代码")
        raise self.model.DoesNotExist(f"找不到机关“{value}”")


class Agency(models.Model):
    code = models.SlugField(
        "机关代码",
        max_length=64,
        unique=True,
        help_text="网址中使用的简短代码，如 zbzc-zwfw（字母、数字、连字符）",
    )
    name = models.CharField("机关名称", max_length=200, db_index=True)
    short_name = models.CharField("简称", max_length=100, blank=True, db_index=True)
    level = models.CharField("层级", max_length=16, choices=AgencyLevel.choices)
    kind = models.CharField("类别", max_length=16, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    uscc = models.CharField("统一社会信用代码", max_length=18, blank=True)
    org_code = models.CharField("组织机构代码", max_length=10, blank=True)
    # The disclosure office's contact block of the 政府信息公开指南 (条例 Art. 12).
    office_name = models.CharField("政府信息公开工作机构", max_length=200, blank=True)
    address = models.CharField("办公地址", max_length=300, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    office_hours = models.CharField("办公时间", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=100, blank=True)
    fax = models.CharField("传真", max_length=100, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    website = models.URLField("网站", blank=True)
    sort_order = models.IntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    # --- validation -------------------------------------------------------------------
    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.uscc:
            self.uscc = self.uscc.strip().upper()
            problem = check_uscc(self.uscc)
            if problem:
                errors["uscc"] = problem
        if self.postcode and not (self.postcode.isdigit() and len(self.postcode) == 6):
            errors["postcode"] = "邮政编码应为6位数字"
        if self.parent_id and self.pk:
            parent = Agency.objects.only("path").get(pk=self.parent_id)
            if self.pk == self.parent_id or parent.path.startswith(self._stored_path()):
                errors["parent"] = "不能把机关设为自身或其下级机关的下级（会形成循环）"
        if errors:
            raise ValidationError(errors)

    def org_code_warning(self) -> str | None:
        """A 9-character 组织机构代码 that fails GB 11714 is only warned about: local codes exist."""
        return check_org_code(self.org_code) if self.org_code else None

    def _stored_path(self) -> str:
        return Agency.objects.filter(pk=self.pk).values_list("path", flat=True).first() or ""

    # --- tree -----------------------------------------------------------------------
    def save(self, *args, **kwargs) -> None:
        old_path = self._stored_path() if self.pk else ""
        super().save(*args, **kwargs)
        parent_path = (
            Agency.objects.filter(pk=self.parent_id).values_list("path", flat=True).first() or ""
        )
        new_path = parent_path + str(self.pk).zfill(SEGMENT)
        if new_path == old_path:
            return
        new_depth = len(new_path) // SEGMENT - 1
        if old_path:
            # Moving a body moves its whole subtree: one UPDATE rewrites every path prefix.
            delta = new_depth - (len(old_path) // SEGMENT - 1)
            Agency.objects.filter(path__gte=old_path, path__lt=path_upper_bound(old_path)).update(
                path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
                depth=F("depth") + delta,
            )
        else:
            Agency.objects.filter(pk=self.pk).update(path=new_path, depth=new_depth)
        self.path, self.depth = new_path, new_depth

    def subtree(self, include_self: bool = True) -> AgencyQuerySet:
        return Agency.objects.subtree_of(self, include_self=include_self)

    def ancestors(self) -> AgencyQuerySet:
        prefixes = [self.path[:i] for i in range(SEGMENT, len(self.path), SEGMENT)]
        return Agency.objects.filter(path__in=prefixes).order_by("depth")

    def published_contacts(self) -> list[str]:
        """Contact details the body publishes in its 指南; the privacy scanner never flags them."""
        return [value for value in (self.phone, self.fax, self.email) if value]


class ReadingPoint(models.Model):
    """查阅点 (条例 Art. 25): a place where the public can read disclosed information."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="reading_points"
    )
    name = models.CharField("名称", max_length=200)
    address = models.CharField("地址", max_length=300)
    hours = models.CharField("开放时间", max_length=200, blank=True)

    class Meta:
        verbose_name = "查阅点"
        verbose_name_plural = "查阅点"
        ordering = ["agency", "id"]

    def __str__(self) -> str:
        return self.name
