"""How well event confidence is calibrated, on hand-labelled events (make eval).

    .venv/bin/python scripts/event_confidence_report.py

The articles of scripts/event_labels.yaml are extracted uncalibrated and each labelled event
is found again by its words (scripts/calibrate.py ``labelled_events``). Two reliability
tables, each with its Brier score and a constant's: the rule of thumb events are found with
(generator/extract/events.py), and the fitted model (generator/extract/confidence.py
``event_features``, shipped in generator/data/calibration.json by
``scripts/calibrate.py fit --only events``) cross-validated by article: each article's events
predicted by a model fitted without its fold. An event nobody labelled is left out.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from calibrate import (EVENT_LABELS, FOLDS, ROOT, cross_validated, event_items, labelled_events,
                       print_table)
from generator import pipeline


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--labels", type=Path, default=EVENT_LABELS)
    parser.add_argument("--jobs", type=int, default=0)
    args = parser.parse_args()
    settings = pipeline.Settings(root=ROOT, n_process=args.jobs, cache_dir=None)
    labelled = labelled_events(args.labels, settings)
    print_table(f"events, rule of thumb, hand labels ({args.labels.name})",
                [(e.confidence, right) for e, right, _ in labelled])
    print_table(f"events, fitted model, {FOLDS}-fold cross-validation by article",
                cross_validated(event_items(labelled)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
