from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"


@require_POST
def logout_view(request):
    logout(request)
    return redirect("/xxgk/")


def lockout_response(request, response=None, credentials=None, *args, **kwargs):
    return render(request, "accounts/locked.html", status=429)


def csrf_failure(request, reason: str = ""):
    """Django's CSRF refusal, in Chinese (the usual cause: a form left open past the session)."""
    return render(request, "accounts/csrf_failure.html", status=403)
