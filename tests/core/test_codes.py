"""One query-code module: the hashes stored before it existed still verify, and the apps use it."""

import pytest
from django.test import override_settings

from gongkai.core.codes import ALPHABET, code_hash, matches, new_code

KEY = "old-stored-key-for-the-test-0123456789"
CODE = "AB3DEF7H"
# Computed by the apps' own functions before gongkai.core.codes existed
# (applications.models.hash_code, hotline.models.ticket.hash_code), with SECRET_KEY = KEY.
STORED_APPLICATION = "edb23c73c94c876bdc7c20c912ad147a2ac1029a561c68e0cd468441cba32e72"
STORED_TICKET = "93edc1d835ea27ed4b9cec257c0709d7929f03e5e19be450153bf5c876cfd5b4"


@override_settings(SECRET_KEY=KEY)
def test_hashes_stored_before_the_module_existed_still_verify():
    assert code_hash("YSQ-ZB-ZRZYJ-2025-00001", code=CODE) == STORED_APPLICATION
    assert code_hash("hotline", "RX-ZBZC-2025-000001", code=CODE) == STORED_TICKET
    # people type the code back in lower case, with spaces
    assert matches(STORED_APPLICATION, "YSQ-ZB-ZRZYJ-2025-00001", code=" ab3def7h ")
    assert not matches(STORED_TICKET, "hotline", "RX-ZBZC-2025-000002", code=CODE)
    assert not matches(STORED_TICKET, "RX-ZBZC-2025-000001", code=CODE)  # the domain counts


@override_settings(SECRET_KEY=KEY)
def test_the_apps_check_codes_through_it():
    from gongkai.applications.models import Application
    from gongkai.hotline.models import Ticket

    app = Application(receipt_no="YSQ-ZB-ZRZYJ-2025-00001", code_hash=STORED_APPLICATION)
    ticket = Ticket(ticket_no="RX-ZBZC-2025-000001", code_hash=STORED_TICKET)
    assert app.check_code(CODE.lower()) and not app.check_code("AB3DEF7J")
    assert ticket.check_code(CODE) and not ticket.check_code("AB3DEF7J")


def test_new_codes_use_the_unambiguous_alphabet():
    codes = {new_code(8) for _ in range(200)}
    assert len(codes) == 200 and all(len(c) == 8 and set(c) <= set(ALPHABET) for c in codes)
    assert not set("01IO") & set(ALPHABET)
    assert len(new_code(12)) == 12
    with pytest.raises(ValueError):
        code_hash(code=CODE)
