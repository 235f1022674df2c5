"""A progress bar for long runs: shown on a terminal, silent in CI, in pipes and in tests."""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Callable, Iterator

from tqdm import tqdm


def wanted(stream=None) -> bool:
    """A bar only where a person watches: a terminal, outside CI."""
    stream = stream or sys.stderr
    return stream.isatty() and not os.environ.get("CI")


class Bar(tqdm):
    """tqdm without its monitor thread, which would outlive the bar for up to ten seconds: a
    build forks helper processes after the analysis (pagepool), and forking a process that
    runs other threads is not safe."""
    monitor_interval = 0


@contextmanager
def progress_bar(total: int, description: str) -> Iterator[Callable[[int], None]]:
    """Yields the callback ``pipeline.run`` reports finished articles to."""
    with Bar(total=total, desc=description, unit="article", disable=not wanted(),
              file=sys.stderr, leave=False) as bar:
        yield bar.update
