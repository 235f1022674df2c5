#!/usr/bin/env bash
# Figures on the ISAF press releases (dev half), beside the scorer's regex baseline, checked
# against the targets of issues 4 and 11, on all the releases and on each half of them (the
# first and the second half by file name: rules that hold on one half only are fitted to it).
# Run from anywhere:
#   benchmarks/isaf.sh                      # table, exit 1 when a target is missed
#   benchmarks/isaf.sh --json               # the scorer's JSON only (all releases)
#   benchmarks/isaf.sh --briefings FILE     # score briefings extracted before (JSON lines)
# Targets: killed and detained accuracy >= 0.90 on "explicit", >= 0.60 on "nonzero", >= 0.97 on
# "zero", on all the releases and on each half.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scorer=../shared/tools/isaf_score.sh
data=${ISAF_DIR:-../shared/data/isaf}
[ -x "$scorer" ] || { echo "isaf.sh: $scorer not found (shared/ must sit beside the project)" >&2; exit 2; }
if [ "${1:-}" = "--json" ]; then
    exec "$scorer" --json
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if [ "${1:-}" = "--briefings" ]; then
    cp "$2" "$tmp/briefings.jsonl"
else
    .venv/bin/python -m generator extract "$data"/dev/*.txt --jsonl > "$tmp/briefings.jsonl"
fi
# the two halves of the annotated releases, by file name
sort "$data/dev-gold.jsonl" | grep . > "$tmp/all.jsonl"
half=$(( ($(wc -l < "$tmp/all.jsonl") + 1) / 2 ))
head -n "$half" "$tmp/all.jsonl" > "$tmp/first.jsonl"
tail -n "+$((half + 1))" "$tmp/all.jsonl" > "$tmp/second.jsonl"
for part in all first second; do
    python3 ../shared/tools/isaf_eval.py "$tmp/briefings.jsonl" --gold "$tmp/$part.jsonl" \
        --texts "$data/dev" --json > "$tmp/$part.json"
done
python3 - "$tmp" <<'PY'
import json, sys
targets = {"explicit": 0.90, "nonzero": 0.60, "zero": 0.97}
folder = sys.argv[1]
missed = 0
for part in ("all", "first", "second"):
    data = json.load(open(f"{folder}/{part}.json"))
    for key, subsets in data["results"].items():
        for subset, r in subsets.items():
            ok = r["accuracy"] >= targets[subset]
            missed += not ok
            print(f"{part:6s} {key:9s} {subset:9s} n={r['n']:4d}  ours {r['accuracy']:.3f}  "
                  f"baseline {r['baseline_accuracy']:.3f}  target {targets[subset]:.2f}  {'ok' if ok else 'MISSED'}")
    missed += bool(data["missing_briefings"])
    print(f"{part:6s} missing briefings: {data['missing_briefings']}")
sys.exit(1 if missed else 0)
PY
