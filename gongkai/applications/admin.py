from django.contrib import admin

from gongkai.applications.models import HandlingRules, Reason


@admin.register(Reason)
class ReasonAdmin(admin.ModelAdmin):
    list_display = ["outcome", "title", "legal_basis", "row_2014", "is_active", "order"]
    list_filter = ["outcome", "is_active"]
    search_fields = ["title", "legal_basis"]


@admin.register(HandlingRules)
class HandlingRulesAdmin(admin.ModelAdmin):
    """Per body: 机关代字 of letter numbers, and whether replies need the leader's sign-off."""

    list_display = ["agency", "letter_code", "sign_off_required"]
    search_fields = ["agency__name", "letter_code"]
    # A plain select, not autocomplete_fields: Django's autocomplete widget, redrawing a refused
    # form, looks the sent value up as an id and fails on one that is not a number (a 500).
