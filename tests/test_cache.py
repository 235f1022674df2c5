"""The extraction cache: an unchanged article is never analysed twice; any change misses.

These run the real pipeline (spaCy and every extractor) on the two seeds and short generated
articles; whether an article was analysed is counted at the analyse step, never timed.
"""
from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import pytest

from generator import analysis as analyser, cache, gazetteer, pipeline
from generator.extract import extract_briefing, load_lexicons
from generator.nlp import load_pipeline

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

SKIRMISH = """Border clash leaves soldiers dead

Azerbaijan's defence ministry said on Tuesday that 12 soldiers were killed in shelling near the
border. "We will respond to every provocation," the ministry said in a statement.
Armenia denied the claim and called for talks under the OSCE Minsk Group.
"""

CEASEFIRE = """Ceasefire talks resume in Moscow

Russian Foreign Minister Sergei Lavrov said the two sides had agreed to meet again next week.
Armenian Prime Minister Nikol Pashinyan said a ceasefire was possible if Turkey stayed out.
"""

ZORVANIA = """entries:
- id: zorvania
  name: Zorvania
  type: state
"""


class CountingAnalysis:
    """Wraps the analyse step, counting the articles it is given."""

    def __init__(self):
        self.articles = 0
        self.real = analyser.analyse_and_extract

    def __call__(self, nlp, lexicons, articles, **kwargs):
        self.articles += len(articles)
        return self.real(nlp, lexicons, articles, **kwargs)


@pytest.fixture
def analysis(monkeypatch) -> CountingAnalysis:
    counter = CountingAnalysis()
    monkeypatch.setattr(analyser, "analyse_and_extract", counter)
    return counter


@pytest.fixture
def site(tmp_path) -> Path:
    """A project folder with the two seeds and two generated articles."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    (folder / "skirmish.txt").write_text(SKIRMISH, encoding="utf-8")
    (folder / "ceasefire.txt").write_text(CEASEFIRE, encoding="utf-8")
    return tmp_path


def settings_for(site: Path, **changes) -> pipeline.Settings:
    return pipeline.Settings(root=site, n_process=1, **changes)


def build(site: Path, **changes) -> pipeline.Outcome:
    return pipeline.run(pipeline.find_inputs(site / "seeds"), settings_for(site, **changes))


def as_json(outcome: pipeline.Outcome) -> list[dict]:
    return [b.to_dict() for b in outcome.briefings]


def test_a_second_build_takes_every_briefing_from_the_cache_without_parsing(site, analysis):
    first = build(site)
    assert analysis.articles == 4
    second = build(site)
    assert analysis.articles == 4
    assert (second.cache_hits, second.analysed) == (4, 0)
    assert second.briefings == first.briefings
    assert as_json(second) == as_json(first)


def test_the_cache_returns_what_extraction_gives_directly(site):
    outcome = build(site)
    cached = build(site)
    lexicons = load_lexicons()
    nlp = load_pipeline()
    for article, briefing in zip(cached.articles, cached.briefings):
        direct = extract_briefing(article, nlp(article.analysis_text()), lexicons, briefing.id)
        assert briefing == direct
    assert cached.briefings == outcome.briefings


def test_the_cache_lives_under_the_project_root_by_default(site):
    build(site)
    entries = list((site / ".cache" / "briefings").rglob("*.json"))
    assert len(entries) == 4


def build_with_one_figure_changed(site: Path) -> pipeline.Outcome:
    """Builds ``site``, changes a figure in skirmish.txt and builds again."""
    build(site)
    path = site / "seeds" / "skirmish.txt"
    path.write_text(SKIRMISH.replace("12 soldiers", "14 soldiers"), encoding="utf-8")
    return build(site)


def test_a_changed_text_misses_and_only_that_article_is_analysed(site, analysis):
    outcome = build_with_one_figure_changed(site)
    assert analysis.articles == 5
    assert (outcome.cache_hits, outcome.analysed) == (3, 1)
    skirmish = next(b for b in outcome.briefings if b.source_file.endswith("skirmish.txt"))
    assert any(f.value == 14 for f in skirmish.figures)


def test_a_changed_site_gazetteer_misses_every_article(site, analysis):
    gazetteer = site / "gazetteer.yaml"
    gazetteer.write_text(ZORVANIA, encoding="utf-8")
    build(site, gazetteers=(str(gazetteer),))
    gazetteer.write_text(ZORVANIA.replace("Zorvania", "Zorvanian Republic"), encoding="utf-8")
    outcome = build(site, gazetteers=(str(gazetteer),))
    assert analysis.articles == 8
    assert outcome.cache_hits == 0


@pytest.fixture
def lexicon_reads(monkeypatch) -> list:
    """Each reading of the lexicons by the pipeline, in a process that has read none yet."""
    reads = []
    real = analyser.load_lexicons

    def counted(*args, **kwargs):
        reads.append(args)
        return real(*args, **kwargs)
    monkeypatch.setattr(analyser, "_LEXICONS", {})
    monkeypatch.setattr(analyser, "load_lexicons", counted)
    return reads


def test_a_process_reads_the_lexicons_once_while_the_data_files_are_unchanged(site, lexicon_reads):
    outcome = build_with_one_figure_changed(site)
    assert outcome.analysed == 1
    assert len(lexicon_reads) == 1


def test_an_edited_site_gazetteer_is_read_again(site, lexicon_reads):
    gazetteer = site / "gazetteer.yaml"
    gazetteer.write_text(ZORVANIA, encoding="utf-8")
    build(site, gazetteers=(str(gazetteer),))
    gazetteer.write_text(ZORVANIA.replace("Zorvania", "Zorvanian Republic"), encoding="utf-8")
    build(site, gazetteers=(str(gazetteer),))
    assert len(lexicon_reads) == 2
    assert lexicon_reads[1][0] == (str(gazetteer),)


def test_a_changed_built_in_lexicon_changes_the_data_fingerprint(tmp_path, monkeypatch):
    data = Path(cache.__file__).parent / "data"
    copy = tmp_path / "data"
    shutil.copytree(data, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache.resources, "files", lambda package: copy)
    before = cache.data_fingerprint()
    speech = copy / "lexicon" / "speech.yaml"
    speech.write_text(speech.read_text(encoding="utf-8") + "\n# one more line\n", encoding="utf-8")
    assert cache.data_fingerprint() != before


def test_a_new_model_version_misses(site, analysis, monkeypatch):
    build(site)
    real = cache.Runtime.here
    monkeypatch.setattr(cache.Runtime, "here",
                        classmethod(lambda cls: cls(model="en_core_web_sm-9.9.9",
                                                    code=real().code)))
    outcome = build(site)
    assert analysis.articles == 8
    assert outcome.cache_hits == 0


def test_the_fingerprinted_code_is_the_analysis_and_extraction_not_the_renderer():
    modules = {p.relative_to(cache.package_dir()).as_posix()
               for p in cache.analysis_modules(cache.package_dir())}
    assert {"nlp.py", "gazetteer.py", "model.py", "read.py", "extract/__init__.py",
            "extract/actors.py", "extract/positions.py", "extract/stances.py"} <= modules
    assert not modules & {"render.py", "plugin.py", "cli.py"}


def test_the_same_text_under_two_names_is_analysed_once_and_stamped_with_each_id(site, analysis):
    shutil.copy(site / "seeds" / "skirmish.txt", site / "seeds" / "skirmish-copy.txt")
    outcome = build(site)
    assert analysis.articles == 4
    copies = [b for b in outcome.briefings if "skirmish" in b.source_file]
    assert [b.source_file for b in copies] == ["seeds/skirmish-copy.txt", "seeds/skirmish.txt"]
    assert copies[0].id != copies[1].id
    assert copies[0].actors == copies[1].actors and copies[0].actors is not copies[1].actors


def test_a_cached_briefing_takes_the_id_assigned_in_this_build(site, analysis):
    build(site)
    # A file sorting first with the same title takes the plain slug; the cached one gets a suffix.
    (site / "seeds" / "aaa.txt").write_text(SKIRMISH.replace("12 soldiers", "9 soldiers"),
                                            encoding="utf-8")
    outcome = build(site)
    ids = {b.source_file: b.id for b in outcome.briefings}
    assert ids["seeds/aaa.txt"] == "border-clash-leaves-soldiers-dead"
    assert ids["seeds/skirmish.txt"].startswith("border-clash-leaves-soldiers-dead-")
    assert analysis.articles == 5


def test_an_unreadable_entry_is_a_miss_not_an_error(site, analysis):
    build(site)
    for entry in (site / ".cache" / "briefings").rglob("*.json"):
        entry.write_text('{"environment": "trunc', encoding="utf-8")
    outcome = build(site)
    assert analysis.articles == 8
    assert as_json(outcome) == as_json(build(site))


def test_entries_are_whole_json_files_with_no_temporary_files_left(site):
    build(site)
    files = [p for p in (site / ".cache" / "briefings").rglob("*") if p.is_file()]
    assert files and all(p.suffix == ".json" for p in files)
    for path in files:
        entry = json.loads(path.read_text(encoding="utf-8"))
        assert "id" not in entry["briefing"] and "source_file" not in entry["briefing"]


def test_write_atomically_leaves_the_old_entry_when_writing_fails(tmp_path):
    target = tmp_path / "entry.json"
    target.write_text("old", encoding="utf-8")

    with pytest.raises(TypeError):
        cache.write_atomically(target, 12345)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["entry.json"]


def test_without_a_cache_directory_nothing_is_written_and_everything_analysed(site, analysis):
    build(site, cache_dir=None)
    build(site, cache_dir=None)
    assert analysis.articles == 8
    assert not (site / ".cache").exists()


def test_briefings_from_other_code_are_cached_for_that_code_not_this(site, analysis,
                                                                     monkeypatch):
    real = analyser.extract_articles
    edited = cache.Runtime(model=cache.Runtime.here().model, code="edited-since-start")

    def from_edited_code(*args, **kwargs):
        return [(edited, data) for _, data in real(*args, **kwargs)]

    monkeypatch.setattr(analyser, "extract_articles", from_edited_code)
    build(site)
    monkeypatch.setattr(analyser, "extract_articles", real)
    outcome = build(site)
    assert outcome.cache_hits == 0 and analysis.articles == 8
    monkeypatch.setattr(cache.Runtime, "here", classmethod(lambda cls: edited))
    assert build(site).cache_hits == 4


def test_old_environments_are_pruned_and_the_current_one_kept(tmp_path):
    for n in range(5):
        cache.ExtractionCache(tmp_path, str(n) * 40).touch()
    current = cache.ExtractionCache(tmp_path, "f" * 40)
    current.touch()
    current.prune(keep=3)
    assert len([p for p in tmp_path.iterdir() if p.is_dir()]) == 3
    assert current.entries.is_dir()


def test_pruning_leaves_the_folders_that_are_no_environment(tmp_path):
    (tmp_path / "pages").mkdir()
    for n in range(5):
        cache.ExtractionCache(tmp_path, str(n) * 40).touch()
    cache.ExtractionCache(tmp_path, "f" * 40).prune(keep=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pages"]


def test_extract_cache_dir_option_keeps_the_cache_there(site, tmp_path, monkeypatch, capsys):
    from generator import cli
    monkeypatch.chdir(site)
    folder = tmp_path / "elsewhere"
    seeds = [str(p) for p in sorted((site / "seeds").glob("*.txt"))]
    assert cli.main(["extract", "--jsonl", "--jobs", "1", "--cache-dir", str(folder), *seeds]) == 0
    first = capsys.readouterr().out
    assert len(list(folder.rglob("*.json"))) == 4
    assert not (site / ".cache").exists()
    assert cli.main(["extract", "--jsonl", "--jobs", "1", "--cache-dir", str(folder), *seeds]) == 0
    assert capsys.readouterr().out == first


@pytest.fixture
def kept_names(tmp_path):
    """Place names kept in a fresh folder, each test starting as a new process would."""
    def fresh() -> None:
        gazetteer.town_names.cache_clear()
        gazetteer.city_names.cache_clear()
    fresh()
    gazetteer.keep_place_names_in(tmp_path)
    yield tmp_path, fresh
    gazetteer.keep_place_names_in(None)
    fresh()


def test_the_next_process_reads_the_place_names_back_and_makes_them_again_when_unreadable(
        kept_names):
    """Making GeoNames' town names takes a second of every process that analyses an article: one
    process keeps them, the next reads them; a damaged file is made again, never an error."""
    folder, fresh = kept_names
    made = gazetteer.town_names()
    kept, = folder.glob("place-names-towns-*.pickle")
    kept.write_bytes(pickle.dumps(frozenset({"read back"})))
    fresh()
    assert gazetteer.town_names() == {"read back"}
    kept.write_bytes(b"not a pickle")
    fresh()
    assert gazetteer.town_names() == made and "raqqa" in made
    assert pickle.loads(kept.read_bytes()) == made


def test_imports_in_functions_and_blocks_are_part_of_the_fingerprinted_code(tmp_path):
    package = tmp_path / "generator"
    package.mkdir()
    for name in ("a", "b", "c", "d"):
        (package / f"{name}.py").write_text("", encoding="utf-8")
    (package / "root.py").write_text(
        "try:\n    from . import a\nexcept ImportError:\n    pass\n"
        "def later(x):\n    if x:\n        from .b import thing\n    else:\n        import generator.c\n"
        "class Kind:\n    def method(self):\n        with open('f'):\n            from . import d\n",
        encoding="utf-8")
    found = {p.name for p in cache._package_imports(package / "root.py", package)}
    assert found == {"a.py", "b.py", "c.py", "d.py"}
