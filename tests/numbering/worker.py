"""Run by test_numbering in separate processes: take numbers and print them, one per line.

python tests/numbering/worker.py SCOPE COUNT PERIOD [PERIOD …]   (GONGKAI_DATABASE_URL set)
python tests/numbering/worker.py --migrate
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from gongkai.numbering.services import next_number  # noqa: E402

if sys.argv[1] == "--migrate":
    call_command("migrate", "numbering", verbosity=0)
    sys.exit(0)

scope, count, periods = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
out = []
for i in range(count):
    period = periods[i % len(periods)]
    with transaction.atomic():
        out.append(f"{period} {next_number(scope, period)}")
print("\n".join(out))
