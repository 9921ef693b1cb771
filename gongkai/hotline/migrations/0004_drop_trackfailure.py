# Failed tracking look-ups are counted by the one limiter (gongkai.core.throttle, table
# core_throttleevent) like the applications' look-ups; the hotline's own table goes.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("hotline", "0003_channels_partners"),
    ]

    operations = [
        migrations.DeleteModel(name="TrackFailure"),
    ]
