from django.contrib import admin

from gongkai.applications.models import Reason


@admin.register(Reason)
class ReasonAdmin(admin.ModelAdmin):
    list_display = ["outcome", "title", "legal_basis", "row_2014", "is_active", "order"]
    list_filter = ["outcome", "is_active"]
    search_fields = ["title", "legal_basis"]
