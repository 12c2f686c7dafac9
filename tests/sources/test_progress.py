"""The import's progress: the rate of the recent seconds, the time left, and how the bars word it."""

from __future__ import annotations

import pytest

from sources.progress import ProgressMeter, ProgressReading, duration_text


def _meter(steps, *, total=10_000):
    now = [0.0]
    meter = ProgressMeter(clock=lambda: now[0])
    reading = None
    for t, done in steps:
        now[0] = float(t)
        reading = meter.update(done, total)
    return reading


def test_the_time_left_follows_the_rate_of_the_last_thirty_seconds():
    # slow at first (the workers start), then 50 records a second: 62.5/s since the start, 50/s now
    r = _meter(((10, 1000), (20, 2000), (40, 3000), (60, 4000), (80, 5000)))
    assert r.rate == pytest.approx(50.0)
    assert r.left == pytest.approx(100.0) and r.fraction == 0.5 and r.elapsed == 80.0
    assert not r.finished


def test_an_import_that_speeds_up_gets_a_shorter_estimate():
    slow = _meter(((30, 300), (60, 600)))
    fast = _meter(((30, 300), (60, 600), (90, 3600), (120, 6600)))
    assert slow.left == pytest.approx(940.0)
    assert fast.left == pytest.approx(34.0)  # 100/s over the last 30 s, 3,400 left


def test_unknown_until_a_rate_and_a_total_are_known():
    assert _meter(((0, 0),)).left is None  # nothing stored yet: no rate
    counting = _meter(((10, 500),), total=None)
    assert counting.left is None and counting.total is None and counting.fraction == 0.0
    assert counting.rate == pytest.approx(50.0)


def test_at_the_end_only_the_commit_is_left():
    r = _meter(((10, 9000), (12, 10_000)))
    assert r.finished and r.left == 0.0 and r.fraction == 1.0
    # a total counted short of what was stored never gives a fraction over 1
    assert ProgressReading(done=120, total=100, rate=1.0, elapsed=1.0).fraction == 1.0
    assert _meter(((1, 120),), total=100).total == 120


@pytest.mark.parametrize(
    "seconds, text",
    [(0, "0 s"), (42.4, "42 s"), (59.6, "1 min 00 s"), (65, "1 min 05 s"), (3599, "59 min 59 s"), (7620, "2 h 07 min")],
)
def test_durations_are_read_at_a_glance(seconds, text):
    assert duration_text(seconds) == text
