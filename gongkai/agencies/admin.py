from django.contrib import admin

from gongkai.agencies.models import Agency, Membership, ReadingPoint
from gongkai.agencies.scope import is_audit_admin
from gongkai.audit.models import Event


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "level", "kind", "parent"]
    search_fields = ["name", "code"]
    list_filter = ["level", "kind"]
    raw_id_fields = ["parent"]


admin.site.register(ReadingPoint)
admin.site.register(Membership)


# The ledger's admin lives here, not in audit: who may read it is decided by
# gongkai.agencies.scope, and audit sits below agencies (docs/architecture.md).
@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["id", "created_at", "actor_name", "action", "object_type", "object_id"]
    list_filter = ["object_type", "action"]

    # 三权分立: the whole ledger is for the audit administrator, not for a superuser.
    def has_module_permission(self, request):
        return is_audit_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return is_audit_admin(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
