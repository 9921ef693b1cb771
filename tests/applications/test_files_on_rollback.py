"""A step that fails after writing files (the reply letter, the applicant's supplement files)
leaves none of them on disk: the rows roll back and the files go with them."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.applications import services
from gongkai.applications.choices import Outcome
from gongkai.applications.models import ApplicationFile, Determination

from .factories import make_application, pdf_file
from .test_intake import files_on_disk

pytestmark = pytest.mark.django_db
RECEIVED = date(2025, 3, 3)


def boom(*args, **kwargs):
    raise RuntimeError("crash after the files were written")


def test_a_failed_reply_leaves_no_letter_on_disk(agency_a, officer_a, monkeypatch):
    from gongkai.applications import steps

    app = make_application(agency_a, RECEIVED).application
    before = files_on_disk()
    monkeypatch.setattr(steps, "close", boom)  # after the letter was written
    with pytest.raises(RuntimeError):
        services.reply(app, outcome=Outcome.GRANTED, text="予以公开", actor=officer_a, on=RECEIVED)
    assert not Determination.objects.filter(application=app, letter__gt="").exists()
    assert files_on_disk() == before
    monkeypatch.undo()
    app.refresh_from_db()
    services.reply(app, outcome=Outcome.GRANTED, text="予以公开", actor=officer_a, on=RECEIVED)
    assert len(files_on_disk() - before) == 1  # the letter of the step that went through


def test_a_failed_supplement_leaves_no_file_on_disk(agency_a, officer_a, monkeypatch):
    from gongkai.applications import clock

    app = make_application(agency_a, RECEIVED).application
    services.notify_supplement(app, text="请写明文件名称", days=10, actor=officer_a, on=RECEIVED)
    app.refresh_from_db()
    before = files_on_disk()
    monkeypatch.setattr(clock, "refresh", boom)  # after the files were saved
    with pytest.raises(RuntimeError):
        services.receive_supplement(
            app, text="补正", files=[pdf_file()], actor=officer_a, on=date(2025, 3, 5)
        )
    assert not ApplicationFile.objects.filter(application=app).exists()
    assert files_on_disk() == before
