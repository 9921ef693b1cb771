"""A tiny staff API on its own NinjaAPI, for testing authentication and error bodies."""

from django.urls import path
from ninja import NinjaAPI, Schema

from gongkai.api import errors
from gongkai.api.auth import staff_auth

api = NinjaAPI(urls_namespace="probe")
errors.install(api)


class Echo(Schema):
    n: int


@api.get("/whoami", auth=staff_auth)
def whoami(request):
    return {"user": request.auth.get_username()}


@api.post("/echo", auth=staff_auth)
def echo(request, payload: Echo):
    return {"n": payload.n}


urlpatterns = [path("probe/", api.urls)]
