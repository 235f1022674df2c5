"""The fixture projects the tests build (copies of the site project in temporary folders), how
they are built, and the browser and web server the browser tests use. ``conftest.py`` builds
the shared ones once per test session; test modules import the helpers from here."""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT_FILES = ("mkdocs.yml", "templates", "overrides", "seeds")
# A fixed build time: MkDocs and the feed plugin stamp pages with it (sitemap, feed dates).
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1601424000"}
# Where a project's extraction cache lives (generator.cache.DEFAULT_CACHE_DIR's top folder).
CACHE = ".cache"

# A seed with tags of its own, so that the shared seeds site has tag pages too (every kind of
# page); the seeds site's briefings of the project's own seeds are the others.
TAGGED_SEED = """---
title: Ministers meet in Tbilisi
date: 2020-01-15
tags: [diplomacy]
---
The foreign ministers of Armenia and Azerbaijan met in Tbilisi on Wednesday.

The Armenian foreign minister said that a ceasefire must come first.
"""
TAGGED_NAME = "tagged.md"

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# No background traffic, no component downloads: the browser talks only to the test server.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]


def make_project(folder: Path, extra_seeds: dict[str, bytes] | None = None) -> Path:
    """A copy of the site project; ``briefings/`` (docs_dir) starts empty, as on a fresh clone."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name)
        else:
            shutil.copy(source, folder / name)
    (folder / "briefings").mkdir()
    for name, data in (extra_seeds or {}).items():
        (folder / "seeds" / name).write_bytes(data)
    return folder


def make_seeds_project(folder: Path) -> Path:
    """The project the shared seeds site is built from: the project's seeds and the tagged one."""
    return make_project(folder, {TAGGED_NAME: TAGGED_SEED.encode("utf-8")})


def run(project: Path, *args: str, env: dict | None = None,
        timeout: int = 600) -> subprocess.CompletedProcess:
    """``python *args`` in ``project``, with the fixed build time and ``env`` added."""
    return subprocess.run([sys.executable, *args], cwd=project, capture_output=True, text=True,
                          env={**os.environ, **BUILD_ENV, **(env or {})}, timeout=timeout)


def mkdocs_build(project: Path, *args: str, env: dict | None = None,
                 site: str = "site") -> subprocess.CompletedProcess:
    return run(project, "-m", "mkdocs", "build", "-d", site, *args, env=env)


def copy_cache(built: Path, project: Path) -> Path:
    """Gives ``project`` the extraction cache of the built project ``built``, so that a build of
    ``project`` analyses only the articles ``built`` did not have; returns ``project``."""
    shutil.copytree(built / CACHE, project / CACHE, dirs_exist_ok=True)
    return project


def analyse_here(project: Path) -> Path:
    """Fills ``project``'s extraction cache in this process with every article a build of it
    would analyse (the same settings, from its ``mkdocs.yml``), so that the build that follows
    analyses nothing; returns ``project``. For builds whose subject is not the analysis: a
    build process that analyses loads spaCy and every data file again (seconds of CPU), while
    this process loads its pipeline once per test session."""
    from generator import cli, pipeline

    config = cli.ProjectConfig.load(project / "mkdocs.yml")
    settings = dataclasses.replace(pipeline.Settings.from_options(project, config.options),
                                   n_process=1)
    pipeline.run(pipeline.scan_inputs(settings.seeds)[0], settings)
    return project


def briefing_ids(project: Path) -> list[str]:
    return sorted(p.stem for p in (project / "briefings" / "briefings").glob("*.json"))


# --- serving a built site -------------------------------------------------------------------

class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def http_server(folder: Path) -> ThreadingHTTPServer:
    """A web server for ``folder`` on a free port of localhost, bound but not serving yet (the
    folder need not exist yet): a site can be built for its address first."""
    return ThreadingHTTPServer(("127.0.0.1", 0),
                               functools.partial(QuietHandler, directory=str(folder)))


def address(server: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/"


@contextlib.contextmanager
def serving(server: ThreadingHTTPServer):
    """``server`` answering from a thread while the block runs; closed after it."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield address(server)
    finally:
        server.shutdown()
        server.server_close()


def served(folder: Path):
    """``folder`` on a local web server (the clipboard wants a secure origin: localhost is)."""
    return serving(http_server(folder))


# --- the seeds project with a build hook (atomic builds) ---------------------------------------

# A MkDocs hook that stops a build half-way, after some pages are written: it hangs (so a test
# can kill or terminate the build) or raises, as TEST_BUILD_HOOK says.
HOOK = '''
import os, time
from pathlib import Path

PAGES = []

def on_post_page(output, page, config):
    PAGES.append(page.file.src_uri)
    if len(PAGES) == 4 and os.environ.get("TEST_BUILD_HOOK"):
        Path(os.environ["TEST_BUILD_MARKER"]).write_text(f"{config.site_dir} {os.getpid()}")
        if os.environ["TEST_BUILD_HOOK"] == "hang":
            time.sleep(600)
        raise RuntimeError("a build that fails half-way")
    return output
'''
GENERATOR_ENV = {"NO_MKDOCS_2_WARNING": "1"}


def make_hooked_project(folder: Path) -> Path:
    """A copy of the site project with the hook (copy2: the inputs keep their modification
    times) and no ``briefings/`` folder, as on a fresh clone."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("templates", "overrides", "seeds"):
        shutil.copytree(ROOT / name, folder / name)
    config = (ROOT / "mkdocs.yml").read_text("utf-8") + "\nhooks:\n  - build_hook.py\n"
    (folder / "mkdocs.yml").write_text(config, "utf-8")
    shutil.copystat(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "build_hook.py").write_text(HOOK, "utf-8")
    shutil.copystat(ROOT / "mkdocs.yml", folder / "build_hook.py")
    return folder


def generator_build(project: Path, *args: str,
                    env: dict | None = None) -> subprocess.CompletedProcess:
    """``python -m generator build``: the build dates itself from its inputs (no fixed time)."""
    return subprocess.run([sys.executable, "-m", "generator", "build", *args], cwd=project,
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, **GENERATOR_ENV, **(env or {})})


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}
