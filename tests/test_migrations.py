"""Models and migrations agree on every checkout, whatever its path."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit:  # --check exits 1 when a migration is missing
        pytest.fail(f"缺少迁移（exit {exit.code}）：\n{out.getvalue()}")
    assert "No changes detected" in out.getvalue()
