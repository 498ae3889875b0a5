"""Contract deadline reminders as data (architecture rule 9).

Each contract with deadlines has a ContractWatch whose `next_check_at` is the next instant a reminder
falls due: the morning a warning is due (N working days before, N a regional rules parameter) or the
instant a deadline passes. The handler re-reads the contract's open deadlines at that moment, sends what
is due (dedupe keys make every reminder once per person, however often or late it runs) and moves
`next_check_at` on. Contracts never call us: the sweep (a single row, every few minutes) makes the
watches of contracts written since the last sweep due, so new and changed deadlines are picked up."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from zakupki.contracts.models import Contract
from zakupki.contracts.selectors_deadlines import (
    ContractDeadline,
    contract_open_deadlines,
    contracts_changed_since,
)
from zakupki.core.timeutil import local_date
from zakupki.notifications.contract_texts import Moment, Party, reminder_for
from zakupki.notifications.models import ContractWatch, DeadlineSweep
from zakupki.notifications.services import notification_send
from zakupki.rules.calendar import is_working_day
from zakupki.rules.engine import rule_value

WARNING_DAYS_KEY = "notifications.deadline_warning_working_days"
# Technical choices, not legal numbers: warnings arrive at the start of a working morning; a deadline
# found passed long ago (a first sweep over old contracts) is not announced any more.
WARNING_LOCAL_TIME = dt.time(9, 0)
TOO_OLD_TO_ANNOUNCE = dt.timedelta(days=30)
SWEEP_INTERVAL = dt.timedelta(minutes=10)
# A sweep re-reads a little before the previous one: a row written in a transaction that committed
# after that sweep still carries an earlier timestamp.
SWEEP_OVERLAP = dt.timedelta(minutes=5)
ONE_DAY = dt.timedelta(days=1)
JUST_AFTER = dt.timedelta(microseconds=1)
TOUCH_CHUNK = 500  # well under SQLite's limit of query parameters


def warning_day(due_date: dt.date, working_days: int) -> dt.date:
    """The working day after which `working_days` working days remain up to and including `due_date`."""
    day, remaining = due_date, working_days
    while remaining > 0:
        if is_working_day(day):
            remaining -= 1
        day -= ONE_DAY
    while not is_working_day(day):
        day -= ONE_DAY
    return day


def warning_at(deadline: ContractDeadline, *, working_days: int, tz_name: str) -> dt.datetime:
    day = warning_day(deadline.due_date, working_days)
    return dt.datetime.combine(day, WARNING_LOCAL_TIME, tzinfo=ZoneInfo(tz_name)).astimezone(dt.UTC)


def _notify(contract: Contract, deadline: ContractDeadline, moment: Moment) -> None:
    reminder = reminder_for(contract, deadline, moment)
    parties = {Party.CUSTOMER: contract.customer, Party.SUPPLIER: contract.supplier}
    # The due instant is in the key: a deadline moved by a contract change is a new reminder.
    key = f"contract:{contract.pk}:{deadline.kind}:{deadline.ref}:{deadline.due_at.isoformat()}:{moment}"
    for party in reminder.parties:
        notification_send(
            kind=reminder.kind,
            subject=reminder.subject,
            body=reminder.body,
            link=f"/contracts/{contract.pk}/",
            organization=parties[party],
            dedupe_key=key,
        )


def contract_watch_due(watch: ContractWatch, now: dt.datetime) -> None:
    """Worker time event: sends the reminders due at `now` and schedules the next one."""
    contract = Contract.objects.select_related("customer__region", "supplier").get(pk=watch.contract_id)
    region = contract.customer.region
    working_days = int(rule_value(WARNING_DAYS_KEY, on=local_date(now, region.timezone), region=region))
    upcoming: list[dt.datetime] = []
    for deadline in contract_open_deadlines(contract=contract):
        passes_at = deadline.due_at + JUST_AFTER
        warns_at = warning_at(deadline, working_days=working_days, tz_name=deadline.tz_name)
        if now >= passes_at:
            if now - passes_at <= TOO_OLD_TO_ANNOUNCE:
                _notify(contract, deadline, Moment.PASSED)
        elif now >= warns_at:
            _notify(contract, deadline, Moment.SOON)
            upcoming.append(passes_at)
        else:
            upcoming.append(warns_at)
    watch.checked_at = now
    watch.next_check_at = min(upcoming, default=None)
    watch.save(update_fields=["checked_at", "next_check_at"])


def contract_watches_touch(*, contract_ids: list[int], now: dt.datetime) -> None:
    """Makes these contracts' watches due at `now` (creating missing ones): their deadlines are re-read."""
    for start in range(0, len(contract_ids), TOUCH_CHUNK):
        chunk = contract_ids[start : start + TOUCH_CHUNK]
        ContractWatch.objects.filter(contract_id__in=chunk).update(next_check_at=now)
        existing = set(
            ContractWatch.objects.filter(contract_id__in=chunk).values_list("contract_id", flat=True)
        )
        ContractWatch.objects.bulk_create(
            [ContractWatch(contract_id=pk, next_check_at=now) for pk in chunk if pk not in existing],
            ignore_conflicts=True,  # a concurrent toucher created it: it is due anyway
        )


def deadline_sweep_due(sweep: DeadlineSweep, now: dt.datetime) -> None:
    """Worker time event: makes due the watch of every contract written since the last sweep."""
    since = sweep.swept_at - SWEEP_OVERLAP if sweep.swept_at is not None else None
    contract_watches_touch(contract_ids=contracts_changed_since(since=since), now=now)
    sweep.swept_at = now
    sweep.next_check_at = now + SWEEP_INTERVAL
    sweep.save(update_fields=["swept_at", "next_check_at"])


def deadline_sweep_ensure(*, now: dt.datetime) -> DeadlineSweep:
    """The sweep row (the migration creates it; a flushed database or a fresh demo may not have it)."""
    sweep, _ = DeadlineSweep.objects.get_or_create(pk=1, defaults={"next_check_at": now})
    return sweep
