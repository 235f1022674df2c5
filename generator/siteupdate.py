"""Building over an earlier site instead of into an empty folder: files whose bytes the build
gives again stay as they are, the others are written, and those it no longer makes are removed,
so the folder ends as a build into an empty one leaves it.

MkDocs empties the site folder before a build (all but its hidden entries), then writes every
page and copies every static file again. On a site of a thousand briefings that is thousands of
files and folders deleted and made anew on every build, for an edit that changes a handful:
seconds of waiting on the disk (deleting a folder frees and discards its block). Here:

- ``hold``, just before MkDocs empties the folder: its entries move into a hidden folder inside
  it, which MkDocs leaves alone. A staged build (``publish.staging``) starts from an empty
  folder and takes instead the tree its last publishing replaced (``publish.PREVIOUS``);
- ``restore``, once the folder is emptied: they move back, and each file's inode and change
  time is noted;
- ``unchanged``: a page whose output has the bytes of the file already there is not written
  (the plugin makes MkDocs skip it), nor a static file whose source has them (``keep_copies``);
- ``prune``, after the build: a file noted before that nothing wrote or kept since (the same
  inode and change time: writing a file changes its change time) is one this build does not
  make. It is removed, and the folders left empty with it.

Only the plugin's own builds use it, never a dirty one (MkDocs rebuilds only some pages then,
and the others are kept as they are).
"""
from __future__ import annotations

import filecmp
import logging
import os
import shutil
import time
from pathlib import Path
from typing import Any, Iterable, Optional

# The hidden folder inside the site folder that holds its entries while MkDocs empties it.
HOLD = ".briefings-previous"
# More than the coarse clock's tick the kernel stamps file times with (1 to 10 ms).
_CLOCK_TICK_NS = 20_000_000


class _QuietSkips(logging.Filter):
    """Drops MkDocs' note that a page was skipped ("Generated empty output") for the pages left
    as they were."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() not in self.pages


class SiteUpdate:
    """One build over the files already in ``site`` (its site folder)."""

    def __init__(self, site: Path):
        self.site = Path(os.path.abspath(site))
        self._noted: dict[str, tuple[int, int]] = {}
        self._kept: set[str] = set()
        # What the last ``prune`` found: files kept as they were, files removed.
        self.kept = self.removed = 0
        self._quiet = _QuietSkips()
        self._logger = logging.getLogger("mkdocs.commands.build")

    @property
    def _hold(self) -> Path:
        return self.site / HOLD

    def hold(self, previous: Optional[Path] = None) -> None:
        """Moves the entries of the site folder (or, for a staged build, the tree ``previous``)
        where MkDocs' emptying of the folder leaves them."""
        shutil.rmtree(self._hold, ignore_errors=True)  # of a build that was killed
        if previous is not None:
            try:
                os.rename(previous, self._hold)
            except OSError:
                pass  # none kept, or another build took it: this one writes every file
            return
        if not self.site.is_dir():
            return
        entries = [name for name in os.listdir(self.site) if not name.startswith(".")]
        if entries:
            self._hold.mkdir()
            for name in entries:
                os.rename(self.site / name, self._hold / name)

    def restore(self) -> None:
        """Puts the held entries back (those the folder does not hold again by now) and notes
        every file's inode and change time."""
        self._logger.addFilter(self._quiet)
        if not self._hold.is_dir():
            return
        for name in os.listdir(self._hold):
            if not name.startswith(".") and not os.path.lexists(self.site / name):
                os.rename(self._hold / name, self.site / name)
        shutil.rmtree(self._hold, ignore_errors=True)
        latest = 0
        for top, folders, files in os.walk(str(self.site)):
            folders[:] = [name for name in folders if not name.startswith(".")]
            for name in files:
                path = os.path.join(top, name)
                status = os.lstat(path)
                self._noted[path] = (status.st_ino, status.st_ctime_ns)
                latest = max(latest, status.st_ctime_ns)
        # The file system stamps times from a clock that moves in ticks of a few ms: once it is
        # past the latest time noted, a write is sure to change the time it notes.
        while time.time_ns() <= latest + _CLOCK_TICK_NS:
            time.sleep(_CLOCK_TICK_NS / 1e9)

    def unchanged_page(self, src_uri: str, path: str, output: str) -> bool:
        """Whether the page ``src_uri`` written to ``path`` would give the bytes there already
        (as MkDocs writes a page); it is then kept as it is, and MkDocs' note that it skipped it
        left out."""
        same = bool(output.strip()) and self.unchanged(
            path, output.encode("utf-8", errors="xmlcharrefreplace"))
        if same:
            self._quiet.pages.add(f"Page skipped: '{src_uri}'. Generated empty output.")
        return same

    def unchanged(self, path: str, data: bytes) -> bool:
        """Whether the file at ``path`` holds ``data`` already; it is then kept as it is."""
        path = os.path.normpath(path)
        if path not in self._noted:
            return False
        try:
            if os.path.getsize(path) != len(data):
                return False
            with open(path, "rb") as handle:
                same = handle.read() == data
        except OSError:
            return False
        if same:
            self._kept.add(path)
        return same

    def keep_copies(self, files: Iterable[Any]) -> None:
        """Makes each static file of MkDocs (``files``) skip its copy when the site holds its
        bytes already."""
        for file in files:
            copy = file.copy_file

            def copy_if_changed(dirty: bool = False, file=file, copy=copy) -> None:
                if not self._same_file(file):
                    copy(dirty)
            file.copy_file = copy_if_changed

    def _same_file(self, file: Any) -> bool:
        path = os.path.normpath(file.abs_dest_path)
        if path not in self._noted:
            return False
        content = file._content
        if content is not None:
            data = content.encode("utf-8") if isinstance(content, str) else content
            return self.unchanged(path, data)
        try:
            same = filecmp.cmp(file.abs_src_path, path, shallow=False)
        except OSError:
            return False
        if same:
            self._kept.add(path)
        return same

    def prune(self) -> None:
        """Removes the files noted before that nothing wrote or kept in this build, and the
        folders that leaves empty."""
        self._logger.removeFilter(self._quiet)
        self._quiet.pages.clear()
        self.kept = len(self._kept)
        folders = set()
        for path, noted in self._noted.items():
            if path in self._kept:
                continue
            try:
                status = os.lstat(path)
            except OSError:
                continue
            if (status.st_ino, status.st_ctime_ns) == noted:
                os.unlink(path)
                self.removed += 1
                folders.add(os.path.dirname(path))
        for folder in sorted(folders, key=len, reverse=True):
            folder_path = Path(folder)
            while folder_path != self.site and self.site in folder_path.parents:
                try:
                    folder_path.rmdir()
                except OSError:
                    break  # not empty
                folder_path = folder_path.parent
        self._noted, self._kept = {}, set()

    def abandon(self) -> None:
        """A failed build: nothing is pruned (the folder is thrown away, or the next build
        notes its files again)."""
        self._logger.removeFilter(self._quiet)
        self._quiet.pages.clear()
        self._noted, self._kept = {}, set()


__all__ = ["SiteUpdate", "HOLD"]
