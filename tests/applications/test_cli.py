import pytest

from gongkai.cli import main

from .factories import make_application

pytestmark = pytest.mark.django_db


def run(args):
    with pytest.raises(SystemExit) as info:
        main(args)
    return info.value.code


def test_the_commands_send_reminders_and_recompute_in_chinese(agency_a, officer_a, capsys):
    make_application(agency_a)
    assert run(["applications", "remind"]) == 0
    assert "已发送提醒" in capsys.readouterr().out
    assert run(["applications", "recompute", "--reason", "测试"]) == 0
    assert "答复期限有变化的申请：0 件" in capsys.readouterr().out


def test_the_commands_are_listed_in_chinese_help(capsys):
    assert run(["applications", "--help"]) == 0
    out = capsys.readouterr().out
    assert "依申请公开" in out and "remind" in out and "recompute" in out
