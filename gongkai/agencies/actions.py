"""Ledger actions of the agencies module (`agencies.<object>.<verb>`), with their labels, and
the codes the ledger stored before the grammar (kept so old events still read in Chinese)."""

from gongkai.audit.actions import Action, legacy

AGENCY_CREATE = Action("agencies.agency.create", "新增机关")
AGENCY_UPDATE = Action("agencies.agency.update", "修改机关信息")
READING_POINT_CREATE = Action("agencies.reading_point.create", "新增查阅点")
READING_POINT_UPDATE = Action("agencies.reading_point.update", "修改查阅点")
READING_POINT_DELETE = Action("agencies.reading_point.delete", "删除查阅点")
USER_CREATE = Action("agencies.user.create", "新建用户账号")
MEMBERSHIP_CREATE = Action("agencies.membership.create", "授予角色")
MEMBERSHIP_DELETE = Action("agencies.membership.delete", "撤销角色")
ORG_YEAR_SAVE = Action("agencies.org_year.save", "保存机构与经费情况")
VISITS_SAVE = Action("agencies.reading_point_visits.save", "保存查阅点接待人次")
MEETING_ADD = Action("agencies.meeting.add", "登记工作会议")
TRAINING_ADD = Action("agencies.training.add", "登记培训")
ARCHIVE_ADD = Action("agencies.archive.add", "登记向档案馆、图书馆报送")

legacy(
    {
        "agency.create": AGENCY_CREATE,
        "agency.update": AGENCY_UPDATE,
        "reading_point.create": READING_POINT_CREATE,
        "reading_point.update": READING_POINT_UPDATE,
        "reading_point.delete": READING_POINT_DELETE,
        "user.create": USER_CREATE,
        "membership.create": MEMBERSHIP_CREATE,
        "membership.delete": MEMBERSHIP_DELETE,
        "agencies.org_year_saved": ORG_YEAR_SAVE,
        "agencies.reading_point_visits_saved": VISITS_SAVE,
        "agencies.meeting_added": MEETING_ADD,
        "agencies.training_added": TRAINING_ADD,
        "agencies.archive_added": ARCHIVE_ADD,
    }
)
