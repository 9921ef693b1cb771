from django.db import migrations

# A frozen copy of gongkai.applications.reasons.DEFAULT_REASONS as it stood when this migration
# was written (outcome, title, legal basis, 2014 row): a migration never calls live app code,
# which may change after it has run.
DEFAULT_REASONS = [
    (
        "granted",
        "属于已主动公开的政府信息，告知获取方式和途径",
        "《中华人民共和国政府信息公开条例》第三十六条第（一）项",
        "req.already_public",
    ),
    (
        "granted",
        "属于可以公开的政府信息，予以提供",
        "《中华人民共和国政府信息公开条例》第三十六条第（二）项",
        "",
    ),
    (
        "partial",
        "含有不应当公开的内容，作区分处理后提供可以公开的部分",
        "《中华人民共和国政府信息公开条例》第三十七条",
        "",
    ),
    ("withheld.state_secret", "属于国家秘密", "《中华人民共和国政府信息公开条例》第十四条", ""),
    (
        "withheld.law_prohibited",
        "法律、行政法规禁止公开",
        "《中华人民共和国政府信息公开条例》第十四条",
        "",
    ),
    (
        "withheld.security",
        "公开后可能危及国家安全、公共安全、经济安全、社会稳定",
        "《中华人民共和国政府信息公开条例》第十四条",
        "",
    ),
    (
        "withheld.third_party",
        "涉及商业秘密，公开会对第三方合法权益造成损害",
        "《中华人民共和国政府信息公开条例》第十五条",
        "req.refused.business_secret",
    ),
    (
        "withheld.third_party",
        "涉及个人隐私，公开会对第三方合法权益造成损害",
        "《中华人民共和国政府信息公开条例》第十五条",
        "req.refused.privacy",
    ),
    (
        "withheld.internal",
        "属于人事管理、后勤管理、内部工作流程等内部事务信息",
        "《中华人民共和国政府信息公开条例》第十六条第一款",
        "",
    ),
    (
        "withheld.process",
        "属于讨论记录、过程稿、磋商信函、请示报告等过程性信息",
        "《中华人民共和国政府信息公开条例》第十六条第二款",
        "",
    ),
    (
        "withheld.enforcement",
        "属于行政执法案卷信息",
        "《中华人民共和国政府信息公开条例》第十六条第二款",
        "",
    ),
    (
        "withheld.inquiry",
        "属于工商、不动产登记资料等有专门查询规定的信息",
        "《中华人民共和国政府信息公开条例》第三十六条第（七）项",
        "",
    ),
    (
        "unavailable.not_held",
        "经检索没有所申请公开的信息",
        "《中华人民共和国政府信息公开条例》第三十六条第（四）项",
        "req.nonexistent",
    ),
    (
        "unavailable.not_held",
        "不属于本机关负责公开，告知负责公开的机关名称和联系方式",
        "《中华人民共和国政府信息公开条例》第三十六条第（五）项",
        "req.not_this_agency",
    ),
    (
        "unavailable.needs_creation",
        "需要对现有政府信息进行加工、分析",
        "《中华人民共和国政府信息公开条例》第三十八条",
        "",
    ),
    (
        "unavailable.unclear",
        "补正后申请内容仍不明确",
        "《中华人民共和国政府信息公开条例》第三十条",
        "",
    ),
    (
        "declined.petition",
        "以政府信息公开申请形式进行信访、投诉、举报",
        "《中华人民共和国政府信息公开条例》第三十九条第一款",
        "",
    ),
    (
        "declined.repeat",
        "重复申请公开相同政府信息",
        "《中华人民共和国政府信息公开条例》第三十六条第（六）项",
        "",
    ),
    (
        "declined.publication",
        "要求提供政府公报、报刊、书籍等公开出版物",
        "《中华人民共和国政府信息公开条例》第三十九条第二款",
        "",
    ),
    (
        "declined.abusive",
        "申请公开政府信息的数量、频次明显超过合理范围且理由不合理",
        "《中华人民共和国政府信息公开条例》第三十五条",
        "",
    ),
    (
        "declined.confirmation",
        "要求行政机关确认或者重新出具已获取的信息",
        "《中华人民共和国政府信息公开条例》第三十六条",
        "",
    ),
    ("other.other", "其他情形", "《中华人民共和国政府信息公开条例》", ""),
]


def create(apps, schema_editor):
    reason_model = apps.get_model("applications", "Reason")
    for order, (outcome, title, basis, row) in enumerate(DEFAULT_REASONS):
        reason_model.objects.get_or_create(
            outcome=outcome,
            title=title,
            defaults={"legal_basis": basis, "row_2014": row, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("applications", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
