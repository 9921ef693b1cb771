from django.contrib import admin

from gongkai.agencies.scope import is_audit_admin
from gongkai.audit.models import Event


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
