"""Progress on a terminal's stderr for runs longer than about two seconds."""

from __future__ import annotations

from typing import TextIO

import time


class Progress:
    """Callable(done, total); silent for the first ``delay`` seconds, then redrawn at most 10×/s."""

    def __init__(self, stream: TextIO, delay: float = 2.0) -> None:
        self.stream = stream
        self.start = time.monotonic()
        self.delay = delay
        self.last = 0.0
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.start < self.delay or (now - self.last < 0.1 and done != total):
            return
        self.last = now
        self.shown = True
        self.stream.write(f"\rseedlint: {done}/{total} files")
        self.stream.flush()

    def done(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
