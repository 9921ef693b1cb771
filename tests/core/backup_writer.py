"""Write load for tests/core/test_backup.py: a separate process that keeps submitting
applications (with an attachment) and creating items (with an attachment) through the real
services until a stop file appears. Each acknowledged write is printed as one line.

    python tests/core/backup_writer.py STOPFILE
"""

from __future__ import annotations

import datetime
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main(stop: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.agencies.models import Agency, Membership, Role
    from gongkai.applications import services as applications
    from gongkai.publishing import items
    from tests.applications.factories import person_data, resident_id

    agency, _ = Agency.objects.get_or_create(
        code="backup", defaults={"name": "备份测试局", "level": "county", "kind": "department"}
    )
    from django.contrib.auth import get_user_model

    officer, _ = get_user_model().objects.get_or_create(username="backup-officer")
    Membership.objects.get_or_create(user=officer, agency=agency, role=Role.OFFICER)
    i = 0
    while not stop.exists():
        i += 1
        pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + f"申请材料 {i}".encode() * 50 + b"\n%%EOF\n"
        receipt = applications.submit(
            agency,
            person_data(name=f"申请人{i}", id_number=resident_id(i)),
            [SimpleUploadedFile(f"材料{i}.pdf", pdf, content_type="application/pdf")],
            actor=None,  # an applicant on the portal, not a member of staff
        )
        print("application", receipt.application.pk, flush=True)
        item = items.create_item(
            agency,
            officer,
            title=f"备份测试信息第{i}条",
            body="<p>正文</p>",
            formed_on=datetime.date(2026, 11, 2),
        )
        items.add_attachment(item, officer, f"附件{i}.pdf", pdf.replace(b"%%EOF", b"%%EOF "))
        print("item", item.pk, flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
