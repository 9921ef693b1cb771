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
    instances = [("127.0.0.1", 8000), ("127.0.0.1", 8001), ("10.0.0.5", 8000), ("::1", 8000)]
    argvs = [gunicorn_argv("gunicorn", host, port, 2) for host, port in instances]
    sockets = [argv[argv.index("--control-socket") + 1] for argv in argvs]
    assert len(set(sockets)) == len(instances)  # none shares another's
    assert all(s.startswith(str(tmp_path)) and s.endswith(".ctl") for s in sockets)
    assert all("/" not in s[len(str(tmp_path)) + 1 :] for s in sockets)  # no stray directories


def test_two_serve_instances_run_side_by_side_each_on_its_own_control_socket(settings, tmp_path):
    """gunicorn itself, started with serve's command line twice (a one-line app instead of
    gongkai's, so that it starts in a second): both run, each made its own socket, and
    neither touched the per-user default one."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request
    from pathlib import Path

    from gongkai.core.commands import gunicorn_argv

    settings.VAR_DIR = tmp_path / "var"
    settings.VAR_DIR.mkdir()
    (tmp_path / "tinyapp.py").write_text(
        "def application(environ, start_response):\n"
        "    start_response('200 OK', [('Content-Type', 'text/plain')])\n"
        "    return [b'ok']\n"
    )
    ports = []
    for _ in range(2):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            ports.append(probe.getsockname()[1])
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    env = {**os.environ, "HOME": str(tmp_path / "home")}
    procs = []
    try:
        for port in ports:
            argv = gunicorn_argv(gunicorn, "127.0.0.1", port, 1)
            argv[argv.index("gongkai.wsgi:application")] = "tinyapp:application"
            procs.append(
                subprocess.Popen(
                    argv,
                    cwd=tmp_path,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        sockets = [settings.VAR_DIR / f"gunicorn-127.0.0.1-{port}.ctl" for port in ports]
        answers = []
        deadline = time.time() + 60
        while time.time() < deadline and len(answers) < 2:
            answers = []
            for port in ports:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as r:
                        answers.append(r.read())
                except OSError:
                    time.sleep(0.2)
                    break
        assert answers == [b"ok", b"ok"]
        while time.time() < deadline and not all(s.exists() for s in sockets):
            time.sleep(0.2)
        assert all(s.is_socket() for s in sockets)
        assert [p.poll() for p in procs] == [None, None]  # the second did not stop the first
        assert not (tmp_path / "home" / ".gunicorn").exists()
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=30)


def test_serve_creates_private_files_and_public_static_files(monkeypatch):
    """serve runs migrate (which creates the SQLite database) and gunicorn under umask 077, and
    only collectstatic under 022; the systemd units in the operator guide set UMask=0077 too."""
    import os
    from pathlib import Path

    import django.core.management

    seen = []

    def current_umask() -> int:
        mask = os.umask(0o022)
        os.umask(mask)
        return mask

    def fake_call_command(name, **_):
        seen.append((name, current_umask()))

    def fake_execv(path, argv):  # instead of replacing this process by gunicorn
        seen.append(("gunicorn", current_umask()))
        raise SystemExit(0)

    monkeypatch.setattr(django.core.management, "call_command", fake_call_command)
    monkeypatch.setattr(os, "execv", fake_execv)
    import socket

    with socket.socket() as probe:  # a port that is free now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    before = current_umask()
    try:
        assert run(["serve", "--port", str(port)]) == 0
    finally:
        os.umask(before)
    assert seen == [("migrate", 0o077), ("collectstatic", 0o022), ("gunicorn", 0o077)]
    guide = (Path(__file__).resolve().parents[2] / "docs" / "operator-guide.md").read_text()
    units = guide.count("[Service]")
    assert units >= 2 and guide.count("UMask=0077") >= units
