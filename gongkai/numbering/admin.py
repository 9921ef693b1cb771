from django.contrib import admin

from gongkai.numbering.models import Sequence


@admin.register(Sequence)
class SequenceAdmin(admin.ModelAdmin):
    list_display = ("scope", "period", "last")
    search_fields = ("scope",)

    def has_change_permission(self, request, obj=None):
        return False  # hand edits would break gap-free numbering
