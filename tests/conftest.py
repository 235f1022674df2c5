"""Fixtures shared by several test modules, each made once per test session (under
pytest-xdist, as ``make test`` runs, once per worker that runs a module using it): the seeds
site built by a real ``mkdocs build --strict`` and served on localhost, the seeds project built
by ``python -m generator build`` with a hook that can stop a build half-way (the articles of
both analysed in the test process first: ``projects.analyse_here``), and one headless
Chromium.

Tests only read them. A test that changes a project works on a copy (``shutil.copytree``), or
on a fresh project given the built one's extraction cache (``projects.copy_cache``) when what
it tests is not the analysis, so that the seeds are analysed once per session."""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from projects import (CHROMIUM, CHROMIUM_ARGS, TAGGED_NAME, address, analyse_here, briefing_ids,
                      generator_build, http_server, make_hooked_project, make_seeds_project,
                      mkdocs_build, serving, snapshot)


# How ``make test`` shares the work between its workers (``--dist loadscope
# --no-loadscope-reorder``): a module's tests go to one worker, and the modules are handed out
# in collection order, one at a time to the first worker free. The slow ones (those that build
# sites or start processes), slowest first, so that no worker is left with a slow module while
# the other has nothing to do; the others follow in file order.
SLOW_FIRST = ("test_site.py", "test_atomic.py", "test_browser.py", "test_corrections.py",
              "test_atomic_generation.py", "test_hostile.py", "test_cache.py", "test_parallel.py",
              "test_dask.py", "test_properties.py", "test_render.py", "test_site_folder.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: n for n, name in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter) -> None:
    """The sum of every test's setup, call and teardown times after the slowest tests: what the
    suite costs, which the machine's load and the spread over the workers change less than the
    wall time."""
    total = sum(report.duration for reports in terminalreporter.stats.values()
                for report in reports if getattr(report, "when", None) in PHASES)
    terminalreporter.write_line(f"sum of the test durations: {total:.1f} s")


PHASES = ("setup", "call", "teardown")


@dataclass(frozen=True)
class SeedsSite:
    """The seeds project (with ``projects.TAGGED_SEED``) built with ``mkdocs build --strict``
    for ``url``, where it is served."""
    project: Path
    result: subprocess.CompletedProcess
    url: str
    # What it was built with on top of projects.BUILD_ENV: a build of a copy needs the same.
    env: dict

    @property
    def site(self) -> Path:
        return self.project / "site"

    def ids(self) -> list[str]:
        """Every briefing's id."""
        return briefing_ids(self.project)

    def seed_ids(self) -> list[str]:
        """The ids of the briefings of the project's own seeds (not the tagged one)."""
        return [i for i in self.ids() if not self.source_of(i).endswith(TAGGED_NAME)]

    def source_of(self, briefing_id: str) -> str:
        import json
        path = self.project / "briefings" / "briefings" / f"{briefing_id}.json"
        return json.loads(path.read_text("utf-8"))["source_file"]


@pytest.fixture(scope="session")
def seeds_site(tmp_path_factory) -> SeedsSite:
    # Analysed in this process first: test_site.py builds a copy from nothing to see that a
    # build of its own analysis gives the same bytes.
    project = analyse_here(make_seeds_project(tmp_path_factory.mktemp("seeds-site")))
    server = http_server(project / "site")
    env = {"SITE_URL": address(server)}
    result = mkdocs_build(project, "--strict", env=env)
    assert result.returncode == 0, result.stderr
    with serving(server) as url:
        yield SeedsSite(project=project, result=result, url=url, env=env)


@pytest.fixture(scope="session")
def hooked_site(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """The project of ``projects.make_hooked_project`` (no ``briefings/`` folder yet) built once
    by ``python -m generator build --strict``, and its site: the last good one."""
    project = analyse_here(make_hooked_project(tmp_path_factory.mktemp("hooked")))
    result = generator_build(project, "--strict")
    assert result.returncode == 0, result.stderr
    return project, snapshot(project / "site")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, one for the session; each test opens its own
    context (cookies, storage and viewport of its own)."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        # CI installs Debian's chromium; there a missing browser is a failure, not a skip.
        if os.environ.get("CI"):
            raise RuntimeError("chromium is not installed: apt-get install -y chromium")
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def nlp():
    """The generator's own spaCy pipeline with the built-in gazetteer, loaded once per process."""
    from generator.nlp import load_pipeline
    return load_pipeline()


@pytest.fixture(scope="session")
def lexicons():
    """The shipped lexicons, gazetteers and issue definitions."""
    from generator.extract import load_lexicons
    return load_lexicons()
