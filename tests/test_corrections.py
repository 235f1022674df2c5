"""Analyst corrections (``corrections.yaml``): the file's format and its errors, and a real
``mkdocs build`` (the briefings plugin, the real spaCy pipeline) of three articles written for
these tests with one corrections file holding every kind of correction, checked on the briefing
pages, the merged overview, the actor pages, the CSV and the JSON. Further builds run on copies
of that built project (its cache, its site), so the articles are analysed once."""
from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from generator import corrections
from generator.corrections import CorrectionsError
from generator.extract import load_lexicons
from generator.model import Actor, json_schema
from projects import ROOT, analyse_here, mkdocs_build, run, served
from test_extract import brief


ALPHA = """Border talks stall as shelling resumes
date 2021-03-04

Serbian President Aleksandar Vucic said on Monday that Serbia was ready for talks with Kosovo.
Kosovo Prime Minister Albin Kurti rejected any negotiations while troops remained at the border.
The Kosovo Defence Ministry claims that 40 soldiers were killed in the clashes near Mitrovica.
"We will not accept a ceasefire imposed from outside," Kurti told reporters in Pristina.
The European Union called for an immediate ceasefire, a spokesman in Brussels said.
Local officials said 300 families had been displaced from villages near the river.
Belgrade wants the border reopened, a government source added.
The shelling of the two villages lasted nine hours on Sunday.
"""
BETA = """Kurti and Vucic trade accusations over prisoners
date 2021-03-06

Albin Kurti said on Saturday that Kosovo would never recognise the Serbian claims.
Aleksandar Vucic said Serbia supports the release of all prisoners held since the clashes.
Mitrovica said the talks had failed, according to the local radio station.
Russia offered to host negotiations between Serbia and Kosovo, the Kremlin said.
Kosovo police detained 12 men near the border on Friday.
Zvecan warned of new clashes if the police stayed.
The Serbian government said it would respond to any attack.
Pristina accused Belgrade of stalling the talks.
"""
GAMMA = """Curfew declared in northern towns
date 2021-03-08

Gracanica announced a curfew on Monday after the clashes.
Leposavic said the road to the border was closed.
The mayor of Zubin Potok, Srdjan Vulovic, said the town needed humanitarian aid.
NATO said its peacekeepers would stay in the area.
"""

CORRECTIONS = """\
# Actors
- actor: Kosovar Defense Ministry
  name: Kosovo Defence Ministry
  by: desk
- actor: Aleksandar Vucic
  title: President
  affiliation: Serbia
- actor: Serbian Government
  merge_into: Serbia
  note: the government speaks for the state here
- actor: Gracanica
  place: true
  note: a town, not an actor
- actor: Zubin Potok
  article: seeds/gamma.txt
  place: true
- actor: Leposavic
  drop: true
- actor: Mitrovica Radio
  type: media
# Positions
- article: seeds/alpha.txt
  position: The European Union called for an immediate ceasefire
  drop: true
  note: the same statement as the spokesman's
- article: seeds/alpha.txt
  position: Serbia was ready for talks
  stance: conditional
  note: ready only for talks the EU leads
  by: Ana
- article: seeds/alpha.txt
  add_position: Belgrade wants the border reopened
  speaker: Serbia
  issues: [negotiations]
  stance: support
  by: desk
- article: seeds/beta.txt
  position: the talks had failed
  speaker: Mitrovica Radio
  note: the radio station said it
# Figures
- article: seeds/alpha.txt
  figure: 40 soldiers
  value: 45
  about: Serbia
  note: the ministry later said 45
- article: seeds/alpha.txt
  figure: 300 families
  drop: true
- article: seeds/alpha.txt
  add_figure: nine hours
  value: 9
  unit: hours
  category: duration
# Stance cells
- article: seeds/alpha.txt
  cell: {actor: Albin Kurti, issue: ceasefire}
  drop: true
- article: seeds/beta.txt
  cell: {actor: Russia, issue: negotiations}
  stance: conditional
  note: only if both sides come
# No longer apply
- article: seeds/alpha.txt
  position: words this article never had
  stance: oppose
- article: seeds/gone.txt
  figure: 12 men
  drop: true
- actor: Nobody At All
  type: person
"""
STALE_LINES = (64, 67, 70)


def test_the_stale_lines_are_those_of_the_stale_corrections():
    lines = CORRECTIONS.splitlines()
    assert [lines[n - 1] for n in STALE_LINES] == [
        "- article: seeds/alpha.txt", "- article: seeds/gone.txt", "- actor: Nobody At All"]
    assert lines[STALE_LINES[0]] == "  position: words this article never had"


# --- the file's format ---------------------------------------------------------------------------

def test_a_list_of_corrections_parses_with_the_line_each_starts_on():
    parsed = corrections.parse("- actor: Kosovo\n  type: state\n\n- article: a.txt\n"
                               "  cell: {actor: Kosovo, issue: ceasefire}\n  drop: true\n",
                               "c.yaml")
    assert [(c.kind, c.target, c.where) for c in parsed] == [
        ("actor", "Kosovo", "c.yaml:1"), ("cell", ("Kosovo", "ceasefire"), "c.yaml:4")]


def test_malformed_yaml_is_one_line_with_its_line_number_and_the_fix():
    with pytest.raises(CorrectionsError) as error:
        corrections.parse("- actor: Kosovo\n  type: state\n  note: [unclosed\n- actor: X\n",
                          "c.yaml")
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith("c.yaml:4: not valid YAML")
    assert "— fix: " in message


def test_an_unknown_key_is_named_with_the_keys_allowed():
    with pytest.raises(CorrectionsError, match=r"^c\.yaml:3: unknown key 'speakr'.*fix: use one "
                                               r"of article, speaker, issues, stance, drop"):
        corrections.parse("- actor: X\n  type: state\n- position: words\n  speakr: Kosovo\n",
                          "c.yaml")


def test_a_value_the_schema_does_not_allow_lists_the_values_it_does():
    with pytest.raises(CorrectionsError, match=r"'stance' cannot be 'against'.*support, oppose"):
        corrections.parse("- article: a.txt\n  position: words\n  stance: against\n")


def test_a_correction_names_exactly_one_kind():
    with pytest.raises(CorrectionsError, match="names one kind, found position and figure"):
        corrections.parse("- article: a.txt\n  position: words\n  figure: 40 soldiers\n")


def test_drop_cannot_be_combined_with_other_changes():
    with pytest.raises(CorrectionsError, match="'drop' cannot be combined with 'stance'"):
        corrections.parse("- article: a.txt\n  position: words\n  drop: true\n  stance: oppose\n")


def test_a_folder_of_files_is_read_in_name_order(tmp_path):
    folder = tmp_path / "corrections"
    folder.mkdir()
    (folder / "b.yaml").write_text("- actor: Second\n  type: state\n", "utf-8")
    (folder / "a.yml").write_text("- actor: First\n  type: state\n", "utf-8")
    (folder / "notes.txt").write_text("not corrections", "utf-8")
    found = corrections.load(folder, tmp_path)
    assert [(c.target, c.where) for c in found] == [("First", "corrections/a.yml:1"),
                                                    ("Second", "corrections/b.yaml:1")]


def test_no_corrections_file_means_no_corrections(tmp_path):
    assert corrections.load(tmp_path / "corrections.yaml", tmp_path) == []


def test_quoted_words_are_found_across_line_breaks_and_spaces():
    text = "He said that the talks\n  had failed, and the talks had failed."
    found = corrections.occurrences(text, "the talks had   failed")
    assert [text[start:end] for start, end in found] == ["the talks\n  had failed",
                                                         "the talks had failed"]


def test_a_corrected_value_replaces_the_articles_vague_words():
    text = "The shelling killed scores of civilians in the old town."
    briefing = brief(text)
    fixed = corrections.parse('- article: sample.txt\n  figure: "scores of civilians"\n  value: 40\n')
    result = corrections.apply([briefing], {briefing.source_file: text}, fixed, load_lexicons().issues)
    (figure,) = result.briefings[0].figures
    assert briefing.figures[0].value_words == "scores of"
    assert figure.value == 40 and figure.value_words is None


# --- one build with every kind of correction -----------------------------------------------------

def make_project(folder: Path) -> Path:
    for name in ("mkdocs.yml", "templates", "overrides"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, folder / name)
    (folder / "briefings").mkdir()
    (folder / "seeds").mkdir()
    for name, text in (("alpha.txt", ALPHA), ("beta.txt", BETA), ("gamma.txt", GAMMA)):
        (folder / "seeds" / name).write_text(text, "utf-8")
    (folder / "corrections.yaml").write_text(CORRECTIONS, "utf-8")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    project = analyse_here(make_project(tmp_path_factory.mktemp("corrected")))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project, result


@pytest.fixture
def copy_of(built, tmp_path) -> Path:
    """A copy of the built project (cache and site included) that a test may change."""
    return Path(shutil.copytree(built[0], tmp_path / "project", symlinks=True))


def briefing_json(project: Path, source_file: str) -> dict:
    for path in (project / "site" / "briefings").glob("*.json"):
        data = json.loads(path.read_text("utf-8"))
        if data["source_file"] == source_file:
            return data
    raise AssertionError(f"no briefing of {source_file}")


def briefing_page(project: Path, data: dict) -> str:
    return (project / "site" / "briefings" / data["id"] / "index.html").read_text("utf-8")


def section(page_html: str, heading_id: str) -> str:
    """The HTML from the heading ``heading_id`` to the next heading of the same level."""
    match = re.search(rf'<(h[23]) id="{heading_id}".*?(?=<\1 |$)', page_html, re.S)
    assert match, heading_id
    return match.group(0)


def position(data: dict, words: str) -> dict:
    return next(p for p in data["positions"] if words in p["content"])


def badge(words: str) -> str:
    """A corrected badge says who corrected it and why (title and hidden text)."""
    return html.escape(words, quote=True).replace(":", "&#58;")


def csv_rows(project: Path, name: str) -> list[dict]:
    text = (project / "site" / "exports" / name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_every_corrected_briefing_is_valid_briefing_json(built):
    project, _ = built
    for source in ("seeds/alpha.txt", "seeds/beta.txt", "seeds/gamma.txt"):
        jsonschema.validate(briefing_json(project, source), json_schema())


# Run after a build whose articles are all cached: prints the spaCy and analysis modules loaded.
GENERATE_LISTING_ANALYSIS_MODULES = """
import sys
from generator.cli import main
code = main(["generate"])
print(sorted(m for m in sys.modules if m.partition(".")[0] in ("spacy", "thinc")
             or m.startswith(("generator.extract", "generator.nlp", "generator.analysis"))))
sys.exit(code)
"""


def test_generating_from_cached_briefings_applies_the_corrections_without_importing_spacy(
        built, copy_of):
    shutil.rmtree(copy_of / "briefings")
    result = run(copy_of, "-c", GENERATE_LISTING_ANALYSIS_MODULES)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"

    def files(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes()
                for p in sorted(folder.rglob("*")) if p.is_file()}
    assert files(copy_of / "briefings") == files(built[0] / "briefings")


def test_a_reassigned_speaker_speaks_the_position_everywhere(built):
    project, _ = built
    data = briefing_json(project, "seeds/beta.txt")
    failed = position(data, "the talks had failed")
    assert failed["actor"] == "mitrovica-radio"
    assert failed["corrected"] == {"by": None, "note": "the radio station said it"}
    radio = next(a for a in data["actors"] if a["id"] == "mitrovica-radio")
    assert radio["type"] == "media"    # set by an actor correction of the speaker it brought in
    heard = section(briefing_page(project, data), "actor-mitrovica-radio")
    assert "the talks had failed" in heard
    assert badge("Corrected by an editor: the radio station said it") in heard
    # media relay positions: the radio holds no stance cell
    assert not [c for c in data["stances"] if c["actor"] == "mitrovica-radio"]


def test_a_dropped_position_is_gone_from_the_page_the_json_and_the_csv(built):
    project, _ = built
    data = briefing_json(project, "seeds/alpha.txt")
    assert not [p for p in data["positions"] if p["content"].startswith("The European Union")]
    positions = section(briefing_page(project, data), "positions")
    assert "The European Union called for an immediate ceasefire" not in positions
    assert "Serbia was ready for talks" in positions    # only that one went
    rows = csv_rows(project, "positions.csv")
    assert not [r for r in rows if r["content"].startswith("The European Union called")]


def test_a_corrected_stance_shows_on_briefing_actor_page_overview_csv_and_json(built):
    project, _ = built
    data = briefing_json(project, "seeds/alpha.txt")
    ready = position(data, "Serbia was ready for talks")
    assert ready["stance"] == "conditional"
    assert ready["corrected"] == {"by": "Ana", "note": "ready only for talks the EU leads"}
    words = badge("Corrected by Ana: ready only for talks the EU leads")
    assert words in section(briefing_page(project, data), "positions")
    cell = next(c for c in data["stances"]
                if (c["actor"], c["issue"]) == ("aleksandar-vucic", "negotiations"))
    assert cell["stance"] == "conditional" and cell["corrected"]["by"] == "Ana"
    actor_page = (project / "site" / "actors" / "aleksandar-vucic" / "index.html").read_text("utf-8")
    assert words in actor_page
    overview = (project / "site" / "overview" / "index.html").read_text("utf-8")
    assert words in overview
    row = next(r for r in csv_rows(project, "positions.csv")
               if "Serbia was ready for talks" in r["content"])
    assert (row["stance"], row["corrected"]) == (
        "conditional", "Corrected by Ana: ready only for talks the EU leads")


def test_an_added_position_is_found_by_its_words_and_feeds_the_matrix(built):
    project, _ = built
    data = briefing_json(project, "seeds/alpha.txt")
    added = position(data, "Belgrade wants the border reopened")
    text = ALPHA
    assert text[slice(*added["content_span"])] == "Belgrade wants the border reopened"
    assert (added["actor"], added["issues"], added["stance"]) == ("serbia", ["negotiations"],
                                                                  "support")
    assert added["corrected"] == {"by": "desk", "note": None}
    cell = next(c for c in data["stances"] if (c["actor"], c["issue"]) == ("serbia", "negotiations"))
    assert added["id"] in cell["evidence"]
    assert "Belgrade wants the border reopened" in section(briefing_page(project, data), "actor-serbia")


def test_an_actor_turned_into_a_place_is_a_place_and_its_words_unattributed(built):
    project, _ = built
    data = briefing_json(project, "seeds/gamma.txt")
    assert {"Gracanica", "Zubin Potok"} <= {p["name"] for p in data["places"]}
    assert not {"gracanica", "zubin-potok", "leposavic"} & {a["id"] for a in data["actors"]}
    curfew = position(data, "a curfew on Monday")
    assert curfew["actor"] is None
    assert curfew["corrected"]["note"] == "a town, not an actor"
    actors = section(briefing_page(project, data), "key-actors")
    assert "Gracanica" not in actors and "Leposavic" not in actors
    assert not [r for r in csv_rows(project, "actors.csv") if r["name"] == "Leposavic"]


def test_a_merged_actor_is_one_actor_with_the_other_as_alias(built):
    project, _ = built
    data = briefing_json(project, "seeds/beta.txt")
    ids = {a["id"] for a in data["actors"]}
    assert "serbia-government" not in ids
    serbia = next(a for a in data["actors"] if a["id"] == "serbia")
    assert "Serbian Government" in serbia["aliases"]
    assert position(data, "it would respond to any attack")["actor"] == "serbia"
    assert not [c for c in data["stances"] if c["actor"] == "serbia-government"]
    assert "serbia-government" not in {r["actor"] for r in csv_rows(project, "stances.csv")}


def test_a_renamed_actor_and_its_title_and_affiliation_hold_across_the_site(built):
    project, _ = built
    alpha = briefing_json(project, "seeds/alpha.txt")
    ministry = next(a for a in alpha["actors"] if a["id"] == "kosovo-defense-ministry")
    assert ministry["name"] == "Kosovo Defence Ministry"
    assert ministry["corrected"] == {"by": "desk", "note": None}
    for source in ("seeds/alpha.txt", "seeds/beta.txt"):
        vucic = next(a for a in briefing_json(project, source)["actors"]
                     if a["id"] == "aleksandar-vucic")
        assert (vucic["title"], vucic["affiliation"]) == ("President", "serbia")
    actors = section(briefing_page(project, alpha), "key-actors")
    assert "Kosovo Defence Ministry" in actors and badge("Corrected by desk") in actors
    actor_page = (project / "site" / "actors" / "aleksandar-vucic" / "index.html").read_text("utf-8")
    assert badge("Corrected by an editor") in actor_page
    row = next(r for r in csv_rows(project, "actors.csv") if r["actor"] == "kosovo-defense-ministry")
    assert (row["name"], row["corrected"]) == ("Kosovo Defence Ministry", "Corrected by desk")


def test_figures_are_fixed_dropped_and_added(built):
    project, _ = built
    data = briefing_json(project, "seeds/alpha.txt")
    figures = {f["text"]: f for f in data["figures"]}
    assert "300 families" not in figures
    soldiers = figures["40 soldiers"]
    assert (soldiers["value"], soldiers["about"]) == (45, "serbia")
    assert soldiers["corrected"]["note"] == "the ministry later said 45"
    hours = figures["nine hours"]
    assert (hours["value"], hours["unit"], hours["category"]) == (9, "hours", "duration")
    assert ALPHA[slice(*hours["span"])] == "nine hours"
    assert hours["sentence"] == "The shelling of the two villages lasted nine hours on Sunday."
    figures_page = (project / "site" / "figures" / "index.html").read_text("utf-8")
    assert badge("Corrected by an editor: the ministry later said 45") in figures_page
    assert badge("Corrected by an editor: the ministry later said 45") in section(
        briefing_page(project, data), "figures")
    rows = {r["text"]: r for r in csv_rows(project, "figures.csv")}
    assert "300 families" not in rows and rows["40 soldiers"]["value"] == "45"
    assert rows["nine hours"]["corrected"] == "Corrected by an editor"


def test_stance_cells_are_set_and_cleared(built):
    project, _ = built
    alpha = briefing_json(project, "seeds/alpha.txt")
    assert not [c for c in alpha["stances"] if (c["actor"], c["issue"]) == ("albin-kurti", "ceasefire")]
    beta = briefing_json(project, "seeds/beta.txt")
    russia = next(c for c in beta["stances"] if (c["actor"], c["issue"]) == ("russia", "negotiations"))
    assert russia["stance"] == "conditional"
    assert russia["corrected"] == {"by": None, "note": "only if both sides come"}
    words = badge("Corrected by an editor: only if both sides come")
    assert words in section(briefing_page(project, beta), "actor-stance-matrix")
    overview = (project / "site" / "overview" / "index.html").read_text("utf-8")
    assert words in overview
    row = next(r for r in csv_rows(project, "stances.csv")
               if (r["actor"], r["issue"]) == ("russia", "negotiations"))
    assert (row["stance"], row["corrected"]) == ("conditional",
                                                 "Corrected by an editor: only if both sides come")


def test_stale_corrections_are_on_the_build_report_with_file_line_and_reason(built):
    project, result = built
    report = (project / "site" / "report" / "index.html").read_text("utf-8")
    assert "16 of 19 corrections applied" in report
    reasons = ["the quoted words are not in the article",
               "no article seeds/gone.txt among the inputs",
               "no briefing has an actor named \u201cNobody At All\u201d"]
    for line, reason in zip(STALE_LINES, reasons):
        assert f"corrections.yaml&#58;{line}" in report
        assert html.escape(reason, quote=False) in report
        assert f"corrections.yaml:{line}: {reason}" in result.stderr


def test_the_build_report_lists_each_applied_correction_with_who_and_why(built):
    project, _ = built
    report = (project / "site" / "report" / "index.html").read_text("utf-8")
    # a cleared cell is on no page any more: the report still says an editor cleared it
    row = re.search(r"<tr>\s*<td>corrections.yaml&#58;56</td>(.*?)</tr>", report, re.S)
    assert row, report
    assert "cell Albin Kurti × ceasefire in seeds/alpha.txt" in html.unescape(row.group(1))
    assert "Corrected by desk" in html.unescape(report)


def test_corrections_check_prints_what_applies_and_what_is_stale(copy_of):
    checked = run(copy_of, "-m", "generator", "corrections", "check")
    assert checked.returncode == 1
    lines = checked.stdout.splitlines()
    assert "corrections.yaml:26: applies: position \u201cSerbia was ready for talks\u201d in " \
           "seeds/alpha.txt (1 briefing)" in lines
    assert "corrections.yaml:5: applies: actor \u201cAleksandar Vucic\u201d (2 briefings)" in lines
    assert [line.split(": ")[0] for line in lines if ": stale: " in line] == [
        f"corrections.yaml:{n}" for n in STALE_LINES]
    assert lines[-1] == "16 apply, 3 stale, in corrections.yaml"


# --- rebuilds ----------------------------------------------------------------------------------

# The caches of what was rendered (pagecache, rendermemo), which an edited correction changes.
RENDER_CACHES = ("pages", "briefing-pages")


def cache_entries(project: Path) -> dict[str, int]:
    """The extraction cache's entries (the analysed articles) and their modification times."""
    root = project / ".cache" / "briefings"
    return {str(p): p.stat().st_mtime_ns for p in root.rglob("*.json")
            if p.relative_to(root).parts[0] not in RENDER_CACHES}


def test_editing_a_correction_rebuilds_from_the_cache_without_analysing(copy_of):
    before = cache_entries(copy_of)
    assert before
    path = copy_of / "corrections.yaml"
    path.write_text(path.read_text("utf-8").replace("ready only for talks the EU leads",
                                                    "ready for talks on its own terms"), "utf-8")
    result = mkdocs_build(copy_of)
    assert result.returncode == 0, result.stderr
    assert cache_entries(copy_of) == before
    data = briefing_json(copy_of, "seeds/alpha.txt")
    assert position(data, "Serbia was ready for talks")["corrected"]["note"] == \
        "ready for talks on its own terms"


def test_corrections_hold_after_the_cache_is_deleted_and_the_code_changes(copy_of):
    shutil.rmtree(copy_of / ".cache")
    other_code = "0123456789abcdef" * 4
    result = run(copy_of, "-c", "import sys, generator.cache as cache; "
                 f"cache.code_fingerprint = lambda: {other_code!r}; "
                 "from mkdocs.__main__ import cli; "
                 "sys.argv = ['mkdocs', 'build', '-d', 'site']; cli()")
    assert result.returncode == 0, result.stderr
    assert cache_entries(copy_of)      # analysed again, and cached under the other code
    alpha = briefing_json(copy_of, "seeds/alpha.txt")
    assert position(alpha, "Serbia was ready for talks")["stance"] == "conditional"
    assert "nine hours" in {f["text"] for f in alpha["figures"]}
    gamma = briefing_json(copy_of, "seeds/gamma.txt")
    assert "Gracanica" in {p["name"] for p in gamma["places"]}


def test_a_stale_correction_is_fatal_under_strict_and_the_site_is_kept(copy_of):
    before = (copy_of / "site" / "report" / "index.html").read_bytes()
    result = run(copy_of, "-m", "generator", "build", "--strict")
    assert result.returncode != 0
    assert "3 correction(s) no longer apply" in result.stderr
    assert (copy_of / "site" / "report" / "index.html").read_bytes() == before


def test_a_malformed_corrections_file_stops_the_build_in_one_line_and_keeps_the_site(copy_of):
    before = (copy_of / "site" / "index.html").read_bytes()
    (copy_of / "corrections.yaml").write_text(
        "- article: seeds/alpha.txt\n  position: Serbia was ready\n  stanse: oppose\n", "utf-8")
    result = mkdocs_build(copy_of)
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if "corrections.yaml" in line]
    assert len(errors) == 1
    assert "corrections.yaml:1: unknown key 'stanse' in a position correction — fix: use one " \
           "of article, speaker, issues, stance, drop" in errors[0]
    assert (copy_of / "site" / "index.html").read_bytes() == before


def test_a_correct_this_control_leaves_out_the_fields_that_are_null():
    """A long page holds hundreds of controls; the page script writes the left-out fields as
    null (the browser tests below parse what it writes)."""
    actor = Actor(id="a1", name="Ilham Aliyev", type="person", title="President")
    data = json.loads(corrections.correction_data("", actor, lambda actor_id: None))
    assert data == {"actor": "Ilham Aliyev", "name": "Ilham Aliyev", "type": "person",
                    "title": "President"}
    assert list(corrections.correction_fields("", actor, lambda actor_id: None)) == \
        list(corrections.snippets.FIELDS["actor"])


# --- "correct this" in a real browser --------------------------------------------------------

def test_correct_this_copies_a_snippet_that_parses_and_applies_once_pasted(copy_of, browser):
    beta = briefing_json(copy_of, "seeds/beta.txt")
    with served(copy_of / "site") as site:
        context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
        page = context.new_page()
        page.goto(f"{site}briefings/{beta['id']}/")
        item = page.locator("ul.positions li", has_text="Serbia supports the release of all prisoners")
        button = item.locator("button.correct-this")
        assert button.get_attribute("type") == "button"
        # shipped hidden and unnamed (it needs the page script), shown and named by the script
        assert button.is_visible() and button.get_attribute("aria-label") == "Correct this position"
        assert 'class="correct-this" hidden data-correct=' in briefing_page(copy_of, beta)
        button.focus()                  # from the keyboard: a real button, Enter presses it
        page.keyboard.press("Enter")
        page.wait_for_function(
            "document.querySelector('.correct-status')?.textContent.includes('copied')")
        assert page.get_by_role("status").text_content().startswith("Correction copied")
        snippet = page.evaluate("navigator.clipboard.readText()")
        context.close()
    (parsed,) = corrections.parse(snippet)
    assert (parsed.kind, parsed.article) == ("position", "seeds/beta.txt")
    assert parsed.target.startswith("Serbia supports the release of all prisoners")
    assert parsed.get("speaker") == "Aleksandar Vucic"
    edited = snippet.replace("note: null", 'note: "checked against the presidency statement"')
    assert edited != snippet
    path = copy_of / "corrections.yaml"
    path.write_text(path.read_text("utf-8") + edited, "utf-8")
    result = mkdocs_build(copy_of)
    assert result.returncode == 0, result.stderr
    data = briefing_json(copy_of, "seeds/beta.txt")
    assert position(data, "Serbia supports the release")["corrected"] == {
        "by": None, "note": "checked against the presidency statement"}
    assert badge("Corrected by an editor: checked against the presidency statement") in section(
        briefing_page(copy_of, data), "actor-aleksandar-vucic")


def test_where_the_clipboard_is_refused_the_snippet_is_shown_selected(built, browser):
    project, _ = built
    alpha = briefing_json(project, "seeds/alpha.txt")
    with served(project / "site") as site:
        context = browser.new_context()
        context.add_init_script(REFUSED_CLIPBOARD)
        page = context.new_page()
        page.goto(f"{site}briefings/{alpha['id']}/")
        button = page.locator("table.stance-matrix button.correct-this").first
        button.click()
        box = page.locator("table.stance-matrix textarea.correct-snippet")
        box.wait_for()
        value = box.input_value()
        selected = page.evaluate("[document.activeElement.selectionStart, "
                                 "document.activeElement.selectionEnd, "
                                 "document.activeElement.className]")
        assert selected == [0, len(value), "correct-snippet"]
        assert "corrections.yaml" in page.get_by_role("status").text_content()
        context.close()
    (parsed,) = corrections.parse(value)
    assert parsed.kind == "cell" and parsed.article == "seeds/alpha.txt"


REFUSED_CLIPBOARD = "navigator.clipboard.writeText = () => Promise.reject(new Error('refused'))"
# Presses every "correct this" control of the page; each shows its correction in a text box.
EVERY_CORRECTION = """async () => {
  const found = [];
  for (const button of document.querySelectorAll("button.correct-this")) {
    button.click();
    await new Promise(resolve => setTimeout(resolve, 0));
    found.push(button.nextElementSibling.value);
  }
  return found;
}"""


def test_every_correct_this_on_the_briefings_copies_a_correction_that_applies(
        built, copy_of, browser):
    project, _ = built
    snippets = []
    with served(project / "site") as site:
        context = browser.new_context()
        context.add_init_script(REFUSED_CLIPBOARD)
        page = context.new_page()
        for source in ("seeds/alpha.txt", "seeds/beta.txt", "seeds/gamma.txt"):
            page.goto(f"{site}briefings/{briefing_json(project, source)['id']}/")
            snippets += page.evaluate(EVERY_CORRECTION)
        context.close()
    kinds = set()
    for snippet in snippets:
        (parsed,) = corrections.parse(snippet)
        kinds.add(parsed.kind)
        # every field of its kind, those the page left out as null too
        fields = re.findall(r"^  (\w+):", snippet, re.MULTILINE)
        assert set(corrections.snippets.FIELDS[parsed.kind][1:]) <= set(fields), snippet
    assert kinds == {"actor", "position", "figure", "cell"}
    # pasted below the corrections that made the page (an added position's correction needs
    # the one that added it), each applies: only the three stale ones stay stale
    (copy_of / "corrections.yaml").write_text(CORRECTIONS + "".join(snippets), "utf-8")
    checked = run(copy_of, "-m", "generator", "corrections", "check")
    assert f"{16 + len(snippets)} apply, 3 stale" in checked.stdout, checked.stdout
