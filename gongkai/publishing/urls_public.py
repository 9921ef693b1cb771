"""Public pages of this module, mounted under /xxgk/<agency code>/ by gongkai.portal.urls."""

from django.urls import path

from gongkai.publishing import feeds
from gongkai.publishing.models import Kind
from gongkai.publishing.pagecache import cached_page
from gongkai.publishing.views import kiosk, public

urlpatterns = [
    path("zd/", public.kind_list, {"kind": Kind.SYSTEM}, name="publishing_rules"),
    path("fdzdgknr/", public.category_index, name="publishing_items"),
    path("fdzdgknr/<str:term>/", public.category_list, name="pub_category"),
    path("fdzdgknr/<str:term>/rss.xml", cached_page(feeds.ItemFeed()), name="pub_category_rss"),
    path(
        "fdzdgknr/<str:term>/atom.xml", cached_page(feeds.ItemAtomFeed()), name="pub_category_atom"
    ),
    path("art/<int:pk>/", public.item_detail, name="item"),
    path("art/<int:pk>/files/<int:att>/", public.attachment, name="attachment"),
    path("rss.xml", cached_page(feeds.ItemFeed()), name="pub_rss"),
    path("atom.xml", cached_page(feeds.ItemAtomFeed()), name="pub_atom"),
    path("kiosk/", kiosk.home, name="pub_kiosk"),
    path("kiosk/list/", kiosk.item_list, name="pub_kiosk_list"),
    path("kiosk/art/<int:pk>/", kiosk.item_detail, name="pub_kiosk_item"),
    path("led.txt", public.led_text, name="pub_led_text"),
    path("led.json", public.led_json, name="pub_led_json"),
]
