"""A content-hash cache of extraction results, so an unchanged article is never analysed twice.

An entry is one briefing's JSON. Its key has two parts:

- the *environment*: the spaCy pipeline's version, the bytes of the data files (the built-in
  lexicons and gazetteers under ``generator/data/`` and a site's own gazetteer and issue files)
  and the source of the modules the analysis and extraction run (``generator/extract/`` and
  everything it and ``generator/nlp.py`` import from the package). Entries of one environment
  share a folder; a new model, lexicon or extractor starts an empty one.
- the *article*: a hash of everything extraction reads from the ``Article`` — its text, the
  regions hidden from the analysis and the metadata read from the file.

Briefing ids are assigned across the whole site after reading, so the id and the file name are
not part of an entry: ``get`` stamps those of the article asking. Two files with the same text
therefore share one entry.

Entries are written to a temporary file and moved into place with ``os.replace``, so a reader
sees a whole entry or none; an entry that cannot be read is a miss, never an error.
"""
from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

from .model import Briefing
from .read import Article
from .spacymodel import model_version

DEFAULT_CACHE_DIR = ".cache/briefings"
# The folder of an environment's entries: the start of its fingerprint (``ExtractionCache``).
_ENVIRONMENT_FOLDER = re.compile(r"[0-9a-f]{20}")
ENVIRONMENTS_KEPT = 3
PACKAGE = "generator"
# Where the analysis starts: every module these import from the package is part of the key.
ANALYSIS_ROOTS = ("analysis.py", "extract/__init__.py", "nlp.py", "pipeline.py")
# What an entry takes from the article asking rather than from the extraction.
STAMPED_FIELDS = ("id", "source_file")


def package_dir() -> Path:
    return Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the source of the modules that analyse and extract.

    Computed once per process, so it describes the code this process imported even if the
    files change later (``mkdocs serve`` keeps running while someone edits an extractor).
    """
    digest = hashlib.sha256()
    root = package_dir()
    for path in sorted(analysis_modules(root)):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def analysis_modules(root: Path) -> set[Path]:
    """The package's modules reachable by imports from ``ANALYSIS_ROOTS``, plus every module of
    ``extract/`` (which may load its parts dynamically)."""
    found: set[Path] = set(root.joinpath("extract").glob("*.py"))
    pending = [root / name for name in ANALYSIS_ROOTS] + sorted(found)
    while pending:
        path = pending.pop()
        if not path.is_file():
            continue
        found.add(path)
        for target in _package_imports(path, root):
            if target not in found:
                found.add(target)
                pending.append(target)
    return {p for p in found if p.is_file()}


def _package_imports(path: Path, root: Path) -> Iterable[Path]:
    """Files of the package that ``path`` imports (relative or ``generator.``-absolute)."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError):
        return []
    here = path.parent
    targets = []
    for node in _statements(tree.body):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here
                for _ in range(node.level - 1):
                    base = base.parent
            elif node.module and node.module.split(".")[0] == PACKAGE:
                base = root
            else:
                continue
            parts = node.module.split(".") if node.module else []
            if not node.level and parts:
                parts = parts[1:]
            module = base.joinpath(*parts) if parts else base
            targets += [module.with_suffix(".py"), module / "__init__.py"]
            targets += [module / f"{alias.name}.py" for alias in node.names]
            targets += [module / alias.name / "__init__.py" for alias in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == PACKAGE and len(parts) > 1:
                    module = root.joinpath(*parts[1:])
                    targets += [module.with_suffix(".py"), module / "__init__.py"]
    return [t.resolve() for t in targets if t.is_file() and root in t.resolve().parents]


def _statements(body: list) -> Iterable[ast.AST]:
    """Every statement of ``body`` and of the blocks inside its statements. An import is a
    statement, so no expression is walked: most of a module's nodes, and most of the time
    ``ast.walk`` took (a fifth of a second of every build)."""
    for node in body:
        yield node
        for name in _BLOCKS:
            block = getattr(node, name, None)
            if isinstance(block, list):
                yield from _statements(block)


# The fields of a statement that hold statements (an except clause's and a match case's too).
_BLOCKS = ("body", "orelse", "finalbody", "handlers", "cases")


def data_fingerprint(extra_files: Iterable[Optional[str | Path]] = ()) -> str:
    """A hash of the bytes of the built-in data files and of a site's own, in order."""
    digest = hashlib.sha256()
    folder = Path(str(resources.files(f"{PACKAGE}.data")))
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes() + b"\0")
    for extra in extra_files:
        digest.update(b"extra\0")
        if extra is None:
            digest.update(b"none\0")
            continue
        try:
            digest.update(Path(extra).read_bytes() + b"\0")
        except OSError:
            digest.update(b"unreadable\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class Runtime:
    """What the process that analyses brings: the spaCy pipeline and the extraction code."""
    model: str
    code: str

    @classmethod
    def here(cls) -> "Runtime":
        return cls(model=model_version(), code=code_fingerprint())


def environment_fingerprint(runtime: Runtime, data: str) -> str:
    return hashlib.sha256(f"{runtime.model}\0{runtime.code}\0{data}".encode("utf-8")).hexdigest()


def article_key(article: Article) -> str:
    """A hash of everything extraction reads from an article, except its file name."""
    fields = {"text_sha256": article.sha256, "hidden": [list(span) for span in article.hidden],
              "title": article.title, "date": article.date, "source": article.source,
              "url": article.url, "tags": list(article.tags)}
    return hashlib.sha256(json.dumps(fields, sort_keys=True, ensure_ascii=False)
                          .encode("utf-8")).hexdigest()


class ExtractionCache:
    """Briefings by article, for one environment, in ``folder/<environment>/``."""

    def __init__(self, folder: Path, environment: str):
        self.folder = Path(folder)
        self.environment = environment
        self.entries = self.folder / environment[:20]
        self.hits = 0
        self.misses = 0

    def path(self, article: Article) -> Path:
        key = article_key(article)
        return self.entries / key[:2] / f"{key}.json"

    def get(self, article: Article, briefing_id: str) -> Optional[Briefing]:
        """The cached briefing of ``article`` stamped with ``briefing_id``, or None."""
        try:
            with open(self.path(article), encoding="utf-8") as handle:
                entry = json.load(handle)
            if not isinstance(entry, dict) or entry.get("environment") != self.environment:
                raise ValueError("not an entry of this environment")
            data = dict(entry["briefing"], id=briefing_id, source_file=article.source_file)
            briefing = Briefing.from_dict(data)
        # Whatever an entry holds (valid JSON of another shape, a field of the wrong type), it
        # is a miss: a bad entry must never stop a build.
        except Exception:
            self.misses += 1
            return None
        self.hits += 1
        return briefing

    def put(self, article: Article, briefing: Briefing) -> None:
        """Stores ``briefing`` for ``article``; a failure to write only costs a later miss."""
        data = briefing.to_dict()
        for name in STAMPED_FIELDS:
            data.pop(name, None)
        entry = {"environment": self.environment, "briefing": data}
        target = self.path(article)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
        except OSError:
            pass

    def touch(self) -> None:
        """Marks this environment as used now, for ``prune``."""
        try:
            self.entries.mkdir(parents=True, exist_ok=True)
            os.utime(self.entries)
        except OSError:
            pass

    def prune(self, keep: int = ENVIRONMENTS_KEPT) -> list[Path]:
        """Removes all but the ``keep`` most recently used environments (this one always kept);
        other folders beside them (the page caches of a build) are not environments."""
        if not self.folder.is_dir():
            return []
        others = [p for p in self.folder.iterdir() if p.is_dir() and p != self.entries
                  and _ENVIRONMENT_FOLDER.fullmatch(p.name)]
        others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        removed = others[max(0, keep - 1):]
        for path in removed:
            shutil.rmtree(path, ignore_errors=True)
        return removed


def text_digest(text: str) -> str:
    """The SHA-256 of ``text`` (UTF-8), in hex: what caches key a value by."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_atomically(target: Path, text: str | bytes) -> None:
    """Writes ``text`` (or bytes) to a temporary file beside ``target`` and renames it into
    place."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                         suffix=".tmp")
    try:
        with (os.fdopen(handle, "wb") if isinstance(text, bytes)
              else os.fdopen(handle, "w", encoding="utf-8")) as out:
            out.write(text)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


__all__ = ["DEFAULT_CACHE_DIR", "ExtractionCache", "Runtime", "article_key", "code_fingerprint",
           "data_fingerprint", "environment_fingerprint", "write_atomically"]
