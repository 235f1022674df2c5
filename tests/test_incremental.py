"""The kept outcome of the last build: a run reads and analyses only the inputs that changed, and
gives what a run over every input gives. The real pipeline runs on short articles written here."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator import incremental, pipeline

TALKS = """Talks resume in Geneva

The Armenian foreign minister said on Monday that the talks would resume in Geneva.
"""
CLASH = """Border clash

Azerbaijan's defence ministry said that 12 soldiers were killed in shelling near the border.
"""
AID = """Aid convoy reaches the town

The Red Cross said on Friday that its convoy had reached the town with food and medicine.
"""


class Spy:
    """Wraps ``pipeline.run``, recording the inputs each call is given."""

    def __init__(self):
        self.calls: list[list[str]] = []
        self.real = pipeline.run

    def __call__(self, paths, settings, progress=None):
        self.calls.append(sorted(Path(p).name for p in paths))
        return self.real(paths, settings, progress=progress)


@pytest.fixture
def spy(monkeypatch) -> Spy:
    spy = Spy()
    monkeypatch.setattr(pipeline, "run", spy)
    return spy


@pytest.fixture
def project(tmp_path) -> tuple[pipeline.Settings, Path]:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, text in (("aid.txt", AID), ("clash.txt", CLASH), ("talks.txt", TALKS)):
        (seeds / name).write_text(text, "utf-8")
    return pipeline.Settings(root=tmp_path, seeds=seeds, n_process=1), seeds


def as_data(outcome: pipeline.Outcome) -> tuple:
    return ([a.source_file for a in outcome.articles], [b.to_dict() for b in outcome.briefings],
            [str(e) for e in outcome.errors])


def test_a_run_after_one_edit_runs_that_input_alone_and_gives_the_full_outcome(project, spy):
    settings, seeds = project
    store = incremental.Store(settings.cache_folder())
    incremental.run(pipeline.find_inputs(seeds), settings, store)
    (seeds / "clash.txt").write_text(CLASH + "\nArmenia denied the claim on Wednesday.\n", "utf-8")
    (seeds / "empty.txt").write_bytes(b"")
    paths = pipeline.find_inputs(seeds)
    outcome = incremental.run(paths, settings, store)
    assert spy.calls[1:] == [["clash.txt", "empty.txt"]]
    assert as_data(outcome) == as_data(spy.real(paths, settings))
    assert [e.path for e in outcome.errors] == ["seeds/empty.txt"]


def test_a_new_process_takes_the_saved_results_and_runs_nothing(project, spy):
    settings, seeds = project
    paths = pipeline.find_inputs(seeds)
    first = incremental.run(paths, settings, incremental.Store(settings.cache_folder()))
    again = incremental.run(paths, settings, incremental.Store(settings.cache_folder()))
    assert len(spy.calls) == 1
    assert as_data(again) == as_data(first)


def test_other_settings_run_every_input_again(project, spy):
    settings, seeds = project
    store = incremental.Store(settings.cache_folder())
    incremental.run(pipeline.find_inputs(seeds), settings, store)
    other = pipeline.Settings(root=settings.root, seeds=seeds, n_process=1,
                              boilerplate=("^Read more",))
    incremental.run(pipeline.find_inputs(seeds), other, store)
    assert spy.calls[1] == ["aid.txt", "clash.txt", "talks.txt"]


def test_a_removed_input_leaves_the_outcome(project, spy):
    settings, seeds = project
    store = incremental.Store(settings.cache_folder())
    incremental.run(pipeline.find_inputs(seeds), settings, store)
    (seeds / "aid.txt").unlink()
    outcome = incremental.run(pipeline.find_inputs(seeds), settings, store)
    assert len(spy.calls) == 1
    assert [a.source_file for a in outcome.articles] == ["seeds/clash.txt", "seeds/talks.txt"]


def test_a_run_after_one_edit_appends_to_the_journal_and_leaves_the_store_file(project, spy):
    settings, seeds = project
    incremental.run(pipeline.find_inputs(seeds), settings, incremental.Store(settings.cache_folder()))
    stored = (settings.cache_folder() / incremental.STORE_NAME).read_bytes()
    (seeds / "clash.txt").write_text(CLASH + "\nArmenia denied the claim on Wednesday.\n", "utf-8")
    paths = pipeline.find_inputs(seeds)
    incremental.run(paths, settings, incremental.Store(settings.cache_folder()))
    assert (settings.cache_folder() / incremental.STORE_NAME).read_bytes() == stored
    assert (settings.cache_folder() / incremental.JOURNAL_NAME).is_file()
    again = incremental.run(paths, settings, incremental.Store(settings.cache_folder()))
    assert spy.calls[1:] == [["clash.txt"]]
    assert as_data(again) == as_data(spy.real(paths, settings))


def test_a_half_written_journal_record_costs_its_inputs_a_new_run_only(project, spy):
    settings, seeds = project
    incremental.run(pipeline.find_inputs(seeds), settings, incremental.Store(settings.cache_folder()))
    (seeds / "clash.txt").write_text(CLASH + "\nArmenia denied the claim on Wednesday.\n", "utf-8")
    paths = pipeline.find_inputs(seeds)
    incremental.run(paths, settings, incremental.Store(settings.cache_folder()))
    journal = settings.cache_folder() / incremental.JOURNAL_NAME
    journal.write_bytes(journal.read_bytes()[:-10])
    again = incremental.run(paths, settings, incremental.Store(settings.cache_folder()))
    assert spy.calls[1:] == [["clash.txt"], ["clash.txt"]]
    assert as_data(again) == as_data(spy.real(paths, settings))


def test_a_full_journal_is_folded_into_the_store(project, spy, monkeypatch):
    settings, seeds = project
    monkeypatch.setattr(incremental, "JOURNAL_MAX", 1)
    store = incremental.Store(settings.cache_folder())
    incremental.run(pipeline.find_inputs(seeds), settings, store)
    for n, name in enumerate(("clash.txt", "aid.txt")):
        (seeds / name).write_text(CLASH + f"\nArmenia denied the claim {n} times.\n", "utf-8")
        incremental.run(pipeline.find_inputs(seeds), settings, store)
    assert not (settings.cache_folder() / incremental.JOURNAL_NAME).exists()
    again = incremental.run(pipeline.find_inputs(seeds), settings,
                            incremental.Store(settings.cache_folder()))
    assert len(spy.calls) == 3
    assert as_data(again) == as_data(spy.real(pipeline.find_inputs(seeds), settings))
