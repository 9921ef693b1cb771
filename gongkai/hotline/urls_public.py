"""Public pages of the hotline, mounted under /xxgk/<agency code>/ by gongkai.portal.urls."""

from django.urls import path

from gongkai.hotline.views import public

urlpatterns = [
    path("rx/", public.submit, name="hotline_submit"),
    path("rx/done/", public.done, name="hotline_done"),
    path("rx/cx/", public.track, name="hotline_track"),
]
