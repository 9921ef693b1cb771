# Personal fields encrypted at rest: hash columns, text columns for the ciphertext, then every
# existing row encrypted in batches with the frozen helpers (reversible: decrypts).

import gongkai.core.encrypted
from django.db import migrations

from gongkai.core.frozen import fieldcrypt_v1


TABLE = "applications_application"
FIELDS = ["name", "id_number", "legal_rep", "contact_person", "phone", "email", "address"]
HASHES = {
    "name_hash": "name:name",
    "id_number_hash": "id_number:id_number",
    "phone_hash": "phone:phone",
}


def encrypt(apps, schema_editor):
    fieldcrypt_v1.encrypt_table(schema_editor, TABLE, FIELDS, HASHES)


def decrypt(apps, schema_editor):
    fieldcrypt_v1.decrypt_table(schema_editor, TABLE, FIELDS, HASHES)


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0007_supplement_event_codes"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="id_number_hash",
            field=gongkai.core.encrypted.SearchHash(
                blank=True,
                db_index=True,
                default="",
                editable=False,
                kind="id_number",
                max_length=32,
                source="id_number",
            ),
        ),
        migrations.AddField(
            model_name="application",
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
            model_name="application",
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
            model_name="application",
            name="address",
            field=gongkai.core.encrypted.EncryptedCharField(
                blank=True, max_length=300, verbose_name="通信地址"
            ),
        ),
        migrations.AlterField(
            model_name="application",
            name="contact_person",
            field=gongkai.core.encrypted.EncryptedCharField(
                blank=True, max_length=50, verbose_name="联系人"
            ),
        ),
        migrations.AlterField(
            model_name="application",
            name="email",
            field=gongkai.core.encrypted.EncryptedEmailField(
                blank=True, max_length=254, verbose_name="电子邮箱"
            ),
        ),
        migrations.AlterField(
            model_name="application",
            name="id_number",
            field=gongkai.core.encrypted.EncryptedCharField(max_length=40, verbose_name="证件号码"),
        ),
        migrations.AlterField(
            model_name="application",
            name="legal_rep",
            field=gongkai.core.encrypted.EncryptedCharField(
                blank=True, max_length=50, verbose_name="法定代表人/负责人"
            ),
        ),
        migrations.AlterField(
            model_name="application",
            name="name",
            field=gongkai.core.encrypted.EncryptedCharField(
                max_length=100, verbose_name="姓名/名称"
            ),
        ),
        migrations.AlterField(
            model_name="application",
            name="phone",
            field=gongkai.core.encrypted.EncryptedCharField(max_length=30, verbose_name="联系电话"),
        ),
        migrations.RunPython(encrypt, decrypt),
    ]
