#!/usr/bin/env bash
# Figures on the ISAF press releases (dev half), beside the scorer's regex baseline, checked
# against the targets of issue 4. Run from anywhere:
#   benchmarks/isaf.sh            # table, exit 1 when a target is missed
#   benchmarks/isaf.sh --json     # the scorer's JSON only
# Targets: killed and detained accuracy >= 0.85 on "explicit", >= 0.60 on "nonzero",
# >= 0.97 on "zero".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scorer=../shared/tools/isaf_score.sh
[ -x "$scorer" ] || { echo "isaf.sh: $scorer not found (shared/ must sit beside the project)" >&2; exit 2; }
if [ "${1:-}" = "--json" ]; then
    exec "$scorer" --json
fi
json=$("$scorer" --json)
python3 - "$json" <<'PY'
import json, sys
targets = {"explicit": 0.85, "nonzero": 0.60, "zero": 0.97}
data = json.loads(sys.argv[1])
missed = 0
for key, subsets in data["results"].items():
    for subset, r in subsets.items():
        ok = r["accuracy"] >= targets[subset]
        missed += not ok
        print(f"{key:9s} {subset:9s} n={r['n']:4d}  ours {r['accuracy']:.3f}  "
              f"baseline {r['baseline_accuracy']:.3f}  target {targets[subset]:.2f}  {'ok' if ok else 'MISSED'}")
print(f"missing briefings: {data['missing_briefings']}")
sys.exit(1 if missed or data["missing_briefings"] else 0)
PY
