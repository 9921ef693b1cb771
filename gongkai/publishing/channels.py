"""Channel-ready content and the small publisher interface.

gongkai does not hold Weibo/WeChat credentials: staff copy the prepared content, post it, and
record the post. A real platform API can be added as another `Publisher` without touching
the workflow (it would call services.record_channel itself after posting).
"""

from __future__ import annotations

import html
from typing import Protocol

from gongkai.publishing.models import Item, PublicationChannel

WEIBO_LIMIT = 2000


class Publisher(Protocol):
    channel: str

    def render(self, item: Item, url: str) -> str: ...


class WeiboText:
    channel = PublicationChannel.WEIBO

    def render(self, item: Item, url: str) -> str:
        head = f"【{item.title}】"
        tail = f" 详见：{url}"
        room = WEIBO_LIMIT - len(head) - len(tail)
        text = " ".join((item.summary or item.body_text).split())
        if len(text) > room:
            text = text[: max(room - 1, 0)] + "…"
        return head + text + tail


class WeChatArticle:
    channel = PublicationChannel.WECHAT

    def render(self, item: Item, url: str) -> str:
        # The body is already sanitised; only inline styles WeChat's editor keeps are added.
        return (
            f'<section style="font-size:16px;line-height:1.8">'
            f'<h1 style="font-size:20px">{html.escape(item.title)}</h1>'
            f'<p style="color:#888;font-size:14px">{html.escape(item.agency.name)} '
            f"{item.published_at:%Y-%m-%d} 索引号 {html.escape(item.index_number)}</p>"
            f"{item.body}"
            f'<p style="font-size:14px">原文链接：<a href="{html.escape(url)}">{html.escape(url)}</a></p>'
            f"</section>"
        )


PUBLISHERS: dict[str, Publisher] = {
    PublicationChannel.WEIBO: WeiboText(),
    PublicationChannel.WECHAT: WeChatArticle(),
}
