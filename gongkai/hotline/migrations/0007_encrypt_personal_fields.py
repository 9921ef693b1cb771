# Personal fields encrypted at rest: hash columns, text columns for the ciphertext, then every
# existing row encrypted in batches with the frozen helpers (reversible: decrypts).

import gongkai.core.encrypted
from django.db import migrations

from gongkai.core.frozen import fieldcrypt_v1


TABLES = {
    "hotline_ticket": (
        ["name", "phone", "address"],
        {"name_hash": "name:name", "phone_hash": "phone:phone", "address_hash": "address:address"},
    ),
    "hotline_call": (["caller"], {}),
    "hotline_channelmessage": (["sender"], {}),
}


def encrypt(apps, schema_editor):
    for table, (fields, hashes) in TABLES.items():
        fieldcrypt_v1.encrypt_table(schema_editor, table, fields, hashes)


def decrypt(apps, schema_editor):
    for table, (fields, hashes) in TABLES.items():
        fieldcrypt_v1.decrypt_table(schema_editor, table, fields, hashes)


class Migration(migrations.Migration):
    dependencies = [
        ("hotline", "0006_queue_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="ticket",
            name="address_hash",
            field=gongkai.core.encrypted.SearchHash(
                blank=True,
                db_index=True,
                default="",
                editable=False,
                kind="address",
                max_length=32,
                source="address",
            ),
        ),
        migrations.AddField(
            model_name="ticket",
            name="name_hash",
            field=gongkai.core.encrypted.SearchHash(
                blank=True,
                db_index=True,
                default="",
                editable=False,
                kind="name",
                max_length=32,
                source="name",
            ),
        ),
        migrations.AddField(
            model_name="ticket",
            name="phone_hash",
            field=gongkai.core.encrypted.SearchHash(
                blank=True,
                db_index=True,
                default="",
                editable=False,
                kind="phone",
                max_length=32,
                source="phone",
            ),
        ),
        migrations.AlterField(
            model_name="call",
            name="caller",
            field=gongkai.core.encrypted.EncryptedCharField(
                blank=True, max_length=30, verbose_name="主叫号码"
            ),
        ),
        migrations.AlterField(
            model_name="channelmessage",
            name="sender",
            field=gongkai.core.encrypted.EncryptedCharField(
                blank=True, max_length=255, verbose_name="发送方"
            ),
        ),
        migrations.AlterField(
            model_name="ticket",
            name="address",
            field=gongkai.core.encrypted.EncryptedCharField(
                blank=True, max_length=200, verbose_name="地址"
            ),
        ),
        migrations.AlterField(
            model_name="ticket",
            name="name",
            field=gongkai.core.encrypted.EncryptedCharField(
                blank=True, max_length=50, verbose_name="来电人"
            ),
        ),
        migrations.AlterField(
            model_name="ticket",
            name="phone",
            field=gongkai.core.encrypted.EncryptedCharField(
                blank=True, max_length=30, verbose_name="联系电话"
            ),
        ),
        migrations.RunPython(encrypt, decrypt),
    ]
