"""Building over the last site (generator/siteupdate.py): what is held while MkDocs empties the
folder comes back, files with the bytes a build gives again are kept, and those the build does
not make are removed, so the folder ends as a build into an empty one leaves it. Plain files in
a temporary folder; MkDocs' own emptying of the site folder is called as a build calls it."""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.utils import clean_directory

from generator import publish
from generator.siteupdate import SiteUpdate


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def folders_of(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_dir())


def a_site(folder: Path) -> Path:
    for name, text in {"index.html": "home", "a/index.html": "page a", "b/index.html": "page b",
                       "gone/deep/index.html": "a page no longer built",
                       "assets/style.css": "body {}"}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, "utf-8")
    return folder


def started(site: Path, previous: Path | None = None) -> SiteUpdate:
    """An update as a build starts it: held, the folder emptied by MkDocs, restored."""
    update = SiteUpdate(site)
    update.hold(previous)
    clean_directory(str(site))
    update.restore()
    return update


def test_the_files_survive_mkdocs_emptying_the_site_folder(tmp_path):
    site = a_site(tmp_path / "site")
    before = files_of(site)
    started(site)
    assert files_of(site) == before


def test_files_neither_written_nor_kept_are_removed_with_the_folders_left_empty(tmp_path):
    site = a_site(tmp_path / "site")
    update = started(site)
    (site / "index.html").write_text("home, edited", "utf-8")     # written by the build
    (site / "b" / "index.html").write_text("page b", "utf-8")      # written again, same bytes
    (site / "new" / "index.html").parent.mkdir()
    (site / "new" / "index.html").write_text("a new page", "utf-8")
    assert update.unchanged_page("a.md", str(site / "a" / "index.html"), "page a")
    assert not update.unchanged_page("b.md", str(site / "b" / "index.html"), "page b, edited")
    update.prune()
    assert files_of(site) == {"index.html": b"home, edited", "a/index.html": b"page a",
                              "b/index.html": b"page b", "new/index.html": b"a new page"}
    assert folders_of(site) == ["a", "b", "new"]
    assert update.removed == 2


def test_a_static_file_with_the_bytes_already_there_is_not_copied(tmp_path):
    site = a_site(tmp_path / "site")
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / "assets" / "style.css").write_text("body {}", "utf-8")
    (docs / "assets" / "app.js").write_text("run()", "utf-8")

    class StaticFile:
        """What the update uses of MkDocs' File: where it comes from and goes, and its copy."""
        def __init__(self, name: str):
            self.abs_src_path, self.abs_dest_path = str(docs / name), str(site / name)
            self._content = None
            self.copied = 0

        def copy_file(self, dirty: bool = False) -> None:
            self.copied += 1
            os.makedirs(os.path.dirname(self.abs_dest_path), exist_ok=True)
            Path(self.abs_dest_path).write_bytes(Path(self.abs_src_path).read_bytes())

    update = started(site)
    style, app = StaticFile("assets/style.css"), StaticFile("assets/app.js")
    update.keep_copies([style, app])
    style.copy_file()
    app.copy_file()
    update.prune()
    assert (style.copied, app.copied) == (0, 1)
    assert files_of(site) == {"assets/app.js": b"run()", "assets/style.css": b"body {}"}


def test_a_staged_build_starts_from_the_site_its_last_publishing_replaced(tmp_path):
    site = a_site(tmp_path / "site")
    with publish.staging(site) as staging:
        (staging / "index.html").write_text("home, second build", "utf-8")
        publish.publish(staging, site, keep_previous=True)
    previous = publish.previous_site(site)
    assert files_of(previous)["a/index.html"] == b"page a"
    with publish.staging(site) as staging:
        update = started(staging, previous)
        assert files_of(staging)["a/index.html"] == b"page a"
        assert not previous.exists()
        update.prune()
        assert files_of(staging) == {}   # this build wrote and kept nothing
