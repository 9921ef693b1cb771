from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.models import ApiToken
from gongkai.accounts.tokens import create_token, revoke_token
from gongkai.agencies.scope import staff_required


class TokenForm(forms.Form):
    name = forms.CharField(
        label="用途", max_length=100, error_messages={"required": "请填写令牌的用途"}
    )


@staff_required
def token_list(request):
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _, new_key = create_token(request.user, form.cleaned_data["name"])
        form = TokenForm()
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at")
    return render(
        request, "accounts/tokens.html", {"form": form, "tokens": tokens, "new_key": new_key}
    )


@staff_required
@require_POST
def token_revoke(request, pk: int):
    token = ApiToken.objects.filter(user=request.user, pk=pk, revoked_at__isnull=True).first()
    if token is None:
        raise Http404("未找到")
    revoke_token(token, request.user)
    messages.success(request, "令牌已停用。")
    return redirect("manage:tokens")
