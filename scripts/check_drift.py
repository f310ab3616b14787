"""Drift check: does generated/ match what the committed spec generates?

Exit codes: 0 no drift, 1 drift (files listed, first diffs shown), 2 the check could not run.
`--summary` prints how many operations the spec has at each evidence level instead.
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts._codegen import GENERATED, PACKAGE, SPEC, CodegenError, generate

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
MAX_DIFFS = 3
MAX_DIFF_LINES = 60


def tree_files(root: Path) -> set[str]:
    """Relative paths of every file below root (caches excluded)."""
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def compare_trees(expected: Path, actual: Path) -> tuple[list[str], list[str], list[str]]:
    """Return (missing from actual, extra in actual, differing) relative paths, sorted."""
    want, have = tree_files(expected), tree_files(actual)
    differing = [
        rel
        for rel in sorted(want & have)
        if not filecmp.cmp(expected / rel, actual / rel, shallow=False)
    ]
    return sorted(want - have), sorted(have - want), differing


def unified(expected: Path, actual: Path, rel: str) -> str:
    a = (expected / rel).read_text(errors="replace").splitlines(keepends=True)
    b = (actual / rel).read_text(errors="replace").splitlines(keepends=True)
    lines = list(difflib.unified_diff(a, b, f"spec generates/{rel}", f"generated/{rel}"))
    if len(lines) > MAX_DIFF_LINES:
        lines = [*lines[:MAX_DIFF_LINES], f"... ({len(lines) - MAX_DIFF_LINES} more lines)\n"]
    return "".join(lines)


def check_generated(spec: Path = SPEC, generated: Path = GENERATED / PACKAGE) -> list[str]:
    """Regenerate `spec` to a scratch folder; return report lines (empty when all agree)."""
    with tempfile.TemporaryDirectory(prefix="peerclick-drift-") as scratch:
        fresh = Path(scratch) / PACKAGE
        generate(spec, fresh)
        if not generated.is_dir():
            return [f"{generated} does not exist; run `make regenerate`"]
        missing, extra, differing = compare_trees(fresh, generated)
        if not (missing or extra or differing):
            return []
        out = [f"generated/{PACKAGE} does not match {spec.name}; run `make regenerate`."]
        out += [f"  missing: {rel}" for rel in missing]
        out += [f"  extra:   {rel}" for rel in extra]
        out += [f"  differs: {rel}" for rel in differing]
        out += [unified(fresh, generated, rel) for rel in differing[:MAX_DIFFS]]
        return out


def operations(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(METHOD, path, operation) for every operation in an OpenAPI document."""
    return [
        (method.upper(), path, op)
        for path, item in (doc.get("paths") or {}).items()
        for method, op in item.items()
        if method in HTTP_METHODS and isinstance(op, dict)
    ]


def evidence_summary(spec: Path = SPEC) -> list[str]:
    """One line per evidence level with its operation count, plus any operation lacking one."""
    doc = yaml.safe_load(spec.read_text())
    ops = operations(doc)
    counts = Counter(op.get("x-evidence", "MISSING") for _, _, op in ops)
    lines = [f"{len(ops)} operations in {spec.name}"]
    for level in ("observed", "documented", "analogy", "guess"):
        lines.append(f"  {level:<10} {counts.pop(level, 0)}")
    for level, n in sorted(counts.items()):
        lines.append(f"  {level:<10} {n}  <- not a known evidence level")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", type=Path, default=SPEC)
    parser.add_argument("--generated", type=Path, default=GENERATED / PACKAGE)
    parser.add_argument("--summary", action="store_true", help="count operations per evidence level")
    args = parser.parse_args(argv)
    if args.summary:
        print("\n".join(evidence_summary(args.spec)))
        return 0
    try:
        report = check_generated(args.spec, args.generated)
    except CodegenError as exc:
        print(f"drift: {exc}", file=sys.stderr)
        return 2
    if report:
        print("\n".join(report))
        return 1
    print(f"no drift: generated/{PACKAGE} matches {args.spec.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
