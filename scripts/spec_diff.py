"""What changed between two OpenAPI 3 documents, and does it break this client?

Compares operations (added, removed, moved), their parameters, request and response bodies
(`$ref`s resolved, nested objects and arrays followed to MAX_DEPTH), closed `enum`s and open
`x-known-values`, security and servers. Each change is marked breaking when the client generated
from the old spec, or the facade written against it, can fail with the new one: a removed operation,
parameter or field, a retyped field, a newly required input, a new closed-enum value in a response
(the generated code rejects unknown enum values), a new security requirement, a lost server. Added
optional inputs, added operations and added response fields are not.

Usage: python scripts/spec_diff.py OLD NEW [--json] [--facade DIR]
Exit codes: 0 no drift, 1 breaking drift, 3 non-breaking drift only, 2 the check could not run.
(`scripts/check_drift.py --against FILE|URL` and `--live` use the same report.)

The differ itself is `peerclick._specdiff` (in the package, so `peerclick spec diff` has it where
scripts/ is not installed); this script adds what only a checkout has: the generated module names
(from openapi-python-client) and the facade methods using them (scripts/facade_map.py).

Why not a library: the maintained OpenAPI differs are oasdiff (Go) and Optic (Node), neither on
PyPI; the PyPI ones we looked at (openapispecdiff, api-schema-diff, schemawatch, ...) are small,
young or abandoned. None knows this client's rules (which way a field travels, closed enums breaking
the generated parser, which facade method imports which operation module), and deepdiff, though
well kept, diffs raw trees without resolving `$ref`s, so a change to a shared schema would not be
tied to the operations it affects. This module is that one job, and the tests pin it down.
"""

from __future__ import annotations

import argparse
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
    usage_by_module,
)

__all__ = [
    "BREAKING",
    "CANNOT_RUN",
    "NON_BREAKING",
    "NO_DRIFT",
    "Change",
    "CsvParam",
    "csv_array_params",
    "diff_specs",
    "exit_code",
    "render_json",
    "render_text",
    "usage_by_module",
]

Doc = dict[str, Any]


def diff_specs(old: Doc, new: Doc, facade: dict[str, list[str]] | None = None) -> list[Change]:
    """Every change from `old` to `new`, breaking ones first, with generated module names.

    `facade` maps "tag_module.operation_module" (as generated from `old`) to the facade methods
    using it; see scripts/facade_map.py.
    """
    from scripts.facade_map import operation_modules

    return _specdiff.diff_specs(old, new, facade, operation_modules(old))


def load_spec(path: Path) -> Doc:
    """Read a JSON or YAML spec file."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(doc, dict) or not ("openapi" in doc or "swagger" in doc):
        raise ValueError(f"{path} is not an OpenAPI document")
    return doc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--facade", type=Path, help="facade package to name touched methods from")
    args = parser.parse_args(argv)
    try:
        old, new = load_spec(args.old), load_spec(args.new)
        usage = {}
        if args.facade:
            from scripts.facade_map import facade_usage

            usage = usage_by_module(facade_usage(args.facade))
    except (OSError, ValueError, yaml.YAMLError) as exc:
        print(f"spec_diff: {exc}", file=sys.stderr)
        return CANNOT_RUN
    changes = diff_specs(old, new, usage)
    render = render_json if args.json else render_text
    print(render(changes, str(args.old), str(args.new)))
    return exit_code(changes)


if __name__ == "__main__":
    raise SystemExit(main())
