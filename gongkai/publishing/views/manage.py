"""Staff pages (/manage/publishing/): worklist, items and their workflow, channels."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.scope import (
    Capability,
    agencies_for,
    get_scoped_or_404,
    has_capability,
    scope_queryset,
    staff_required,
)
from gongkai.core import filescope
from gongkai.core.uploads import UploadError
from gongkai.publishing import findings, items
from gongkai.publishing.channels import PUBLISHERS
from gongkai.publishing.forms import AttachmentForm, CorrectForm, ItemForm, NewItemForm, ReasonForm
from gongkai.publishing.models import Attachment, Finding, FindingStatus, Item, ItemStatus
from gongkai.publishing.steps import ITEM
from gongkai.workflow.steps import StepError
from gongkai.workflow.views import bound_steps, step_forms, step_view

PER_PAGE = 20


def _items():
    return Item.objects.select_related("agency")


def _caps(user, agency) -> dict[str, bool]:
    return {
        "edit": has_capability(user, Capability.EDIT, agency),
        "review": has_capability(user, Capability.REVIEW, agency),
        "sign_off": has_capability(user, Capability.SIGN_OFF, agency),
    }


def _done(request, item: Item, message: str) -> HttpResponseRedirect:
    messages.success(request, message)
    return redirect(item.get_manage_url())


def _failed(request, item: Item, exc: Exception) -> HttpResponseRedirect:
    messages.error(request, str(exc))
    return redirect(item.get_manage_url())


@staff_required
def worklist(request):
    user = request.user
    base = _items().only(
        "id",
        "title",
        "status",
        "due_on",
        "formed_on",
        "last_comment",
        "agency__name",
        "agency__code",
    )
    sections = [
        (
            "我的草稿和退回",
            scope_queryset(base.filter(status=ItemStatus.DRAFT), user, Capability.EDIT),
        ),
        (
            "待审核（保密审查）",
            scope_queryset(base.filter(status=ItemStatus.REVIEW), user, Capability.REVIEW),
        ),
        (
            "待签发",
            scope_queryset(base.filter(status=ItemStatus.SIGNOFF), user, Capability.SIGN_OFF),
        ),
        (
            "超过公开期限（20 个工作日）未发布",
            scope_queryset(base.overdue(), user, Capability.VIEW),
        ),
        (
            "定时发布",
            scope_queryset(base.filter(status=ItemStatus.SCHEDULED), user, Capability.VIEW),
        ),
    ]
    sections = [(title, list(qs.order_by("due_on", "id")[:50])) for title, qs in sections]
    return render(
        request,
        "publishing/manage/worklist.html",
        {
            "sections": sections,
            "today": timezone.localdate(),
            "can_create": agencies_for(user, Capability.EDIT).exists(),
        },
    )


@staff_required
def item_list(request):
    qs = scope_queryset(_items(), request.user, Capability.VIEW)
    status = request.GET.get("status")
    if status in ItemStatus.values:
        qs = qs.filter(status=status)
    if q := (request.GET.get("q") or "").strip():
        qs = qs.filter(title__icontains=q)
    overdue = request.GET.get("overdue") == "1"
    if overdue:  # the workbench's "past the Art. 26 limit" link
        qs = qs.overdue()
    page = Paginator(qs.order_by("-id"), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "publishing/manage/item_list.html",
        {
            "page": page,
            "statuses": ItemStatus.choices,
            "status": status,
            "q": q,
            "overdue": overdue,
        },
    )


@staff_required
def item_create(request):
    agencies = agencies_for(request.user, Capability.EDIT)
    if not agencies.exists():
        raise PermissionDenied("您没有登记公开信息的权限。")
    form = NewItemForm(
        request.POST or None,
        request.FILES or None,
        agencies=agencies,
        initial={"formed_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in items.EDITABLE_FIELDS}
        files = form.cleaned_data.get("attachments") or []
        try:
            # the item and its attachments in one step: a refused file saves nothing, neither
            # rows nor the files of the attachments before it
            with filescope.discard_on_error(), transaction.atomic():
                item = items.create_item(form.cleaned_data["agency"], request.user, **data)
                for upload in files:
                    items.add_attachment(item, request.user, upload.name, upload)
        except (StepError, UploadError) as exc:
            form.add_error("attachments" if files else None, str(exc))
        else:
            note = f"，附件 {len(files)} 个已检查个人信息" if files else ""
            return _done(request, item, f"已保存草稿{note}。")
    return render(
        request, "publishing/manage/item_form.html", {"form": form, "title": "登记公开信息"}
    )


@staff_required
def item_detail(request, pk):
    return _item_page(request, get_scoped_or_404(_items(), request.user, Capability.VIEW, pk=pk))


def _item_page(
    request, item: Item, attachment_form: AttachmentForm | None = None, status: int = 200
):
    """The item's staff page; a refused upload comes back here with its error beside the field."""
    findings = item.findings.select_related("attachment")
    return render(
        request,
        "publishing/manage/item_detail.html",
        {
            "item": item,
            "caps": _caps(request.user, item.agency),
            "findings": findings,
            "open_findings": [f for f in findings if f.status == FindingStatus.OPEN],
            "attachments": item.attachments.all(),
            "channels": item.channel_posts.all(),
            "versions": item.versions.all(),
            "attachment_form": attachment_form or AttachmentForm(),
            "step_forms": step_forms(ITEM, item, request.user, **bound_steps(request)),
            "step_url": "publishing_manage:step",
            "publishers": sorted(PUBLISHERS),
        },
        status=status,
    )


@staff_required
def item_edit(request, pk):
    item = get_scoped_or_404(_items(), request.user, Capability.EDIT, pk=pk)
    if not item.is_editable:
        messages.error(request, "只有草稿可以修改；已发布的信息请使用“更正”。")
        return redirect(item.get_manage_url())
    form = ItemForm(request.POST or None, instance=item, agency=item.agency)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in items.EDITABLE_FIELDS}
        try:
            item = items.update_item(Item.objects.get(pk=item.pk), request.user, **data)
        except StepError as exc:
            form.add_error(None, str(exc))
        else:
            return _done(request, item, "已保存。")
    return render(
        request,
        "publishing/manage/item_form.html",
        {"form": form, "item": item, "title": "修改公开信息"},
    )


@staff_required
def item_correct(request, pk):
    item = get_scoped_or_404(_items(), request.user, Capability.SIGN_OFF, pk=pk)
    form = CorrectForm(request.POST or None, instance=item, agency=item.agency)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in items.EDITABLE_FIELDS}
        try:
            item = items.correct(
                Item.objects.get(pk=item.pk), request.user, form.cleaned_data["note"], **data
            )
        except StepError as exc:
            form.add_error(None, str(exc))
        else:
            return _done(request, item, "已更正并保留原版本。")
    return render(
        request,
        "publishing/manage/item_form.html",
        {"form": form, "item": item, "title": "更正已发布信息"},
    )


item_step = step_view(ITEM, page=_item_page)


@staff_required
@require_POST
def item_attach(request, pk):
    item = get_scoped_or_404(_items(), request.user, Capability.EDIT, pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            items.add_attachment(item, request.user, upload.name, upload)
        except (StepError, UploadError) as exc:
            form.add_error("file", str(exc))
    if form.errors:
        return _item_page(request, item, form, status=400)
    return _done(request, item, "已上传附件并完成个人信息检查。")


@staff_required
@require_POST
def attachment_delete(request, pk, att):
    item = get_scoped_or_404(_items(), request.user, Capability.EDIT, pk=pk)
    obj = Attachment.objects.filter(item=item, pk=att).first()
    if obj is None:
        return _failed(request, item, StepError("附件不存在。"))
    try:
        items.remove_attachment(obj, request.user)
    except StepError as exc:
        return _failed(request, item, exc)
    return _done(request, item, "已删除附件。")


@staff_required
def attachment_download(request, pk, att):
    item = get_scoped_or_404(_items(), request.user, Capability.VIEW, pk=pk)
    obj = Attachment.objects.filter(item=item, pk=att).first()
    if obj is None:
        from django.http import Http404

        raise Http404
    response = FileResponse(
        obj.file.open("rb"),
        as_attachment=True,
        filename=obj.original_name,
        content_type=obj.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _finding(request, pk) -> tuple[Item, Finding]:
    finding = get_scoped_or_404(
        Finding.objects.select_related("item__agency"),
        request.user,
        Capability.VIEW,
        field="item__agency",
        pk=pk,
    )
    if not findings.can_resolve(request.user, finding.item):
        raise PermissionDenied("您没有处理敏感信息的权限。")
    return finding.item, finding


@staff_required
@require_POST
def finding_mask(request, pk):
    item, finding = _finding(request, pk)
    try:
        findings.mask_finding(finding, request.user)
    except StepError as exc:
        return _failed(request, item, exc)
    return _done(request, item, f"已遮盖：{finding.masked_value}")


@staff_required
@require_POST
def finding_override(request, pk):
    item, finding = _finding(request, pk)
    form = ReasonForm(request.POST)
    try:
        if not form.is_valid():
            raise StepError("确认公开必须写明理由。")
        findings.override_finding(finding, request.user, form.cleaned_data["reason"])
    except StepError as exc:
        return _failed(request, item, exc)
    return _done(request, item, "已确认公开并记录理由。")


@staff_required
def channel_content(request, pk, channel):
    item = get_scoped_or_404(_items(), request.user, Capability.VIEW, pk=pk)
    publisher = PUBLISHERS.get(channel)
    if publisher is None or item.status != ItemStatus.PUBLISHED:
        messages.error(request, "该信息尚未发布，或渠道不支持生成内容。")
        return redirect(item.get_manage_url())
    url = request.build_absolute_uri(item.get_absolute_url())
    return render(
        request,
        "publishing/manage/channel_content.html",
        {
            "item": item,
            "channel": channel,
            "content": publisher.render(item, url),
            "length": len(publisher.render(item, url)),
        },
    )
