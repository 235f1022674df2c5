"""Publishing a built site atomically: build into a staging folder beside the site folder, then
swap it in, so a failed or interrupted build never leaves a half-written or missing site.

The staging folder is ``<site>.staging-<pid>-<random>`` in the same parent folder (a rename
across file systems would be a copy). The swap is one ``renameat2(RENAME_EXCHANGE)`` on Linux;
elsewhere it is two renames (old site away, new site in), and the old site is put back if the
second fails. A build that was killed leaves its staging folder behind; the next build removes
the folders of processes that are no longer running, and restores a site that a crash between
the two renames left under its ``.old-`` name.
"""
from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

_LEFTOVER = re.compile(r"\.(staging|old)-(\d+)-[\w-]+$")
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@contextlib.contextmanager
def staging(site: Path) -> Iterator[Path]:
    """A new empty folder beside ``site`` to build into; removed on exit unless it was
    published (renamed into ``site``)."""
    site = Path(site).absolute()
    site.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(site)
    folder = Path(tempfile.mkdtemp(prefix=f"{site.name}.staging-{os.getpid()}-", dir=site.parent))
    try:
        yield folder
    finally:
        if folder.exists():
            shutil.rmtree(folder, ignore_errors=True)


def publish(built: Path, site: Path) -> None:
    """Makes ``built`` the site at ``site``; the previous site, if any, is deleted."""
    built, site = Path(built).absolute(), Path(site).absolute()
    if not site.exists():
        os.rename(built, site)
        return
    if _exchange(built, site):
        shutil.rmtree(built)  # now the previous site
        return
    old = Path(tempfile.mkdtemp(prefix=f"{site.name}.old-{os.getpid()}-", dir=site.parent))
    os.rename(site, old / "site")
    try:
        os.rename(built, site)
    except OSError:
        os.rename(old / "site", site)
        shutil.rmtree(old, ignore_errors=True)
        raise
    shutil.rmtree(old)


def is_staging(folder: Path) -> bool:
    """Whether ``folder`` is a staging folder of ``staging``, this process's or another's
    (``python -m generator build`` stages, then runs ``mkdocs build -d <staging>``)."""
    match = _LEFTOVER.search(Path(folder).name)
    return match is not None and match.group(1) == "staging"


def remove_leftovers(site: Path) -> list[Path]:
    """Removes staging and old folders beside ``site`` that belong to processes no longer
    running; an old site is moved back first if ``site`` itself is missing."""
    site = Path(site).absolute()
    removed = []
    if not site.parent.is_dir():
        return removed
    for folder in sorted(site.parent.iterdir()):
        match = _LEFTOVER.fullmatch(folder.name[len(site.name):]) \
            if folder.name.startswith(site.name + ".") else None
        if not match or not folder.is_dir() or process_running(int(match.group(2))):
            continue
        if match.group(1) == "old" and not site.exists() and (folder / "site").is_dir():
            os.rename(folder / "site", site)
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def process_running(pid: int) -> bool:
    """Whether process ``pid`` is running (this one is; another user's counts as running)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _exchange(a: Path, b: Path) -> bool:
    """Swaps two paths in one step where the system can (Linux ``renameat2``)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0
