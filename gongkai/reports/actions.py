"""Ledger actions of the reports module (`reports.<object>.<verb>`), with their labels, and
the codes the ledger stored before the grammar (kept so old events still read in Chinese)."""

from gongkai.audit.actions import Action, legacy

REPORT_CREATE = Action("reports.report.create", "创建年度报告")
REPORT_SUBMIT = Action("reports.report.submit", "年度报告提交审核")
REPORT_REOPEN = Action("reports.report.reopen", "年度报告退回修改")
REPORT_REVIEW = Action("reports.report.review", "年度报告保密审查通过")
REPORT_APPROVE = Action("reports.report.approve", "领导审定年度报告")
REPORT_PUBLISH = Action("reports.report.publish", "发布年度报告")
FIGURES_ENTER = Action("reports.figures.enter", "录入统计数")
FIGURES_IMPORT = Action("reports.figures.import", "导入统计数")
FIGURES_COMPUTE = Action("reports.figures.compute", "更新系统计算的统计数")
SECTIONS_SAVE = Action("reports.sections.save", "保存年度报告正文")

legacy(
    {
        "reports.create": REPORT_CREATE,
        "reports.submit": REPORT_SUBMIT,
        "reports.reopen": REPORT_REOPEN,
        "reports.approve": REPORT_APPROVE,
        "reports.publish": REPORT_PUBLISH,
        "reports.figures_entered": FIGURES_ENTER,
        "reports.figures_imported": FIGURES_IMPORT,
        "reports.figures_computed": FIGURES_COMPUTE,
        "reports.sections_saved": SECTIONS_SAVE,
    }
)
