from django.contrib import admin

from gongkai.agencies.models import Agency, Membership, ReadingPoint


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "level", "kind", "parent"]
    search_fields = ["name", "code"]
    list_filter = ["level", "kind"]
    raw_id_fields = ["parent"]


admin.site.register(ReadingPoint)
admin.site.register(Membership)
