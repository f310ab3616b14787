"""Drift checks: the committed code against the committed spec, and the spec against another one.

Without --against/--live: does generated/ match what the committed spec generates, and is every
operation the facade calls (as the contract suite recorded it: scripts/facade_map.json) in that
spec?
Exit codes: 0 no drift, 1 drift (files or operations listed, first diffs shown), 2 could not run.

With --against FILE|URL (a spec file, or a spec's URL pulled like `make pull-spec --url`) or --live
(the vendor's spec found through the docs site): how does that spec differ from --spec, and which
facade methods does each breaking change touch? Text for people, --json for machines (see
scripts/spec_diff.py). Exit codes: 0 no drift, 1 breaking drift, 3 non-breaking drift only,
2 the check could not run.

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

from scripts import _spec
from scripts._codegen import GENERATED, PACKAGE, SPEC, CodegenError, generate
from scripts.facade_map import FACADE

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
    """(METHOD, path, operation) triples of `scripts._spec.operations`, as the tests unpack them."""
    return [(o.method, o.path, o.op) for o in _spec.operations(doc)]


def evidence_summary(spec: Path = SPEC) -> list[str]:
    """One line per evidence level with its operation count, plus any operation lacking one."""
    ops = operations(_spec.load_spec(spec))
    counts = Counter(op.get("x-evidence", "MISSING") for _, _, op in ops)
    lines = [f"{len(ops)} operations in {spec.name}"]
    for level in ("observed", "documented", "analogy", "guess"):
        lines.append(f"  {level:<10} {counts.pop(level, 0)}")
    for level, n in sorted(counts.items()):
        lines.append(f"  {level:<10} {n}  <- not a known evidence level")
    return lines


def check_facade(spec: Path = SPEC, facade: Path = FACADE) -> list[str]:
    """Report lines for operations the facade calls (recorded in `facade`) that `spec` lacks."""
    from scripts.facade_map import missing_operations

    return [
        f"facade calls {op}, which {spec.name} does not have: {', '.join(methods)}"
        for op, methods in missing_operations(facade, _spec.load_spec(spec)).items()
    ]


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def load_other_spec(
    against: str | None, live: bool, source: str, overlay: Path
) -> tuple[dict[str, Any], str]:
    """The spec to compare with, and a label for it.

    A URL (or --live) goes through the whole pull pipeline in memory (conversion, overlay,
    normalisation), so it compares like with like; a file is read as it is (Swagger 2.0 converted).
    """
    from scripts import pull_spec

    if live or (against and _is_url(against)):
        pulled = pull_spec.pull(source=source, url=None if live else against, overlay_path=overlay)
        return pulled.doc, ", ".join(raw.url for raw in pulled.raws)
    assert against is not None
    doc = _spec.load_spec(Path(against))
    if str(doc.get("swagger")) == "2.0":
        doc = pull_spec.convert_swagger2(doc, against)
    return doc, against


def spec_drift(args: argparse.Namespace) -> int:
    """`--against`/`--live`: print the drift report; return 0, 1 (breaking), 3 (harmless) or 2."""
    from scripts.facade_map import by_operation, load_calls
    from scripts.pull_spec import PullError
    from scripts.spec_diff import diff_specs, exit_code, render_json, render_text

    try:
        old = _spec.load_spec(args.spec)
        overlay = args.spec.parent / "overlay.yaml"
        new, label = load_other_spec(args.against, args.live, args.source, overlay)
        usage = by_operation(load_calls(args.facade))
    except (OSError, ValueError, yaml.YAMLError, PullError, CodegenError) as exc:
        print(f"drift: could not compare: {exc}", file=sys.stderr)
        return 2
    changes = diff_specs(old, new, usage)
    render = render_json if args.json else render_text
    print(render(changes, str(args.spec), label))
    return exit_code(changes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", type=Path, default=SPEC)
    parser.add_argument("--generated", type=Path, default=GENERATED / PACKAGE)
    parser.add_argument(
        "--facade", type=Path, default=FACADE, help="the facade's recorded calls (JSON)"
    )
    parser.add_argument(
        "--summary", action="store_true", help="count operations per evidence level"
    )
    other = parser.add_mutually_exclusive_group()
    other.add_argument("--against", metavar="FILE|URL", help="compare --spec with this spec")
    other.add_argument("--live", action="store_true", help="compare with the vendor's spec")
    parser.add_argument("--source", default="https://developers.peerclick.com/", help="for --live")
    parser.add_argument("--json", action="store_true", help="with --against/--live: JSON report")
    args = parser.parse_args(argv)
    if args.summary:
        print("\n".join(evidence_summary(args.spec)))
        return 0
    if args.against or args.live:
        return spec_drift(args)
    try:
        report = check_generated(args.spec, args.generated)
        report += check_facade(args.spec, args.facade)
    except (CodegenError, OSError, yaml.YAMLError) as exc:
        print(f"drift: {exc}", file=sys.stderr)
        return 2
    if report:
        print("\n".join(report))
        return 1
    print(f"no drift: generated/{PACKAGE} and the facade match {args.spec.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
