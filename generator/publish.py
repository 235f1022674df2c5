"""Publishing a built site atomically: build into a staging folder beside the site folder, then
swap it in, so a failed or interrupted build never leaves a half-written or missing site.

The staging folder is ``<site>.staging-<pid>-<random>`` in the same parent folder (a rename
across file systems would be a copy). The swap is one ``renameat2(RENAME_EXCHANGE)`` on Linux;
elsewhere it is two renames (old site away, new site in), and the old site is put back if the
second fails. A build that was killed leaves its staging folder behind; the next build removes
the folders of processes that are no longer running, and restores a site that a crash between
the two renames left under its ``.old-`` name.

Publishing replaces whatever is at the site folder, so ``check_site_folder`` refuses, before
anything is touched, a site folder that is the project, holds it or its inputs, lies inside an
input folder, or is a folder of files that no build made (``SITE_MARK`` marks the sites built
here; a site built before the mark existed is known by MkDocs's ``index.html`` and
``sitemap.xml``).
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
from typing import Iterable, Iterator

_LEFTOVER = re.compile(r"\.(staging|old)-(\d+)-[\w-]+$")
# A file in every published site: the folder is one a build made, which the next may replace.
SITE_MARK = ".briefings-site"
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


class UnsafeSiteFolder(Exception):
    """A site folder that publishing would delete more than a site from."""


def check_site_folder(site: Path, project: Path, inputs: Iterable[Path] = ()) -> None:
    """Raises ``UnsafeSiteFolder`` unless ``site`` can be replaced by a built site without
    losing anything: it must not be the project folder ``project`` or a folder holding it, must
    not be, hold or lie inside one of ``inputs`` (seeds, docs, templates, the config file...),
    must not be the file system root or the home folder, and when it exists it must be a
    folder a build made. Paths are compared resolved (symlinks followed, ``~`` expanded, ``.``
    and ``..`` and trailing slashes normalised), so no spelling leads around the check."""
    shown = str(site)
    if Path(site).is_symlink():
        raise UnsafeSiteFolder(f"the site folder {shown} is a symbolic link: publishing "
                               "replaces the link, not the folder it points to; name that "
                               "folder instead")
    target = _resolved(site)
    root = _resolved(project)
    if target == root or target in root.parents:
        what = "the project folder" if target == root else "a folder holding the project"
        raise UnsafeSiteFolder(f"the site folder {shown} is {what} ({root}): publishing the "
                               "site would delete it; choose a folder of its own, such as site")
    for path in inputs:
        resolved = _resolved(path)
        if target == resolved or target in resolved.parents or resolved in target.parents:
            relation = ("is" if target == resolved else "holds" if target in resolved.parents
                        else "is inside")
            raise UnsafeSiteFolder(f"the site folder {shown} {relation} {path}, an input of the "
                                   "build: choose a folder of its own, such as site")
    if target == Path(target.anchor) or target == _resolved(Path.home()):
        raise UnsafeSiteFolder(f"the site folder {shown} is {target}: choose a folder of its "
                               "own, such as site")
    if target.exists() and not is_built_site(target):
        problem = "is not a folder" if not target.is_dir() else "holds files no build made"
        raise UnsafeSiteFolder(f"the site folder {shown} {problem}: publishing would delete "
                               "them; choose a new or empty folder, or remove it first")


def is_built_site(folder: Path) -> bool:
    """Whether ``folder`` is empty or a site a build published (marked, or MkDocs's own)."""
    if not folder.is_dir() or folder.is_symlink():
        return False
    if (folder / SITE_MARK).is_file() or not any(folder.iterdir()):
        return True
    return (folder / "index.html").is_file() and (folder / "sitemap.xml").is_file()


def _resolved(path: Path) -> Path:
    return Path(os.path.expanduser(os.fspath(path))).resolve()


def publish(built: Path, site: Path, keep_previous: bool = False) -> None:
    """Makes ``built`` the site at ``site``. The previous site, if any, is deleted, or with
    ``keep_previous`` kept at ``previous_site(site)`` for the next build to build over
    (``siteupdate``): deleting a site's thousands of folders takes seconds."""
    built, site = Path(built).absolute(), Path(site).absolute()
    (built / SITE_MARK).write_text("A site built by the briefings generator: the next build "
                                   "replaces this folder.\n", "utf-8")
    if not site.exists():
        os.rename(built, site)
        return
    if _exchange(built, site):
        _set_aside(built, site, keep_previous)  # now the previous site
        return
    old = Path(tempfile.mkdtemp(prefix=f"{site.name}.old-{os.getpid()}-", dir=site.parent))
    os.rename(site, old / "site")
    try:
        os.rename(built, site)
    except OSError:
        os.rename(old / "site", site)
        shutil.rmtree(old, ignore_errors=True)
        raise
    _set_aside(old / "site", site, keep_previous)
    shutil.rmtree(old, ignore_errors=True)


def previous_site(site: Path) -> Path:
    """Where ``publish`` keeps the site it replaced: a hidden folder beside it."""
    site = Path(site).absolute()
    return site.parent / f".{site.name}.previous"


def _set_aside(replaced: Path, site: Path, keep: bool) -> None:
    if keep:
        previous = previous_site(site)
        shutil.rmtree(previous, ignore_errors=True)  # one another build left: an older site
        with contextlib.suppress(OSError):
            os.rename(replaced, previous)
            return
    shutil.rmtree(replaced, ignore_errors=True)


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
