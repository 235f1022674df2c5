"""Extraction on Dask distributed, against a LocalCluster on loopback: the same briefings as
local extraction, each worker building its pipeline once, the cache kept on this machine."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from generator import analysis, cli, nlp, pipeline  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SKIRMISH = ("Border clash leaves soldiers dead\n\nAzerbaijan's defence ministry said on Tuesday "
            "that 12 soldiers were killed in shelling near the border.\n")


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  host="127.0.0.1", protocol="tcp", dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def inputs(tmp_path) -> list[Path]:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    (folder / "skirmish.txt").write_text(SKIRMISH, encoding="utf-8")
    return pipeline.find_inputs(folder)


def settings(inputs: list[Path], **changes) -> pipeline.Settings:
    return pipeline.Settings(root=inputs[0].parents[1], **{"cache_dir": None, **changes})


def test_briefings_from_the_cluster_are_those_of_local_extraction(scheduler, inputs):
    local = pipeline.run(inputs, settings(inputs, n_process=1))
    remote = pipeline.run(inputs, settings(inputs, dask=scheduler))
    assert remote.briefings == local.briefings


def test_each_worker_builds_its_pipeline_once(scheduler, inputs, monkeypatch):
    builds = []
    real = nlp.build_pipeline
    monkeypatch.setattr(nlp, "build_pipeline", lambda gazetteer: builds.append(1) or real(gazetteer))
    monkeypatch.setattr(analysis, "BATCH_SIZE", 1)
    # A site gazetteer the workers have not seen yet, so they build a pipeline for it.
    gazetteer = inputs[0].parents[1] / "gazetteer.yaml"
    gazetteer.write_text("entries:\n- id: zorvania\n  name: Zorvania\n  type: state\n",
                         encoding="utf-8")
    for _ in range(2):
        outcome = pipeline.run(inputs, settings(inputs, dask=scheduler,
                                                gazetteers=(str(gazetteer),)))
        assert len(outcome.briefings) == 3
    assert 1 <= len(builds) <= 2


def test_the_cache_stays_here_and_a_warm_build_needs_no_cluster(scheduler, inputs):
    cold = pipeline.run(inputs, settings(inputs, dask=scheduler, cache_dir=".cache/briefings"))
    assert cold.analysed == 3
    # Nothing left to analyse: the build does not even connect to the (unreachable) scheduler.
    warm = pipeline.run(inputs, settings(inputs, dask="tcp://127.0.0.1:9",
                                         cache_dir=".cache/briefings"))
    assert (warm.cache_hits, warm.analysed) == (3, 0)
    assert warm.briefings == cold.briefings


def test_extract_dask_option_prints_the_local_result(scheduler, inputs, capsys, monkeypatch):
    monkeypatch.chdir(inputs[0].parents[1])
    names = [str(p) for p in inputs]
    assert cli.main(["extract", "--jsonl", "--no-cache", "--jobs", "1", *names]) == 0
    local = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert cli.main(["extract", "--jsonl", "--no-cache", "--dask", scheduler, *names]) == 0
    remote = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert remote == local and len(local) == 3


def site_with_dask(folder: Path, address: str) -> Path:
    """A copy of the site project whose briefings plugin analyses on the scheduler at address."""
    for name in ("templates", "overrides", "seeds"):
        shutil.copytree(ROOT / name, folder / name)
    (folder / "briefings").mkdir()
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      seeds: seeds\n" in config
    (folder / "mkdocs.yml").write_text(
        config.replace("      seeds: seeds\n", f"      seeds: seeds\n      dask: {address}\n"),
        encoding="utf-8")
    return folder


def mkdocs_build(project: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})


def test_the_plugin_option_builds_the_site_on_the_cluster(scheduler, tmp_path):
    project = site_with_dask(tmp_path / "site", scheduler)
    done = mkdocs_build(project)
    assert done.returncode == 0, done.stderr
    pages = sorted((project / "site" / "briefings").glob("*/index.html"))
    assert len(pages) == len(list(SEEDS.glob("*.txt")))


def test_an_unreachable_scheduler_fails_the_build_with_its_address(tmp_path):
    project = site_with_dask(tmp_path / "site", "tcp://127.0.0.1:9")
    done = mkdocs_build(project, DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="3s")
    assert done.returncode != 0
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in done.stderr
    assert not (project / "site").exists()
