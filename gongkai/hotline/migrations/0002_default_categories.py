"""The default category tree of hotline.md §3 (a centre edits it afterwards).

A frozen copy of gongkai/hotline/defaults.py as it was: a migration never runs live app code."""

from django.db import migrations

CATEGORIES: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "urban",
        "城乡建设",
        [
            ("urban-roads", "道路桥梁"),
            ("urban-greening", "园林绿化"),
            ("urban-sanitation", "环境卫生"),
            ("urban-management", "城市管理"),
        ],
    ),
    (
        "housing",
        "住房保障",
        [
            ("housing-property", "物业"),
            ("housing-building", "房屋建设"),
            ("housing-trade", "房产交易"),
            ("housing-demolition", "拆迁"),
        ],
    ),
    (
        "traffic",
        "交通出行",
        [("traffic-bus", "公交"), ("traffic-taxi", "出租车"), ("traffic-parking", "停车")],
    ),
    (
        "utilities",
        "公共服务",
        [
            ("utilities-water", "供水"),
            ("utilities-power", "供电"),
            ("utilities-gas", "供气"),
            ("utilities-heat", "供热"),
            ("utilities-telecom", "通信"),
        ],
    ),
    (
        "social-security",
        "社会保障",
        [("ss-pension", "养老保险"), ("ss-medical", "医疗保险"), ("ss-assistance", "社会救助")],
    ),
    ("health", "医疗卫生", []),
    ("education", "教育", []),
    ("market", "市场监管", [("market-food", "食品安全"), ("market-consumer", "消费维权")]),
    ("agriculture", "农林畜牧水利", []),
    (
        "environment",
        "生态环境",
        [("env-air", "大气污染"), ("env-noise", "噪声扰民"), ("env-water", "水污染")],
    ),
    ("public-security", "公安执法与交通秩序", []),
    ("labour", "劳动就业", [("labour-wages", "欠薪"), ("labour-jobs", "就业创业")]),
    ("culture", "科教文体", []),
    (
        "policy",
        "政策咨询",
        [("policy-services", "办事指南"), ("policy-disclosure", "政府信息公开")],
    ),
    (
        "life-services",
        "生活服务",
        [("life-finance", "金融"), ("life-medical", "就医"), ("life-eldercare", "居家养老")],
    ),
    ("volunteer", "志愿服务", []),
    ("other", "其他", []),
]



def load(apps, schema_editor):
    Category = apps.get_model("hotline", "Category")
    for i, (code, name, children) in enumerate(CATEGORIES):
        parent, _ = Category.objects.get_or_create(
            code=code, defaults={"name": name, "order": i * 100}
        )
        for j, (ccode, cname) in enumerate(children):
            Category.objects.get_or_create(
                code=ccode, defaults={"name": cname, "parent": parent, "order": i * 100 + j + 1}
            )


class Migration(migrations.Migration):
    dependencies = [("hotline", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
