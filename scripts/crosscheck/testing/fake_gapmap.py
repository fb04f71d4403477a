#!/usr/bin/env python3
"""A stand-in for `gapmap analyze ... --json`, to test compare.py before the
Swift binary exists: it runs the reference analysis and prints its JSON.

Environment, to provoke failures:
  FAKE_GAPMAP_PERTURB="REGION_ID:FIELD:FACTOR[,...]"  multiply a region's field
  FAKE_GAPMAP_PERTURB="layer=NAME:FIELD:DELTA"          add DELTA to a layer count
  FAKE_GAPMAP_FAIL=1                                    exit 1 with a message
"""

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import reference_analysis  # noqa: E402


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] != "analyze":
        print("usage: fake_gapmap.py analyze [options]", file=sys.stderr)
        return 64
    parser = argparse.ArgumentParser(prog="fake_gapmap.py analyze")
    reference_analysis.add_run_arguments(parser)
    parser.add_argument("--out")
    parser.add_argument("--format")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--event-type", action="append")  # compare.py passes --event-type all, as the reference counts
    args = parser.parse_args(sys.argv[2:])
    if os.environ.get("FAKE_GAPMAP_FAIL"):
        print("error: fake failure requested", file=sys.stderr)
        return 1
    result = reference_analysis.run(args)
    rows = {row["region_id"]: row for row in result["regions"]}
    for item in filter(None, os.environ.get("FAKE_GAPMAP_PERTURB", "").split(",")):
        target, field, amount = item.split(":")
        if target.startswith("layer="):
            result["layers"][target[6:]][field] += int(amount)
        else:
            rows[target][field] *= float(amount)
    result["summary"] = {"note": "fake gapmap"}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
