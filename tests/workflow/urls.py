"""A URLconf for the contract tests: the site's URLs plus the throwaway workflow's step view
and step API, mounted exactly as an app mounts its own."""

from django.urls import include, path
from ninja import NinjaAPI, Router

from gongkai.api import errors
from gongkai.urls import urlpatterns as site
from gongkai.workflow.api import step_routes
from gongkai.workflow.views import step_view
from tests.workflow.throwaway import NOTE

app_patterns = ([path("<int:pk>/steps/<slug:name>/", step_view(NOTE), name="step")], "wftest")

api = NinjaAPI(title="wftest", version="wftest", urls_namespace="wftest_api")
errors.install(api)
router = Router()
step_routes(router, NOTE, "/notes")
api.add_router("", router)

urlpatterns = [path("wftest/", include(app_patterns)), path("wftest-api/", api.urls), *site]
