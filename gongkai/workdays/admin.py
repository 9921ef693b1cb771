from django.contrib import admin

from gongkai.workdays.models import CalendarDay, CalendarVersion, OfficialYear


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("day", "kind", "name", "notice")
    list_filter = ("kind",)
    date_hierarchy = "day"

    # Changes go through the staff pages so they are audited and bump the version.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OfficialYear)
class OfficialYearAdmin(CalendarDayAdmin):
    list_display = ("year", "notice", "document_number")
    list_filter = ()
    date_hierarchy = None


@admin.register(CalendarVersion)
class CalendarVersionAdmin(CalendarDayAdmin):
    list_display = ("number", "changed_at")
    list_filter = ()
    date_hierarchy = None
