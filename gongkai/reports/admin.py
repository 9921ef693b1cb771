from django.contrib import admin

from gongkai.agencies.models import (
    ArchiveSubmission,
    OrgYear,
    ReadingPointVisits,
    TrainingClass,
    WorkMeeting,
)
from gongkai.reports.models import DeadlineRule, Figure, Report


class FigureInline(admin.TabularInline):
    model = Figure
    extra = 0
    fields = ["key", "value", "provenance", "source", "entered_by", "updated_at"]
    readonly_fields = fields
    # Figures change only through the report's own steps, which record them and keep the
    # roll-up sums valid (rollup_cache).
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "format", "status"]
    list_filter = ["format", "status", "year"]
    search_fields = ["agency__name", "agency__code"]
    raw_id_fields = ["agency", "approved_by"]
    readonly_fields = ["status", "submitted_at", "approved_at", "approved_by", "published_at"]
    inlines = [FigureInline]


admin.site.register(DeadlineRule)
# The organisational records live in the agencies app (DESIGN) but belong to the reports work.
for model in (OrgYear, ReadingPointVisits, WorkMeeting, TrainingClass, ArchiveSubmission):
    admin.site.register(model)
