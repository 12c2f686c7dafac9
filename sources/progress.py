"""How far a long import has gone and how long it has left, for the command line's bar and the library page's.

The time left is the records still to store at the rate of the last `RATE_WINDOW` seconds, not since
the start: the first chunks wait for the worker processes to start, and on a shared machine the rate
follows the load, so the estimate follows what the import does now. Every step of the import is
counted per record (values, full text, the matcher's words are written with each chunk), so at 100 %
only the commit is left. Pure: a clock in, readings out.
"""

from __future__ import annotations

import collections
import time
from dataclasses import dataclass
from typing import Callable

RATE_WINDOW = 30.0  # seconds of recent progress the rate is measured over


@dataclass(frozen=True)
class ProgressReading:
    """One moment of an import: `total` is None while the file's rows are still being counted."""

    done: int
    total: int | None
    rate: float  # records a second over the recent window; 0.0 before the first records are stored
    elapsed: float  # seconds since the import started

    @property
    def finished(self) -> bool:
        """Every record is stored: only the commit is left."""
        return self.total is not None and self.done >= self.total

    @property
    def left(self) -> float | None:
        """Seconds left at the recent rate; None when it cannot be told yet (no total, no rate)."""
        if self.total is None:
            return None
        if self.finished:
            return 0.0
        return (self.total - self.done) / self.rate if self.rate > 0 else None

    @property
    def fraction(self) -> float:
        """Between 0 and 1 (0 while the total is unknown)."""
        return min(1.0, self.done / self.total) if self.total else 0.0


class ProgressMeter:
    """Readings of an import's progress from the (done, total) pairs its callback receives."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic, window: float = RATE_WINDOW):
        self._clock, self._window = clock, window
        self._start = clock()
        self._samples: collections.deque[tuple[float, int]] = collections.deque([(self._start, 0)])

    def update(self, done: int, total: int | None) -> ProgressReading:
        now = self._clock()
        samples = self._samples
        samples.append((now, done))
        # keep the oldest sample that still spans the window, so the rate covers about `window` seconds
        while len(samples) > 2 and now - samples[1][0] >= self._window:
            samples.popleft()
        t0, d0 = samples[0]
        rate = (done - d0) / max(now - t0, 1e-6)
        return ProgressReading(done, None if total is None else max(total, done), rate, now - self._start)


def duration_text(seconds: float) -> str:
    """ "42 s", "1 min 05 s", "2 h 07 min": written the same way in English and in French."""
    seconds = int(round(seconds))
    if seconds >= 3600:
        return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"
