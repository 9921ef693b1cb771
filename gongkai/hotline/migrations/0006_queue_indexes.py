# The centre's queue reads open tickets in page order from one partial index (gongkai.hotline.queue,
# bench/hotline.py --part queue); the old (agency, status, due_on) index could not give that order.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("hotline", "0005_public_reply"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="ticket",
            name="hotline_tk_queue",
        ),
        migrations.AddIndex(
            model_name="ticket",
            index=models.Index(
                condition=models.Q(("status", "closed"), _negated=True),
                fields=[
                    "agency",
                    "due_on",
                    "received_at",
                    "id",
                    "status",
                    "type",
                    "channel",
                    "supervised",
                    "ticket_no",
                ],
                name="hotline_tk_open_queue",
            ),
        ),
    ]
