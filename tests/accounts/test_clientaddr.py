from django.test import RequestFactory

from gongkai.core.clientaddr import client_address


def _address(remote, forwarded=None, **headers):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **extra, **headers))


def test_without_a_proxy_the_peer_is_the_client(settings):
    settings.GONGKAI_TRUSTED_PROXIES = ["127.0.0.1"]
    assert _address("203.0.113.1", "9.9.9.9") == "203.0.113.1"


def test_behind_a_trusted_proxy_the_right_most_untrusted_hop_is_the_client(settings):
    settings.GONGKAI_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert _address("127.0.0.1", "6.6.6.6, 203.0.113.2, 10.1.1.1") == "203.0.113.2"
    assert _address("127.0.0.1", "[2001:db8::1]:5555") == "2001:db8::1"


def test_garbage_in_the_header_falls_back_to_the_proxy(settings):
    settings.GONGKAI_TRUSTED_PROXIES = ["127.0.0.1"]
    assert _address("127.0.0.1", "not-an-address") == "127.0.0.1"
    assert _address("127.0.0.1", "") == "127.0.0.1"


def test_the_operator_can_name_another_header(settings):
    settings.GONGKAI_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.GONGKAI_PROXY_ADDRESS_HEADER = "X-Real-IP"
    assert _address("127.0.0.1", "6.6.6.6", HTTP_X_REAL_IP="203.0.113.3") == "203.0.113.3"
