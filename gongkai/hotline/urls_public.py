"""Public pages of the hotline, mounted under /xxgk/<agency code>/ by gongkai.portal.urls."""

from django.urls import path

from gongkai.hotline.views import public, selection

urlpatterns = [
    path("rx/", public.submit, name="hotline_submit"),
    path("rx/done/", public.done, name="hotline_done"),
    path("rx/cx/", public.track, name="hotline_track"),
    path("rx/xd/", selection.selected, name="hotline_selected"),
    path("rx/xd/<int:pk>/", selection.selected_detail, name="hotline_selected_detail"),
]
