"""The garbage collector's thresholds during a build (generator/heap.py): raised by the plugin's
first build event, restored when the build ends, whether it succeeds or fails."""
from __future__ import annotations

import gc

import pytest
from mkdocs.config import load_config

from generator.heap import BUILD_THRESHOLDS, BuildThresholds
from projects import make_seeds_project


@pytest.fixture(autouse=True)
def default_thresholds():
    """Python's own thresholds, whatever an earlier test in this process left."""
    found = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*found)


def test_the_thresholds_are_raised_for_a_build_and_restored_after_it():
    before = gc.get_threshold()
    heap = BuildThresholds()
    heap.start()
    heap.start()  # a second start keeps the thresholds found first
    assert gc.get_threshold() == BUILD_THRESHOLDS
    heap.finish()
    assert gc.get_threshold() == before
    heap.finish()
    assert gc.get_threshold() == before


def test_the_plugin_raises_them_from_its_config_event_to_its_end_of_build(tmp_path):
    before = gc.get_threshold()
    project = make_seeds_project(tmp_path / "project")
    for end in ("on_post_build", "on_build_error"):
        config = load_config(str(project / "mkdocs.yml"))
        config.plugins.on_startup(command="serve", dirty=False)
        config = config.plugins.on_config(config)
        assert gc.get_threshold() == BUILD_THRESHOLDS
        plugin = config.plugins["briefings"]
        if end == "on_post_build":
            plugin.on_post_build(config=config)
        else:
            plugin.on_build_error(error=RuntimeError("a failed build"))
        assert gc.get_threshold() == before, end
