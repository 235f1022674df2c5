"""The corrections file: reading it, and checking every correction in it before any applies.

A malformed file is one ``CorrectionsError``: a single line with the file and line, what is wrong
and the fix. The values a key may take come from the briefing schema, so the file accepts what
the JSON may hold and nothing else.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import yaml

from ..model import ACTOR_TYPES, json_schema

DEFAULT_FILE = "corrections.yaml"
SUFFIXES = (".yaml", ".yml")
COMMON_KEYS = ("note", "by")
# What each kind may set; the key naming the kind holds what it corrects.
KIND_KEYS: dict[str, tuple[str, ...]] = {
    "actor": ("article", "name", "type", "title", "affiliation", "merge_into", "place", "drop"),
    "position": ("article", "speaker", "issues", "stance", "drop"),
    "add_position": ("article", "speaker", "cue", "kind", "issues", "stance"),
    "figure": ("article", "value", "qualifier", "unit", "event", "category", "claimed_by",
               "about", "drop"),
    "add_figure": ("article", "value", "qualifier", "unit", "event", "category", "claimed_by",
                   "about"),
    "cell": ("article", "stance", "drop"),
}
REQUIRED_KEYS = {"position": ("article",), "add_position": ("article", "speaker"),
                 "figure": ("article",), "add_figure": ("article", "value", "unit"),
                 "cell": ("article",)}

class CorrectionsError(ValueError):
    """A malformed corrections file: one line saying where, what is wrong and the fix."""

    def __init__(self, where: str, problem: str, fix: str):
        super().__init__(f"{where}: {problem} — fix: {fix}")
        self.where, self.problem, self.fix = where, problem, fix


@dataclass(frozen=True)
class Correction:
    """One entry of a corrections file: its ``kind``, what it names (``target``: actor name,
    quoted words, or ``(actor, issue)`` for a cell), and the ``changes`` it makes."""
    file: str
    line: int
    kind: str
    target: Any
    article: Optional[str] = None
    changes: tuple[tuple[str, Any], ...] = ()
    by: Optional[str] = None
    note: Optional[str] = None

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    @property
    def drop(self) -> bool:
        return bool(self.get("drop"))

    def get(self, key: str, default: Any = None) -> Any:
        return dict(self.changes).get(key, default)

    def has(self, key: str) -> bool:
        return key in dict(self.changes)

    def provenance(self) -> dict[str, Optional[str]]:
        return {"by": self.by, "note": self.note}

    def describe(self) -> str:
        """What it corrects, in words, for reports."""
        if self.kind == "cell":
            what = f"cell {self.target[0]} × {self.target[1]}"
        else:
            what = f"{self.kind.replace('_', ' ')} \u201c{self.target}\u201d"
        return f"{what} in {self.article}" if self.article else what


# ---------------------------------------------------------------------------------------------
# Reading and validating


def correction_files(path: Path) -> list[Path]:
    """The files a ``corrections`` option names: the file, the YAML files of a folder (sorted,
    hidden ones skipped), or none when it does not exist."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in SUFFIXES
                      and not any(part.startswith(".") for part in p.relative_to(path).parts))
    return [path] if path.is_file() else []


def load(path: Path, root: Path) -> list[Correction]:
    """Every correction in the file or folder ``path``; raises ``CorrectionsError``."""
    found: list[Correction] = []
    for file in correction_files(path):
        name = _relative(file, root)
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CorrectionsError(name, f"cannot be read ({error})",
                                   "save it as UTF-8 text") from error
        found += parse(text, name)
    return found


def parse(text: str, name: str = DEFAULT_FILE) -> list[Correction]:
    """The corrections in ``text`` (the contents of file ``name``), validated."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader that adds lines
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        problem = " ".join(str(error.problem or error.context or "not valid YAML").split())
        raise CorrectionsError(f"{name}:{line}", f"not valid YAML ({problem})",
                               "check the indentation and quote text containing ': ' or '#'"
                               ) from error
    if data is None:
        return []
    if not isinstance(data, list):
        raise CorrectionsError(f"{name}:1", "the file is not a list of corrections",
                               "start each correction with '- ' at the left margin")
    return [_entry(item, name) for item in data]


class _LineLoader(yaml.SafeLoader):
    """Safe loading that records on each mapping the line it starts on (``__line__``)."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def _entry(item: Any, name: str) -> Correction:
    if not isinstance(item, dict):
        raise CorrectionsError(name, f"a correction is not a set of 'key: value' lines: {item!r}",
                               "write each correction as '- kind: ...' followed by its keys")
    line = item.pop("__line__")
    where = f"{name}:{line}"
    kinds = [key for key in KIND_KEYS if key in item]
    if len(kinds) != 1:
        found = " and ".join(kinds) if kinds else "none"
        raise CorrectionsError(where, f"a correction names one kind, found {found}",
                               "begin it with one of " + ", ".join(KIND_KEYS))
    kind = kinds[0]
    allowed = (kind, *KIND_KEYS[kind], *COMMON_KEYS)
    for key in item:
        if key not in allowed:
            raise CorrectionsError(where, f"unknown key '{key}' in a{'n' if kind[0] in 'a' else ''}"
                                   f" {kind} correction", "use one of " + ", ".join(allowed[1:]))
    for key in REQUIRED_KEYS.get(kind, ()):
        if item.get(key) in (None, ""):
            raise CorrectionsError(where, f"a{'n' if kind[0] in 'a' else ''} {kind} correction "
                                   f"needs '{key}'", f"add '{key}: ...'")
    changes = {key: _checked(key, value, kind, where) for key, value in item.items()
               if key not in (kind, "article", *COMMON_KEYS)}
    _check_combination(kind, changes, where)
    target = _cell_target(item[kind], where) if kind == "cell" else _text(item[kind], kind, where)
    return Correction(
        file=name, line=line, kind=kind, target=target,
        article=_text(item["article"], "article", where) if item.get("article") else None,
        changes=tuple(changes.items()),
        by=_optional_text(item.get("by"), "by", where),
        note=_optional_text(item.get("note"), "note", where))


def _schema_enum(*path: str) -> tuple:
    node = json_schema()["properties"]
    for step in path[:-1]:
        node = node[step]["items"]["properties"]
    return tuple(node[path[-1]]["enum"])


def allowed_values() -> dict[tuple[str, str], tuple]:
    """The values a key may take, from the briefing schema (one place says what is valid)."""
    position_stances = _schema_enum("positions", "stance")
    return {("actor", "type"): ACTOR_TYPES,
            ("position", "stance"): position_stances, ("add_position", "stance"): position_stances,
            ("add_position", "kind"): _schema_enum("positions", "kind"),
            ("cell", "stance"): _schema_enum("stances", "stance"),
            **{(kind, key): _schema_enum("figures", key) for kind in ("figure", "add_figure")
               for key in ("qualifier", "event", "category")}}


NULLABLE = {"title", "affiliation", "speaker", "stance", "event", "claimed_by", "about"}


def _checked(key: str, value: Any, kind: str, where: str) -> Any:
    if value is None:
        if key in NULLABLE and not (kind == "cell" and key == "stance"):
            return None
        raise CorrectionsError(where, f"'{key}' has no value", f"give '{key}' a value or remove it")
    if key in ("drop", "place"):
        if value is not True:
            raise CorrectionsError(where, f"'{key}' can only be true",
                                   f"write '{key}: true' or remove the line")
        return True
    if key == "value":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise CorrectionsError(where, f"'value' must be a number, not {value!r}",
                                   "write the number without words or commas: value: 2000")
        return value
    if key == "issues":
        if not isinstance(value, list) or not all(isinstance(i, str) and i for i in value):
            raise CorrectionsError(where, "'issues' must be a list of issue ids",
                                   "write issues: [negotiations, ceasefire]")
        return tuple(value)
    allowed = allowed_values().get((kind, key))
    if allowed is not None and value not in allowed:
        raise CorrectionsError(where, f"'{key}' cannot be {value!r}",
                               f"use one of {', '.join(str(a) for a in allowed if a)}")
    return _text(value, key, where)


def _check_combination(kind: str, changes: dict, where: str) -> None:
    ends = [key for key in ("drop", "place", "merge_into") if key in changes]
    if len(ends) > 1 or (ends and len(changes) > 1):
        raise CorrectionsError(where, f"'{ends[0]}' cannot be combined with "
                               + ", ".join(f"'{k}'" for k in changes if k != ends[0]),
                               "make it a correction of its own")
    if not changes and kind in ("actor", "position", "figure", "cell"):
        raise CorrectionsError(where, f"this {kind} correction changes nothing",
                               "add what to set (or 'drop: true')")


def _text(value: Any, key: str, where: str) -> str:
    if isinstance(value, (dict, list)) or isinstance(value, bool) or value in (None, ""):
        raise CorrectionsError(where, f"'{key}' must be a piece of text, not {value!r}",
                               f"write {key}: \"...\"")
    return " ".join(str(value).split())


def _optional_text(value: Any, key: str, where: str) -> Optional[str]:
    return None if value in (None, "") else _text(value, key, where)


def _cell_target(value: Any, where: str) -> tuple[str, str]:
    if not isinstance(value, dict) or set(value) - {"__line__"} != {"actor", "issue"}:
        raise CorrectionsError(where, "'cell' must name an actor and an issue",
                               "write cell: {actor: Russia, issue: negotiations}")
    return _text(value["actor"], "actor", where), _text(value["issue"], "issue", where)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
