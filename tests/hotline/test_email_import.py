"""E-mail into tickets: real .eml messages (plain, HTML, encoded headers), folders and a maildir;
each message is taken once."""

import mailbox
from email.message import EmailMessage

import pytest

from gongkai.hotline.channels.mail import import_mail
from gongkai.hotline.choices import TicketChannel
from gongkai.hotline.models import ChannelMessage, Ticket

pytestmark = pytest.mark.django_db


def eml(msg_id: str, body: str, *, html: bool = False, subject: str = "反映噪音扰民问题") -> bytes:
    message = EmailMessage()
    message["From"] = "王先生 <wang@example.cn>"
    message["To"] = "12345@zhoucun.gov.cn"
    message["Subject"] = subject
    message["Date"] = "Mon, 02 Nov 2026 08:30:00 +0800"
    message["Message-ID"] = msg_id
    if html:
        message.set_content("请查看网页版。")
        message.add_alternative(f"<html><body><p>{body}</p></body></html>", subtype="html")
    else:
        message.set_content(body)
    return message.as_bytes()


def test_an_eml_file_becomes_a_ticket_once(agency_a, officer_a, tmp_path):
    path = tmp_path / "a.eml"
    path.write_bytes(eml("<a1@example.cn>", "夜间施工噪音很大，凌晨两点还在施工。"))
    result = import_mail(agency_a, path, officer_a)
    ticket = Ticket.objects.get()
    assert result.created == [ticket.ticket_no] and ticket.channel == TicketChannel.EMAIL
    assert "反映噪音扰民问题" in ticket.content and "凌晨两点" in ticket.content
    assert ticket.name == "王先生" and ticket.received_at.day == 2
    assert ChannelMessage.objects.get().sender == "wang@example.cn"
    again = import_mail(agency_a, path, officer_a)
    assert again.created == [] and again.known == 1 and Ticket.objects.count() == 1


def test_a_folder_and_a_maildir_are_read_and_html_becomes_text(agency_a, officer_a, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "1.eml").write_bytes(eml("<b1@x>", "路面塌陷存在安全隐患需要处理", html=True))
    (folder / "2.eml").write_bytes(eml("<b2@x>", "短", subject="问"))
    result = import_mail(agency_a, folder, officer_a)
    assert len(result.created) == 1 and len(result.errors) == 1 and "2.eml" in result.errors[0]
    assert "<p>" not in Ticket.objects.get().content
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    box.add(eml("<c1@x>", "垃圾桶满了没人清理，气味很大"))
    assert len(import_mail(agency_a, tmp_path / "Maildir", officer_a).created) == 1


def test_a_missing_path_is_a_clear_error(agency_a, officer_a, tmp_path):
    from gongkai.hotline.channels.common import ChannelError

    with pytest.raises(ChannelError, match="找不到"):
        import_mail(agency_a, tmp_path / "none", officer_a)
