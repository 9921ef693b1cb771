from django.db import migrations


class Migration(migrations.Migration):
    """ApiToken moved to the accounts app. Only the model state leaves core here; the table
    stays and is taken over (and renamed) by accounts.0001/0002."""

    dependencies = [("core", "0002_api_token")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ApiToken")], database_operations=[]
        )
    ]
