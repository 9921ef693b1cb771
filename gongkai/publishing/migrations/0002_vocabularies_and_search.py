from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE publishing_searchdoc_fts USING fts5("
    "words, content='publishing_searchdoc', content_rowid='item_id', tokenize='unicode61')",
    "CREATE TRIGGER publishing_searchdoc_ai AFTER INSERT ON publishing_searchdoc BEGIN "
    "INSERT INTO publishing_searchdoc_fts(rowid, words) VALUES (new.item_id, new.words); END",
    "CREATE TRIGGER publishing_searchdoc_ad AFTER DELETE ON publishing_searchdoc BEGIN "
    "INSERT INTO publishing_searchdoc_fts(publishing_searchdoc_fts, rowid, words) "
    "VALUES ('delete', old.item_id, old.words); END",
    "CREATE TRIGGER publishing_searchdoc_au AFTER UPDATE ON publishing_searchdoc BEGIN "
    "INSERT INTO publishing_searchdoc_fts(publishing_searchdoc_fts, rowid, words) "
    "VALUES ('delete', old.item_id, old.words); "
    "INSERT INTO publishing_searchdoc_fts(rowid, words) VALUES (new.item_id, new.words); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS publishing_searchdoc_ai",
    "DROP TRIGGER IF EXISTS publishing_searchdoc_ad",
    "DROP TRIGGER IF EXISTS publishing_searchdoc_au",
    "DROP TABLE IF EXISTS publishing_searchdoc_fts",
]
POSTGRES_FORWARD = [
    "ALTER TABLE publishing_searchdoc ADD COLUMN tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', words)) STORED",
    "CREATE INDEX publishing_searchdoc_tsv ON publishing_searchdoc USING gin (tsv)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS publishing_searchdoc_tsv",
    "ALTER TABLE publishing_searchdoc DROP COLUMN IF EXISTS tsv",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


# A frozen copy of gongkai.publishing.vocab.default_terms() as it stood when this migration was
# written (scheme, code, name, order): a migration never calls live app code.
DEFAULT_TERMS = [
    ("category", "20-01", "（一）行政法规、规章和规范性文件", 1),
    ("category", "20-02", "（二）机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名", 2),
    ("category", "20-03", "（三）国民经济和社会发展规划、专项规划、区域规划及相关政策", 3),
    ("category", "20-04", "（四）国民经济和社会发展统计信息", 4),
    (
        "category",
        "20-05",
        "（五）办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
        5,
    ),
    (
        "category",
        "20-06",
        "（六）实施行政处罚、行政强制的依据、条件、程序以及有一定社会影响的行政处罚决定",
        6,
    ),
    ("category", "20-07", "（七）财政预算、决算信息", 7),
    ("category", "20-08", "（八）行政事业性收费项目及其依据、标准", 8),
    ("category", "20-09", "（九）政府集中采购项目的目录、标准及实施情况", 9),
    ("category", "20-10", "（十）重大建设项目的批准和实施情况", 10),
    (
        "category",
        "20-11",
        "（十一）扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
        11,
    ),
    ("category", "20-12", "（十二）突发公共事件的应急预案、预警信息及应对情况", 12),
    (
        "category",
        "20-13",
        "（十三）环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
        13,
    ),
    ("category", "20-14", "（十四）公务员招考的职位、名额、报考条件等事项以及录用结果", 14),
    (
        "category",
        "20-15",
        "（十五）法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
        15,
    ),
    ("topic", "t01", "综合政务", 1),
    ("topic", "t02", "国民经济管理、国有资产监管", 2),
    ("topic", "t03", "财政、金融、审计", 3),
    ("topic", "t04", "国土资源、能源", 4),
    ("topic", "t05", "农业、林业、水利", 5),
    ("topic", "t06", "工业、交通", 6),
    ("topic", "t07", "商贸、海关、旅游", 7),
    ("topic", "t08", "市场监管、安全生产监管", 8),
    ("topic", "t09", "城乡建设、环境保护", 9),
    ("topic", "t10", "科技、教育", 10),
    ("topic", "t11", "文化、广电、新闻出版", 11),
    ("topic", "t12", "卫生、体育", 12),
    ("topic", "t13", "人口与计划生育、妇女儿童工作", 13),
    ("topic", "t14", "劳动、人事、监察", 14),
    ("topic", "t15", "公安、安全、司法", 15),
    ("topic", "t16", "民政、扶贫、救灾", 16),
    ("topic", "t17", "民族、宗教", 17),
    ("topic", "t18", "对外事务", 18),
    ("topic", "t19", "港澳台侨工作", 19),
    ("topic", "t20", "国防", 20),
    ("topic", "t21", "其他", 21),
    ("genre", "g01", "决议", 1),
    ("genre", "g02", "决定", 2),
    ("genre", "g03", "命令（令）", 3),
    ("genre", "g04", "公报", 4),
    ("genre", "g05", "公告", 5),
    ("genre", "g06", "通告", 6),
    ("genre", "g07", "意见", 7),
    ("genre", "g08", "通知", 8),
    ("genre", "g09", "通报", 9),
    ("genre", "g10", "报告", 10),
    ("genre", "g11", "请示", 11),
    ("genre", "g12", "批复", 12),
    ("genre", "g13", "议案", 13),
    ("genre", "g14", "函", 14),
    ("genre", "g15", "纪要", 15),
    ("genre", "g16", "规划", 16),
    ("genre", "g17", "计划", 17),
    ("genre", "g18", "总结", 18),
    ("genre", "g19", "工作动态", 19),
    ("genre", "g20", "解读", 20),
    ("genre", "g21", "其他", 21),
]


def seed_terms(apps, schema_editor):
    Term = apps.get_model("publishing", "Term")
    for scheme, code, name, order in DEFAULT_TERMS:
        Term.objects.get_or_create(
            scheme=scheme, code=code, defaults={"name": name, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_initial")]

    operations = [
        migrations.RunPython(seed_terms, migrations.RunPython.noop),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
