"""Atomic generation: a process that dies while writing the generated pages (``docsfolder.write_files``)
or while plain ``mkdocs build`` runs must leave no half-written page and the last good site.

Pages and the manifest are written to hidden files and renamed into place; plain ``mkdocs build``
stages the site beside site_dir as ``python -m generator build`` does."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import docsfolder

from projects import analyse_here, generator_build, snapshot
from test_atomic import GOOD_SEED, copy_of, leftovers

NEW_PAGE = "new page " * 2000


def write_with_a_file_size_limit(docs: Path, files: dict[str, str], limit: int) -> int:
    """Runs ``docsfolder.write_files`` in a process the system kills (SIGXFSZ) as soon as it writes
    past ``limit`` bytes into any file: a crash in the middle of writing a page."""
    code = ("import resource, sys\nfrom pathlib import Path\nfrom generator import docsfolder\n"
            f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
            f"docsfolder.write_files(Path({str(docs)!r}), {files!r})\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True).returncode


def test_a_page_written_within_the_limit_is_written_whole(tmp_path):
    docs = tmp_path / "docs"
    assert write_with_a_file_size_limit(docs, {"briefings/a.md": "short page\n"}, 4096) == 0
    assert (docs / "briefings" / "a.md").read_text() == "short page\n"


def test_a_generation_killed_mid_write_leaves_the_previous_page_whole(tmp_path):
    docs = tmp_path / "docs"
    docsfolder.write_files(docs, {"briefings/a.md": "old page\n"})
    assert write_with_a_file_size_limit(docs, {"briefings/a.md": NEW_PAGE}, 4096) != 0
    assert (docs / "briefings" / "a.md").read_text() == "old page\n"
    assert sorted(p.name for p in (docs / "briefings").iterdir()) == ["a.md"]


def test_the_next_generation_deletes_the_pages_a_killed_one_wrote(tmp_path):
    docs = tmp_path / "docs"
    docsfolder.write_files(docs, {"briefings/a.md": "old page\n"})
    assert write_with_a_file_size_limit(docs, {"a-new.md": "new\n", "briefings/a.md": NEW_PAGE},
                                        4096) != 0
    assert (docs / "a-new.md").is_file()
    assert docsfolder.write_files(docs, {"briefings/a.md": "old page\n"}) == ["a-new.md"]
    assert not (docs / "a-new.md").exists()


def test_a_generation_killed_mid_write_keeps_the_previous_manifest(tmp_path):
    docs = tmp_path / "docs"
    docsfolder.write_files(docs, {"a.md": "a\n"}, ids={"seeds/a.txt": "a"})
    many = {f"page-{n:04}.md": "x" for n in range(400)}  # a manifest larger than the limit
    assert write_with_a_file_size_limit(docs, many, 4096) != 0
    assert docsfolder.read_manifest(docs) == docsfolder.Manifest(["a.md"], {"seeds/a.txt": "a"})


def mkdocs_build(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=project,
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})


@pytest.fixture
def built(hooked_site, tmp_path) -> tuple[Path, dict[str, bytes]]:
    return copy_of(hooked_site, tmp_path)


def test_plain_mkdocs_build_failing_half_way_leaves_the_previous_site(built, tmp_path):
    project, site = built
    result = mkdocs_build(project, TEST_BUILD_HOOK="fail", TEST_BUILD_MARKER=str(tmp_path / "halfway"))
    assert result.returncode != 0
    staging = Path((tmp_path / "halfway").read_text().rsplit(" ", 1)[0])
    assert staging.parent == project and staging.name.startswith("site.staging-")
    assert snapshot(project / "site") == site
    assert leftovers(project) == []


def test_plain_mkdocs_build_strict_with_a_warning_leaves_the_previous_site(built):
    project, site = built
    (project / "seeds" / "empty.txt").write_bytes(b"")
    result = mkdocs_build(project, "--strict")
    assert result.returncode != 0 and "in strict mode" in result.stdout + result.stderr
    assert snapshot(project / "site") == site
    assert leftovers(project) == []


def test_plain_mkdocs_build_publishes_the_new_site_and_leaves_no_staging_folder(built):
    project, site = built
    (project / "seeds" / "talks.txt").write_text(GOOD_SEED, "utf-8")
    analyse_here(project)
    assert mkdocs_build(project, "--strict").returncode == 0
    assert any(b"in Moscow next week" in data for data in snapshot(project / "site").values())
    assert leftovers(project) == []


def test_plain_mkdocs_build_dirty_keeps_what_the_site_folder_had(built):
    project, site = built
    (project / "site" / "kept.txt").write_text("put here by hand")
    assert mkdocs_build(project, "--dirty").returncode == 0
    assert sorted(snapshot(project / "site")) == sorted([*site, "kept.txt"])
    assert leftovers(project) == []


def test_generator_build_stages_once(built, tmp_path):
    project, _ = built
    marker = tmp_path / "halfway"
    result = generator_build(project, env={"TEST_BUILD_HOOK": "fail", "TEST_BUILD_MARKER": str(marker)})
    assert result.returncode != 0
    staging = Path(marker.read_text().rsplit(" ", 1)[0])
    assert staging.parent == project and re.fullmatch(r"site\.staging-\d+-\w+", staging.name)
    assert leftovers(project) == []
