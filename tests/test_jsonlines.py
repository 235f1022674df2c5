"""Each briefing's JSON kept between builds (generator.jsonlines): a generation encodes only the
briefings that changed, and writes what encoding every briefing gives. The real pipeline runs on
the short articles of test_incremental."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import docs, incremental, jsonlines, pipeline
from generator.views import page_name
from test_incremental import AID, CLASH, TALKS

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


@pytest.fixture
def project(tmp_path) -> tuple[pipeline.Settings, docs.Options]:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, text in (("aid.txt", AID), ("clash.txt", CLASH), ("talks.txt", TALKS)):
        (seeds / name).write_text(text, "utf-8")
    settings = pipeline.Settings(root=tmp_path, seeds=seeds, n_process=1)
    options = docs.Options(root=tmp_path, seeds=seeds, templates=TEMPLATES,
                           corrections=tmp_path / "corrections.yaml")
    return settings, options


def build(settings: pipeline.Settings, options: docs.Options) -> tuple:
    """One generation as a new process makes it: the kept outcome and lines read from disk."""
    outcome = incremental.run(pipeline.find_inputs(options.seeds), settings,
                              incremental.Store(settings.cache_folder()))
    lines = docs.default_lines(settings)
    generated = docs.generate(options.root / "docs", options, outcome, settings, lines=lines)
    return generated, lines


def downloads(options: docs.Options, generated) -> dict[str, str]:
    folder = options.root / "docs"
    return {b.id: (folder / f"briefings/{page_name(b.id)}.json").read_text("utf-8")
            for b in generated.corrected.briefings}


def test_a_generation_after_one_edit_encodes_that_briefing_alone(project):
    settings, options = project
    _, first = build(settings, options)
    assert (first.encoded, first.reused) == (3, 0)
    (options.seeds / "clash.txt").write_text(
        CLASH + "\nArmenia denied the claim on Wednesday.\n", "utf-8")
    generated, again = build(settings, options)
    assert (again.encoded, again.reused) == (1, 2)
    written = downloads(options, generated)
    assert written == {b.id: jsonlines.encode(b) for b in generated.corrected.briefings}
    assert "Armenia denied the claim" in json.dumps([json.loads(line) for line in written.values()])
    jsonl = (options.root / "docs" / "exports" / "briefings.jsonl").read_text("utf-8")
    assert sorted(jsonl.splitlines(keepends=True)) == sorted(written.values())


def test_a_briefing_a_correction_changed_is_encoded_with_its_correction(project):
    settings, options = project
    generated, _ = build(settings, options)
    clash = next(b for b in generated.corrected.briefings if b.source_file == "seeds/clash.txt")
    (options.root / "corrections.yaml").write_text(
        f"- article: seeds/clash.txt\n  actor: {json.dumps(clash.actors[0].name)}\n"
        f"  title: Spokesman\n", "utf-8")
    generated, lines = build(settings, options)
    assert (lines.encoded, lines.reused) == (1, 2)
    data = json.loads(downloads(options, generated)[clash.id])
    assert data["actors"][0]["title"] == "Spokesman" and data["actors"][0]["corrected"]
