"""A bookmarked status link asks for the code; the done page shows the code once."""

from datetime import date

import pytest

from gongkai.applications.models import Application

from .factories import make_application, person_data

pytestmark = pytest.mark.django_db


def test_a_bookmarked_status_link_asks_for_the_code_then_opens(client, agency_a):
    receipt = make_application(agency_a, date(2025, 3, 3))
    no = receipt.application.receipt_no
    url = f"/xxgk/{agency_a.code}/ysqgk/cx/{no}/"
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "请输入登记时取得的查询码" in html and f'value="{no}"' in html
    assert 'id="status"' not in html  # nothing of the request before the code
    answer = client.post(
        f"/xxgk/{agency_a.code}/ysqgk/cx/", {"receipt_no": no, "code": receipt.code}
    )
    assert answer.status_code == 302 and answer["Location"] == url
    assert 'id="status"' in client.get(url).content.decode()


def test_an_unknown_number_in_a_link_gets_the_same_page_as_a_real_one(client, agency_a):
    real = make_application(agency_a).application.receipt_no
    fake = "YSQ-NOPE-2025-00001"
    a = client.get(f"/xxgk/{agency_a.code}/ysqgk/cx/{real}/").content.decode()
    b = client.get(f"/xxgk/{agency_a.code}/ysqgk/cx/{fake}/").content.decode()
    assert (
        a.replace(real, "X").split("csrfmiddlewaretoken")[0]
        == (b.replace(fake, "X").split("csrfmiddlewaretoken")[0])
    )


def test_a_letter_link_without_the_code_asks_for_it(client, agency_a):
    no = make_application(agency_a).application.receipt_no
    page = client.get(f"/xxgk/{agency_a.code}/ysqgk/cx/{no}/letters/1.pdf")
    assert page.status_code == 200 and "查询码" in page.content.decode()
    assert page["Content-Type"].startswith("text/html")


def test_the_done_page_shows_the_code_once(client, agency_a):
    client.post(f"/xxgk/{agency_a.code}/ysqgk/", person_data())
    app = Application.objects.get()
    first = client.get(f"/xxgk/{agency_a.code}/ysqgk/done/").content.decode()
    code = first.split('id="verification-code">')[1].split("<")[0]
    assert len(code) == 8 and app.check_code(code)
    again = client.get(f"/xxgk/{agency_a.code}/ysqgk/done/").content.decode()
    assert code not in again and "不再显示" in again and app.receipt_no in again
    # The receipt downloaded in the same visit still carries it.
    from gongkai.applications.letters import docx_text

    docx = client.get(f"/xxgk/{agency_a.code}/ysqgk/done/receipt.docx")
    assert code in docx_text(docx.content)
