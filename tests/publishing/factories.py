import datetime as dt

import factory

from gongkai.publishing.models import Item


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    title = factory.Sequence(lambda n: f"关于政务服务事项的通知（第{n}号）")
    body = "<p>为进一步做好政务服务工作，现将有关事项通知如下。</p>"
    body_text = "为进一步做好政务服务工作，现将有关事项通知如下。"
    formed_on = dt.date(2017, 3, 1)
