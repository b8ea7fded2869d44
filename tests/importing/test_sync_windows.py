from datetime import UTC, datetime, timedelta

import pytest

from vendorflow.channels.sync import Window, plan_windows

NOW = datetime(2025, 3, 20, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)
OVERLAP = timedelta(minutes=10)


def test_the_first_sync_reaches_back_the_backfill():
    assert plan_windows(cursor=None, now=NOW, backfill_days=7) == [Window(NOW - 7 * DAY, NOW)]


def test_a_long_backfill_is_cut_into_overlapping_windows_of_seven_days():
    windows = plan_windows(cursor=None, now=NOW, backfill_days=20, overlap=OVERLAP)

    assert windows == [
        Window(NOW - 20 * DAY, NOW - 13 * DAY),
        Window(NOW - 13 * DAY - OVERLAP, NOW - 6 * DAY - OVERLAP),
        Window(NOW - 6 * DAY - 2 * OVERLAP, NOW),
    ]
    assert all(w.end - w.start <= 7 * DAY for w in windows)


def test_a_later_sync_starts_one_overlap_before_the_cursor():
    cursor = NOW - timedelta(minutes=15)

    assert plan_windows(cursor=cursor, now=NOW, overlap=OVERLAP) == [Window(cursor - OVERLAP, NOW)]


def test_a_window_of_exactly_seven_days_is_not_split():
    cursor = NOW - 7 * DAY + OVERLAP

    assert plan_windows(cursor=cursor, now=NOW, overlap=OVERLAP) == [Window(NOW - 7 * DAY, NOW)]


def test_a_window_one_second_longer_than_seven_days_is_split():
    cursor = NOW - 7 * DAY + OVERLAP - timedelta(seconds=1)
    start = NOW - 7 * DAY - timedelta(seconds=1)

    assert plan_windows(cursor=cursor, now=NOW, overlap=OVERLAP) == [
        Window(start, start + 7 * DAY),
        Window(start + 7 * DAY - OVERLAP, NOW),
    ]


def test_backfill_is_capped_at_180_days():
    assert plan_windows(cursor=None, now=NOW, backfill_days=400)[0].start == NOW - 180 * DAY
    assert plan_windows(cursor=NOW - 365 * DAY, now=NOW)[0].start == NOW - 180 * DAY
    assert len(plan_windows(cursor=None, now=NOW, backfill_days=180, overlap=timedelta(0))) == 26


def test_a_cursor_at_or_after_now_plans_nothing_but_the_overlap():
    assert plan_windows(cursor=NOW + DAY, now=NOW) == []
    assert plan_windows(cursor=NOW, now=NOW, overlap=OVERLAP) == [Window(NOW - OVERLAP, NOW)]


def test_an_overlap_as_long_as_a_window_is_refused():
    with pytest.raises(ValueError, match="overlap"):
        plan_windows(cursor=None, now=NOW, overlap=7 * DAY)
