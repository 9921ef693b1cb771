"""Staff pages of hot topics: the office's topic queue, a topic with its tickets and responses,
grouping, merge, split and recording a response."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.scope import Capability, get_scoped_or_404, scope_queryset, staff_required
from gongkai.hotline import topics
from gongkai.hotline.choices import ResponseKind
from gongkai.hotline.models import Response, Topic

PAGE_SIZE = 50


class RespondForm(forms.Form):
    kind = forms.ChoiceField(
        label="回应方式",
        choices=ResponseKind.choices,
        error_messages={"required": "请选择回应方式", "invalid_choice": "回应方式不正确"},
    )
    on = forms.DateField(
        label="回应日期",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "请填写回应日期", "invalid": "日期格式不正确"},
    )
    leader = forms.BooleanField(label="主要负责同志参加（发布会、访谈）", required=False)
    item = forms.IntegerField(label="政策解读稿件编号（政策解读必填）", required=False)
    note = forms.CharField(label="说明", max_length=300, required=False)


class GroupForm(forms.Form):
    centre = forms.CharField(
        label="机关代码", max_length=64, help_text="只在该机关受理的工单中归集。"
    )
    start = forms.DateField(label="起始日期", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="截止日期", widget=forms.DateInput(attrs={"type": "date"}))


def _topics(user):
    return scope_queryset(Topic.objects.select_related("agency", "category"), user, Capability.VIEW)


@staff_required
def queue(request):
    qs = _topics(request.user).filter(merged_into__isnull=True)
    show = request.GET.get("show", "open")
    qs = qs.annotate(
        n_tickets=Count("tickets", distinct=True), n_resp=Count("responses", distinct=True)
    )
    if show == "open":
        qs = qs.filter(n_resp=0)
    elif show == "answered":
        qs = qs.filter(n_resp__gt=0)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(keywords__icontains=q))
    page = Paginator(qs.order_by("-last_on", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "hotline/manage/topics.html",
        {"page": page, "show": show, "q": q, "group_form": GroupForm()},
    )


@staff_required
def topic(request, pk: int):
    t = get_scoped_or_404(_topics(request.user), request.user, Capability.VIEW, pk=pk)
    return _topic_page(request, t)


def _topic_page(request, t: Topic, respond_form: RespondForm | None = None, status: int = 200):
    """The topic's page; a refused response form comes back with its errors beside the fields."""
    initial = {"on": timezone.localdate(), "kind": "other"}
    return render(
        request,
        "hotline/manage/topic.html",
        {
            "topic": t,
            "tickets": t.tickets.select_related("category").only(
                "ticket_no", "received_on", "type", "status", "category__name"
            )[:200],
            "responses": t.responses.select_related("item"),
            "respond_form": respond_form
            if respond_form is not None
            else RespondForm(initial=initial),
            "others": _topics(request.user)
            .filter(agency=t.agency, merged_into__isnull=True)
            .exclude(pk=t.pk)
            .order_by("-last_on")[:50],
        },
        status=status,
    )


def _editable(request, pk: int) -> Topic:
    return get_scoped_or_404(_topics(request.user), request.user, Capability.EDIT, pk=pk)


@staff_required
@require_POST
def respond(request, pk: int):
    t = _editable(request, pk)
    form = RespondForm(request.POST)
    if not form.is_valid():
        return _topic_page(request, t, form, status=400)
    data = form.cleaned_data
    item = None
    if data.get("item"):
        # the model the response's FK points at (no import of the publishing app: layers)
        Item = Response._meta.get_field("item").related_model
        item = Item.objects.filter(pk=data["item"], agency=t.agency).first()
        if item is None:
            form.add_error("item", "找不到本机关的这篇稿件")
            return _topic_page(request, t, form, status=400)
    try:
        topics.respond(
            t,
            actor=request.user,
            kind=data["kind"],
            on=data["on"],
            leader=data["leader"],
            item=item,
            note=data["note"],
        )
    except topics.TopicError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已登记回应。")
    return redirect("hotline_manage:topic", pk=t.pk)


@staff_required
@require_POST
def merge(request, pk: int):
    t = _editable(request, pk)
    other = _topics(request.user).filter(pk=request.POST.get("other") or 0).first()
    try:
        if other is None:
            raise topics.TopicError("请选择要并入的话题")
        topics.merge(t, other, actor=request.user)
    except topics.TopicError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已将“{other.title}”并入本话题。")
    return redirect("hotline_manage:topic", pk=t.pk)


@staff_required
@require_POST
def split(request, pk: int):
    t = _editable(request, pk)
    ids = [int(v) for v in request.POST.getlist("tickets") if v.isdigit()]
    try:
        new = topics.split(t, ids, request.POST.get("title", ""), actor=request.user)
    except topics.TopicError as exc:
        messages.error(request, str(exc))
        return redirect("hotline_manage:topic", pk=t.pk)
    messages.success(request, "已拆分为新话题。")
    return redirect("hotline_manage:topic", pk=new.pk)


@staff_required
@require_POST
def group(request):
    from gongkai.agencies.scope import agencies_for

    centre = (
        agencies_for(request.user, Capability.EDIT)
        .filter(code=request.POST.get("centre", ""))
        .first()
    )
    form = GroupForm(request.POST)
    if centre is None or not form.is_valid():
        messages.error(request, "请选择本机关并填写起止日期")
        return redirect("hotline_manage:topics")
    made = topics.group(
        centre, form.cleaned_data["start"], form.cleaned_data["end"], actor=request.user
    )
    messages.success(request, f"新归集热点话题 {len(made)} 个。")
    return redirect("hotline_manage:topics")
