"""What changed between two OpenAPI 3 documents, and does it break this client?

Usage: python scripts/spec_diff.py OLD NEW [--json] [--facade-map FILE]
Exit codes: 0 no drift, 1 breaking drift, 3 non-breaking drift only, 2 the check could not run.
(`scripts/check_drift.py --against FILE|URL` and `--live` use the same report.)

The differ itself is `peerclick._specdiff` (in the package, so `peerclick spec diff` has it where
scripts/ is not installed); this script adds what only a checkout has: the generated module names
and the facade methods calling each operation (scripts/facade_map.py).

Why not api-smart-diff (npm, pinned in scripts/package.json, run by scripts/smart_diff.mjs): on the
32 cases of tests/scripts/test_smart_diff.py it classified 7 wrong (SMART_DIFF_WRONG below):
- missed: a parameter retyped integer -> string (called non-breaking), a parameter's
  `explode: false` (an annotation; the generator then sends the array wrongly), a response field
  removed and a request field removed (non-breaking: it does not know which way a field travels),
  a server variable losing the value the client uses (an annotation);
- false alarms: a request field widened from integer to number (safe to send), and properties
  moved into an `allOf` member (no change to the wire at all).
Four more it got right only through the copy of the schema under components/, while it called the
change non-breaking where the operation uses it (a response field retyped, widened, given a typed
format, made nullable), and it calls a merely added security scheme breaking. Ours gets all 32
right and names the operations and facade methods, so `make drift` keeps ours; the test reruns the
comparison, so an api-smart-diff that catches up fails it and says so.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from peerclick import _specdiff
from peerclick._specdiff import (
    BREAKING,
    CANNOT_RUN,
    NO_DRIFT,
    NON_BREAKING,
    Change,
    CsvParam,
    csv_array_params,
    exit_code,
    render_json,
    render_text,
)
from scripts._spec import load_spec

__all__ = [
    "BREAKING",
    "CANNOT_RUN",
    "NON_BREAKING",
    "NO_DRIFT",
    "SMART_DIFF_WRONG",
    "Change",
    "CsvParam",
    "csv_array_params",
    "diff_specs",
    "exit_code",
    "load_spec",
    "render_json",
    "render_text",
    "smart_diff",
]

Doc = dict[str, Any]
HERE = Path(__file__).resolve().parent
SMART_DIFF = HERE / "node_modules" / "api-smart-diff" / "package.json"
# The cases (tests/scripts/test_smart_diff.py) api-smart-diff 1.0.6 classifies wrongly.
SMART_DIFF_WRONG = {
    "param-retyped": "missed",
    "param-csv": "missed",
    "response-field-removed": "missed",
    "request-field-removed": "missed",
    "request-int-widened-to-number": "false alarm",
    "allof-split-no-change": "false alarm",
    "server-version-dropped": "missed",
}


def diff_specs(old: Doc, new: Doc, facade: dict[str, list[str]] | None = None) -> list[Change]:
    """Every change from `old` to `new`, breaking ones first, with generated module names.

    `facade` maps an operationId to the facade methods calling it (scripts/facade_map.py).
    """
    from scripts.facade_map import operation_modules

    return _specdiff.diff_specs(old, new, facade, operation_modules(old))


def smart_diff(pairs: list[tuple[Doc, Doc]]) -> list[list[dict[str, Any]]]:
    """api-smart-diff's classified changes for each (old, new) pair: one Node run for them all."""
    proc = subprocess.run(
        ["node", str(HERE / "smart_diff.mjs")],
        input=json.dumps(pairs),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result: list[list[dict[str, Any]]] = json.loads(proc.stdout)
    return result


def main(argv: list[str] | None = None) -> int:
    from scripts.facade_map import FACADE, by_operation, load_calls

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--facade-map", type=Path, default=FACADE, help="recorded facade calls")
    args = parser.parse_args(argv)
    try:
        old, new = load_spec(args.old), load_spec(args.new)
        usage = by_operation(load_calls(args.facade_map))
    except (OSError, ValueError, yaml.YAMLError) as exc:
        print(f"spec_diff: {exc}", file=sys.stderr)
        return CANNOT_RUN
    changes = diff_specs(old, new, usage)
    render = render_json if args.json else render_text
    print(render(changes, str(args.old), str(args.new)))
    return exit_code(changes)


if __name__ == "__main__":
    raise SystemExit(main())
