"""Auto-bid resolution: the final state of a bot contest computed at once, without a ping-pong loop.

Pure arithmetic (no database), so it is property-tested on its own (tests/test_autobid_resolution.py).
The rule, also in docs/lifecycles/quotation_session.md:

Let B be the current best price (the НМЦК when nobody has bid), L its holder, d the minimum step and
S = d × ⌊step_max / d⌋ the largest multiple of d allowed in one step.

1. Each active bot i reaches k_i = ⌊(B − floor_i) / d⌋ steps below B: its lowest possible price
   B − k_i·d is on the grid B, B − d, B − 2d, … and not below its floor.
2. The leader L stands at B. Its own bot can only answer after a challenger has bid at least one step
   below B, so it counts k_L if k_L ≥ 2 and 0 otherwise; a leader without a bot counts 0.
3. Challengers are the other bots with k ≥ 1. With none, nothing happens.
4. Rank the leader and the challengers by reach, deepest first; on equal reach the leader first (it
   already stands at the best price), then the bot set earlier (`priority`), then the supplier id.
   The first is the winner w, the second the runner-up r (with no leader, r is the НМЦК itself, reach 0).
5. If k_w > k_r the runner-up goes down to its own reach and the winner one step below:
   r's last price P_r = B − k_r·d, the winner's price P = P_r − d.
   If k_w = k_r (tie, w has precedence) the winner takes the common reach: P = B − k_w·d, P_r = P + d.
6. Rows recorded: from B down to P_r the two bots alternate, each step a multiple of d between d and S
   (large steps first), the first row never by L (nobody undercuts its own leading bid), the last of
   them by r at P_r (omitted when P_r = B: r never bid, or r is L standing at B); then w at P.

The result is a fixed point: no bot other than w can go below P by d (so the resolution is never re-run
on its own output), every row is at or above its bot's floor, and every step obeys the step rule.
Bots ranked third and lower are not recorded: they could not affect the price. This needs S ≥ 2d
(the rules give 0.5 % and 5 %); `autobid_steps_supported` tells the services whether it holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Bot:
    supplier_id: int
    floor: Decimal
    priority: Any = 0  # sortable; earlier first (the services pass (priority_at, autobid id))


@dataclass(frozen=True)
class AutoBidRow:
    supplier_id: int
    price: Decimal


def steps_per_max(step_min: Decimal, step_max: Decimal) -> int:
    return int(step_max // step_min)


def autobid_steps_supported(*, step_min: Decimal, step_max: Decimal) -> bool:
    return step_min > 0 and steps_per_max(step_min, step_max) >= 2


def reach_steps(*, best: Decimal, floor: Decimal, step: Decimal) -> int:
    """How many minimum steps below `best` a bot with this floor can go (negative: not even to `best`)."""
    if floor > best:
        return -1
    return int((best - floor) // step)


def _gaps(total: int, count: int, largest: int) -> list[int]:
    gaps: list[int] = []
    left = total
    for i in range(count):
        rest = count - i - 1
        gap = min(largest, left - rest)
        gaps.append(gap)
        left -= gap
    if left != 0 or any(g < 1 or g > largest for g in gaps):
        raise ValueError("steps do not fit")  # pragma: no cover - excluded by the parity choice below
    return gaps


def resolve_autobids(
    *,
    best: Decimal,
    leader_id: int | None,
    step_min: Decimal,
    step_max: Decimal,
    bots: Sequence[Bot],
) -> list[AutoBidRow]:
    """The bids the bots place after `leader_id` came to lead at `best`, in order (prices decreasing)."""
    if not autobid_steps_supported(step_min=step_min, step_max=step_max):
        raise ValueError("auto-bidding needs step_max >= 2 * step_min")
    d = step_min
    s = steps_per_max(step_min, step_max)

    # (reach, is_challenger, priority, supplier_id); sorting by (-reach, is_challenger, priority, id).
    candidates: list[tuple[int, int, Any, int | None]] = []
    leader_bot = next((b for b in bots if b.supplier_id == leader_id), None) if leader_id else None
    if leader_id is not None:
        k_leader = 0
        if leader_bot is not None:
            k = reach_steps(best=best, floor=leader_bot.floor, step=d)
            k_leader = k if k >= 2 else 0
        candidates.append((k_leader, 0, leader_bot.priority if leader_bot else 0, leader_id))
    else:
        candidates.append((0, 0, 0, None))  # the НМЦК: stands at `best`, never bids
    challengers = [
        (reach_steps(best=best, floor=b.floor, step=d), 1, b.priority, b.supplier_id)
        for b in bots
        if b.supplier_id != leader_id
    ]
    challengers = [c for c in challengers if c[0] >= 1]
    if not challengers:
        return []
    candidates.extend(challengers)
    candidates.sort(key=lambda c: (-c[0], c[1], c[2], c[3] or 0))
    (k_w, _, _, w), (k_r, _, _, r) = candidates[0], candidates[1]
    if w is None:  # pragma: no cover - the НМЦК has reach 0, below every challenger's
        return []
    if k_w > k_r:
        u, m = k_r, k_r + 1
    else:
        u, m = k_w - 1, k_w
    rows: list[AutoBidRow] = []
    if u >= 1 and r is not None:
        # Upper segment: g rows from B down to P_r, alternating w/r and ending with r.
        g = -(-u // s)
        top_must_be_r = w == leader_id
        top_must_be_w = r == leader_id
        top_is_r = g % 2 == 1
        if (top_must_be_r and not top_is_r) or (top_must_be_w and top_is_r):
            g += 1
        price = best
        for i, gap in enumerate(_gaps(u, g, s)):
            price -= gap * d
            from_bottom = g - i  # 1 = the last row of the segment (r)
            who = r if from_bottom % 2 == 1 else w
            rows.append(AutoBidRow(supplier_id=who, price=price))
    rows.append(AutoBidRow(supplier_id=w, price=best - m * d))
    return rows
