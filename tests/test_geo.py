"""Places on the map (generator/geo.py): names → country, first-level area and coordinates,
from the packaged GeoNames data."""
from __future__ import annotations

from generator import geo


def test_a_small_town_is_found_only_in_the_articles_countries():
    assert geo.town("Zurmat", ["AF"]).admin1 == "Paktiya"
    assert geo.town("Zurmat", ["IQ", "SY"]) is None


def test_a_district_centre_is_found_without_the_administrative_words_geonames_writes():
    # GeoNames names it "Hukumat-e Nad `Ali": the district centre of Nad Ali
    assert geo.town("Nad Ali", ["AF"]).admin1 == "Helmand"


def test_a_towns_name_is_compared_without_its_marks():
    curly, bare = geo.town("Musa Qal\u2019ah", ["AF"]), geo.town("Musa Qalah", ["AF"])
    assert (curly.admin1, curly.lat, curly.lon) == (bare.admin1, bare.lat, bare.lon)
    assert curly.admin1 == "Helmand"


def test_a_name_of_places_in_two_areas_of_the_country_names_no_area():
    # two villages called Qarah Bagh, in Herat and in Ghazni
    assert geo.town("Qarah Bagh", ["AF"]) is None


def test_geonames_area_names_are_written_as_iso_writes_them():
    assert [geo.town(n, ["AF"]).admin1 for n in ("Bihsud", "Zorkot", "Charkh")] == \
        ["Wardak", "Khost", "Logar"]


def test_a_city_of_an_articles_countries_gives_way_to_a_much_larger_one_of_another_of_them():
    # An American article on an attack in France names the United States most.
    assert geo.city("Paris", ["US", "FR"]).country == "FR"
    # Comparable towns: the article's first country keeps it (Tripoli, Lebanon, 5x smaller).
    assert geo.city("Tripoli", ["LB", "LY"]).country == "LB"


def test_a_world_citys_name_is_no_small_town_of_the_article_that_does_not_name_its_country():
    assert geo.city("Paris", ["US"]) is None
    assert geo.city("London", ["CA"]).admin1 == "Ontario"      # 21x smaller: still the article's
