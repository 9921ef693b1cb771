"""Public pages of this module, mounted under /xxgk/<agency code>/ by gongkai.portal.urls."""

from django.urls import path

from gongkai.applications.views import public

urlpatterns = [
    path("ysqgk/", public.apply, name="applications_apply"),
    path("ysqgk/done/", public.done, name="applications_done"),
    path("ysqgk/done/receipt.<str:fmt>", public.receipt, name="applications_receipt"),
    path("ysqgk/cx/", public.track, name="applications_track"),
    path("ysqgk/cx/<str:receipt_no>/", public.status, name="applications_status"),
    path(
        "ysqgk/cx/<str:receipt_no>/supplement/", public.supplement, name="applications_supplement"
    ),
    path(
        "ysqgk/cx/<str:receipt_no>/files/<int:pk>/",
        public.disclosed,
        name="applications_disclosed",
    ),
    path(
        "ysqgk/cx/<str:receipt_no>/letters/<int:pk>.<str:fmt>",
        public.letter,
        name="applications_letter",
    ),
]
