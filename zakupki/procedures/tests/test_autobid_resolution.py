"""The auto-bid rule as pure arithmetic: exact cases and properties (hypothesis)."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zakupki.procedures.autobid import AutoBidRow, Bot, resolve_autobids

D = Decimal
STEP = D("1000.00")
MAX = D("10000.00")


def rows(*pairs):
    return [AutoBidRow(supplier_id=s, price=D(p)) for s, p in pairs]


def test_two_bots_lowest_floor_wins_one_step_below_the_runner_up_reach():
    # given: manual leader 9 at 100 000; bots 1 (floor 91 500) and 2 (floor 95 000)
    bots = [Bot(1, D("91500.00"), 1), Bot(2, D("95000.00"), 2)]
    # when
    result = resolve_autobids(best=D("100000.00"), leader_id=9, step_min=STEP, step_max=MAX, bots=bots)
    # then: runner-up 2 goes to its reach 95 000, winner 1 one step below
    assert result == rows((2, "95000.00"), (1, "94000.00"))


def test_runner_up_reach_is_on_the_step_grid_from_the_best_price():
    bots = [Bot(1, D("80000.00"), 1), Bot(2, D("95500.00"), 2)]
    result = resolve_autobids(best=D("100000.00"), leader_id=9, step_min=STEP, step_max=MAX, bots=bots)
    # 2 can reach 96 000 (95 000 is below its floor), so 1 wins at 95 000
    assert result == rows((2, "96000.00"), (1, "95000.00"))


def test_equal_reach_goes_to_the_earlier_bot_at_the_common_price():
    bots = [Bot(1, D("95000.00"), 2), Bot(2, D("95000.00"), 1)]
    result = resolve_autobids(best=D("100000.00"), leader_id=9, step_min=STEP, step_max=MAX, bots=bots)
    assert result == rows((1, "96000.00"), (2, "95000.00"))


def test_leader_bot_keeps_a_tie_and_answers():
    # given: 1 leads at 100 000 with floor 95 000; 2 sets the same floor later
    bots = [Bot(1, D("95000.00"), 1), Bot(2, D("95000.00"), 2)]
    result = resolve_autobids(best=D("100000.00"), leader_id=1, step_min=STEP, step_max=MAX, bots=bots)
    assert result == rows((2, "96000.00"), (1, "95000.00"))


def test_single_bot_against_a_manual_leader_bids_one_step():
    bots = [Bot(1, D("50000.00"), 1)]
    result = resolve_autobids(best=D("100000.00"), leader_id=9, step_min=STEP, step_max=MAX, bots=bots)
    assert result == rows((1, "99000.00"))


def test_bot_whose_floor_is_within_one_step_does_nothing():
    bots = [Bot(1, D("99000.01"), 1)]
    result = resolve_autobids(best=D("100000.00"), leader_id=9, step_min=STEP, step_max=MAX, bots=bots)
    assert result == []


def test_long_descent_is_logged_in_steps_not_above_the_maximum():
    # given: 1 reaches 40 000, 2 reaches 60 000: the descent from 100 000 takes max steps, alternating
    bots = [Bot(1, D("40000.00"), 1), Bot(2, D("60000.00"), 2)]
    result = resolve_autobids(best=D("100000.00"), leader_id=9, step_min=STEP, step_max=MAX, bots=bots)
    assert result == rows((1, "90000.00"), (2, "80000.00"), (1, "70000.00"), (2, "60000.00"), (1, "59000.00"))


def test_no_leader_means_the_start_price_is_the_reference():
    bots = [Bot(1, D("97000.00"), 1)]
    result = resolve_autobids(best=D("100000.00"), leader_id=None, step_min=STEP, step_max=MAX, bots=bots)
    assert result == rows((1, "99000.00"))


# --- properties ------------------------------------------------------------------------------------


@st.composite
def contests(draw):
    d = D(draw(st.integers(1, 500))) / 100
    s = draw(st.integers(2, 12))
    step_max = d * s + D(draw(st.integers(0, int(d * 100) - 1 if d > D("0.01") else 0))) / 100
    best = d * draw(st.integers(2, 300)) + D(draw(st.integers(0, 99))) / 100
    n = draw(st.integers(0, 5))
    bots = []
    for i in range(1, n + 1):
        floor = best - D(draw(st.integers(-300, int(best * 100)))) / 100
        bots.append(Bot(i, max(floor, D("0.01")), draw(st.integers(0, 3))))
    leader = draw(st.sampled_from([None, 99, *[b.supplier_id for b in bots]]))
    return best, leader, d, step_max, bots


@settings(max_examples=600, deadline=None)
@given(contests())
def test_resolution_is_a_valid_bid_log_and_a_fixed_point(contest):
    best, leader, d, step_max, bots = contest
    floors = {b.supplier_id: b.floor for b in bots}
    result = resolve_autobids(best=best, leader_id=leader, step_min=d, step_max=step_max, bots=bots)
    price, holder = best, leader
    for row in result:
        assert row.supplier_id != holder  # nobody undercuts its own leading bid
        assert d <= price - row.price <= step_max  # the step rule
        assert (price - row.price) % d == 0
        assert row.price >= floors[row.supplier_id]  # a bot never goes below its floor
        assert row.price > 0
        price, holder = row.price, row.supplier_id
    # fixed point: no other bot could undercut the final price by a minimum step
    assert all(b.floor > price - d for b in bots if b.supplier_id != holder)
    if result:
        # the winner pays exactly one minimum step below the price it had to beat
        before = result[-2].price if len(result) > 1 else best
        assert before - price == d
        # resolving again changes nothing
        again = resolve_autobids(best=price, leader_id=holder, step_min=d, step_max=step_max, bots=bots)
        assert again == []


@pytest.mark.parametrize("step_max", [D("1000.00"), D("1999.99")])
def test_steps_too_narrow_for_auto_bidding_are_refused(step_max):
    with pytest.raises(ValueError, match="step_max"):
        resolve_autobids(best=D("100000.00"), leader_id=None, step_min=STEP, step_max=step_max, bots=[])
