"""Analysis spread over worker processes gives the same briefings, in the same order, as
analysis in this process; a handful of articles does not start a pool at all."""
from __future__ import annotations

import shutil
from multiprocessing import get_context
from pathlib import Path

import pytest

from generator import analysis, pipeline

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

GENERATED = {
    "skirmish.txt": "Border clash leaves soldiers dead\n\nAzerbaijan's defence ministry said on "
                    "Tuesday that 12 soldiers were killed in shelling near the border.\n",
    "ceasefire.txt": "Ceasefire talks resume in Moscow\n\nRussian Foreign Minister Sergei Lavrov "
                     "said the two sides had agreed to meet again next week.\n",
}


@pytest.fixture
def inputs(tmp_path) -> list[Path]:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    for name, text in GENERATED.items():
        (folder / name).write_text(text, encoding="utf-8")
    return pipeline.find_inputs(folder)


def run(inputs: list[Path], progress=None, **settings) -> pipeline.Outcome:
    return pipeline.run(inputs, pipeline.Settings(root=inputs[0].parents[1], cache_dir=None,
                                                  **settings), progress)


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_two_worker_processes_give_the_briefings_of_one_process_in_input_order(inputs,
                                                                                monkeypatch,
                                                                                start_method):
    monkeypatch.setattr(analysis, "pool_context", lambda: get_context(start_method))
    monkeypatch.setattr(analysis, "MIN_ARTICLES_PER_WORKER", 1)
    monkeypatch.setattr(analysis, "BATCH_SIZE", 1)
    started = []
    real_pool = analysis._extract_in_pool
    monkeypatch.setattr(analysis, "_extract_in_pool",
                        lambda *args: started.append(args[-1]) or real_pool(*args))
    serial = run(inputs, n_process=1)
    parallel = run(inputs, n_process=2)
    assert started == [2]
    assert [b.source_file for b in parallel.briefings] == [b.source_file for b in serial.briefings]
    assert parallel.briefings == serial.briefings


def test_a_few_articles_are_analysed_in_this_process(inputs, monkeypatch):
    def no_pool(*args):
        raise AssertionError("a worker pool was started for four articles")

    monkeypatch.setattr(analysis, "_extract_in_pool", no_pool)
    outcome = run(inputs, n_process=2)
    assert len(outcome.briefings) == 4


def test_progress_counts_every_briefing(inputs):
    done = []
    run(inputs, n_process=1, progress=done.append)
    assert sum(done) == 4


def test_workers_are_forked_from_a_single_threaded_process_and_spawned_beside_threads(
        monkeypatch):
    monkeypatch.setattr(analysis.threading, "active_count", lambda: 1)
    assert analysis.pool_context().get_start_method() == "fork"
    # mkdocs serve watches files from threads.
    monkeypatch.setattr(analysis.threading, "active_count", lambda: 3)
    assert analysis.pool_context().get_start_method() == "spawn"


def test_zero_processes_means_one_per_core():
    assert pipeline.Settings(n_process=0).workers() == pipeline.available_cores()
    assert pipeline.Settings(n_process=3).workers() == 3


def test_batches_hold_every_article_once_the_longest_first():
    from generator.read import Article
    articles = [Article(source_file=f"{n}.txt", text="word " * length, title=str(n))
                for n, length in enumerate([5, 50, 1, 20, 7])]
    batches = analysis.make_batches(articles, size=2)
    assert batches == [[1, 3], [4, 0], [2]]


def test_the_plugin_and_the_shipped_configuration_analyse_on_every_core():
    from mkdocs.utils.yaml import yaml_load
    from generator.plugin import BriefingsConfig

    config = BriefingsConfig()
    config.load_dict({})
    config.validate()
    assert config.jobs == 0
    shipped = yaml_load((Path(__file__).resolve().parents[1] / "mkdocs.yml").open("rb"))
    options = next(p["briefings"] for p in shipped["plugins"] if isinstance(p, dict) and "briefings" in p)
    assert options.get("jobs", 0) == 0
