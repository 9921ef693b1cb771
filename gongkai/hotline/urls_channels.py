"""Endpoints other systems call: the WeChat push and the telephony system's call events."""

from django.urls import path

from gongkai.hotline.channels import cti, wechat

urlpatterns = [
    path("wechat/<str:code>/", wechat.push, name="hotline_wechat"),
    path("cti/calls", cti.call_event, name="hotline_cti_call"),
]
