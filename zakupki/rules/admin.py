from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.http import HttpRequest

from zakupki.rules.models import RegionRuleOverride

if TYPE_CHECKING:
    _Base = admin.ModelAdmin[RegionRuleOverride]
else:
    # ModelAdmin is generic only in the type stubs; the settings do not monkeypatch it at run time.
    _Base = admin.ModelAdmin


@admin.register(RegionRuleOverride)
class RegionRuleOverrideAdmin(_Base):
    """Read-only: a change made here would skip the type and overlap checks and the audit journal."""

    list_display = ("region", "key", "value", "effective_from", "effective_until", "created_by", "created_at")
    list_filter = ("region", "key")
    search_fields = ("key", "reason")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
