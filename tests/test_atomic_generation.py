"""Atomic generation: a process that dies while writing the generated pages (``render.write_files``)
or while plain ``mkdocs build`` runs must leave no half-written page and the last good site.

Both are known gaps outside ``python -m generator build`` (see the xfail reasons)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import render

from test_atomic import build, make_project, snapshot

NEW_PAGE = "new page " * 2000


def write_with_a_file_size_limit(docs: Path, files: dict[str, str], limit: int) -> int:
    """Runs ``render.write_files`` in a process the system kills (SIGXFSZ) as soon as it writes
    past ``limit`` bytes into any file: a crash in the middle of writing a page."""
    code = ("import resource, sys\nfrom pathlib import Path\nfrom generator import render\n"
            f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
            f"render.write_files(Path({str(docs)!r}), {files!r})\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True).returncode


def test_a_page_written_within_the_limit_is_written_whole(tmp_path):
    docs = tmp_path / "docs"
    assert write_with_a_file_size_limit(docs, {"briefings/a.md": "short page\n"}, 4096) == 0
    assert (docs / "briefings" / "a.md").read_text() == "short page\n"


@pytest.mark.xfail(strict=True, reason="render.write_files writes each page in place "
                   "(Path.write_bytes), so a crash mid-write leaves it truncated; fix: write to a "
                   "temporary dot-file in the same folder, then os.replace it over the page")
def test_a_generation_killed_mid_write_leaves_the_previous_page_whole(tmp_path):
    docs = tmp_path / "docs"
    render.write_files(docs, {"briefings/a.md": "old page\n"})
    assert write_with_a_file_size_limit(docs, {"briefings/a.md": NEW_PAGE}, 4096) != 0
    assert (docs / "briefings" / "a.md").read_text() in ("old page\n", NEW_PAGE)


@pytest.mark.xfail(strict=True, reason="plain `mkdocs build` cleans and rewrites site_dir in "
                   "place; only `python -m generator build` stages and swaps. Fix in plugin.py: "
                   "on_config points config.site_dir at publish.staging's folder beside the real "
                   "one, on_post_build calls publish.publish, on_build_error removes the staging "
                   "folder (or document `python -m generator build` as the only atomic route)")
def test_plain_mkdocs_build_failing_half_way_leaves_the_previous_site(tmp_path):
    project = make_project(tmp_path)
    assert build(project).returncode == 0
    site = snapshot(project / "site")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project,
                            capture_output=True, text=True, timeout=600,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1",
                                 "TEST_BUILD_HOOK": "fail",
                                 "TEST_BUILD_MARKER": str(tmp_path / "halfway")})
    assert result.returncode != 0
    assert snapshot(project / "site") == site
