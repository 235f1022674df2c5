"""Train the position filter on PolNeAR train: which candidate attributions human annotators
also marked, from how each was found, its cue, its length and its speaker.

    .venv/bin/python scripts/train_position_filter.py ../shared/data/polnear/train \
        > generator/data/lexicon/position_filter.json

Only the train split is read, so dev stays a fair test. Candidates come from
`positions.candidate_positions` with the same pipeline the generator uses; a candidate is a
positive when its content shares at least half of its words with a gold content and covers at
least half of that content's words (PolNeAR's matching rule). Needs scikit-learn.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from generator.extract import load_lexicons
from generator.extract.actors import extract_actors
from generator.extract.positions import candidate_positions, position_features
from generator.nlp import load_pipeline
from generator.read import parse_article

WORD = re.compile(r"\w+")
TEXT_BOUND = re.compile(r"^(T\d+)\t\S+ ([0-9]+ [0-9]+(?:;[0-9]+ [0-9]+)*)")


def gold_contents(ann: Path, text: str) -> list[set[int]]:
    """Word starts of each gold content (Content and Content2 merged per attribution)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    contents = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        span_line = TEXT_BOUND.match(line)
        if span_line:
            spans[span_line.group(1)] = [tuple(map(int, part.split()))
                                         for part in span_line.group(2).split(";")]
        elif line.startswith("E") and "\t" in line:
            args = dict(arg.split(":") for arg in line.split("\t")[1].split())
            parts = [spans[v] for k, v in args.items() if k.startswith("Content") and v in spans]
            if parts:
                contents.append(words_in([s for part in parts for s in part], text))
    return contents


def words_in(spans, text: str) -> set[int]:
    return {start + m.start() for start, end in spans for m in WORD.finditer(text[start:end])}


def matches(candidate: set[int], golds: list[set[int]]) -> bool:
    return any(len(candidate & g) and len(candidate & g) >= len(g) / 2
               and len(candidate & g) >= len(candidate) / 2 for g in golds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("split", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    lexicons = load_lexicons()
    nlp = load_pipeline()
    paths = sorted((args.split / "text").glob("*.txt"))
    articles = [parse_article(p.read_bytes(), p.name, ".txt") for p in paths]
    rows, labels, gold_total = [], [], 0
    docs = nlp.pipe((a.analysis_text() for a in articles), n_process=args.jobs, batch_size=8)
    for path, doc in zip(paths, docs):
        annotations = sorted((args.split / "attributions").glob(path.stem + "_*.ann"))
        if not annotations:
            continue
        golds = gold_contents(annotations[0], doc.text)
        gold_total += len(golds)
        actors = extract_actors(doc, lexicons.gazetteer, lexicons.actors)
        candidates = candidate_positions(doc, actors, lexicons.speech)
        for found in candidates:
            if found.kind == "reported":
                continue
            rows.append(position_features(doc, found, actors, lexicons.speech, candidates))
            labels.append(matches(words_in([found.content], doc.text), golds))
    vectorizer = DictVectorizer(sort=True)
    matrix = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=0.5, max_iter=2000).fit(matrix, labels)
    scores = model.decision_function(matrix)
    threshold = best_threshold(scores, labels, gold_total)
    names = vectorizer.get_feature_names_out()
    weights = {name: round(float(w), 4) for name, w in zip(names, model.coef_[0]) if abs(w) >= 1e-4}
    json.dump({"trained_on": f"PolNeAR {args.split.name}: {len(paths)} articles, {len(rows)} candidates",
               "bias": round(float(model.intercept_[0]), 4), "threshold": round(threshold, 4),
               "weights": dict(sorted(weights.items()))}, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


def best_threshold(scores, labels, gold_total: int) -> float:
    """The score cut that maximises F1 against all gold attributions of the split."""
    ranked = sorted(zip(scores, labels), key=lambda pair: -pair[0])
    best, best_f1, kept_true = 0.0, -1.0, 0
    for kept, (score, label) in enumerate(ranked, 1):
        kept_true += label
        f1 = 2 * kept_true / (kept + gold_total)
        if f1 > best_f1:
            best, best_f1 = float(score), f1
    return best


if __name__ == "__main__":
    sys.exit(main())
