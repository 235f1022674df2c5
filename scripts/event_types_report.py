#!/usr/bin/env python3
"""Our event types against the ISAF annotators' ``event_type`` of each release.

    python -m generator extract ../shared/data/isaf/dev/*.txt --jsonl > /tmp/isaf.jsonl
    python scripts/event_types_report.py /tmp/isaf.jsonl [--gold ../shared/data/isaf/dev-gold.jsonl]

The annotators give a release one label (or two joined by ";"): detention, insurgentskilled,
captureandkill, airstrike, civiliancasualty. Our types are finer (``data/lexicon/events.yaml``);
this mapping reads a release's events as an annotator would:

- an airstrike among them → airstrike (with detention when someone is also detained);
- someone detained or captured and someone killed → captureandkill;
- someone killed (a killing, or a clash, attack or operation whose toll counts the killed) →
  insurgentskilled;
- someone detained or captured → detention.

civiliancasualty is not predicted: no type of ours says who the dead were. Prints the share of
releases whose label set is right and the confusion counts (gold → predicted).
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD = os.path.join(HERE, "..", "..", "shared", "data", "isaf", "dev-gold.jsonl")

DETAINING = {"detention", "capture"}
KILLING = {"killing"}
TOLL_EVENTS = {"clash", "attack", "operation", "shelling", "bombing"}


def killed_toll(briefing: dict, event: dict) -> bool:
    """Whether one of the event's figures counts people killed."""
    figures = {f["id"]: f for f in briefing.get("figures") or []}
    return any((figures.get(fid) or {}).get("event") == "killed" for fid in event.get("figures") or [])


def release_label(briefing: dict) -> frozenset[str]:
    events = briefing.get("events") or []
    types = {e["type"] for e in events}
    detained = bool(types & DETAINING)
    killed = bool(types & KILLING) or any(
        e["type"] in TOLL_EVENTS and killed_toll(briefing, e) for e in events)
    if "airstrike" in types:
        return frozenset({"airstrike", "detention"} if detained else {"airstrike"})
    if detained and killed:
        return frozenset({"captureandkill"})
    if killed:
        return frozenset({"insurgentskilled"})
    return frozenset({"detention"}) if detained else frozenset()


def gold_label(row: dict) -> frozenset[str]:
    return frozenset(part for value in row.get("event_type") or [] for part in value.split(";") if part)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("briefings")
    ap.add_argument("--gold", default=GOLD)
    args = ap.parse_args()
    ours = {}
    with open(args.briefings, encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                briefing = json.loads(line)
                ours[os.path.basename(str(briefing.get("source_file", "")))] = briefing
    confusion: collections.Counter = collections.Counter()
    right = total = 0
    with open(args.gold, encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            row = json.loads(line)
            want = gold_label(row)
            got = release_label(ours.get(row["file"]) or {})
            total += 1
            right += got == want
            confusion[("+".join(sorted(want)) or "-", "+".join(sorted(got)) or "-")] += 1
    print(f"event type: {right / total if total else 0:.3f} ({right}/{total}) releases whose label is right")
    for (want, got), count in sorted(confusion.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {count:4d}  gold {want:<28} ours {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
