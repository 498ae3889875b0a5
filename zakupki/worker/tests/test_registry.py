import pytest
from django.core.exceptions import ImproperlyConfigured

from zakupki.accounts.models import ApiToken, Organization, Region
from zakupki.worker.registry import TimeEvent, check_event, check_unique


def _noop(obj, now):
    return None


def test_model_without_due_field_is_refused():
    with pytest.raises(ImproperlyConfigured, match="Region has no next_check_at"):
        check_event(TimeEvent("x.region", Region, _noop))


def test_unindexed_or_wrong_due_field_is_refused(monkeypatch):
    field = Organization._meta.get_field("next_check_at")
    monkeypatch.setattr(field, "db_index", False)
    with pytest.raises(ImproperlyConfigured, match="must be indexed"):
        check_event(TimeEvent("x.org", Organization, _noop))


def test_two_events_on_one_model_are_refused():
    with pytest.raises(ImproperlyConfigured, match="share Organization.next_check_at"):
        check_unique([TimeEvent("a", Organization, _noop), TimeEvent("b", Organization, _noop)])


def test_duplicate_names_are_refused():
    with pytest.raises(ImproperlyConfigured, match="declared twice"):
        check_unique([TimeEvent("a", Organization, _noop), TimeEvent("a", ApiToken, _noop)])
