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


def test_a_forged_date_a_nul_byte_and_a_broken_from_header_still_make_a_ticket(
    agency_a, officer_a, tmp_path
):
    # Found by hypothesis on PostgreSQL: a year-1 Date overflowed on save, and NUL reached a
    # text column; a From the strict parser rejects must not lose the citizen's message.
    raw = (
        b"From: =?utf-8?q?=E5=BC=A0?= <@>\r\n"
        b"Date: Mon, 01 Jan 0001 00:00:00 +1400\r\n"
        b"Message-ID: <forged-1@example.cn>\r\n"
        b"Subject: \xe8\xb7\xaf\xe7\x81\xaf\x00\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
    ) + "小区路灯坏了\x00三天。".encode()
    path = tmp_path / "forged.eml"
    path.write_bytes(raw)
    result = import_mail(agency_a, path, officer_a)
    assert result.errors == []
    ticket = Ticket.objects.get(ticket_no=result.created[0])
    assert "\x00" not in ticket.content and "小区路灯坏了三天。" in ticket.content
    assert ticket.received_at.year >= 1990  # the import time, not year 1


def test_a_bad_file_in_a_folder_is_one_error_line_and_the_others_are_taken(
    agency_a, officer_a, tmp_path, capsys
):
    """Found by tests/hotline/test_mail_import_hostile.py: a directory named *.eml ended the run
    with "内部错误", an oversized file ended it with exit 2 after the files before it had become
    tickets, a symlink was followed (to /etc/passwd; to /dev/zero it read forever), and a file
    name with a newline printed a forged line."""
    import os

    from gongkai.cli import main
    from gongkai.hotline.channels.mail import MAX_MESSAGE_BYTES

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "1.eml").write_bytes(eml("<d1@x>", "小区门口的路灯坏了一个月，晚上很黑。"))
    (folder / "2-dir.eml").mkdir()
    with open(folder / "3-big.eml", "wb") as fh:
        fh.truncate(MAX_MESSAGE_BYTES + 1)
    os.symlink("/etc/passwd", folder / "4-link.eml")
    os.symlink("/dev/zero", folder / "5-zero.eml")
    (folder / "6-\n新建 9 件.eml").write_bytes(b"")
    (folder / "7.eml").write_bytes(eml("<d7@x>", "公交站台的顶棚漏雨，等车的人被淋湿。"))
    with pytest.raises(SystemExit) as exc:
        main(["hotline", "import-mail", str(folder), "--agency", agency_a.code, "--as",
              officer_a.username])  # fmt: skip
    out, err = capsys.readouterr()
    assert exc.value.code == 1 and out.startswith("新建 2 件") and Ticket.objects.count() == 2
    lines = err.splitlines()
    assert len(lines) == 5 and all("：" in line for line in lines)
    assert "2-dir.eml：不是普通文件" in err and "4-link.eml：不是普通文件" in err
    assert "5-zero.eml：不是普通文件" in err and "3-big.eml：超过 5 MB" in err
    assert "6-\\n新建 9 件.eml：" in err
