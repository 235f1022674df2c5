"""Fit, or measure, the calibration of confidence (generator/extract/confidence.py).

    .venv/bin/python scripts/calibrate.py fit      # writes generator/data/calibration.json
    .venv/bin/python scripts/calibrate.py fit --only stances   # re-fits the stance cells alone
    .venv/bin/python scripts/calibrate.py fit --only figures   # re-fits the figures alone (ISAF, gold files)
    .venv/bin/python scripts/calibrate.py fit --only events    # re-fits the events alone (hand labels)
    .venv/bin/python scripts/calibrate.py report --only figures   # one kind's table only
    .venv/bin/python scripts/calibrate.py report   # reliability tables and Brier scores (make eval)

Re-run `fit` whenever an extractor changes. Articles are extracted with calibration turned off,
each item is labelled right or wrong from annotations, and one logistic model per kind of item
is fitted on those labels:

- positions: PolNeAR train (a position is right when PolNeAR's one-to-one matching pairs its
  content with an annotated attribution whose source agrees: PolNeAR's "full attribution",
  and the source resolves to an actor: a position shown with no speaker is wrong unless the
  annotators found no source either),
  plus the positions the gold files name (right when the speaker is the expected one, wrong when
  another speaker is credited with those words) — the only labels for stated actions (kind
  `reported`), which PolNeAR does not annotate — and the hand labels of
  scripts/position_labels.yaml (positions on conflict articles judged as an analyst reads them:
  PolNeAR's attribution is broader than a position, and narration of what someone did passes
  it), less the articles it keeps aside as a check;
- figures: ISAF dev (a release's killed, or detained, figures are right when they add up to
  the annotated count, wrong when the release reports none) and the gold files' expected and
  forbidden figures;
- stance cells: the gold files' expected stances (right) and forbidden cells or other stances
  for an expected actor and issue (wrong), and in the same format the hand labels of
  scripts/stance_labels.yaml (cells on conflict articles outside the gold files, judged by
  reading them; the file says how); a cell's features include the calibrated confidence of its
  positions, so positions are fitted first (`--only stances` keeps the shipped position and
  figure models and re-fits the cells on them, without PolNeAR or ISAF);
- events: the hand labels of scripts/event_labels.yaml (every event of an article judged by
  reading it; the file says how), each found again by its words; an event's features include
  the rule of thumb it was found with, so the events are extracted uncalibrated too.

`report` measures on data the models did not see: positions on PolNeAR dev and on the hand
labels' check articles with the shipped model, and on all hand labels by grouped
cross-validation (each fold fitted on PolNeAR dev, the gold files and the other folds); figures, stance cells and events by grouped cross-validation (each article's items predicted by
a model fitted without that article's group), since no other annotated set is left. Items
nobody annotated either way are left out of both fitting and measuring. Needs scikit-learn.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Optional

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from generator import analysis, pipeline
from generator.cache import data_fingerprint
from generator.extract import load_lexicons
from generator.extract.confidence import (Calibration, Model, calibrate, cell_features,
                                          default_path, event_features, figure_features,
                                          position_features, speakers_sharing)
from generator.model import Briefing, Event

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD_SETS = [(SHARED / "gold" / "seeds.yaml", ROOT / "seeds"),
             (SHARED / "gold" / "conflict-dev.yaml", SHARED / "data" / "conflict"),
             (ROOT / "scripts" / "stance_labels.yaml", SHARED / "data" / "conflict")]
EVENT_LABELS = ROOT / "scripts" / "event_labels.yaml"
POSITION_LABELS = ROOT / "scripts" / "position_labels.yaml"
KINDS = ("positions", "figures", "stances", "events")
BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0001)
FOLDS = 5


@dataclass
class Labelled:
    features: dict[str, float]
    label: bool
    group: str          # the article (cross-validation keeps an article's items together)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["fit", "report"])
    parser.add_argument("--polnear", type=Path, default=SHARED / "data" / "polnear")
    parser.add_argument("--isaf", type=Path, default=SHARED / "data" / "isaf")
    parser.add_argument("--train-articles", type=int, default=300, metavar="N",
                        help="PolNeAR train articles to fit positions on (first N by name; 0: all)")
    parser.add_argument("--isaf-articles", type=int, default=0, metavar="N",
                        help="ISAF dev releases to use (first N by name; 0: all)")
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--output", type=Path, default=default_path())
    parser.add_argument("--only", choices=["figures", "stances", "events"],
                        help="fit: re-fit this kind alone, keeping the shipped models of the others; "
                             "report: this kind's table alone")
    args = parser.parse_args()
    tools = _load_tools(SHARED / "tools")
    settings = pipeline.Settings(root=ROOT, n_process=args.jobs, cache_dir=None)
    gold = [(b, article) for path, folder in GOLD_SETS
            for b, article in gold_briefings(path, folder, settings, tools)] \
        if args.only != "events" else []
    isaf = isaf_briefings(args.isaf, settings, args.isaf_articles) \
        if args.only in (None, "figures") else []
    events = event_items(labelled_events(EVENT_LABELS, settings)) \
        if args.only in (None, "events") else []
    if args.command == "fit" and args.only:
        return fit_alone(args.only, gold, isaf, events, args.output, tools)
    hand = hand_labelled(POSITION_LABELS, SHARED / "data" / "conflict", settings) if not args.only else []
    if args.command == "fit":
        train = polnear_briefings(args.polnear / "train", settings, args.train_articles)
        return fit(train, gold, isaf, events, args.output, tools,
                   [(b, e) for b, e, check in hand if not check])
    dev = polnear_briefings(args.polnear / "dev", settings, 0) if not args.only else []
    return report(dev, gold, isaf, events, tools, args.only, hand)


# --- extraction, with calibration off ------------------------------------------------------

def extract_raw(paths: list[Path], settings: pipeline.Settings) -> list[Briefing]:
    articles, _ = pipeline.read_all(paths, settings)
    lexicons = replace(load_lexicons(), calibration=Calibration())
    done = analysis.extract_articles(articles, lexicons, data_fingerprint(), settings.workers())
    return [Briefing.from_dict(data) for _, data in done]


def polnear_briefings(split: Path, settings, limit: int) -> list[tuple[Briefing, Path]]:
    paths = sorted((split / "text").glob("*.txt"))
    paths = paths[:limit] if limit else paths
    return list(zip(extract_raw(paths, settings), paths))


def gold_briefings(gold_file: Path, folder: Path, settings, tools) -> Iterable[tuple[Briefing, dict]]:
    import yaml
    expected = yaml.safe_load(gold_file.read_text(encoding="utf-8"))["articles"]
    paths = [folder / article["file"] for article in expected]
    return zip(extract_raw(paths, settings), expected)


def listed_once(articles: list[dict], label_file: Path) -> list[dict]:
    """The articles of a label file, each listed once: the reader reads a file once, so a second
    entry would shift every label after it onto the wrong article."""
    seen = set()
    for article in articles:
        if article["file"] in seen:
            raise SystemExit(f"{label_file}: {article['file']} is listed twice: put its labels "
                             "under one entry")
        seen.add(article["file"])
    return articles


def hand_labelled(label_file: Path, folder: Path, settings) -> list[tuple[Briefing, dict, bool]]:
    """(briefing, its labels, whether it is a check article) for each hand-labelled article."""
    import yaml
    data = yaml.safe_load(label_file.read_text(encoding="utf-8"))
    articles = listed_once(data["articles"], label_file)
    check = set(data.get("check") or [])
    done = extract_raw([folder / a["file"] for a in articles], settings)
    return [(b, a, a["file"] in check) for b, a in zip(done, articles)]


def isaf_briefings(folder: Path, settings, limit: int) -> list[tuple[Briefing, dict]]:
    gold = {row["file"]: row for row in map(json.loads, (folder / "dev-gold.jsonl").open())}
    paths = sorted(p for p in (folder / "dev").glob("*.txt") if p.name in gold)
    paths = paths[:limit] if limit else paths
    return [(b, gold[p.name]) for b, p in zip(extract_raw(paths, settings), paths)]


def labelled_events(labels: Path, settings: pipeline.Settings) -> list[tuple[Event, bool, str]]:
    """(event, right, article) for each hand-labelled event found again among the extracted
    ones (uncalibrated: with the rule of thumb's confidence); a label whose event is no longer
    found is reported, to be labelled again."""
    import yaml
    spec = yaml.safe_load(labels.read_text(encoding="utf-8"))
    folder = (ROOT / spec["folder"]).resolve()
    articles = listed_once(spec["articles"], labels)
    found = []
    for article, briefing in zip(articles, extract_raw([folder / a["file"] for a in articles], settings)):
        events = list(briefing.events)
        for label in article["events"]:
            match = next((e for e in events if e.text == label["text"]), None)
            if match is None:
                print(f"{article['file']}: no event {label['text']!r} (re-label)", file=sys.stderr)
                continue
            events.remove(match)
            found.append((match, bool(label["right"]), article["file"]))
    return found


def event_items(labelled: list[tuple[Event, bool, str]]) -> list[Labelled]:
    return [Labelled(event_features(event), right, article) for event, right, article in labelled]


def _load_tools(folder: Path):
    """The shared scorers' matching rules, so labels agree with the yardsticks."""
    modules = {}
    for name in ("polnear_eval", "score_gold"):
        spec = importlib.util.spec_from_file_location(name, folder / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules[name] = module
    return modules


# --- labels ---------------------------------------------------------------------------------

def polnear_labels(briefing: Briefing, text_path: Path, tools) -> list[Labelled]:
    """Each non-reported position: right when matched to a gold attribution with its source."""
    pe = tools["polnear_eval"]
    split = text_path.parent.parent
    annotations = sorted((split / "attributions").glob(text_path.stem + "_*.ann"))
    if not annotations:
        return []
    text = pe.read_text(str(text_path))
    gold = pe.parse_ann(str(annotations[0]), text, defaultdict(int))
    tokens = pe.Tokens(text)
    mine = [p for p in briefing.positions if p.kind != "reported"]
    pairs = dict((pi, gi) for gi, pi in pe.match([tokens.of(g["content"]) for g in gold],
                                                  [tokens.of([p.content_span]) for p in mine]))
    actors = {a.id: a for a in briefing.actors}
    sharing = speakers_sharing(briefing.positions)
    labelled = []
    for pi, position in enumerate(mine):
        right = False
        if pi in pairs:
            gold_source = tokens.of(gold[pairs[pi]]["source"])
            source = tokens.of([position.source_span] if position.source_span else None)
            # A source phrase resolved to no actor shows no speaker: right only where the
            # annotators marked no source either.
            right = (not gold_source and not source) or (bool(gold_source & source) and
                                                         position.actor is not None)
        labelled.append(Labelled(position_features(position, actors, sharing[position.id]), right,
                                 text_path.stem))
    return labelled


def gold_position_labels(briefing: Briefing, expected: dict, tools) -> list[Labelled]:
    """The gold files name a position's words and its speakers (``positions``), or hand labels
    judge a position outright (``right``, in scripts/position_labels.yaml; an ``actor`` there
    picks one of several positions with those words)."""
    sg = tools["score_gold"]
    scorer = sg.Briefing(briefing.to_dict())
    actors = {a.id: a for a in briefing.actors}
    sharing = speakers_sharing(briefing.positions)
    labelled = []
    for position in briefing.positions:
        wanted = [e for e in expected.get("positions") or []
                  if sg.norm(e["content"]) in sg.norm(position.content)
                  and ("right" not in e or "actor" not in e
                       or scorer.matches(position.actor, [e["actor"]], via_affiliation=False))]
        if wanted:
            right = all(e["right"] if "right" in e else scorer.matches(position.actor, e["actor"])
                        for e in wanted)
            labelled.append(Labelled(position_features(position, actors, sharing[position.id]), right,
                                     expected["file"]))
    return labelled


def gold_figure_labels(briefing: Briefing, expected: dict, tools) -> list[Labelled]:
    scorer = tools["score_gold"].Briefing(briefing.to_dict())
    labelled = []
    for figure in briefing.figures:
        if any(_figure_fits(scorer, figure, e, tools) for e in expected.get("figures") or []):
            labelled.append(Labelled(figure_features(figure), True, expected["file"]))
        elif any(_figure_fits(scorer, figure, e, tools) for e in expected.get("forbid_figures") or []):
            labelled.append(Labelled(figure_features(figure), False, expected["file"]))
    return labelled


def _figure_fits(scorer, figure, exp: dict, tools) -> bool:
    """The gold file's rule for a figure meeting an expectation (score_gold.py)."""
    norm = tools["score_gold"].norm
    return (abs(figure.value - float(exp["value"])) < 1e-9
            and figure.category in exp.get("category", [figure.category])
            and figure.qualifier in exp.get("qualifier", [figure.qualifier])
            and ("unit_has" not in exp or any(norm(u) in norm(figure.unit) for u in exp["unit_has"]))
            and ("claimed_by" not in exp or scorer.matches(figure.claimed_by, exp["claimed_by"]))
            and ("about" not in exp or scorer.matches(figure.about, exp["about"])))


def isaf_figure_labels(briefing: Briefing, gold: dict) -> list[Labelled]:
    """Killed (detained) figures are right when they add up to the release's count, wrong when
    the release reports nobody killed (detained) or when a lone figure is not the count; when
    several figures miss the count together nobody can say which one is off."""
    labelled = []
    for event, count in (("killed", gold["min_killed"]), ("detained", gold["min_captured"])):
        found = [f for f in briefing.figures if f.event == event]
        total = sum(f.value for f in found)
        if found and (total == count or count == 0 or len(found) == 1):
            labelled += [Labelled(figure_features(f), total == count, gold["file"]) for f in found]
    return labelled


def gold_cell_labels(briefing: Briefing, expected: dict, tools) -> list[Labelled]:
    """A cell is right when it has a stance expected for its actor and issue, wrong when it is
    forbidden or has another stance than one expected for its actor by name. An expectation
    met through the actor's affiliation (a state's stance, for its minister's cell) rates the
    minister's cell right when it agrees, and says nothing of it when it does not: "Armenia
    vowed to keep fighting" and its prime minister saying "there is no military solution" are
    both right."""
    scorer = tools["score_gold"].Briefing(briefing.to_dict())
    positions = {p.id: p for p in briefing.positions}
    actors = {a.id: a for a in briefing.actors}
    labelled = []
    for cell in briefing.stances:
        about = [e for e in expected.get("stances") or []
                 if e["issue"] == cell.issue and scorer.matches(cell.actor, e["actor"])]
        forbidden = any(scorer.matches(cell.actor, e["actor"], via_affiliation=False)
                        and (e["issue"] == "any" or (e["issue"] == cell.issue and cell.stance in e["stance"]))
                        for e in expected.get("forbid_stances") or [])
        named = [e for e in about if scorer.matches(cell.actor, e["actor"], via_affiliation=False)]
        right = not forbidden and any(cell.stance in e["stance"] for e in about)
        if forbidden or named or right:
            labelled.append(Labelled(cell_features(cell, positions, actors), right, expected["file"]))
    return labelled


# --- fitting and measuring ------------------------------------------------------------------

def fit_model(items: list[Labelled]) -> Model:
    vectorizer = DictVectorizer(sort=True)
    matrix = vectorizer.fit_transform([i.features for i in items])
    labels = [i.label for i in items]
    if len(set(labels)) < 2:     # one class only: the rate itself, kept off 0 and 1
        rate = (sum(labels) + 1) / (len(labels) + 2)
        return Model(weights={}, bias=round(float(_logit(rate)), 4))
    model = LogisticRegression(C=1.0, max_iter=5000).fit(matrix, labels)
    weights = {name: round(float(w), 4) for name, w in
               zip(vectorizer.get_feature_names_out(), model.coef_[0]) if abs(w) >= 1e-4}
    return Model(weights=dict(sorted(weights.items())), bias=round(float(model.intercept_[0]), 4))


def _logit(p: float) -> float:
    import math
    return math.log(p / (1 - p))


def with_positions(briefings: Iterable[Briefing], model: Model) -> list[Briefing]:
    """Briefings whose positions carry calibrated confidence (cell features read it)."""
    calibration = Calibration(positions=model)
    out = []
    for b in briefings:
        positions, _, _ = calibrate(b.positions, [], [], b.actors, calibration)
        out.append(replace(b, positions=positions))
    return out


def labelled_sets(polnear, gold, isaf, tools, position_model: Optional[Model]):
    """(positions, figures, cells) labelled items; cells need ``position_model``."""
    positions = [item for b, path in polnear for item in polnear_labels(b, path, tools)]
    positions += [item for b, e in gold for item in gold_position_labels(b, e, tools)]
    figures = [item for b, g in isaf for item in isaf_figure_labels(b, g)]
    figures += [item for b, e in gold for item in gold_figure_labels(b, e, tools)]
    cells = []
    if position_model is not None:
        calibrated = with_positions([b for b, _ in gold], position_model)
        cells = [item for b, (_, e) in zip(calibrated, gold) for item in gold_cell_labels(b, e, tools)]
    return positions, figures, cells


def fit(train, gold, isaf, events: list[Labelled], output: Path, tools, hand=()) -> int:
    """``hand``: (briefing, labels) of the hand-labelled position articles to fit on."""
    positions, figures, _ = labelled_sets(train, gold + list(hand), isaf, tools, None)
    position_model = fit_model(positions)
    _, _, cells = labelled_sets([], gold, [], tools, position_model)
    models = {"positions": position_model, "figures": fit_model(figures), "stances": fit_model(cells),
              "events": fit_model(events)}
    fitted_on = {kind: _fitted_on(items) for kind, items in
                 (("positions", positions), ("figures", figures), ("stances", cells), ("events", events))}
    return write(models, fitted_on, output)


def fit_alone(kind: str, gold, isaf, events: list[Labelled], output: Path, tools) -> int:
    """One kind's model alone (figures, stance cells or events), on the shipped position
    model; the rest kept as shipped."""
    shipped = json.loads(default_path().read_text(encoding="utf-8"))
    position_model = Model(weights=shipped["positions"]["weights"], bias=shipped["positions"]["bias"])
    _, figures, cells = labelled_sets([], gold, isaf, tools, position_model)
    items = {"figures": figures, "stances": cells, "events": events}[kind]
    models = {k: Model(weights=shipped[k]["weights"], bias=shipped[k]["bias"])
              for k in KINDS if k in shipped}
    models[kind] = fit_model(items)
    return write(models, {**shipped.get("fitted_on", {}), kind: _fitted_on(items)}, output)


def _fitted_on(items: list[Labelled]) -> str:
    return f"{len(items)} labelled items, {sum(i.label for i in items)} right"


def write(models: dict[str, Model], fitted_on: dict[str, str], output: Path) -> int:
    data: dict = {"fitted_by": "scripts/calibrate.py fit", "fitted_on": fitted_on}
    for kind in (k for k in KINDS if k in models):
        data[kind] = {"bias": models[kind].bias, "weights": models[kind].weights}
    output.write_text(json.dumps(data, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    for kind, text in data["fitted_on"].items():
        print(f"{kind}: {text}")
    print(f"wrote {output}")
    return 0


def report(dev, gold, isaf, events: list[Labelled], tools, only: Optional[str] = None, hand=()) -> int:
    shipped = Calibration.load()
    if shipped.positions is None:
        print("no calibration file: run scripts/calibrate.py fit first", file=sys.stderr)
        return 1
    if only is None:
        positions, _, _ = labelled_sets(dev, [], [], tools, None)
        print_table("positions, PolNeAR dev (held out)",
                    [(shipped.positions.probability(i.features), i.label) for i in positions])
        hand_positions(positions, gold, hand, shipped.positions, tools)
    _, figures, cells = labelled_sets([], gold, isaf, tools, shipped.positions)
    if only in (None, "figures"):
        print_table(f"figures, ISAF dev and gold files ({FOLDS}-fold cross-validation by article)",
                    cross_validated(figures))
    if only in (None, "stances"):
        print_table(f"stance cells, gold files ({FOLDS}-fold cross-validation by article)",
                    cross_validated(cells))
    if only in (None, "events"):
        print_table(f"events, hand labels ({FOLDS}-fold cross-validation by article)",
                    cross_validated(events))
    return 0


def hand_positions(dev_items: list[Labelled], gold, hand, shipped: Model, tools) -> None:
    """The hand labels' tables: the check articles with the shipped model, and every labelled
    article by cross-validation, each fold fitted on PolNeAR dev, the gold files' positions and
    the other folds' hand labels (the shipped fit's recipe, on dev instead of train)."""
    labelled = [(check, item) for b, e, check in hand for item in gold_position_labels(b, e, tools)]
    print_table("positions, hand labels, check articles (kept out of the fit)",
                [(shipped.probability(i.features), i.label) for check, i in labelled if check])
    rest, _, _ = labelled_sets([], gold, [], tools, None)
    print_table(f"positions, hand labels ({FOLDS}-fold cross-validation by article)",
                cross_validated([i for _, i in labelled], dev_items + rest))


def cross_validated(items: list[Labelled], always: list[Labelled] = ()) -> list[tuple[float, bool]]:
    """Each article group's items predicted by a model fitted on the other groups' items (and
    on ``always``)."""
    groups = sorted({i.group for i in items})
    fold_of = {g: n % FOLDS for n, g in enumerate(groups)}
    out = []
    for fold in range(FOLDS):
        train = [i for i in items if fold_of[i.group] != fold]
        test = [i for i in items if fold_of[i.group] == fold]
        if train and test:
            model = fit_model(list(always) + train)
            out += [(model.probability(i.features), i.label) for i in test]
    return out


def reliability(pairs: list[tuple[float, bool]]) -> list[tuple[float, float, int, float, float]]:
    """(low, high, items, mean confidence, share right) per confidence bin."""
    rows = []
    for low, high in zip(BINS, BINS[1:]):
        inside = [(p, y) for p, y in pairs if low <= p < high]
        if inside:
            rows.append((low, min(high, 1.0), len(inside), sum(p for p, _ in inside) / len(inside),
                         sum(y for _, y in inside) / len(inside)))
    return rows


def brier(pairs: list[tuple[float, bool]]) -> float:
    return sum((p - y) ** 2 for p, y in pairs) / len(pairs) if pairs else float("nan")


def print_table(title: str, pairs: list[tuple[float, bool]]) -> None:
    print(f"\n{title}: {len(pairs)} labelled items")
    if not pairs:
        return
    print(f"  {'confidence':>11}  {'items':>5}  {'mean conf':>9}  {'right':>6}")
    for low, high, n, mean, right in reliability(pairs):
        print(f"  {low:.1f} - {high:.1f}  {n:>5}  {mean:>9.3f}  {right:>6.3f}")
    rate = sum(y for _, y in pairs) / len(pairs)
    print(f"  Brier {brier(pairs):.4f} (a constant {rate:.3f} scores {brier([(rate, y) for _, y in pairs]):.4f}); "
          f"expected calibration error {expected_calibration_error(pairs):.3f}")


def expected_calibration_error(pairs: list[tuple[float, bool]]) -> float:
    return sum(n * abs(mean - right) for _, _, n, mean, right in reliability(pairs)) / len(pairs)


if __name__ == "__main__":
    sys.exit(main())
