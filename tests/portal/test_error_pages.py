import pytest
from django.test import Client


@pytest.mark.django_db
def test_an_unknown_page_gets_a_chinese_404_page():
    response = Client().get("/xxgk/no-such-body/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'lang="zh-CN"' in html and "页面不存在" in html and "Not Found" not in html
