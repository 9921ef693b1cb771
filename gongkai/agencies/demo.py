"""Demo bodies and one user per role. Passwords are for demos only."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model

from gongkai.agencies.models import (
    Agency,
    AgencyKind,
    AgencyLevel,
    Membership,
    OrgYear,
    ReadingPoint,
    Role,
)

DEMO_PASSWORD = "gongkai-demo-2026"

G, D, T = AgencyKind.GOVERNMENT, AgencyKind.DEPARTMENT, AgencyKind.DISPATCHED
# (code, name, level, kind, parent code, extra fields)
BODIES: list[tuple[str, str, str, str, str | None, dict]] = [
    (
        "sd",
        "山东省人民政府",
        AgencyLevel.PROVINCE,
        G,
        None,
        {"office_name": "山东省人民政府办公厅政务公开办公室"},
    ),
    (
        "zb",
        "淄博市人民政府",
        AgencyLevel.CITY,
        G,
        "sd",
        {"office_name": "淄博市人民政府办公室政务公开科"},
    ),
    (
        "zbzc",
        "周村区人民政府",
        AgencyLevel.COUNTY,
        G,
        "zb",
        {
            "office_name": "周村区人民政府办公室政务公开科",
            "address": "山东省淄博市周村区新建中路100号",
            "postcode": "255300",
            "phone": "0533-6418001",
            "office_hours": "工作日 上午8:30–12:00，下午13:30–17:30",
        },
    ),
    (
        "zbzc-zwfw",
        "周村区政务服务中心管理办公室",
        AgencyLevel.COUNTY,
        D,
        "zbzc",
        {
            "short_name": "区政务服务中心",
            "office_name": "周村区政务服务中心管理办公室综合科",
            "address": "山东省淄博市周村区正阳路216号区政务服务中心",
            "postcode": "255300",
            "office_hours": "工作日 上午9:00–12:00，下午13:00–17:00",
            "phone": "0533-6181890",
            "fax": "0533-6181891",
            "email": "zczwfw@zb.shandong.cn",
            "website": "http://zwfw.zhoucun.gov.cn/",
        },
    ),
    ("zbzc-czj", "周村区财政局", AgencyLevel.COUNTY, D, "zbzc", {"phone": "0533-6418210"}),
    ("zbzc-jyj", "周村区教育和体育局", AgencyLevel.COUNTY, D, "zbzc", {"phone": "0533-6418330"}),
    (
        "zbzc-scl",
        "周村区丝绸路街道办事处",
        AgencyLevel.TOWNSHIP,
        T,
        "zbzc",
        {"phone": "0533-6412001"},
    ),
    ("zbzc-wc", "周村区王村镇人民政府", AgencyLevel.TOWNSHIP, G, "zbzc", {"phone": "0533-6501001"}),
    (
        "zbzc-scl-dj",
        "丝绸路街道大街社区居民委员会",
        AgencyLevel.VILLAGE,
        AgencyKind.OTHER,
        "zbzc-scl",
        {},
    ),
    ("zbzd", "张店区人民政府", AgencyLevel.COUNTY, G, "zb", {"phone": "0533-2181234"}),
    (
        "zb-zrzyj",
        "淄博市自然资源和规划局",
        AgencyLevel.CITY,
        D,
        "zb",
        {
            "office_name": "淄博市自然资源和规划局办公室",
            "address": "山东省淄博市张店区人民西路228号",
            "postcode": "255000",
            "phone": "0533-3182100",
            "fax": "0533-3182101",
            "email": "zrzyj_gk@zb.shandong.cn",
            "office_hours": "工作日 上午8:30–12:00，下午13:30–17:30",
        },
    ),
    ("zb-czj", "淄博市财政局", AgencyLevel.CITY, D, "zb", {}),
    ("qd", "青岛市人民政府", AgencyLevel.CITY, G, "sd", {}),
]

# 统一社会信用代码 with valid GB 32100 check characters, made up for the demo (region codes are
# real, the rest is not): 索引号 are built from them.
DEMO_USCC = {
    "sd": "1137000052601815X5",
    "zb": "11370300908301663L",
    "zbzc": "11370306131860916L",
    "zbzc-zwfw": "11370306390996033C",
    "zbzc-czj": "113703060824628142",
    "zbzc-jyj": "113703069482199393",
    "zbzc-scl": "11370306518190937K",
    "zbzc-wc": "11370306786579754M",
    "zbzc-scl-dj": "55370306432319488T",
    "zbzd": "1137030375749118XU",
    "zb-zrzyj": "11370300625276015T",
    "zb-czj": "11370300895559795X",
    "qd": "113702007114710447",
}

READING_POINTS = {
    # The seed report: 设置政府信息公开查阅点数 3.
    "zbzc-zwfw": [
        ("区政务服务大厅查阅点", "周村区正阳路216号区政务服务中心一楼", "工作日 9:00–17:00"),
        ("区档案馆查阅点", "周村区新建中路档案馆二楼", "工作日 8:30–17:30"),
        ("区图书馆查阅点", "周村区图书馆一楼大厅", "周二至周日 9:00–17:00"),
    ],
}

USERS = [
    ("admin", "演示管理员", "sd", Role.ADMIN),
    ("zwfw_officer", "政务服务中心信息公开工作人员", "zbzc-zwfw", Role.OFFICER),
    ("zwfw_reviewer", "政务服务中心审核人", "zbzc-zwfw", Role.REVIEWER),
    ("zwfw_leader", "政务服务中心主要领导", "zbzc-zwfw", Role.LEADER),
    ("czj_officer", "区财政局信息公开工作人员", "zbzc-czj", Role.OFFICER),
    ("zbzc_supervisor", "周村区政务公开办", "zbzc", Role.SUPERVISOR),
    ("zrzy_officer", "市自然资源和规划局信息公开工作人员", "zb-zrzyj", Role.OFFICER),
    ("zrzy_leader", "市自然资源和规划局办公室主任", "zb-zrzyj", Role.LEADER),
]


def load(out) -> None:
    by_code: dict[str, Agency] = {}
    for order, (code, name, level, kind, parent_code, extra) in enumerate(BODIES):
        agency, _ = Agency.objects.update_or_create(
            code=code,
            defaults={
                "uscc": DEMO_USCC.get(code, ""),
                "name": name,
                "level": level,
                "kind": kind,
                "parent": by_code.get(parent_code),
                "sort_order": order,
                **extra,
            },
        )
        by_code[code] = agency
    for code, points in READING_POINTS.items():
        for name, address, hours in points:
            ReadingPoint.objects.update_or_create(
                agency=by_code[code], name=name, defaults={"address": address, "hours": hours}
            )
    user_model = get_user_model()
    for username, full_name, code, role in USERS:
        user, created = user_model.objects.get_or_create(
            username=username, defaults={"first_name": full_name}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.get_or_create(user=user, agency=by_code[code], role=role)
    # The seed body's 2017 staff and funding, as its 2017 report states them (the reports demo
    # builds that report from these records).
    OrgYear.objects.update_or_create(
        agency=by_code["zbzc-zwfw"],
        year=2017,
        defaults={"units": 0, "staff_full": None, "staff_part": 1, "budget": Decimal("0")},
    )
    out(f"机关 {len(BODIES)} 个、演示账号 {len(USERS)} 个")
