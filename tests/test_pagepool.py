"""The helper processes that render pages beside MkDocs (generator.pagepool): real forks, each
page rendered once, by one side only, and MkDocs left every page a helper could not do."""
from __future__ import annotations

import os
import time

from generator.pagepool import MIN_PAGES, PagePool


class Page:
    def __init__(self, n: int):
        self.n = n


def rendered(page: Page) -> dict:
    return {"page": page.n, "by": os.getpid()}


def claim_all(pool: PagePool, pages: list[Page]) -> list:
    """What MkDocs gets of each page, taking a few milliseconds over each it renders itself."""
    entries = []
    try:
        for page in pages:
            entries.append(pool.claim(page))
            if entries[-1] is None:
                time.sleep(0.003)
        return entries
    finally:
        pool.close()


def test_the_helpers_take_pages_from_the_last_and_mkdocs_the_rest_each_once():
    pages = [Page(n) for n in range(200)]
    entries = claim_all(PagePool(pages, rendered, helpers=2), pages)
    helped = [n for n, entry in enumerate(entries) if entry is not None]
    # Each entry is the page's own, made in another process; MkDocs' pages come first.
    assert helped and all(entries[n]["page"] == n for n in helped)
    assert {entries[n]["by"] for n in helped} - {os.getpid()} == {entries[n]["by"] for n in helped}
    assert helped == list(range(helped[0], len(pages)))


def test_a_page_a_helper_could_not_render_is_left_to_mkdocs():
    def failing(page: Page) -> dict:
        if page.n % 2:
            raise ValueError("broken page")
        return rendered(page)
    pages = [Page(n) for n in range(100)]
    entries = claim_all(PagePool(pages, failing, helpers=1), pages)
    assert all(entry is None for entry in entries[1::2])
    assert any(entry is not None for entry in entries[::2])


def test_mkdocs_does_not_wait_for_a_helper_that_died():
    def dying(page: Page) -> dict:
        os._exit(3)
    pages = [Page(n) for n in range(50)]
    assert claim_all(PagePool(pages, dying, helpers=1), pages) == [None] * len(pages)


def test_a_page_mkdocs_does_not_render_costs_no_wait_and_few_pages_no_helper():
    pages = [Page(n) for n in range(40)]
    pool = PagePool(pages, rendered, helpers=1)
    try:
        assert pool.claim(Page(0)) is None  # not one of the pool's pages
    finally:
        pool.close()
    assert PagePool.start(pages[:MIN_PAGES - 1], rendered, helpers=1) is None
    assert PagePool.start(pages, rendered, helpers=0) is None
