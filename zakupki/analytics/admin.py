from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.http import HttpRequest

from zakupki.analytics.models import RegionMethodologyChoice

if TYPE_CHECKING:
    _Base = admin.ModelAdmin[RegionMethodologyChoice]
else:
    # ModelAdmin is generic only in the type stubs; the settings do not monkeypatch it at run time.
    _Base = admin.ModelAdmin


@admin.register(RegionMethodologyChoice)
class RegionMethodologyChoiceAdmin(_Base):
    """Read-only: a change made here would skip the monotonic check and the audit journal."""

    list_display = ("region", "methodology_id", "changed_by", "updated_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
