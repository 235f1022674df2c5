"""Pages rendered into HTML by helper processes while MkDocs renders the others.

MkDocs reads the pages of a site and renders their Markdown into HTML one after the other, in
one process: on a cold build of a thousand briefings that is a sixth of the build, on one core
while the others wait. So before MkDocs starts on them, the pages to render are shared out:
MkDocs takes them from the first, as it always does, and forked helpers take them from the last,
each page claimed under a lock by one side only, until the two meet. A helper renders its pages
as MkDocs would and sends back what the page cache keeps of each (``pagecache``); when MkDocs
comes to such a page, the cache has its entry and restores it, as it restores a page of an
earlier build. A page a helper could not render cleanly comes back empty, and MkDocs renders it
itself, reporting what went wrong as always.

A helper is a fork of this process, so it starts with everything MkDocs and the plugins hold,
and needs nothing sent but its results. Forking a process that runs other threads can leave the
child waiting on a lock for ever (``mkdocs serve`` watches files from threads): there, and
where the platform cannot fork, there are no helpers.
"""
from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from typing import Any, Callable, Optional, Sequence

# Fewer pages to render than this are not worth a process.
MIN_PAGES = 16
# How long MkDocs waits for a page a helper has in hand before it looks whether the helper
# still runs (a helper that died leaves its pages to MkDocs).
POLL_SECONDS = 0.5

# The shared claim marks: every index up to LAST_TAKEN is MkDocs', every one from FIRST_HELPED
# on a helper's.
LAST_TAKEN, FIRST_HELPED = 0, 1

# What a helper makes of a page: the page cache's entry, or None when MkDocs is to render it.
RenderOne = Callable[[Any], Optional[dict]]


class PagePool:
    """Helpers rendering ``pages`` (in the order MkDocs renders them) from the last."""

    def __init__(self, pages: Sequence[Any], render: RenderOne, helpers: int):
        context = multiprocessing.get_context("fork")
        self._index = {id(page): n for n, page in enumerate(pages)}
        self._lock = context.Lock()
        self._marks = context.RawArray("i", [-1, len(pages)])
        self._results: queue.Queue = context.Queue()
        self._done: dict[int, Optional[dict]] = {}
        self._helping = False
        self._processes = [context.Process(target=self._help, args=(pages, render), daemon=True)
                           for _ in range(helpers)]
        for process in self._processes:
            process.start()

    @classmethod
    def start(cls, pages: Sequence[Any], render: RenderOne, helpers: int) -> Optional["PagePool"]:
        """A pool of ``helpers`` processes for ``pages``, or None where helpers would not pay
        or cannot be forked safely."""
        if (helpers < 1 or len(pages) < MIN_PAGES or not hasattr(os, "fork")
                or "fork" not in multiprocessing.get_all_start_methods()
                or threading.active_count() > 1):
            return None
        return cls(pages, render, min(helpers, len(pages) // MIN_PAGES))

    def claim(self, page: Any) -> Optional[dict]:
        """Before MkDocs renders ``page``: the entry a helper made of it (waited for while the
        helper renders it), or None when MkDocs renders it itself."""
        n = self._index.get(id(page))
        if n is None or self._helping:
            return None
        with self._lock:
            if n < self._marks[FIRST_HELPED]:
                self._marks[LAST_TAKEN] = max(self._marks[LAST_TAKEN], n)
                return None
        return self._wait_for(n)

    def _wait_for(self, n: int) -> Optional[dict]:
        while n not in self._done:
            try:
                done, entry = self._results.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if not any(process.is_alive() for process in self._processes):
                    return None
                continue
            self._done[done] = entry
        return self._done.pop(n)

    def _help(self, pages: Sequence[Any], render: RenderOne) -> None:
        """A helper's work: the last page nobody has taken, until there is none."""
        self._helping = True
        # What a helper prints or logs is dropped: MkDocs renders again any page whose
        # rendering warned or failed, and reports it then.
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1)
        os.dup2(quiet, 2)
        while True:
            with self._lock:
                n = self._marks[FIRST_HELPED] - 1
                if n <= self._marks[LAST_TAKEN]:
                    break
                self._marks[FIRST_HELPED] = n
            try:
                entry = render(pages[n])
            except Exception:  # MkDocs renders it again and reports the error
                entry = None
            self._results.put((n, entry))
        self._results.close()
        self._results.join_thread()

    def close(self) -> None:
        """Waits for the helpers (done once MkDocs has come to their pages) or stops them."""
        for process in self._processes:
            process.join(timeout=POLL_SECONDS)
            if process.is_alive():
                process.terminate()
                process.join()
        self._results.close()


__all__ = ["PagePool", "MIN_PAGES"]
