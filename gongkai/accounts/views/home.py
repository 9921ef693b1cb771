from django.shortcuts import render

from gongkai.agencies.scope import staff_required


@staff_required
def dashboard(request):
    memberships = request.user.memberships.select_related("agency").order_by("agency__path")
    return render(request, "accounts/dashboard.html", {"memberships": memberships})
