import pytest

from gongkai.agencies.models import Agency, Membership
from gongkai.cli import main

pytestmark = pytest.mark.django_db


def run(args):
    with pytest.raises(SystemExit) as info:
        main(args)
    return info.value.code


def test_demo_loads_the_seed_body_and_is_idempotent(capsys):
    assert run(["demo"]) == 0
    counts = (Agency.objects.count(), Membership.objects.count())
    assert run(["demo"]) == 0
    assert (Agency.objects.count(), Membership.objects.count()) == counts
    seed = Agency.objects.get(name="周村区政务服务中心管理办公室")
    assert [a.name for a in seed.ancestors()] == [
        "山东省人民政府",
        "淄博市人民政府",
        "周村区人民政府",
    ]
    assert seed.reading_points.count() == 3


def test_help_is_in_chinese(capsys):
    assert run(["--help"]) == 0
    out = capsys.readouterr().out
    assert "用法" in out and "显示本帮助并退出" in out and "Usage" not in out


def test_a_bad_option_gets_exit_2_and_one_chinese_line(capsys):
    assert run(["serve", "--port", "abc"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "应为整数" in err and "Traceback" not in err


def test_an_unknown_command_gets_exit_2(capsys):
    assert run(["no-such-thing"]) == 2
    assert "没有命令" in capsys.readouterr().err


def test_check_reports_each_line(capsys):
    code = run(["check"])
    lines = capsys.readouterr().out.strip().splitlines()
    assert all(line.split()[0] in {"OK", "WARN", "FAIL"} for line in lines)
    assert any("数据库可以连接" in line for line in lines)
    assert code == (1 if any(line.startswith("FAIL") for line in lines) else 0)


def test_createadmin_refuses_a_weak_password(capsys):
    assert run(["createadmin", "--username", "boss", "--password", "123"]) == 2
    assert "密码不符合要求" in capsys.readouterr().err


def test_createadmin_creates_a_superuser():
    from django.contrib.auth import get_user_model

    assert (
        run(["createadmin", "--username", "boss", "--password", "A-long-and-unusual-passphrase-7"])
        == 0
    )
    assert get_user_model().objects.get(username="boss").is_superuser


def test_createadmin_explains_a_short_password_in_chinese(capsys):
    assert run(["createadmin", "--username", "boss", "--password", "short"]) == 2
    assert "密码太短：至少需要 10 个字符" in capsys.readouterr().err


def test_createadmin_refuses_a_malformed_email(capsys):
    assert (
        run(
            [
                "createadmin",
                "--username",
                "boss",
                "--email",
                "bad",
                "--password",
                "A-long-and-unusual-passphrase-7",
            ]
        )
        == 2
    )
    assert "电子邮箱“bad”格式不正确" in capsys.readouterr().err


def test_serve_refuses_a_busy_port_in_one_chinese_line(capsys):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert run(["serve", "--port", str(port)]) == 2
    assert f"端口 {port} 已被占用" in capsys.readouterr().err


def test_calendar_add_refuses_a_count_beyond_the_ceiling(capsys):
    assert run(["calendar", "add", "2026-01-01", "1000000"]) == 2
    assert run(["calendar", "add", "9999-12-30", "5"]) == 2
    err = capsys.readouterr().err
    assert "不能大于" in err and "超出了日期范围" in err and "Traceback" not in err


def test_fee_refuses_absurd_counts_quickly(capsys):
    assert run(["fee", "per-request", "99999999999999999999"]) == 2
    assert "不能大于" in capsys.readouterr().err


def test_each_serve_instance_has_its_own_gunicorn_control_socket(settings, tmp_path):
    from gongkai.core.commands import gunicorn_argv

    settings.VAR_DIR = tmp_path
    first = gunicorn_argv("gunicorn", "127.0.0.1", 8000, 2)
    second = gunicorn_argv("gunicorn", "127.0.0.1", 8001, 2)
    sockets = [argv[argv.index("--control-socket") + 1] for argv in (first, second)]
    assert sockets[0] != sockets[1] and all(s.startswith(str(tmp_path)) for s in sockets)
