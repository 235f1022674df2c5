"""Atomic and deterministic builds: ``python -m generator build`` builds beside site/ and swaps the
result in only when the build succeeds, so a failing, killed or terminated build leaves the last
good site as it was; a rebuild of the same inputs gives the same bytes (a fresh build of them
too: test_site.py)."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import publish
from projects import (GENERATOR_ENV, analyse_here, copy_cache, generator_build, make_hooked_project,
                      snapshot)

GOOD_SEED = ("The mediators said on Monday that Armenian Prime Minister Nikol Pashinyan would "
             "meet Azerbaijani President Ilham Aliyev in Moscow next week.\n")
def start_build(project: Path, marker: Path, mode: str = "hang") -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator", "build"], cwd=project,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True,
                            env={**os.environ, **GENERATOR_ENV, "TEST_BUILD_HOOK": mode,
                                 "TEST_BUILD_MARKER": str(marker)})


def wait_for(path: Path, process: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert process.poll() is None, "the build ended before it was half-way"
        assert time.monotonic() < deadline, "the build never got half-way"
        time.sleep(0.05)


def halfway_build(project: Path, tmp_path: Path) -> tuple[subprocess.Popen, Path]:
    """A build started and hanging half-way, and the marker file its mkdocs wrote."""
    marker = tmp_path / "halfway"
    process = start_build(project, marker)
    wait_for(marker, process)
    return process, marker


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith("site."))


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def copy_of(first_build: tuple[Path, dict[str, bytes]], tmp_path: Path
            ) -> tuple[Path, dict[str, bytes]]:
    """A fresh copy of a built project, so each test may break it."""
    project, site = first_build
    copy = tmp_path / "project"
    shutil.copytree(project, copy, symlinks=True)
    return copy, site


@pytest.fixture
def built(hooked_site, tmp_path) -> tuple[Path, dict[str, bytes]]:
    return copy_of(hooked_site, tmp_path)


# --- a build publishes only when it succeeds ----------------------------------------------------

def test_a_build_publishes_the_site_and_leaves_no_staging_folder(hooked_site):
    project, site = hooked_site
    assert "index.html" in site and "report/index.html" in site
    assert leftovers(project) == []


def test_build_creates_the_generated_docs_folder_a_fresh_clone_lacks(hooked_site, tmp_path):
    assert not (make_hooked_project(tmp_path) / "briefings").exists()  # as the built one started
    project, site = hooked_site
    assert (project / "briefings" / "index.md").is_file()
    assert "index.html" in site


def test_a_failing_strict_build_leaves_the_previous_site_byte_identical(built):
    project, site = built
    (project / "seeds" / "empty.txt").write_bytes(b"")
    result = generator_build(project, "--strict")
    assert result.returncode != 0
    assert snapshot(project / "site") == site
    assert leftovers(project) == []


def test_a_successful_rebuild_replaces_the_site_and_removes_the_old_one(built):
    project, site = built
    (project / "seeds" / "talks.txt").write_text(GOOD_SEED, "utf-8")
    analyse_here(project)
    assert generator_build(project, "--strict").returncode == 0
    rebuilt = snapshot(project / "site")
    assert any(b"in Moscow next week" in data for data in rebuilt.values())
    assert not any(b"in Moscow next week" in data for data in site.values())
    assert leftovers(project) == []


def test_a_build_that_fails_half_way_leaves_the_previous_site(built, tmp_path):
    project, site = built
    marker = tmp_path / "halfway"
    process = start_build(project, marker, mode="fail")
    assert process.wait(timeout=600) != 0
    assert marker.exists()
    assert snapshot(project / "site") == site
    assert leftovers(project) == []


def test_a_killed_build_leaves_the_previous_site_and_the_next_build_cleans_up(built, tmp_path):
    project, site = built
    process, marker = halfway_build(project, tmp_path)
    staging = Path(marker.read_text().rsplit(" ", 1)[0])
    assert staging.parent == project and any(staging.rglob("*.html"))
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    assert snapshot(project / "site") == site
    assert leftovers(project) == [staging.name]  # nothing could clean up after SIGKILL
    assert generator_build(project).returncode == 0
    assert leftovers(project) == []


def test_a_terminated_build_stops_mkdocs_and_removes_its_staging_folder(built, tmp_path):
    project, site = built
    process, marker = halfway_build(project, tmp_path)
    os.kill(process.pid, signal.SIGTERM)  # the build command only, as a service manager would
    assert process.wait(timeout=120) == 128 + signal.SIGTERM
    assert snapshot(project / "site") == site
    assert leftovers(project) == []
    # ...and no mkdocs is left running, still writing into the staging folder.
    with pytest.raises(ProcessLookupError):
        os.kill(int(marker.read_text().rsplit(" ", 1)[1]), 0)


def test_mkdocs_dies_with_a_build_command_killed_outright(built, tmp_path):
    project, site = built
    process, marker = halfway_build(project, tmp_path)
    child = int(marker.read_text().rsplit(" ", 1)[1])
    os.kill(process.pid, signal.SIGKILL)  # the build command only: it has no chance to react
    process.wait(timeout=60)
    deadline = time.monotonic() + 30
    while Path(f"/proc/{child}").exists() and _state(child) != "Z":
        assert time.monotonic() < deadline, "mkdocs went on running after its parent died"
        time.sleep(0.05)
    assert snapshot(project / "site") == site


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


# --- publish.py ------------------------------------------------------------------------------------

def folder_with(path: Path, text: str) -> Path:
    path.mkdir(parents=True)
    (path / "index.html").write_text(text)
    return path


def test_publish_swaps_the_new_site_in_and_deletes_the_old(tmp_path):
    site = folder_with(tmp_path / "site", "old")
    with publish.staging(site) as staging:
        (staging / "index.html").write_text("new")
        publish.publish(staging, site)
    assert (site / "index.html").read_text() == "new" and sorted(os.listdir(tmp_path)) == ["site"]


def test_publish_without_an_atomic_exchange_renames_twice(tmp_path, monkeypatch):
    monkeypatch.setattr(publish, "_exchange", lambda a, b: False)
    site = folder_with(tmp_path / "site", "old")
    with publish.staging(site) as staging:
        (staging / "index.html").write_text("new")
        publish.publish(staging, site)
    assert (site / "index.html").read_text() == "new" and sorted(os.listdir(tmp_path)) == ["site"]


def test_publish_puts_the_old_site_back_when_the_new_one_cannot_be_moved_in(tmp_path, monkeypatch):
    monkeypatch.setattr(publish, "_exchange", lambda a, b: False)
    site = folder_with(tmp_path / "site", "old")
    rename = os.rename

    def failing_rename(source, target):
        if Path(target) == site and "staging" in str(source):
            raise OSError("disk gone")
        rename(source, target)
    monkeypatch.setattr(publish.os, "rename", failing_rename)
    with pytest.raises(OSError), publish.staging(site) as staging:
        (staging / "index.html").write_text("new")
        publish.publish(staging, site)
    assert (site / "index.html").read_text() == "old" and sorted(os.listdir(tmp_path)) == ["site"]


def test_a_first_publish_just_moves_the_site_in(tmp_path):
    site = tmp_path / "site"
    with publish.staging(site) as staging:
        (staging / "index.html").write_text("new")
        publish.publish(staging, site)
    assert (site / "index.html").read_text() == "new" and sorted(os.listdir(tmp_path)) == ["site"]


def test_a_staging_folder_is_removed_when_the_build_fails(tmp_path):
    with pytest.raises(RuntimeError), publish.staging(tmp_path / "site") as staging:
        (staging / "half.html").write_text("half")
        raise RuntimeError("build failed")
    assert os.listdir(tmp_path) == []


def test_leftovers_of_dead_builds_are_removed_but_not_those_of_running_ones(tmp_path):
    site = folder_with(tmp_path / "site", "good")
    dead = folder_with(tmp_path / f"site.staging-{dead_pid()}-abc", "half")
    running = folder_with(tmp_path / f"site.staging-{os.getpid()}-abc", "half")
    other = folder_with(tmp_path / "site.staging-notes", "mine")
    assert publish.remove_leftovers(site) == [dead]
    assert sorted(os.listdir(tmp_path)) == sorted(["site", running.name, other.name])


def test_a_site_left_under_its_old_name_by_a_crash_mid_swap_is_restored(tmp_path):
    site = tmp_path / "site"
    folder_with(tmp_path / f"site.old-{dead_pid()}-abc" / "site", "good")
    publish.remove_leftovers(site)
    assert (site / "index.html").read_text() == "good" and os.listdir(tmp_path) == ["site"]


# --- deterministic builds ----------------------------------------------------------------------------

def test_a_rebuild_in_place_is_byte_identical(built):
    project, site = built
    time.sleep(1.1)  # a build stamped with the clock would now differ
    assert generator_build(project, "--strict").returncode == 0
    assert snapshot(project / "site") == site


def test_build_dates_are_when_the_inputs_last_changed_not_the_clock(hooked_site, tmp_path):
    project = copy_cache(hooked_site[0], make_hooked_project(tmp_path))
    stamp = 1601553600  # 2020-10-01 12:00 UTC
    for path in [project / "mkdocs.yml", *(project / "seeds").rglob("*"),
                 *(project / "templates").rglob("*"), *(project / "overrides").rglob("*")]:
        os.utime(path, (stamp, stamp))
    assert generator_build(project).returncode == 0
    assert "<lastmod>2020-10-01</lastmod>" in (project / "site" / "sitemap.xml").read_text()
    header_mtime = int.from_bytes((project / "site" / "sitemap.xml.gz").read_bytes()[4:8], "little")
    assert header_mtime == 1601510400  # the day of the last change, as MkDocs stamps it


def test_source_date_epoch_set_by_the_caller_wins(hooked_site, tmp_path):
    project = copy_cache(hooked_site[0], make_hooked_project(tmp_path))
    assert generator_build(project, env={"SOURCE_DATE_EPOCH": "1262304000"}).returncode == 0
    assert "<lastmod>2010-01-01</lastmod>" in (project / "site" / "sitemap.xml").read_text()
